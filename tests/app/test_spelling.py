"""Questions typed without the documents' accents are read with them."""

from __future__ import annotations

from strategiqa.app.engine import Engine
from strategiqa.app.spelling import Accents, without_accents


def test_a_word_the_documents_lack_is_read_as_their_one_accented_word() -> None:
    accents = Accents(
        ["företag", "Västsverige", "år", "är", "kliniska", "för", "for", "sätt", "säker", "såker", "kliniskä"]
    )
    assert accents.restore("Hur manga foretag finns i Vastsverige?") == "Hur manga företag finns i Västsverige?"
    # Two accented words share "ar": neither is guessed. A word the documents use as typed stays.
    assert accents.restore("varje ar") == "varje ar"
    assert accents.restore("kliniska for") == "kliniska for"
    assert accents.restore("Vem har satt sitt namn under?") == "Vem har satt sitt namn under?"  # "satt", a word
    assert accents.restore("FORETAG") == "FÖRETAG"
    assert accents.restore("osaker saker") == "osaker saker"  # "säker" or "såker": two words, neither guessed
    assert accents.restore("kliniska") == "kliniska"  # a word the documents use as typed
    # A question with an accented letter was typed on a keyboard that has them: its plain words are meant so.
    assert accents.restore("Vilka foretag är störst?") == "Vilka foretag är störst?"
    assert without_accents("Västra Götaland") == "Vastra Gotaland"


def test_a_question_without_accents_is_answered_as_with_them(real_engine: Engine) -> None:
    typed = real_engine.ask("Hur manga life science-bolag finns i Vastsverige?")
    accented = real_engine.ask("Hur många life science-bolag finns i Västsverige?")
    assert not typed["abstained"], typed["answer"]
    assert typed["question"] == "Hur manga life science-bolag finns i Vastsverige?"  # shown as typed
    assert [c["passage_id"] for c in typed["citations"]] == [c["passage_id"] for c in accented["citations"]]
    assert "600" in typed["answer"]


def test_an_english_question_is_left_as_it_is(real_engine: Engine) -> None:
    # "laser" is English here, not "läser" (a word of the documents) without its accent.
    assert real_engine.accents.restore("laser") == "läser"
    result = real_engine.search("What does the strategy say about laser surgery for clinical trials?")
    assert result.question == "What does the strategy say about laser surgery for clinical trials?"
