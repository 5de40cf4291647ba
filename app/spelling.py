"""Questions typed without accented letters, read with them.

On a keyboard without å, ä and ö people write "Hur manga foretag finns i regionen?". Every later step matches
words exactly (BM25 stems, names the question gives, places that route it, the words that tell what a question asks
for: "nar", "vilket ar"), and the embedder reads "manniskor" less well than "människor": the question is refused for
naming something the documents lack, asks for nothing in particular, or misses its passages.

A word of a question typed without any accented letter is read as the accented word of the same letters that is far
more common than the word as typed: in the documents, and — where the language's word frequencies are at hand
(``common_words``) — in general use ("nar" → "när", "pa" → "på", "manga" → "många", "krangel" → "krångel"). A word
common as typed stays ("saker" is a word of its own, not only "säker"), so does one with two accented readings of
like frequency, and, without general frequencies, a word the documents use as typed or one shorter than five letters
("satt" is not always "sätt"). Swedish "ar" is mostly "är", but "år" after a word that counts or picks years ("varje
ar", "vilket ar ska ..."). Questions with an accented letter anywhere (typed on a keyboard that has them: a plain
word there is meant so) and questions in English are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from strategiqa.retrieval.language import common_words

__all__ = ["Accents", "common_words", "without_accents"]

_WORD = re.compile(r"[^\W\d_]+")
_SHORTEST = 5
"""Without general frequencies, shorter words are often words of their own without the accents."""
_DOCUMENT_WORD = 1e-6
"""The frequency a word of the documents counts with beyond its general one: about that of a rare word."""


def without_accents(word: str) -> str:
    """``word`` with its letters' diacritics taken off ("företag" → "foretag")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Accents:
    """Accented readings of plain words (see the module's docstring): ``vocabulary``, the documents' words;
    ``frequencies``, general word frequencies of their language (may be empty); a reading is taken when it is
    ``ratio`` times as common as the word typed and as any other reading."""

    def __init__(self, vocabulary: Iterable[str], frequencies: Mapping[str, float] | None = None, ratio: float = 5.0):
        self._documents = frozenset(w.lower() for w in vocabulary)
        self._general = {w.lower(): f for w, f in (frequencies or {}).items()}
        self._ratio = ratio
        readings: dict[str, set[str]] = defaultdict(set)
        for word in (*self._documents, *self._general):
            if not word.isascii():
                readings[without_accents(word)].add(word)
        self._readings = {
            bare: sorted(ws, key=self._frequency, reverse=True) for bare, ws in readings.items() if bare not in ws
        }

    def _frequency(self, word: str) -> float:
        return self._general.get(word, 0.0) + (_DOCUMENT_WORD if word in self._documents else 0.0)

    def restore(self, text: str) -> str:
        """``text`` with each plain word read as its far commoner accented form; ``text`` as it is when it has an
        accented letter anywhere."""
        if without_accents(text) != text:
            return text
        words = list(_WORD.finditer(text))
        out, last = [], 0
        for i, match in enumerate(words):
            before = words[i - 1].group(0).lower() if i else ""
            after = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
            out += [
                text[last : match.start()],
                _cased(match.group(0), self._reading(match.group(0).lower(), before, after)),
            ]
            last = match.end()
        return "".join([*out, text[last:]])

    def _reading(self, word: str, before: str, after: str) -> str:
        readings = self._readings.get(word)
        if not readings:
            return word
        if word == "ar" and "år" in readings and _counts_years(before, after):
            return "år"
        best = readings[0]
        frequency = self._frequency(best)
        if best not in self._general and len(word) < _SHORTEST:
            return word  # no general evidence for a short word: "satt" may be meant
        runner_up = self._frequency(readings[1]) if len(readings) > 1 else 0.0
        typed = self._frequency(word)
        return best if frequency >= self._ratio * max(typed, runner_up) else word


# Words after which Swedish "ar" is the noun "år" (a year), not the verb "är": counting or picking years.
_YEARS_AFTER = frozenset(
    "i varje per samma detta nasta forra hela ett tva tre fyra fem sex sju atta nio tio femton tjugo flera nagra "
    "manga sista forsta senaste kommande foregaende innevarande".split()
)
# After "vilket" / "vilka", "ar" is "år" when a verb follows ("vilket ar ska ...", "vilket ar antogs ...") or
# nothing does ("sedan vilket ar?"); "är" when a noun phrase does ("vilket ar malet ...", "vilket ar det ...").
_PICKS = frozenset({"vilket", "vilka"})
_VERBS = frozenset("ska skall kommer kan kunde bor maste blev blir var har hade fick far borjade kom gick".split())
_PASSIVE_PAST = re.compile(r"(?:des|tes|ades|gs|ts)$")


def _counts_years(before: str, after: str) -> bool:
    before, after = without_accents(before), without_accents(after)
    if before in _YEARS_AFTER:
        return True
    return before in _PICKS and (not after or after in _VERBS or bool(_PASSIVE_PAST.search(after)))


def _cased(typed: str, reading: str) -> str:
    """``reading`` in the case ``typed`` was written in."""
    if reading == typed.lower():
        return typed
    if typed.isupper() and len(typed) > 1:
        return reading.upper()
    return reading[0].upper() + reading[1:] if typed[0].isupper() else reading
