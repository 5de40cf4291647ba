"""Initialisms of the names a document uses: a question may write a body the way people say it ("NTH" for a college the
text names in full), and the documents still name it.

Generic in the language: a name is a run of two to four words opening with a capital inside a sentence ("… och Norra
tekniska högskolan har …"), none of them a function word at either end; its initialism is the first letters of its
words. Only runs the document repeats inside sentences count: a sentence opens with a capital whatever its first word
is ("Regeringen anser …", "Den nationella …"), so openings say nothing of names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from strategiqa.retrieval.text import STOP_WORDS

MIN_WORDS = 2
MAX_WORDS = 4
MIN_OCCURRENCES = 2
"""A run must occur this often inside sentences of one document to be a name."""


def initialisms(texts: Iterable[str]) -> frozenset[str]:
    """The lower-cased initialisms of the names repeated in any of ``texts`` (one text per document)."""
    found: set[str] = set()
    for text in texts:
        counts: Counter[tuple[str, ...]] = Counter()
        for line in text.splitlines():
            for phrase in _PHRASE.finditer(line):  # a name does not run across punctuation
                words = list(_WORD.finditer(line, phrase.start(), phrase.end()))
                for i, first in enumerate(words):
                    if first.group(0)[0].isupper() and _INSIDE_SENTENCE.search(line, 0, first.start()):
                        counts.update(run for run in _runs([w.group(0) for w in words[i : i + MAX_WORDS]]))
        found.update("".join(w[0] for w in run).lower() for run, n in counts.items() if n >= MIN_OCCURRENCES)
    return frozenset(found)


def phrase_initials(phrases: Iterable[str]) -> frozenset[str]:
    """The lower-cased initials of phrases of two words or more: the corpus topic ("LS" for the phrase its titles
    share)."""
    return frozenset("".join(w[0] for w in p.split()).lower() for p in phrases if len(p.split()) >= MIN_WORDS)


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    """The runs opening ``words`` that may be names: every word capitalised ("Health Care"), or a genitive and what
    it owns ("<Place>s universitet"); no function word at either end. "<Place> finns goda förutsättningar" is a
    sentence."""
    found = []
    for size in range(MIN_WORDS, min(MAX_WORDS, len(words)) + 1):
        run = tuple(words[:size])
        named = all(w[0].isupper() for w in run) or (len(run[0]) >= 4 and run[0].endswith("s"))
        if named and run[0].lower() not in STOP_WORDS and run[-1].lower() not in STOP_WORDS:
            found.append(run)
    return found


_PHRASE = re.compile(r"[^,.;:!?()\[\]\"“”–—]+")
# A word of two letters or more, without digits; hyphens and apostrophes inside it ("life science-kontor").
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]+")
# What stands right before a word inside a sentence: a letter or a comma, then a space (not a sentence's or a heading's
# first word).
_INSIDE_SENTENCE = re.compile(r"(?:[^\W\d]|,)[ \t]$")
