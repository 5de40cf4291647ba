"""Whether a document writes a name a question asks about: "Nämns Chalmers i strategin?", "Does the agenda mention
AstraZeneca?", "Vad säger den nationella strategin om <a hospital only the agenda names>?".

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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strategiqa.retrieval.index import LoadedIndex

from .answer import Answer, quoted_sentences

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
    """Whether the documents asked about write it anywhere (a heading too: "4. Integrering av …"), or a word starting
    as it does ("Europa" for "Europe")."""
    elsewhere: tuple[tuple[int, int], ...]
    """... the sentences writing it in the other documents (the first per document)."""


def find_mentions(index: LoadedIndex, name: str, documents: set[str], asked_words: frozenset[str]) -> Mentions:
    """Where the documents write ``name``: each of its words opening a word ("Chalmers" in "Chalmers tekniska
    högskola", "Göteborg" in "Göteborgs universitet"), capitalised as the question writes it; an initialism in capitals,
    ending there ("EU", "EU:s", "EU-medel"; not "Europa"). ``asked_words``: the lower-cased words of the documents
    asked about."""
    words = [w for w in re.findall(r"[^\W_]+", name) if len(w) >= 2]
    if not words:
        return Mentions(name, (), True, ())
    # Written as a name, it is matched as one ("Park" is not "science parks"); typed in lower case, in any case.
    patterns = [
        re.compile(rf"(?<![\w-]){re.escape(w)}(?![^\W\d_])")
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
    # Whether the documents asked about write it is read leniently: a name is spelt otherwise across languages
    # ("Europe", "Europa"), and saying a document does not write it must be sure. A word of theirs as long, within one
    # letter, opening with the same four letters is the name spelt otherwise; a longer one is another word
    # ("vetenskaplig" is not "Vetenskapsrådet").
    texts = [
        " ".join([d.text, *(s.title for s in d.all_sections())]) for d in index.documents if d.info.doc_id in documents
    ]
    in_asked = bool(asked) or any(writes(t) for t in texts) or all(_spelt_alike(w, asked_words) for w in words)
    return Mentions(name, tuple(asked), in_asked, tuple(sorted(elsewhere.values())))


def _spelt_alike(word: str, words: frozenset[str]) -> bool:
    key = word.lower()
    return key in words or any(
        w.startswith(key[:_SPELT_ALIKE]) and abs(len(w) - len(key)) <= 1 for w in words if len(key) >= _SPELT_ALIKE
    )


_SPELT_ALIKE = 4
"""Letters a name shares with its spelling in another language ("Europe", "Europa"; "Norway", "Norge" share fewer)."""


def asked_places(question: str, own: Iterable[str], others: Iterable[str]) -> list[str]:
    """The places of other documents (``others``) a question asking whether a document mentions something writes, as
    it writes them: "Nämner strategin Göteborg?" asks whether the strategy writes the agenda's city. The documents
    asked about name themselves by their own places (``own``: "the West Swedish agenda"), which are left out first."""
    text = question
    for place in sorted(own, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(place)}(?![\w-])", " ", text, flags=re.IGNORECASE)
    found: list[str] = []
    for place in sorted(others, key=len, reverse=True):
        written = re.search(rf"(?<![\w-]){re.escape(place)}", text, re.IGNORECASE)
        if written and not any(written.group(0).lower() in f.lower() for f in found):
            found.append(written.group(0))
    return found


def answer_mentions(
    found: Sequence[Mentions], index: LoadedIndex, language: str, titles: dict[str, str], asked: set[str], most: int = 3
) -> Answer | None:
    """For a question asking whether the documents ``asked`` mention names (each ``found``): the sentences writing any
    of them there (at most ``most``); else, asked of one document, the refusal saying it does not, quoting the first
    sentence of another that does; else the refusal saying no document does. None when nothing was asked about."""
    positions = [p for m in found for p in m.asked]
    if positions:
        citations, parts = quoted_sentences(sorted(dict.fromkeys(positions))[:most], index)
        return Answer(" ".join(parts), False, citations, 1.0)
    elsewhere = next((m for m in found if m.elsewhere and not m.in_asked), None)
    if elsewhere is not None and len(asked) == 1:
        return not_there(elsewhere, index, language, titles, next(iter(asked)))
    if not found or any(m.in_asked or m.elsewhere for m in found):
        return None
    name = found[0].name
    text = f"Dokumenten nämner inte {name}." if language == "sv" else f"The documents do not mention {name}."
    return Answer(text, True, [], 0.0, "missing_fact", {"element": "name", "name": name})


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
