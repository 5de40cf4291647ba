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
# A footnote marker may follow a word's full stop ("… landareal.1 Befolkningstätheten …"): the sentence ends there.
_BOUNDARY = re.compile(r"[.!?…]+(?:(?<=[^\W\d_][.!?])\d{1,2})?[”\"')\]]*(?=\s+[\"“”'(\[]?[A-ZÅÄÖÉÜ0-9•\-–])")


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


# What a full stop ends without ending a sentence: a list item's number ("1. Minst 40 …") or a caption's
# ("Figur 1. Innovationssystemets aktörer …").
_LABEL_NUMBER = re.compile(
    r"\s*(?:\d{1,2}|(?:figur|figure|fig|tabell|table|bild|diagram|bilaga|appendix)\s+\d{1,2}(?:\.\d{1,2})?)",
    re.IGNORECASE,
)


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    if _LABEL_NUMBER.fullmatch(text, sentence_start, dot):
        return True
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


# Lines that label rather than say something: captions, credits, sources and footnote markers.
_CAPTION = re.compile(
    r"^(?:källa|källor|foto|fotograf|bild|illustration|figur|tabell|diagram|grafik|omslag|"
    r"source|sources|photo|image|figure|table|cover)\b\s*[:.\d]",
    re.IGNORECASE,
)
# A file reference standing alone labels its document ("Diarienummer RK 2025/0417.", "Reference number RS 2025-01187"):
# it answers no question but its own.
_REFERENCE = re.compile(
    r"^(?:diarienummer|diarienr|dnr|ärendenummer|ärendenr|beteckning|vår beteckning|reference number|reference no|"
    r"ref|our ref|registration number|file number|case number)\b\.?\s*:?\s*(?:[A-ZÅÄÖ]{1,6}\s+)?\S*\d",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^\d{1,2}\s+\S")
_BULLET = re.compile(r"^[-–•*]\s")
_TERMINAL = re.compile(r"[.!?:…][”\"')\]]*$")
_TOC_LINE = re.compile(r"(?:\.{3,}|\s)\d{1,3}$")


_NAME_LINE = re.compile(
    r"^(?:[A-ZÅÄÖÉ][\w’'-]+\s+){1,3}[A-ZÅÄÖÉ][\w’'-]+(?:\s+\([A-ZÅÄÖ]{1,4}\))?(?:,?\s+[\w’'-]+){0,5}$"
)
"""A name (with a party, "(C)") and a title ("Jakob Forssmed Socialminister", "Margareta Holmberg Regionstyrelsens
ordförande, Region Östergötland")."""
_TABLE_ROW = re.compile(r"^\|(.*)\|$")
MONTH_NAMES = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"january|february|march|may|june|july|august|october)"
)
"""The months in Swedish and English (those English ones that are not the Swedish word)."""
_MONTH_YEAR = re.compile(rf"\b{MONTH_NAMES}\b[ ,]*\d{{4}}\b", re.IGNORECASE)


def sentence_role(sentence: str) -> str:
    """What a sentence of a passage is: ``content``, or a label that must not be quoted as an answer.

    Signature blocks (*Regionen mars, 2026*: ``dateline``), name-and-title lines
    (*Jakob Forssmed Socialminister*: ``name_line``), captions and credits (*Källa: …*, *Foto: …*),
    footnotes, table-of-contents lines and fragments stay in their passages for the reader. Only
    a question asking for exactly that — a person, a date — may quote a name line or a dateline.
    List items are content even without a full stop.
    """
    text = " ".join(sentence.split())
    words = text.split()
    if _CAPTION.match(text):
        return "caption"
    if _REFERENCE.match(text) and len(words) <= 6:
        return "reference"
    if _BULLET.match(text):
        return "content" if len(words) >= 4 else "fragment"
    # A table row says something when at least two of its cells do ("| B – Digital omställning | 20 | … |").
    if row := _TABLE_ROW.match(text):
        return "content" if sum(bool(c.strip(" -:")) for c in row.group(1).split("|")) >= 2 else "fragment"
    if _TERMINAL.search(text) and len(words) >= 3:
        return "footnote" if _FOOTNOTE.match(text) and len(words) < 12 else "content"
    # No closing punctuation: a heading, a signature, a caption or a footnote, unless it is long.
    if len(words) >= 12 and not _FOOTNOTE.match(text) and not _TOC_LINE.search(text):
        return "content"
    if _FOOTNOTE.match(text):
        return "footnote"
    if _MONTH_YEAR.search(text) and len(words) <= 6:
        return "dateline"
    if _NAME_LINE.match(text) and len(words) <= 8:
        return "name_line"
    return "fragment"


def refers_back(sentence: str, pronouns: bool = False) -> bool:
    """Whether a sentence's first words point back to the one before it (*Regeringen främjar dessa
    förutsättningar.*, *This requires …*): alone it means nothing, so it is quoted with that sentence. With
    ``pronouns`` an opening "De", "Det", "They", "It" counts too — in Swedish as often an article or a dummy subject
    ("Det finns …", "De västsvenska …"), so answers do not count it; the proposal check's evidence, one sentence
    each, does."""
    return _REFERS_BACK.search(sentence) is not None or (pronouns and _PRONOUN_OPENING.search(sentence) is not None)


_REFERS_BACK = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:dessa|detta|denna|dess|sådana|these|this|those|such)\b", re.IGNORECASE
)
_PRONOUN_OPENING = re.compile(r"^\W*(?:De|Det|They|It)\s", re.IGNORECASE)


def is_answer_material(sentence: str) -> bool:
    """Whether a sentence can answer a question, rather than label, sign or navigate (see ``sentence_role``)."""
    return sentence_role(sentence) == "content"
