"""Which document a question is about, when it says so ("the agenda", "strategin", "West Sweden")."""

from __future__ import annotations

import re

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
