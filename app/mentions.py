"""Whether a document writes a name a question asks about: "Nämns <a university> i strategin?", "Does the agenda
mention <a company>?", "Vad säger den nationella strategin om <a hospital only the agenda names>?".

A bare name's vector is far from every sentence, so the similarity gate refuses such questions even when the document
names it; its letters, though, are exact. Asked whether a document mentions a name, the sentences writing it answer
(quoted where they stand). A question naming one document and a name only another one writes is refused by saying
exactly that, with the other document's sentence: an official checking a citation learns where it is. Asked whether
they mention a name no document writes, the answer says so; otherwise such a name is left to the ordinary answer
(which says the same, with what they say nearby). Not when the asker chose the documents (the API's ``docs``).
Generic in the language: the mention verbs below are Swedish and English; names and places come from the question's
analysis and the manifest.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.text import STOP_WORDS

from .answer import Answer
from .answer_sentences import quoted_sentences
from .followup import QUESTION_WORDS

ASKS_MENTION = re.compile(
    r"^\W*(?:(?:och|men|and|but|so)\s+)?(?:(?:om)?n[äa]mn(?:s|er)\b|"
    r"(?:does|do|did|is|are|was|were)\b(?:\s+[^\s?]+){0,8}?\s+mention(?:s|ed)?\b)",
    re.IGNORECASE,
)
"""Asking whether a document mentions something, yes or no: "Nämns X i strategin?", "Nämner agendan X?", "Does the
agenda mention X?", "Is X mentioned …?" (not "Vilka X nämns …?", which asks for a list)."""


@dataclass(frozen=True)
class Mentions:
    """Where the documents write one name."""

    name: str
    asked: tuple[tuple[int, int], ...]
    """(passage, sentence) positions of the sentences writing it in the documents asked about, in index order."""
    in_asked: bool
    """Whether the documents asked about write it anywhere (a heading too: "4. Integrering av …"), or, asked in another
    language, a word spelt nearly as it is (a place's name in the documents' language for its English name)."""
    elsewhere: tuple[tuple[int, int], ...]
    """... the sentences writing it in the other documents (the first per document)."""


def find_mentions(
    index: LoadedIndex,
    name: str,
    documents: set[str],
    asked_texts: Sequence[str],
    asked_words: frozenset[str],
    across_languages: bool,
) -> Mentions:
    """Where the documents write ``name``: each of its words opening a word ("<Name>" in "<Name> tekniska högskola", a
    city in its genitive, "<City>s universitet"), capitalised as the question writes it; an initialism as a whole word
    ("ABC", "ABC:s", "ABC-medel", "Abc IV" for "ABC IV"; not "Abcdef"). ``asked_words``: the lower-cased words of the
    documents asked about; ``across_languages``: the question is in another language than theirs (a name may be spelt
    otherwise there)."""
    words = [w for w in re.findall(r"[^\W_]+", name) if len(w) >= 2]
    if not words:
        return Mentions(name, (), True, ())
    # Written as a name, it is matched as one ("Park" is not "science parks"); typed in lower case, in any case.
    patterns = [
        re.compile(rf"(?<![\w-]){re.escape(w)}(?![^\W\d_])", re.IGNORECASE)
        if w.isupper()
        else re.compile(rf"(?<![\w-]){re.escape(w)}", 0 if w[0].isupper() else re.IGNORECASE)
        for w in words
    ]

    def writes(text: str) -> bool:
        return all(p.search(text) for p in patterns)

    asked: list[tuple[int, int]] = []
    elsewhere: dict[str, tuple[int, int]] = {}
    for i, passage in enumerate(index.passages):
        for j, sentence in enumerate(passage.sentence_texts()):
            if not writes(sentence):
                continue
            if passage.doc_id in documents:
                asked.append((i, j))
            else:
                elsewhere.setdefault(passage.doc_id, (i, j))
    # Saying a document does not write a name must be sure: its headings count, and across languages a word of its
    # as long, within a letter, opening with the same four letters is the name spelt otherwise (a continent's English
    # and Swedish names; "vetenskaplig" is not "<Vetenskaps…>rådet"). In the documents' own language the letters
    # decide (a region's Swedish name is not an English company name that opens like it).
    in_asked = (
        bool(asked)
        or any(writes(t) for t in asked_texts)
        or (across_languages and all(_spelt_alike(w, asked_words) for w in words))
    )
    return Mentions(name, tuple(asked), in_asked, tuple(sorted(elsewhere.values())))


def written_otherwise(name: str, words: frozenset[str], across_languages: bool, slip: float) -> bool:
    """Whether each word of ``name`` is a word of ``words`` (the documents', lower-cased) mistyped (a ``slip``: difflib
    ratio, a surname missing a letter) or, asked in another language, spelt nearly as it (an EU programme's English name
    for its Swedish one): before saying no document mentions a name, it must not be theirs in another form (a name
    with an English word they never use is not)."""
    keys = [w.lower() for w in re.findall(r"[^\W_]+", name) if len(w) >= 2]
    return bool(keys) and all(
        k in words
        or (across_languages and _spelt_alike(k, words))
        or bool(difflib.get_close_matches(k, words, n=1, cutoff=slip))
        for k in keys
    )


def _spelt_alike(word: str, words: frozenset[str]) -> bool:
    key = word.lower()
    return key in words or any(
        w.startswith(key[:_SPELT_ALIKE]) and abs(len(w) - len(key)) <= 1 for w in words if len(key) >= _SPELT_ALIKE
    )


_SPELT_ALIKE = 4
"""Letters a name shares with its spelling in another language (a continent's English and Swedish names do; some
countries' share fewer)."""


def asked_places(question: str, places: Iterable[str]) -> list[str]:
    """The documents' places ``question`` writes, as it writes them, longest first and each once ("West <Country>", not
    also "<Country>"), except one naming a document ("the West <Country>ish agenda", "<Region>s agenda")."""
    found: list[tuple[int, int]] = []
    for place in sorted(places, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", question, re.IGNORECASE):
            inside = any(a <= m.start() < b or m.start() <= a < m.end() for a, b in found)
            if not inside and not _NAMES_A_DOCUMENT.match(question, m.end()):
                found.append((m.start(), m.end()))
    return [question[a:b] for a, b in sorted(found)]


_NAMES_A_DOCUMENT = re.compile(
    r"s?\s+(?:agenda\w*|strategi\w*|strategy\w*|plan\w*|dokument\w*|document\w*|program\w*)\b", re.IGNORECASE
)
"""After a place, a word for a document: the place names the document ("the <Region> agenda")."""


def other_words(topic: str, names: Iterable[str]) -> list[str]:
    """What a question about mentions asks about beyond the names (``topic``: its words without the documents' names
    and its question words): "Nämns kliniska prövningar och <a company> i strategin?" asks about trials too, "Does the
    strategy mention the EU's health data space?" about the data space."""
    text = topic
    for name in names:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?:['’]s|:s|s)?", " ", text, flags=re.IGNORECASE)
    return [
        w
        for w in re.findall(r"[^\W\d_]{3,}", text.lower())
        if w not in STOP_WORDS and w not in QUESTION_WORDS and not ASKS_MENTION.match(w) and w not in _FRAME
    ]


_FRAME = frozenset(
    "nämns nämner nämnt omnämns omnämner mention mentions mentioned något någonting alls överhuvudtaget "
    "anything something all också too also both dokumenten dokumentens documents texterna texten".split()
)
"""Words of a mention question that ask nothing of their own ("Nämner agendan *något* om X?")."""


def quote_mentions(positions: Sequence[tuple[int, int]], index: LoadedIndex, most: int = 3) -> Answer:
    """The sentences writing the names asked about (at most ``most``, in document order), quoted."""
    citations, parts = quoted_sentences(sorted(dict.fromkeys(positions))[:most], index)
    return Answer(" ".join(parts), False, citations, 1.0)


def not_there(mentions: Mentions, index: LoadedIndex, language: str, titles: dict[str, str], asked: str) -> Answer:
    """The refusal saying the document ``asked`` does not write the name, quoting the first sentence of another that
    does ("<Document> nämner inte X; det gör <other>: <quote> [1]")."""
    citations, parts = quoted_sentences(mentions.elsewhere[:1], index)
    other = titles[index.passages[mentions.elsewhere[0][0]].doc_id]
    name, quote = mentions.name, " ".join(parts)
    if language == "sv":
        text = f"{titles[asked]} nämner inte {name}; det gör {other}: {quote}"
    else:
        text = f"{titles[asked]} does not mention {name}; {other} does: {quote}"
    return Answer(text, True, citations, 0.0, "missing_fact", {"element": "name", "name": name, "elsewhere": other})


def not_mentioned(name: str, language: str) -> Answer:
    """The refusal saying no document writes the name."""
    text = f"Dokumenten nämner inte {name}." if language == "sv" else f"The documents do not mention {name}."
    return Answer(text, True, [], 0.0, "missing_fact", {"element": "name", "name": name})
