"""What the documents' words tell about a question (`app/corpus_words.py`), against the real corpus: every fact is read
from the index and the manifest, none written here."""

from __future__ import annotations

from strategiqa.app.engine import Engine


def test_the_vocabulary_holds_the_documents_words_and_their_och_abbreviations(real_engine: Engine) -> None:
    words = real_engine.words
    some_word = next(w.lower() for w in real_engine.index.documents[0].text.split() if w.isalpha() and len(w) > 6)
    assert some_word in words.vocabulary
    assert "fou" in words.vocabulary  # "forskning och utveckling"
    assert words.vocabulary <= words.known_names


def test_places_and_title_words_come_from_the_manifest(real_engine: Engine) -> None:
    words = real_engine.words
    places = {w.lower() for d in real_engine.index.documents for p in d.info.places for w in p.split()}
    assert words.places == frozenset(places)
    for document in real_engine.index.documents:
        long_words = [w.lower() for w in document.info.short_title.split() if len(w) >= 4 and w.isalpha()]
        assert any(w in words.title_words for w in long_words)


def test_a_term_the_documents_never_use_is_foreign_and_one_of_theirs_inflected_is_not(real_engine: Engine) -> None:
    words = real_engine.words
    assert words.foreign_term("högkostnadsskyddet")
    assert not words.foreign_term("primärvården")  # the documents write "primärvård"
    assert not words.foreign_term("praktiken")  # an ordinary word of the language
