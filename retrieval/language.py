"""Detect whether a question is Swedish or English, robustly for short questions; general word frequencies."""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SWEDISH = frozenset(
    "och att det som är för på med av till den har inte en ett om hur vad vilka vilken vilket varför "
    "när var ska kan finns säger nämns mellan eller från också detta dessa "
    "hon han hennes hans deras dess vi oss ni dem sin sitt sina".split()
)
_ENGLISH = frozenset(
    "the and of to is are what which who how why when where does do did for with about from that this "
    "these there be been has have say says said mention mentioned "
    "she he her his their its we us they them in on an".split()
)
# Word endings typical of one language: a weak signal that decides short, keyword-like questions.
_EN_ENDING = re.compile(r"(tion|tions|ity|ities|ment|ments|ness|ies|ing|ings|al|als|ed|ly|ship)$")
_SV_ENDING = re.compile(r"(arna|erna|orna|ande|ende|ning|ningar|iska|iskt|het|heten|ar|or|na|en|et)$")
_lock = threading.Lock()


def detect_language(text: str) -> str:
    """``"sv"`` or ``"en"``: function words and å/ä/ö first, then how common the words are in each language (general
    frequencies), then word endings, then langdetect (fixed seed)."""
    found = _WORD.findall(text)
    words = [w.lower() for w in found]
    if not words:
        return "sv"
    # å/ä/ö in a capitalised name (a Swedish place in an English question) say nothing of the question's language:
    # only in a word written in lower case, or the first word.
    lettered = [w for i, w in enumerate(found) if (i == 0 or not w[0].isupper()) and any(c in w.lower() for c in "åäö")]
    sv = sum(w in _SWEDISH for w in words) + 2 * len(lettered)
    en = sum(w in _ENGLISH for w in words)
    if sv != en and max(sv, en) >= 2:
        return "sv" if sv > en else "en"
    # Keyword-like or short questions, and Swedish typed without å, ä, ö ("Tar strategin upp precisionsmedicin?",
    # "Nar antogs strategin?"): how common their words are in each language, then word endings, then character
    # n-grams (langdetect).
    leaning = _word_frequency_leaning(words)
    if abs(leaning) >= _LEANING:
        return "sv" if leaning > 0 else "en"
    if max(sv, en) < 2:
        sv += sum(bool(_SV_ENDING.search(w)) for w in words if w not in _ENGLISH)
        en += sum(bool(_EN_ENDING.search(w)) for w in words if w not in _SWEDISH)
    if sv != en and max(sv, en) >= 2:
        return "sv" if sv > en else "en"
    return _langdetect(text)


def without_accents(word: str) -> str:
    """``word`` with its letters' diacritics taken off ("företag" → "foretag")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=4)
def common_words(language: str, count: int) -> Mapping[str, float]:
    """The commonest words of ``language`` with their frequencies, at least ``count`` of them (whole frequency steps),
    from the ``wordfreq`` package (subtitles, Wikipedia, news and the web; its lists ship in its wheel, under CC BY-SA
    4.0, and are read here, not copied); empty when it has none for the language. Read once, read-only."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a core dependency
        return MappingProxyType({})
    try:
        buckets = wordfreq.get_frequency_list(language)
    except (LookupError, ValueError):  # no list for the language, or no language tag at all ("swedish")
        return MappingProxyType({})
    out: dict[str, float] = {}
    # Bucket i holds the words of frequency 10^(-i/100) (wordfreq's centibel scale), commonest first.
    for i, bucket in enumerate(buckets):
        if len(out) >= count:
            break
        out.update(dict.fromkeys(bucket, 10 ** (-i / 100)))
    wordfreq.get_frequency_list.cache_clear()  # its own copy of the whole list (~30 MB) is not needed again
    return MappingProxyType(out)


def word_frequency(word: str, language: str) -> float:
    """How common ``word`` is in general use of ``language`` (``wordfreq``; 0 where it has no list)."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a core dependency
        return 0.0
    try:
        return float(wordfreq.word_frequency(word, language))
    except (LookupError, ValueError):
        return 0.0


@lru_cache(maxsize=1)
def _swedish_without_accents() -> Mapping[str, float]:
    """Swedish frequencies by the words' letters without accents: "for" typed for "för" is as Swedish as "för"."""
    out: dict[str, float] = {}
    for word, frequency in common_words("sv", _COMMON_WORDS).items():
        bare = without_accents(word)
        out[bare] = max(frequency, out.get(bare, 0.0))
    return MappingProxyType(out)


_LEANING = 1.0
"""Sum of the words' log10 frequency ratios (Swedish over English) that decides: one word ten times as common in one
language, or several leaning the same way."""
_MOST_PER_WORD = 3.0
"""No single word counts for more than a factor of 1,000: a name common in one language's texts decides nothing."""
_COMMON_WORDS = 100_000
_RAREST = 1e-7


def _word_frequency_leaning(words: list[str]) -> float:
    """Positive when the words are commoner in Swedish than in English, negative when the other way round (general
    frequencies, ``common_words``); 0 for words neither language's list has."""
    swedish, english = _swedish_without_accents(), common_words("en", _COMMON_WORDS)
    leaning = 0.0
    for word in words:
        sv, en = swedish.get(without_accents(word), 0.0), english.get(word, 0.0)
        if sv or en:
            ratio = math.log10((sv + _RAREST) / (en + _RAREST))
            leaning += max(-_MOST_PER_WORD, min(_MOST_PER_WORD, ratio))
    return leaning


def other_language(text: str) -> str | None:
    """The ISO code of a question clearly written in neither Swedish nor English ("Was sagt die Strategie
    über klinische Studien?" → ``de``), else None. Only when it has four words or more, not one Swedish or
    English function word nor å/ä/ö, and langdetect is sure: a short or mixed question is never refused."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 4 or any(w in _SWEDISH or w in _ENGLISH or any(c in w for c in "åäö") for w in words):
        return None
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a core dependency
        return None
    with _lock:
        DetectorFactory.seed = 0
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return None
    top = ranked[0] if ranked else None
    if top is None or top.prob < 0.9 or top.lang in ("sv", "no", "da", "en"):
        return None
    return str(top.lang)


def _langdetect(text: str) -> str:
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a core dependency
        return "sv"
    with _lock:  # langdetect's factory is global state
        DetectorFactory.seed = 0
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return "sv"
    for guess in ranked:
        if guess.lang in ("sv", "no", "da"):
            return "sv"
        if guess.lang == "en":
            return "en"
    return "sv"
