"""Sentence spans in Swedish (and English) text, aware of common abbreviations."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (compared lower-cased).
_ABBREVIATIONS = {
    "t.ex",
    "bl.a",
    "s.k",
    "m.m",
    "d.v.s",
    "dvs",
    "osv",
    "etc",
    "ca",
    "nr",
    "kap",
    "jfr",
    "resp",
    "inkl",
    "exkl",
    "p.g.a",
    "pga",
    "t.o.m",
    "fr.o.m",
    "enl",
    "m.fl",
    "o.s.v",
    "e.g",
    "i.e",
    "dr",
    "prof",
    "st",
    "vs",
    "mr",
    "ms",
    "mrs",
    "fig",
    "s",
    "ibid",
    "milj",
    "mdr",
    "kr",
}
_BOUNDARY = re.compile(r"[.!?…]+[”\"')\]]*(?=\s+[\"“”'(\[]?[A-ZÅÄÖÉÜ0-9•\-–])")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans ``(a, b)`` of the sentences in ``text[start:end]``, stripped of surrounding space.

    Line breaks also end sentences: in cleaned text they only separate paragraphs and list items.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        offset = start + line.start()
        spans.extend(_split_line(text, offset, start + line.end()))
    return spans


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, cursor, m.start()):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"(\S+)$", text[sentence_start:dot])
    if not word:
        return False
    token = word.group(1).lower().lstrip("(\"'“")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
