"""Find a quote in a passage the way a reader sees it: differences of whitespace, line breaks and
soft or end-of-line hyphens do not count (the quote checker and the passage page share this); and the
link to a passage's page with a quote marked."""

from __future__ import annotations

import re
import urllib.parse


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``, ignoring differences of whitespace, line breaks and soft hyphens."""
    norm_text, positions = _normalise_with_positions(text)
    norm_quote, _ = _normalise_with_positions(quote)
    if not norm_quote:
        return None
    at = norm_text.find(norm_quote)
    if at < 0:
        return None
    return positions[at], positions[at + len(norm_quote) - 1] + 1


def _normalise_with_positions(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space, drop soft hyphens and hyphens that end a line."""
    out: list[str] = []
    positions: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\u00ad":
            i += 1
            continue
        if ch == "-" and re.match(r"-[ \t]*\n", text[i:]):
            i = text.index("\n", i) + 1
            while i < len(text) and text[i] in " \t":
                i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                positions.append(i)
            i += 1
            continue
        out.append(ch)
        positions.append(i)
        i += 1
    while out and out[0] == " ":
        out.pop(0)
        positions.pop(0)
    while out and out[-1] == " ":
        out.pop()
        positions.pop()
    return "".join(out), positions


def passage_url(passage_id: str, quote: str | None = None) -> str:
    """The passage's own page (relative to the server), with ``quote`` highlighted when given: the link
    an official pastes into a memo."""
    query = f"?{urllib.parse.urlencode({'q': quote})}" if quote else ""
    return f"/passage/{urllib.parse.quote(passage_id, safe=':')}{query}"
