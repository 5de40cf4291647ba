"""Swedish compounds for lexical search: *hälsodata* also counts as *hälso* + *data*.

Swedish writes compounds as one word, so a question about *kompetensförsörjning* shares no BM25
term with a passage about *kompetens* and *försörjning*, and *hälsodata* none with *hälso- och
vårddata*. A compound is split into a head and a tail that both occur as words in the indexed
passages (the head may end in the linking *s*: *forsknings|infrastruktur*), so the split needs no
dictionary and adapts to any corpus; the parts are added to the word, never replace it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .text import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class CompoundSplitter:
    """Splits a word into two parts that are both words of the corpus, or leaves it whole."""

    def __init__(self, words: Iterable[str], min_part: int = 4, min_word: int = 9) -> None:
        self.words = frozenset(w for w in words if len(w) >= min_part and w not in STOP_WORDS)
        self.min_part = min_part
        self.min_word = min_word
        self.parts = lru_cache(maxsize=65536)(self._parts)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CompoundSplitter:
        return cls(w for text in texts for w in _WORD.findall(text.lower()))

    def _parts(self, word: str) -> tuple[str, ...]:
        """``("hälso", "data")`` for *hälsodata*; ``()`` when no split into two corpus words exists.
        The shortest head wins (*kompetens|försörjning*, not a rarer longer head)."""
        if len(word) < self.min_word:
            return ()
        for cut in range(self.min_part, len(word) - self.min_part + 1):
            head, tail = word[:cut], word[cut:]
            if tail not in self.words:
                continue
            if head in self.words:
                return head, tail
            if head.endswith("s") and head[:-1] in self.words:  # the linking s: forsknings|infrastruktur
                return head[:-1], tail
        return ()
