"""Questions typed without the documents' accented letters, read with them.

On a keyboard without å, ä and ö people write "Hur manga foretag finns i regionen?". Every later step matches
words exactly (BM25 stems, names the question gives, places that route it), so a word missing its accents is a
word the documents never use: the question is refused for naming something they lack, or misses its passages. A
word the documents do not use, whose accent-free form is that of exactly one word they do use, is read as that
word. Nothing else is changed: a word the documents use as it is, a word whose accent-free form stands for two of
theirs ("ar": "år" or "är"), a word shorter than five letters (short words are often words of their own without the
accents: "satt" is not "sätt"), questions that use accented letters anywhere (typed on a keyboard that has them: a
word without accents there is meant so, "saker" is not "säker") and questions in English are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+")
_SHORTEST = 5


def without_accents(word: str) -> str:
    """``word`` with its letters' diacritics taken off ("företag" → "foretag")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Accents:
    """The documents' accented words by their accent-free form (see the module's docstring)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        words = {w.lower() for w in vocabulary}
        forms: dict[str, set[str]] = defaultdict(set)
        for word in words:
            bare = without_accents(word)
            if bare != word:
                forms[bare].add(word)
        self._known = frozenset(words)
        self._accented = {
            bare: next(iter(ws))
            for bare, ws in forms.items()
            if len(ws) == 1 and bare not in words and len(bare) >= _SHORTEST
        }

    def restore(self, text: str) -> str:
        """``text`` with each word the documents lack read as the one accented word they use for it; ``text`` as it
        is when it has an accented letter anywhere."""
        if without_accents(text) != text:
            return text
        return _WORD.sub(self._word, text)

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.lower()
        if key in self._known:
            return word
        accented = self._accented.get(key)
        if accented is None:
            return word
        if word.isupper() and len(word) > 1:
            return accented.upper()
        return accented[0].upper() + accented[1:] if word[0].isupper() else accented
