"""Synonyms for lexical search, read from a MyThes thesaurus file (Debian's ``mythes-sv``).

A question rarely uses the documents' own words ("locka pengar" for "attrahera kapital"); BM25
then finds nothing. Expanding the question's words with their synonyms, at a lower weight, lets
it match such paraphrases. The thesaurus is read from the system (it is not bundled: Synlex,
Viggo Kann, via LibreOffice's dictionaries); without it, search works as before.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from pathlib import Path

from .text import STOP_WORDS, tokenize

log = logging.getLogger(__name__)

DEFAULT_PATHS = {"sv": Path("/usr/share/mythes/th_sv_SE_v2.dat")}


class Thesaurus:
    """Stem → synonym stems, symmetric (if *a* lists *b*, *b* also finds *a*), single words only."""

    def __init__(self, synonyms: dict[str, frozenset[str]]) -> None:
        self._synonyms = synonyms

    def __len__(self) -> int:
        return len(self._synonyms)

    def expand(self, stems: list[str]) -> list[str]:
        """Synonym stems of ``stems`` that are not among them, each once."""
        have = set(stems)
        out: dict[str, None] = {}
        for stem in stems:
            for synonym in sorted(self._synonyms.get(stem, ())):
                if synonym not in have:
                    out[synonym] = None
        return list(out)

    @classmethod
    def from_mythes(cls, path: Path) -> Thesaurus:
        """Parse a MyThes ``.dat`` file: ``word|n`` then n lines ``|syn|syn…`` (its first line names the encoding)."""
        raw = path.read_bytes()
        first, _, body = raw.partition(b"\n")
        encoding = first.decode("ascii", "replace").strip() or "utf-8"
        try:
            text = body.decode(encoding, errors="replace")
        except LookupError:
            text = body.decode("utf-8", errors="replace")
        groups: dict[str, set[str]] = defaultdict(set)
        head: str | None = None
        for line in text.splitlines():
            if not line.startswith("|"):
                head = line.split("|", 1)[0].strip()
                continue
            if head is None or " " in head:
                continue
            words = [w.strip() for w in line.split("|") if w.strip()]
            words = [w for w in words if " " not in w and not w.startswith("(")]
            _link(groups, head, words)
        return cls({k: frozenset(v) for k, v in groups.items() if v})


def _link(groups: dict[str, set[str]], head: str, words: list[str]) -> None:
    head_stems = tokenize(head)
    if len(head_stems) != 1 or head.lower() in STOP_WORDS:
        return
    (h,) = head_stems
    for word in words:
        stems = tokenize(word)
        if len(stems) != 1 or stems[0] == h:
            continue
        groups[h].add(stems[0])
        groups[stems[0]].add(h)


@functools.lru_cache(maxsize=4)
def load_thesaurus(path: str | None, language: str = "sv") -> Thesaurus | None:
    """The thesaurus at ``path`` (or the system's for ``language``); None when there is none."""
    file = Path(path) if path else DEFAULT_PATHS.get(language)
    if file is None or not file.is_file():
        log.info("No thesaurus at %s; lexical search runs without synonyms.", file)
        return None
    return Thesaurus.from_mythes(file)
