"""Initialisms of the names a document uses: a question may write a body the way people say it ("GU" for a university
the text names in full), and the documents still name it.

Generic in the language: a name is a run of two to four words opening with a capital ("Göteborgs universitet",
"Chalmers tekniska högskola"); its initialism is the first letters of its words. Only runs the document repeats
count: a capitalised sentence opening that occurs once ("Genom utbildning …") names nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MIN_WORDS = 2
MAX_WORDS = 4
MIN_OCCURRENCES = 2
"""A run must occur this often in one document to be a name (a sentence's opening words rarely repeat)."""


def initialisms(texts: Iterable[str]) -> frozenset[str]:
    """The lower-cased initialisms of the names repeated in any of ``texts`` (one text per document)."""
    found: set[str] = set()
    for text in texts:
        counts: Counter[tuple[str, ...]] = Counter()
        for line in text.splitlines():
            words = _WORD.findall(line)
            for size in range(MIN_WORDS, MAX_WORDS + 1):
                for i in range(len(words) - size + 1):
                    run = tuple(words[i : i + size])
                    if run[0][0].isupper():
                        counts[run] += 1
        found.update("".join(w[0] for w in run).lower() for run, n in counts.items() if n >= MIN_OCCURRENCES)
    return frozenset(found)


# A word of two letters or more, without digits; hyphens and apostrophes inside it ("life science-kontor").
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]+")
