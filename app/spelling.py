"""Questions typed without accented letters, read with them.

On a keyboard without å, ä and ö people write "Hur manga foretag finns i regionen?". Every later step matches
words exactly (BM25 stems, names the question gives, places that route it, the words that tell what a question asks
for: "nar", "vilket ar"), and the embedder reads "manniskor" less well than "människor": the question is refused for
naming something the documents lack, asks for nothing in particular, or misses its passages.

A word of a question typed without accents (no lower-case word has one: an accented name may be pasted) is read as
the accented word of the same letters that is far more common than the word as typed and than any other reading, in
general use (``common_words``, where the language has a list) and in the documents ("nar" → "när", "pa" → "på",
"manga" → "många", "krangel" → "krångel"); where general use has two readings of like frequency, the one the documents
use ("vard" → "vård"). A word common as typed stays ("saker" is a word of its own, not only "säker"); acronyms and
capitalised words inside the question ("FA", "Hall") are read only as words of the documents; without general
frequencies, so is any word, and none shorter than five letters ("satt" is not always "sätt"). Swedish "ar" is mostly
"är", but "år" beside a number and after a word that counts or picks years ("29 ar", "varje ar", "vilket ar ska ...").
Questions in English are left as they are.

Any question: a word that is no word of the documents or of general use and a slip away from one the documents are
named by ("the goverment's strategy", "genomföra agndan") is read as that word (``read_slips_of_names``).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from strategiqa.retrieval.language import without_accents

__all__ = ["Accents", "read_slips_of_names", "typed_with_accents", "without_accents"]

_WORD = re.compile(r"[^\W\d_]+")
_SHORTEST = 5
"""Without general frequencies, shorter words are often words of their own without the accents."""
_DOCUMENT_WORD = 1e-6
"""The frequency a word of the documents counts with beyond its general one: about that of a rare word."""


def typed_with_accents(text: str) -> bool:
    """Whether ``text`` was typed on a keyboard with accented letters: a word in lower case, or the first word, has
    one. An accented name (a place, a person) may be pasted or typed by its own rules."""
    found = _WORD.findall(text)
    return any(without_accents(w) != w for i, w in enumerate(found) if i == 0 or not w[0].isupper())


def read_slips_of_names(
    text: str, names: Iterable[str], known: Callable[[str], bool], similarity: float, shortest: int = 6
) -> str:
    """``text`` with each word that is no known word (``known``: of the documents or common in the language) and a slip
    away from a word the documents are named by (``names``, single words: "government", "agendan") read as that word:
    "the goverment's strategy", "genomföra agndan". Routing and the topic check match names exactly; a slip in one
    turns a question about a document into one about an unknown word. Words shorter than ``shortest`` are left alone
    (a slip of four letters is as often another word), and so are inflections of a name ("<Name>s")."""
    candidates = sorted({n for n in names if len(n) >= shortest and n.isalpha()})

    def read(match: re.Match[str]) -> str:
        word = match.group(0)  # without an English genitive ("goverment" of "goverment's")
        lowered = word.casefold()
        # An inflection of a name is no slip ("<Region>ens" of "<Region>en").
        if len(lowered) < shortest or known(lowered) or any(lowered.startswith(c) for c in candidates):
            return word
        close = difflib.get_close_matches(lowered, candidates, n=1, cutoff=similarity)
        return _cased(word, close[0]) if close else word

    return _WORD.sub(read, text)


class Accents:
    """Accented readings of plain words (see the module's docstring): ``vocabulary``, the documents' words;
    ``frequencies``, general word frequencies of their language (may be empty); a reading is taken when it is
    ``ratio`` times as common as the word typed and as any other reading."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        frequencies: Mapping[str, float] | None = None,
        ratio: float = 5.0,
        slip_ratio: float = 200.0,
    ):
        self._documents = frozenset(w.lower() for w in vocabulary)
        self._general = {w.lower(): f for w, f in (frequencies or {}).items()}
        self._ratio = ratio
        self._slip_ratio = slip_ratio
        readings: dict[str, set[str]] = defaultdict(set)
        for word in (*self._documents, *self._general):
            if not word.isascii():
                readings[without_accents(word)].add(word)
        self._readings = {
            bare: sorted(ws, key=self._frequency, reverse=True) for bare, ws in readings.items() if bare not in ws
        }

    def general_frequency(self, word: str) -> float:
        """How common ``word`` is in general use of the language (0: not among the words read)."""
        return self._general.get(word.lower(), 0.0)

    def _frequency(self, word: str) -> float:
        return self._general.get(word, 0.0) + (_DOCUMENT_WORD if word in self._documents else 0.0)

    def restore(self, text: str) -> str:
        """``text`` with each plain word read as its far commoner accented form. In a question typed with accents
        (``typed_with_accents``) a plain word is meant so, unless the accented form is ``slip_ratio`` times as common
        (a slip: "Hur manga studenter … varje år?"; "saker", "for", "sa" stay)."""
        ratio = self._slip_ratio if typed_with_accents(text) else self._ratio
        shouting = text.isupper()
        words = list(_WORD.finditer(text))
        out, last = [], 0
        for i, match in enumerate(words):
            typed = match.group(0)
            reading = typed.lower()
            # An acronym ("FA", "TVA") is no plain word; a capitalised word inside the question may be a name
            # ("Hall", "Star"): read only as a word of the documents.
            if shouting or not (typed.isupper() and len(typed) > 1):
                name = not shouting and i > 0 and typed[0].isupper()
                reading = self._reading(reading, _Context(text, words, i), ratio, documents_only=name)
            out += [text[last : match.start()], _cased(typed, reading)]
            last = match.end()
        return "".join([*out, text[last:]])

    def _reading(self, word: str, context: _Context, ratio: float, documents_only: bool = False) -> str:
        readings = self._readings.get(word)
        if not readings:
            return word
        if word == "ar" and "år" in readings and context.counts_years():
            return "år"
        typed = self._frequency(word)
        theirs = [r for r in readings if r in self._documents]
        # The documents' own reading, where general use has two of like frequency ("vard": "vård" in a healthcare
        # text, though "värd" is about as common in general).
        if (
            len(theirs) == 1
            and word not in self._documents
            and (self._general or len(word) >= _SHORTEST)
            and self._frequency(theirs[0]) >= ratio * typed
        ):
            return theirs[0]
        if documents_only:
            return word
        best = readings[0]
        if best not in self._general and len(word) < _SHORTEST:
            return word  # no general evidence for a short word: "satt" may be meant
        runner_up = self._frequency(readings[1]) if len(readings) > 1 else 0.0
        return best if self._frequency(best) >= ratio * max(typed, runner_up) else word


# Words after which Swedish "ar" is the noun "år" (a year), not the verb "är": counting or picking years.
_YEARS_AFTER = frozenset(
    "i varje per samma nasta forra hela ett tva tre fyra fem sex sju atta nio tio femton tjugo flera nagra manga "
    "annat senaste kommande foregaende innevarande".split()
)
# After "vilket" / "vilka", "ar" is "år" when a verb follows ("vilket ar ska ...", "vilket ar antogs ...") or
# nothing does ("sedan vilket ar?"); "är" when a noun phrase does ("vilket ar malet ...", "vilket ar landets ...").
_PICKS = frozenset({"vilket", "vilka"})
_VERBS = frozenset(
    "ska skall kommer kan kunde bor maste blev blir var har hade fick far borjade kom gick gjorde tog galler gallde "
    "antogs togs".split()
)
_PAST_OR_PASSIVE = re.compile(r"(?:ade|des|tes)$")
_NUMBER_BEFORE = re.compile(r"\d[\s\u00a0]*$")
_YEAR_AFTER = re.compile(r"^[\s\u00a0]*\d{4}\b")


class _Context:
    """Where a word stands in the question, read only when it matters (for "ar": år or är)."""

    def __init__(self, text: str, words: list[re.Match[str]], i: int) -> None:
        self._text, self._words, self._i = text, words, i

    def counts_years(self) -> bool:
        """ "29 ar", "ar 2030", "varje ar", "vilket ar ska …": a year. A name after "vilket ar" is what it is."""
        text, words, i = self._text, self._words, self._i
        before = without_accents(words[i - 1].group(0).lower()) if i else ""
        if (
            before in _YEARS_AFTER
            or _NUMBER_BEFORE.search(text[: words[i].start()])
            or _YEAR_AFTER.match(text[words[i].end() :])
        ):
            return True
        if before not in _PICKS:
            return False
        following = words[i + 1].group(0) if i + 1 < len(words) else ""
        after = without_accents(following.lower())
        verb = after in _VERBS or bool(_PAST_OR_PASSIVE.search(after))
        return not after or (verb and not following[:1].isupper())


def _cased(typed: str, reading: str) -> str:
    """``reading`` in the case ``typed`` was written in."""
    if reading == typed.lower():
        return typed
    if typed.isupper() and len(typed) > 1:
        return reading.upper()
    return reading[0].upper() + reading[1:] if typed[0].isupper() else reading
