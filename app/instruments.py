"""Laws and regulations a question names, and whether the documents name them (Swedish and English).

A question about a named legal instrument ("the EU AI Act", "EU:s AI-förordning", "the Falsified Medicines Directive")
asks about that instrument. Its words are no check: "AI" and "EU" are words of any strategy about health technology,
so the name seems known though the documents never name the act. What they name is an instrument noun with its
object: "förordning om det europeiska hälsodataområdet (EHDS)", "de nya regelverken om medicinteknik", "<X> Act". A
question's instrument is theirs when a word of what it regulates (without "EU", "new" and the instrument noun) stands
in such a phrase of the documents: "EHDS-förordningen" is, "the EU AI Act" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["InstrumentNames", "instruments_named"]

_QUESTION_INSTRUMENT = re.compile(
    r"(?<![\w-])("
    # "the EU AI Act", "the Falsified Medicines Directive": capitalised words before the instrument noun.
    r"(?:(?:[A-ZÅÄÖ][\w’'-]*|EU:s|EU's)\s+){1,5}(?:Act|Directive|Regulation)"
    # "AI-förordningen", "EHDS-förordningen", "dataskyddsförordningen".
    r"|[\w:]+-(?:förordning|direktiv|lag)(?:en|et|ar|arna)?|[a-zåäö]{4,}(?:förordning|direktiv)(?:en|et|ar|arna)?"
    r")\b"
)
_DOCUMENT_INSTRUMENT = re.compile(
    r"\w*(?:förordning|direktiv|regelverk)\w*|lag|lagen|lagar|lagarna|acts?|regulations?|directives?", re.IGNORECASE
)
_INSTRUMENT_WORD = re.compile(r"(?:act|directive|regulation|förordning\w*|direktiv\w*|lag\w*)", re.IGNORECASE)
_GENERIC = frozenset("eu eu:s eu's the new nya".split())
"""Words of an instrument's name that say nothing of what it regulates."""
_WORD = re.compile(r"[^\W_]+")
_BEFORE, _AFTER = 3, 8
"""The words around an instrument noun of the documents that say which instrument it is."""
_LETTERS = 5
"""A word of a name is found by its first letters ("medical" in "medicinteknik"); a short one (an acronym) whole."""


def instruments_named(question: str) -> list[str]:
    """The legal instruments ``question`` names, as it writes them."""
    return [m.group(1) for m in _QUESTION_INSTRUMENT.finditer(question)]


class InstrumentNames:
    """The words standing around the instrument nouns of the documents' ``sentences`` (a phrase ends with its
    sentence): which instruments they name."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self._phrases: list[frozenset[str]] = []
        for sentence in sentences:
            words = [w.group(0).lower() for w in _WORD.finditer(sentence)]
            for i, word in enumerate(words):
                if _DOCUMENT_INSTRUMENT.fullmatch(word):
                    self._phrases.append(frozenset(words[max(0, i - _BEFORE) : i + _AFTER + 1]))

    def absent(self, question: str) -> tuple[str, ...]:
        """The instruments ``question`` names that no instrument phrase of the documents names."""
        return tuple(name for name in instruments_named(question) if not self._names(_regulated(name)))

    def _names(self, words: list[str]) -> bool:
        if not words:
            return True  # nothing but "the EU regulation": no name to check
        return any(
            any(w == s if len(w) < _LETTERS else s.startswith(w[:_LETTERS]) for s in phrase)
            for phrase in self._phrases
            for w in words
        )


def _regulated(name: str) -> list[str]:
    """The words of an instrument's name saying what it regulates: "EU AI Act" → ["ai"], "EHDS-förordningen" →
    ["ehds"], "dataskyddsförordningen" → ["dataskydds"]."""
    out = []
    for piece in _WORD.findall(name.replace(":s", "")):
        low = piece.lower()
        if low in _GENERIC or _INSTRUMENT_WORD.fullmatch(low):
            continue
        compound = re.match(r"(\w+?)(?:förordning|direktiv)\w*$", low)
        out.append(compound.group(1) if compound else low)
    return out
