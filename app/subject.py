"""Whether a sentence speaks of what a question asks about: the element check's second look.

"By what year is <the region> to be a leading cluster in Europe?" is answered by "2035 ska <regionen> vara ett ledande
… kluster i Europa", but the best sentence for it may be another one about the same vision, without a year: the check
of the asked-for element (see ``refusals.missing_element``) reads only the sentences closest to the question. Reading
further by similarity alone answers near-misses too: "When will the new council be set up?" comes as close to "Vid ett
rundabordssamtal under våren 2025 …" — a year, but of something else. What tells them apart is the subject: a sentence
a little further than the best one may give the element when it names a rare word of what the question asks about
("kluster", "Europa"), and every name the question uses ("Hur många anställda har <ett bolag>?" is not answered by the
region's head count).

Words are compared by stem in the question's own language (a compound by its parts, a word by its first six letters
inside a longer one), and by the embedder's vectors of the single words at cosine ≥ ``subject_word_match`` (with the
default model few English-Swedish pairs reach 0.9: "cluster" ~ "kluster" is 0.89, so it helps English questions little).
Words more than ``subject_rare`` (10 %) of a language's passages use (the corpus topic, the region's name) say nothing
of a subject and are left out.
Nothing here names a corpus: rarity is counted on the index.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

import numpy as np
from strategiqa.retrieval.embedders import Embedder
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.text import STOP_WORDS, tokenize

from .followup import QUESTION_WORDS
from .question_names import without_asker_context
from .questions import ELEMENT_WORDS
from .topic import topic_words

SubjectCheck = Callable[[str, str], bool]
"""``check(sentence, sentence_language)``: whether the sentence names the question's subject."""


class SubjectMatcher:
    """Built once per index: which stems are rare in its passages, and the single-word vectors met so far."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, rare_share: float, word_match: float) -> None:
        self.index = index
        self.embedder = embedder
        self.word_match = word_match
        frequency: Counter[tuple[str, str]] = Counter()
        passages: Counter[str] = Counter()
        for passage, language in zip(index.passages, index.passage_languages, strict=True):
            language = str(language)
            passages[language] += 1
            frequency.update((language, t) for t in set(self._stems(passage.text, language)))
        self._common = {key for key, n in frequency.items() if n > rare_share * passages[key[0]]}
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def check(self, question: str, language: str, names: Sequence[str] = (), head: int | None = None) -> SubjectCheck:
        """The subject check for ``question`` (asked in ``language``): a sentence passes when it holds every name the
        question uses and a word of its subject that is rare in the index. ``head``: only the first so many rare words
        of the subject count (what a count or measure is of: "hur många *människor* …", "the total *turnover* of …", not
        what follows). Words are read only when a sentence is checked."""
        # What the asker says of themselves is no subject ("I advise small firms in <a town> – how large …?").
        asked = without_asker_context(question)
        # Rare words only, and then the first ``head`` of them ("hur många life science-bolag": "bolag", not "life").
        words = [
            w
            for w in _WORD.findall((topic_words(asked, self.index) or asked).lower())
            if w not in STOP_WORDS
            and w not in QUESTION_WORDS
            and w not in ELEMENT_WORDS
            and not self._common_word(w, language)
        ][:head][:_MOST_WORDS]
        lowered = [name.lower() for name in names]
        starts = [name[:5] for name in lowered]

        def check(sentence: str, sentence_language: str) -> bool:
            text = sentence.lower()
            if not words:
                return False
            if sentence_language == language:
                return all(_starts_word(start, text) for start in starts) and (
                    self._same_language(words, sentence, language)
                    or self._by_vectors(words, sentence, sentence_language)  # "människor", "personer"
                )
            # A name may be spelt otherwise in the sentence's language ("Europe", "Europa"; "Norway", "Norge").
            return all(
                _starts_word(start, text) or self._by_vectors([name], sentence, sentence_language, rare_only=False)
                for start, name in zip(starts, lowered, strict=True)
            ) and self._by_vectors(words, sentence, sentence_language)

        return check

    def _same_language(self, words: list[str], sentence: str, language: str) -> bool:
        asked = {s for s in self._stems(" ".join(words), language) if (language, s) not in self._common}
        found = {s for s in self._stems(sentence, language) if (language, s) not in self._common}
        if asked & found:
            return True
        # "rundabordssamtalet" in the sentence, "rundabordssamtal" asked: a long stem inside a word of the sentence.
        keys = {s[:_KEY_LETTERS] for s in asked if len(s) >= _KEY_LETTERS}
        return any(key in word for key in keys for word in found)

    def _by_vectors(self, words: list[str], sentence: str, sentence_language: str, rare_only: bool = True) -> bool:
        found = [
            w
            for w in dict.fromkeys(_WORD.findall(sentence.lower()))
            if w not in STOP_WORDS and not (rare_only and self._common_word(w, sentence_language))
        ]
        if not found:
            return False
        similarity = self._word_vectors(words) @ self._word_vectors(found).T
        return bool((similarity.max(axis=1) >= self.word_match).any())

    def _common_word(self, word: str, language: str) -> bool:
        """Whether ``word``'s stem is one more than ``rare_share`` of the language's passages use."""
        return any((language, s) in self._common for s in self._stems(word, language)[:1])

    def _stems(self, text: str, language: str) -> list[str]:
        return tokenize(text, self.index.compounds if language == "sv" else None, language)

    def _word_vectors(self, words: list[str]) -> np.ndarray:
        with self._lock:
            new = [w for w in dict.fromkeys(words) if w not in self._vectors]
            if len(self._vectors) + len(new) > _MOST_VECTORS:  # questions bring new words without end: start over
                self._vectors.clear()
            if new:
                self._vectors.update(zip(new, self.embedder.embed_queries(new), strict=True))
            return np.array([self._vectors[w] for w in words])


def proper_nouns(texts: Sequence[str], places: AbstractSet[str], english: AbstractSet[str]) -> frozenset[str]:
    """Words (lower-cased) ``texts`` write capitalised inside sentences, at least twice, and never in lower case: names
    (a company's), which a question typed in lower case still uses as names. Not the documents' ``places`` (nor their
    genitives: "Sveriges"), not an ordinary ``english`` word (an English name's "Health" is an English question's
    ordinary word)."""
    seen_lower: set[str] = set()
    capitalised: Counter[str] = Counter()
    for text in texts:
        # After a word or a comma: a sentence's or a heading's first word may be anything.
        for m in re.finditer(r"[^\W\d_]{4,}", text):
            word = m.group(0)
            if word[0].islower():
                seen_lower.add(word.lower())
            elif _INSIDE_SENTENCE.search(text, max(0, m.start() - 2), m.start()):
                capitalised[word.lower()] += 1
    return frozenset(
        w
        for w, n in capitalised.items()
        if n >= 2 and w not in english and w not in seen_lower and not any(w.startswith(p) for p in places)
    )


_INSIDE_SENTENCE = re.compile(r"(?:[^\W\d]|,)[ \t]$")
"""What stands right before a word inside a sentence: a letter or a comma, then a space."""


def _starts_word(start: str, text: str) -> bool:
    """Whether a word of ``text`` starts with ``start`` (a name's first letters: "eu" is not in "terapeutiska")."""
    return re.search(rf"(?<!\w){re.escape(start)}", text) is not None


_MOST_VECTORS = 50_000
"""Single-word vectors kept (about 75 MB at 384 dimensions): the index's words and recent questions' words."""
_MOST_WORDS = 8
"""Words of a question read at most: each may be embedded once, and a long question must not embed all of its own."""
SUBJECT_HEAD = 1
"""What a count or measure is of: the first rare word of the subject ("hur många *människor* …", "the total *turnover*
of the companies", not "companies")."""
_WORD = re.compile(r"[^\W\d_]{3,}")
_KEY_LETTERS = 6
