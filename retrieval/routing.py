"""Which document a question is about, when it says so ("the agenda", "strategin", "West Sweden"),
and the question without the words every passage shares (the focused question)."""

from __future__ import annotations

import functools
import re

from .text import STOP_WORDS

# Cues are matched as whole words, lower-cased; they name a document kind of the manifest.
_CUES: dict[str, tuple[str, ...]] = {
    "regional": (
        "agenda",
        "agendan",
        "agendans",
        "västsverige",
        "västsveriges",
        "västsvensk",
        "västsvenska",
        "västra götaland",
        "västra götalandsregionen",
        "vgr",
        "regionen",
        "regional",
        "regionala",
        "west sweden",
        "western sweden",
        "west swedish",
        "region",
    ),
    "national": (
        "strategy",
        "strategin",
        "strategins",
        "nationella strategin",
        "national",
        "nationell",
        "nationella",
        "regeringen",
        "regeringens",
        "government",
        "government's",
        "minister",
        "ministers",
    ),
}
_PATTERNS = {
    kind: re.compile(r"(?<![\w])(" + "|".join(re.escape(c) for c in cues) + r")(?![\w])", re.IGNORECASE)
    for kind, cues in _CUES.items()
}


def document_kind_hint(question: str) -> str | None:
    """``"regional"`` or ``"national"`` when the question names exactly one of them, else None."""
    found = [kind for kind, pattern in _PATTERNS.items() if pattern.search(question)]
    return found[0] if len(found) == 1 else None


# Words that only say which document to look in; they pull generic passages (titles, forewords)
# up when embedded, so they are taken out of the text that is matched against passages.
_DOCUMENT_NAMES = re.compile(
    r"\b(?:(?:in|of|by|according to|enligt|i)\s+)?(?:the\s+)?(?:national\s+|nationella\s+)?"
    r"(?:life[ -]science[ -])?(?:strategy|strategin|strategins|agenda|agendan|agendans)\b",
    re.IGNORECASE,
)


def strip_document_names(question: str) -> str:
    """``What are testbeds mentioned for in the strategy?`` → ``What are testbeds mentioned for?``."""
    stripped = re.sub(r"\s+([?.!,])", r"\1", _DOCUMENT_NAMES.sub("", question))
    stripped = re.sub(r"\s{2,}", " ", stripped).strip()
    return stripped if len(stripped.split()) >= 2 else question


# The places every document of this corpus is about. Like document names, they say where to look
# (the kind hint uses them) rather than what to find, so the focused question leaves them out.
_PLACES = (
    r"west(?:ern)?[ -]swed(?:en|ish)|västsverige|västsvensk(?:a|t)?|västra götaland(?:sregionen|sregionens|s)?"
    r"|vgr|sweden|sverige|swedish|svensk(?:a|t)?"
)
_GENITIVE = r"(?:['’:]?s)?"
_PLACE_PATTERN = re.compile(r"\b(?:" + _PLACES + r")" + _GENITIVE + r"\b(?!-)", re.IGNORECASE)
# A question that sets places against each other is about the places: it is not focused.
_COMPARISON = re.compile(
    r"\b(?:compare[sd]?|comparison|compared|differ|differs|difference|versus|vs|besides|outside|rest of"
    r"|jämför|jämfört|jämförelse|skiljer|skillnad|förutom|utanför|övriga)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def focus_question(question: str, topic_phrases: tuple[str, ...] = ()) -> str | None:
    """The question without document names, the corpus topic and its places, or None if that leaves too little.

    In a corpus where every passage is about "life science in West Sweden", those words pull
    the embedding of ``How does the agenda describe the climate ambitions for life science in
    West Sweden?`` towards generic overview passages; ``How does describe the climate ambitions?``
    finds the focus area that says "klimatneutral". Search blends both (see ``SearchParams``).
    """
    stripped = strip_document_names(question)
    places = {m.group(0).lower() for m in _PLACE_PATTERN.finditer(stripped)}
    if len(places) > 1 or (places and _COMPARISON.search(stripped)):
        return None
    focused = _remove(_PLACE_PATTERN, stripped, also_modifiers=True)
    for phrase in topic_phrases:
        # Before a noun the topic narrows it ("life science companies", "life science-bolag");
        # only where it ends a phrase ("ambitions for life science?") does it just restate the corpus.
        focused = _remove(_topic_pattern(phrase), focused, also_modifiers=False)
    focused = _tidy(focused)
    content = [w for w in _WORD.findall(focused.lower()) if w not in STOP_WORDS]
    if focused == _tidy(stripped) or len(content) < 2:
        return None
    return focused


def corpus_topic_phrases(titles: list[str]) -> tuple[str, ...]:
    """Word sequences shared by every document title ("life science"): what the whole corpus is about.

    Needs two titles at least: one title alone says nothing about what is common.
    """
    if len(titles) < 2:
        return ()
    grams = [_content_ngrams(_WORD.findall(t.lower()), STOP_WORDS) for t in titles]
    common = set.intersection(*grams)
    # Keep maximal phrases only: "life science" and not also "life" and "science".
    return tuple(sorted(g for g in common if not any(g != o and f" {g} " in f" {o} " for o in common)))


def _content_ngrams(words: list[str], stop_words: frozenset[str], longest: int = 3) -> set[str]:
    grams = set()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if not any(w in stop_words or w.isdigit() for w in gram):
                grams.add(" ".join(gram))
    return grams


# A preposition goes with the place or topic it introduces only when that ends the phrase
# ("ambitions for life science in West Sweden?"); a place before a noun is a modifier and only it
# goes ("the West Swedish ecosystem" keeps "the ecosystem").
_PREPOSITION = r"\b(?:in|of|for|across|within|i|för|inom)\s+(?:the\s+)?"
_PHRASE_END = r"(?=\s*(?:[?.!,;:](?!\w)|$)|\s+(?:and|or|och|eller|by|to|till|in|i|on|på|for|för|with|med)\b)"
_DANGLING = re.compile(
    r"(?:\s+\b(?:the|a|an|of|for|in|to|according to|i|för|inom|enligt|den))+\s*(?=[?.!]?$)", re.IGNORECASE
)


def _remove(pattern: re.Pattern[str], text: str, also_modifiers: bool) -> str:
    """Take out ``pattern`` where it ends a phrase, with its preposition; also elsewhere if ``also_modifiers``."""
    at_phrase_end = re.compile(f"(?:{_PREPOSITION})?(?:{pattern.pattern}){_PHRASE_END}", re.IGNORECASE)
    text = at_phrase_end.sub(" ", text)
    return pattern.sub(" ", text) if also_modifiers else text


@functools.lru_cache(maxsize=32)
def _topic_pattern(phrase: str) -> re.Pattern[str]:
    words = r"[ -]".join(re.escape(w) for w in phrase.split())
    return re.compile(r"\b" + words + r"\b", re.IGNORECASE)


def _tidy(text: str) -> str:
    """One space between words, none before punctuation, no leading punctuation or dangling article."""
    text = re.sub(r"\s+([?.!,;:])", r"\1", _SPACE.sub(" ", text)).strip()
    text = re.sub(r"^[\s,;:.–-]+", "", text)
    return _DANGLING.sub("", text).strip()
