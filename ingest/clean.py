"""Turn noisy extracted text (PDF text, pdftotext-like .txt, Markdown) into clean blocks.

The cleaner removes running headers/footers, photo credits, image placeholders and pull quotes,
joins lines and paragraphs broken mid-sentence, and repairs words hyphenated across lines.
Whether a hyphen is a line-break artefact or a real one is learnt from the corpus itself
(`Vocabulary`): is the joined or the hyphenated form used elsewhere?

Output is a list of `Block`s (heading candidates, paragraphs, list items, footnotes) whose
texts, joined by blank lines, form the cleaned document; each block keeps the source page of
every part of its text so citations can name the right page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from .pages import PAGE_BREAK, Line, normalise_space, page_numbering, split_pages

BlockKind = Literal["heading", "paragraph", "item", "footnote"]
SourceFormat = Literal["txt", "md", "pdf"]
__all__ = ["PAGE_BREAK", "Block", "CleanedText", "SourceFormat", "Vocabulary", "clean_text"]

_SENTENCE_END = tuple(".!?:;…”\"')")
_JOINING_WORDS = {"och", "eller", "samt", "respektive", "resp.", "till", "som", "men"}
# A heading line ending in one of these cannot be complete: the next line continues it.
_DANGLING_WORDS = {
    "i",
    "och",
    "för",
    "av",
    "med",
    "till",
    "inom",
    "på",
    "om",
    "vid",
    "från",
    "mot",
    "in",
    "of",
    "and",
    "for",
    "the",
    "to",
    "with",
    "on",
}
_OPEN_ENDINGS = {
    "att",
    "är",
    "var",
    "ska",
    "kan",
    "som",
    "en",
    "ett",
    "den",
    "det",
    "de",
    "a",
    "an",
    "is",
    "are",
    "that",
}
"""Words a line may stop at in mid-sentence, never a heading (with ``_DANGLING_WORDS`` and ``_JOINING_WORDS``)."""
_CONTENTS_LINE = re.compile(r"(?:\s?\.){4,}\s*\d{1,3}\s*$")
"""A table-of-contents line: a heading, dotted leaders, a page number ("INLEDNING ........ 2")."""
_CONTACT_LINE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|^\s*(?:tel\.?|telefon|phone)?[:\s]*\+?[\d][\d -]{6,}\d\s*$", re.I)
"""A line holding an e-mail address, or a phone number alone ("0521-72 14 30")."""
_PHOTO_CREDIT = re.compile(r"^\s*(foto|bild|illustration|photo|image)\s*:", re.IGNORECASE)
_IMAGE_PLACEHOLDER = re.compile(
    r"^\s*(<!--\s*(image|bild|figure)\s*-->|!\[[^\]]*\]\([^)]*\)|\[(bild|image|figur|figure)[^\]]*\])\s*$",
    re.IGNORECASE,
)
_PULL_QUOTE_MARK = re.compile(r"^\s*[”“\"»«„]\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*[-*•–]\s+(?=\S)")
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
"""A Markdown table row: a block (and so a sentence) of its own, so a quote is the row, not the whole table."""
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
"""The rule under a table's header row: no text."""
_FOOTNOTE = re.compile(r"^(\d{1,2})\t\ufffd?\s*(.*)$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_INLINE_HYPHEN = re.compile(r"(?<![\w-])([a-zåäöéü]{2,})-([a-zåäöéü]{2,})(?![\w-])")


@dataclass
class Block:
    """One unit of cleaned text, with the source page at each point of it."""

    kind: BlockKind
    text: str
    md_level: int | None = None
    pages: list[tuple[int, int | None]] = field(default_factory=list)
    """``(offset in text, page)`` change points; page is None where unknown."""
    start: int = 0
    end: int = 0


@dataclass
class CleanedText:
    text: str
    blocks: list[Block]
    page_starts: list[tuple[int, int]]
    contents: tuple[str, ...] = ()
    """The titles a table of contents lists ("Implementation and governance ........ 7"): the document's main parts."""


class Vocabulary:
    """Word counts of a corpus, used to decide how to repair hyphenation.

    Counted are the words a reader can trust: not line-final fragments ending in a hyphen,
    nor the fragment that continues them on the next line.
    """

    def __init__(self, raw_texts: list[str] | None = None) -> None:
        self.counts: Counter[str] = Counter()
        for raw in raw_texts or []:
            self.add(raw)

    def add(self, raw: str) -> None:
        previous_ended_with_hyphen = False
        for line in raw.splitlines():
            tokens = line.split()
            for i, token in enumerate(tokens):
                if i == 0 and previous_ended_with_hyphen:
                    continue
                if token.endswith("-"):
                    continue
                for word in _WORD.findall(token):
                    self.counts[word.casefold()] += 1
            previous_ended_with_hyphen = bool(tokens) and tokens[-1].endswith("-")

    def __getitem__(self, word: str) -> int:
        return self.counts[word.casefold()]


def clean_text(
    raw: str,
    fmt: SourceFormat,
    title: str,
    vocabulary: Vocabulary | None = None,
) -> CleanedText:
    """Clean one document's extracted text into blocks and a joined text with page starts.

    ``raw`` separates PDF pages with form feeds; for ``txt`` a line that starts with a single
    space also marks a page break (the convention of the corpus's PDF-to-text extraction).
    """
    vocab = vocabulary or Vocabulary([raw])
    lines, anchors = split_pages(raw, fmt, title)
    page_of = page_numbering(lines, anchors, fmt)
    if fmt == "pdf":
        lines = _join_wrapped_headings(lines)
    paragraphs = _group_paragraphs(lines, fmt)
    blocks = [b for p in paragraphs for b in _to_blocks(p, fmt, vocab, page_of)]
    blocks = _join_broken_paragraphs(blocks)
    for block in blocks:
        block.text = _repair_inline_hyphens(block.text, vocab)
    contents = tuple(_CONTENTS_LINE.sub("", line.text).strip() for line in lines if _CONTENTS_LINE.search(line.text))
    return replace(_assemble(blocks), contents=contents)


# --- paragraphs and blocks -------------------------------------------------------------------


@dataclass
class _Paragraph:
    lines: list[Line]
    pull_quote: bool = False
    text_line: bool = False
    """A line of a signature: text, never a heading, though it is one short line."""


def _group_paragraphs(lines: list[Line], fmt: SourceFormat) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: list[Line] = []
    pull_quote_next = False

    def flush() -> None:
        nonlocal current, pull_quote_next
        if current:
            paragraphs.append(_Paragraph(current, pull_quote_next))
            pull_quote_next = False
        current = []

    credit_lines: set[int] = set()
    for i, line in enumerate(lines):
        text = line.text
        if not text.strip():
            flush()
            continue
        if _PHOTO_CREDIT.match(text):
            credit_lines.update(_caption_lines(lines, i) if fmt == "pdf" else (i,))
        if i in credit_lines or _IMAGE_PLACEHOLDER.match(text) or _CONTENTS_LINE.search(text):
            continue  # photo credits, image placeholders and table-of-contents lines say nothing
        # A PDF's extracted text has no blank lines between paragraphs: a heading is told by its form.
        if fmt == "pdf" and _pdf_heading(lines, i):
            flush()
            current.append(line)
            if not _numbered_heading(text.strip()):
                flush()  # an unnumbered heading is one line; a numbered one may wrap onto the next
            continue
        if _CONTACT_LINE.search(text) and not _continues(lines, i):
            # An e-mail address or a phone number is a line of its own, not the end of the sentence before it (unless
            # the line goes on with that sentence: "… vid Regional⏎utveckling, e-post …").
            flush()
            current.append(line)
            flush()
            continue
        if fmt == "pdf" and _signature_line(lines, i):
            # A PDF runs a signature's lines (place and date, name, title) into the paragraph before: each is its own.
            flush()
            paragraphs.append(_Paragraph([line], text_line=True))
            continue
        if _PULL_QUOTE_MARK.match(text):
            flush()
            pull_quote_next = True
            continue
        if fmt == "md" and _TABLE_RULE.match(text):
            continue
        table_row = fmt == "md" and _TABLE_ROW.match(text) is not None
        starts_block = line.is_page_start or _FOOTNOTE.match(text) is not None
        # A PDF list item that did not run to the line's end is over: a capitalised line after it starts the text
        # that follows the list ("• Fokusområde 5: 3 miljoner kronor per år" / "Regional utveckling ansvarar …").
        if fmt == "pdf" and current and _LIST_ITEM.match(current[0].text) and text.lstrip()[:1].isupper():
            starts_block = starts_block or len(current[-1].text.strip()) < _SHORT_LINE
        if fmt != "txt" and (_MD_HEADING.match(text) or _LIST_ITEM.match(text) or table_row):
            starts_block = True
        if starts_block:
            flush()
        current.append(line)
        if (fmt != "txt" and _MD_HEADING.match(text)) or table_row:
            flush()
    flush()
    return [p for p in paragraphs if not p.pull_quote]


def _caption_lines(lines: list[Line], i: int) -> range:
    """The lines of a photo credit starting at line ``i``: in a PDF its caption wraps like any text ("Foto: N.N.
    Forskare … testar" / "sårförband av nanocellulosa."), on to the line that ends its sentence, when the next line
    goes on in lower case or the line stops at a word that needs the next ("… på vårdcentralen i" / "Alvesta.")."""
    end = i + 1
    while end < len(lines) and end <= i + 2 and not lines[end].is_page_start:
        line, after = lines[end - 1].text.strip(), lines[end].text.strip()
        words = line.split()
        if not after or line.endswith(_SENTENCE_END):
            break
        if not (after[:1].islower() or (words and words[-1].casefold() in _DANGLING_WORDS | _JOINING_WORDS)):
            break
        end += 1
    return range(i, end)


def _to_blocks(
    paragraph: _Paragraph, fmt: SourceFormat, vocab: Vocabulary, page_of: dict[int, int | None]
) -> list[Block]:
    lines = paragraph.lines
    first = lines[0].text.strip()
    if fmt != "txt":
        m = _MD_HEADING.match(first)
        if m:
            return [_make_block("heading", [(_strip_markup(m.group(2)), lines[0])], vocab, page_of, len(m.group(1)))]
        if _LIST_ITEM.match(first):
            items = [(_LIST_ITEM.sub("- ", _strip_markup(ln.text.strip()), count=1), ln) for ln in lines[:1]]
            rest = [(_strip_markup(ln.text.strip()), ln) for ln in lines[1:]]
            return [_make_block("item", items + rest, vocab, page_of)]
    footnote = _FOOTNOTE.match(first)
    if footnote:
        parts = [(f"{footnote.group(1)} {footnote.group(2).strip()}", lines[0])]
        parts += [(ln.text.strip(), ln) for ln in lines[1:]]
        return [_make_block("footnote", parts, vocab, page_of)]
    parts = [(_strip_markup(ln.text.strip()), ln) for ln in lines]
    if (fmt == "txt" or fmt == "pdf") and not paragraph.text_line:
        heading_lines = _plain_heading_length(parts)
        if heading_lines:
            blocks = [_make_block("heading", parts[:heading_lines], vocab, page_of)]
            if parts[heading_lines:]:
                blocks.append(_make_block("paragraph", parts[heading_lines:], vocab, page_of))
            return blocks
    return [_make_block("paragraph", parts, vocab, page_of)]


_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}\.(?:\s|$)|\d{1,2}(?:\.\d{1,2})+\.?\s)\s*[A-ZÅÄÖÉ]")
NOUN_NUMBERED_HEADING = re.compile(
    r"^(?!(?i:figur|figure|fig|tabell|table|bild|diagram|källa|source|bilaga|appendix)\b)"
    r"([A-ZÅÄÖÉ][\w-]*(?:\s+[\w-]+)?)\s+(\d{1,2}(?:\.\d{1,2})*|[A-Z])(?:\s*[:.–—-]\s+|\s+)([A-ZÅÄÖÉ].*)$"
)
"""A heading numbered after a noun: "Chapter 2 – <title>", "Strategiområde 3: <title>", "Prioritering B – <title>"
(a letter series; not a caption); groups: the noun, the number (or letter), the title."""


def _numbered_heading(text: str) -> bool:
    return bool(_NUMBERED_HEADING.match(text) or NOUN_NUMBERED_HEADING.match(text)) and len(text) <= 120


def _table_row(text: str, neighbour: str) -> bool:
    """Whether a numbered line is a row of a numbered table: it and the line beside it both numbered and ending in a
    figure ("1. Hälsoinnovation i vård och omsorg 52" / "2. Kompetensförsörjning … 38"). One numbered line ending
    in a figure alone is a heading all the same ("2. Life science 4.0", "1.3 Andelen ska öka med 20 %")."""
    return all(bool(_NUMBERED_ITEM.match(t) and _TRAILING_FIGURE.search(t)) for t in (text, neighbour))


_ITEM_LINE = 30
"""Characters: a list item's first line wraps only when it runs to the column's width; a heading above its text
("3. Finansiering") is shorter."""
_CELL = 25
"""Characters: the wrapped rest of a table row's first cell and its figure ("material 20")."""
_TRAILING_FIGURE = re.compile(r"\s(\d[\d  ]*(?:[.,]\d+)?)\s*%?$")


def _pdf_heading(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` of a PDF starts a heading: a numbered heading line, or a short capitalised line without
    digits or closing punctuation between a sentence's end (or a page's start) and a capitalised line."""
    text = lines[i].text.strip()
    after = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    if _numbered_heading(text) and not text.endswith("."):
        # A numbered list item wrapping onto the line that ends its sentence ("3. Regionen ska ha … för\nforskning
        # år 2029.") is no heading: headings do not end in a full stop.
        previous = lines[i - 1].text.strip() if i > 0 else ""
        earlier = lines[i - 2].text.strip() if i > 1 else ""
        if _table_row(text, previous) or _table_row(text, after) or _table_row(previous, earlier):
            return False  # a row of a numbered table ("4. Digital hälsa och data 33" / "5. Hållbar …")
        return not _item_sentence(lines, i)
    words = text.split()
    if not (1 <= len(words) <= 6 and text[:1].isupper() and not text.endswith((*_SENTENCE_END, ","))):
        return False
    if len(words) > 1 and words[-1].casefold() in _DANGLING_WORDS | _JOINING_WORDS | _OPEN_ENDINGS:
        return False  # "Strategins vision är att" is a line of a sentence wrapped in a column, not a heading
    if any(ch.isdigit() for ch in text) or _LIST_ITEM.match(text):
        return False
    before = lines[i - 1].text.strip() if i > 0 and not lines[i].is_page_start else ""
    # After a sentence's end, a heading, or a short line that is no sentence's middle (a signature, a table row).
    # (a short line right after a sentence's end is a heading itself, or a paragraph's first line: no block it ends)
    two_back = lines[i - 2].text.strip() if i > 1 and not lines[i - 1].is_page_start else ""
    block_before = _ends_block(before) and not two_back.endswith(_SENTENCE_END)
    if not (
        not before
        or before.endswith(_SENTENCE_END)
        or _numbered_heading(before)
        or block_before
        or _LIST_ITEM.match(before)
    ):
        return False
    if after and (_LIST_ITEM.match(after) or _NUMBERED_ITEM.match(after) or _numbered_heading(after)):
        return True
    # Short unpunctuated lines after it make a block of lines — a signature ("Ingrid Halvorsen" / "Chair of the …" /
    # "Copenhagen, 3 February 2025"), an address — not a heading and its text, unless what follows them goes on in
    # lower case: then they are a paragraph wrapped in a column ("Regionen ska … med Almi" / "Företagspartner
    # Kronoberg stärka" / "företagen i länet.").
    k = i + 1
    while k < len(lines) and k <= i + 4 and _open_line(lines[k].text.strip()):
        k += 1
    then = lines[k].text.strip() if k < len(lines) else ""
    block_of_lines = k > i + 1 and not then[:1].islower()
    return not after or (after[:1].isupper() and not block_of_lines and not _wrapped_before(lines, i))


def _wrapped_before(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` ends only because the next line's first word did not fit on it: with that word it would run
    to the width of the longest line around it, so the line is a sentence's wrapped first line ("Regionen ska
    tillsammans med <ett bolag>" / "<dess namn> och …" in a column), not a heading. A heading ends where its
    title does, well short of the column's edge ("Vision" / "Regionen ska …")."""
    if i + 1 >= len(lines) or lines[i + 1].is_page_start:
        return False
    page = lines[i].page_index
    around = [len(line.text.strip()) for line in lines[max(0, i - 4) : i + 6] if line.page_index == page]
    width = max(around, default=0)
    first_word = lines[i + 1].text.split()[0] if lines[i + 1].text.split() else ""
    return width > 0 and len(lines[i].text.strip()) + 1 + len(first_word) > _FILLS_LINE * width


def _join_wrapped_headings(lines: list[Line]) -> list[Line]:
    """A PDF's heading wrapped in a narrow column, joined into one line: "Strategiskt" / "område 1:" /
    "Hälsoinnovation i vård" / "och omsorg" is "Strategiskt område 1: Hälsoinnovation i vård och omsorg", and
    "Genomförande och" / "uppföljning" is "Genomförande och uppföljning"."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = _wrapped_heading_end(lines, i)
        if j > i + 1:
            text = " ".join(line.text.strip() for line in lines[i:j])
            out.append(Line(text, lines[i].page_index, lines[i].is_page_start))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _wrapped_heading_end(lines: list[Line], i: int) -> int:
    """The end (exclusive) of a heading wrapped over the lines from ``i``, or ``i + 1`` when none starts there."""

    def text(k: int) -> str:
        return lines[k].text.strip() if k < len(lines) and not lines[k].is_page_start else ""

    first, second = text(i), text(i + 1)
    before = lines[i - 1].text.strip() if i > 0 and not lines[i].is_page_start else ""
    if (
        not first
        or not second
        or not (not before or before.endswith(_SENTENCE_END) or _ends_block(before) or _LIST_ITEM.match(before))
    ):
        return i + 1
    words = first.split()
    lone = len(words) <= 2 and first[:1].isupper() and len(first) < _HEADING_LINE and first.replace(" ", "").isalpha()
    untitled = _UNTITLED_SERIES.match(first)  # "Strategiskt område 2:" / "Kompetensförsörjning" / "och …"
    if (lone and _SERIES_NUMBER.match(second)) or untitled:  # "Strategiskt" / "område 1:" (/ "Titel …")
        j = i + 1 if untitled else i + 2
        second = text(j - 1)
        if re.search(r"\d\s*[:.–—-]?$", second) and text(j)[:1].isupper() and len(text(j)) < _HEADING_LINE:
            j += 1  # the title on a line of its own
        while text(j)[:1].islower() and len(text(j)) < _HEADING_LINE and not text(j).endswith(_SENTENCE_END):
            j += 1  # "… i vård" / "och omsorg"
        return j
    dangling = words[-1].casefold() in _DANGLING_WORDS if words else False
    if (
        dangling
        and first[:1].isupper()
        and len(words) <= 6
        and not any(ch.isdigit() for ch in first)
        and second[:1].islower()
        and len(second) < _HEADING_LINE
        and not second.endswith((*_SENTENCE_END, ","))
        and (not text(i + 2) or text(i + 2)[:1].isupper())
    ):
        return i + 2  # "Genomförande och" / "uppföljning"
    return i + 1


_UNTITLED_SERIES = re.compile(r"^[A-ZÅÄÖÉ][\w-]*(?:\s+[\w-]+)?\s+\d{1,2}(?:\.\d{1,2})?\s*:$")
"""A heading numbered after a noun whose title is on the next line ("Strategiskt område 2:")."""
_SERIES_NUMBER = re.compile(r"^[a-zåäöé][\w-]*\s+\d{1,2}(?:\.\d{1,2})?\s*[:.–—-]?(?:\s+[A-ZÅÄÖÉ].*)?$")
"""The rest of a heading numbered after a two-word noun ("område 1:", "område 2: Digital hälsa")."""


def _continues(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` goes on with the sentence of a wrapped line before it: it starts in lower case after a
    line that ran the page's width without closing punctuation ("… vid Regional" / "utveckling, e-post …")."""
    before = lines[i - 1].text.strip() if i > 0 else ""
    return lines[i].text.lstrip()[:1].islower() and len(before) >= _SHORT_LINE and not before.endswith(_SENTENCE_END)


def _signature_line(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` of a PDF is one of a block of short lines after a sentence's end (a signature: "Östersund i
    november 2025" / "Anna Berglund, regionråd" / "Ordförande i …"): short, unpunctuated lines, at least two together,
    the first after a line that ends a sentence."""

    def short(k: int) -> bool:
        text = lines[k].text.strip() if 0 <= k < len(lines) else ""
        # A name, a title, a place: capitalised ("Antalet anställda är" / "600" is a sentence broken at a number).
        return _open_line(text) and text[:1].isupper()

    def opens(k: int) -> bool:  # the first line of such a block
        before = lines[k - 1].text.strip() if k > 0 and not lines[k].is_page_start else ""
        return short(k) and before.endswith(_SENTENCE_END) and short(k + 1)

    if not short(i):
        return False
    k = i
    while k > 0 and short(k - 1) and not lines[k].is_page_start:
        k -= 1
    end = i
    while short(end + 1) and not lines[end + 1].is_page_start:
        end += 1
    # A paragraph wrapped in a column may also have short capitalised lines ("Regionen ska tillsammans med Almi" /
    # "Företagspartner Kronoberg …"): it goes on in lower case after them; a signature does not.
    after = lines[end + 1].text.strip() if end + 1 < len(lines) else ""
    return opens(k) and not after[:1].islower()


def _open_line(line: str) -> bool:
    """A short line without closing punctuation that ends what came before it (see ``_ends_block``): a line of a
    signature, an address or a table, or of a paragraph wrapped in a column."""
    return _ends_block(line) and not line.endswith(_SENTENCE_END)


def _ends_block(line: str) -> bool:
    """Whether a short line without closing punctuation ends what came before it: a signature, a title or a table
    row does; a line broken after a comma, a hyphen or a word that needs the next ("och", "i") does not."""
    words = line.split()
    return (
        bool(words)
        and len(line) < _SHORT_LINE
        and not line.endswith((",", "-"))
        and words[-1].casefold() not in _DANGLING_WORDS
        and words[-1].casefold() not in _JOINING_WORDS
    )


_SHORT_LINE = 60
"""Characters: a one-column PDF's body lines run the page's width (70–100 characters); a name, a title or an address
line does not. In a column body lines are short too: there the line after tells (see ``_pdf_heading``)."""
_HEADING_LINE = 40
"""Characters: a heading's lines wrapped in a narrow column are short."""
_FILLS_LINE = 0.9
"""Share of the longest nearby line's length: a line that, with the next line's first word, would reach it was wrapped
(characters differ in width, so not the whole length)."""


def _goes_on_to_full_stop(first: str, following: list[str]) -> bool:
    """Whether the lines continuing the numbered line ``first`` in lower case (or a number) reach a full stop: a list
    item's sentence. A wrapped heading goes on in lower case too ("… innovation i" / "klinisk praxis"), but it does
    not end in a full stop. Only a line that ran to the column's width wraps over several lines; after a short one
    ("3. Finansiering") only the next line is read."""
    for line in following[: 4 if len(first) >= _ITEM_LINE else 1]:
        line = line.strip()
        if not (line[:1].islower() or line[:1].isdigit()):
            return False
        if _ends_sentence_on(line) or (_TRAILING_FIGURE.search(line) and len(line) < _CELL):  # a row's cell
            return True
    return False


def _item_sentence(lines: list[Line], i: int) -> bool:
    """Whether the numbered line ``i`` of a PDF is a list item whose sentence goes on over the next lines (on its
    page) to a full stop ("1. Andelen … som" / "regionen köper in … till" / "2032 jämfört med 2024."); see
    ``_goes_on_to_full_stop``."""
    following = []
    for line in lines[i + 1 : i + 5]:
        if line.is_page_start:
            break
        following.append(line.text)
    return _goes_on_to_full_stop(lines[i].text.strip(), following)


def _ends_sentence_on(next_line: str) -> bool:
    """Whether a numbered line is a list item wrapping onto ``next_line``, which ends its sentence ("3. Regionen ska
    ha … för\nforskning år 2029."): a heading does not go on in lower case (or a number) to a full stop."""
    return (next_line[:1].islower() or next_line[:1].isdigit()) and next_line.rstrip().endswith(".")


def _plain_heading_length(parts: list[tuple[str, Line]]) -> int:
    """How many leading lines of a plain-text paragraph form a heading (0 if none).

    A numbered heading (``4.``, ``4.1``) may wrap: continuation lines start in lower case or
    follow a line ending in a hyphen. An unnumbered heading is a lone short line without
    closing punctuation (``Förord``, ``Målsättningar``).
    """
    first = parts[0][0]
    if len(parts) > 1 and _table_row(first, parts[1][0]):
        return 0  # the first row of a numbered table
    following = [t for t, _ in parts[1:]]
    if _numbered_heading(first) and not first.endswith(".") and not _goes_on_to_full_stop(first, following):
        n = 1
        while (
            n < len(parts)
            and n <= 2
            and (
                parts[n][0][:1].islower()
                or parts[n - 1][0].endswith("-")
                or parts[n - 1][0].split()[-1].casefold() in _DANGLING_WORDS
            )
            and len(parts[n][0]) <= 60
            and not parts[n - 1][0].endswith(_SENTENCE_END)
        ):
            n += 1
        return n
    words = first.split()
    if (
        len(parts) == 1
        and 1 <= len(words) <= 6
        and first[:1].isupper()
        and not first.endswith((*_SENTENCE_END, ","))
        # Digits make a line a figure or a date, unless it is set in capitals ("ÅTGÄRDER 2025–2026").
        and (first.isupper() or not any(ch.isdigit() for ch in first))
    ):
        return 1
    return 0


def _make_block(
    kind: BlockKind,
    parts: list[tuple[str, Line]],
    vocab: Vocabulary,
    page_of: dict[int, int | None],
    md_level: int | None = None,
) -> Block:
    """Join line parts into one text, repairing hyphenation and recording page changes."""
    text = ""
    pages: list[tuple[int, int | None]] = []
    for part, line in parts:
        part = normalise_space(part)
        if not part:
            continue
        page = page_of.get(line.page_index)
        if not text:
            pages.append((0, page))
            text = part
            continue
        joined = _join_lines(text, part, vocab)
        offset = len(joined) - len(part) if joined.endswith(part) else len(text)
        if not pages or pages[-1][1] != page:
            pages.append((offset, page))
        text = joined
    return Block(kind=kind, text=text, md_level=md_level, pages=pages)


def _join_lines(left: str, right: str, vocab: Vocabulary) -> str:
    """Join two lines of one paragraph, deciding what a line-final hyphen means."""
    if not left.endswith("-"):
        return f"{left} {right}"
    first_word = right.split()[0]
    if first_word.casefold() in _JOINING_WORDS:
        return f"{left} {right}"  # "hälso- och sjukvården": a real elision hyphen
    stem = re.split(r"[\s-]", left[:-1])[-1]
    head = re.match(r"[^\W\d_]+", first_word)
    if not stem or not head:
        return left + right
    tail = head.group(0)
    joined, hyphenated = vocab[stem + tail], vocab[f"{stem}-{tail}"]
    if hyphenated > joined:
        return left + right
    if joined > hyphenated:
        return left[:-1] + right
    keep_hyphen = (stem.isupper() and len(stem) > 1) or stem[-1].isdigit() or tail[0].isupper()
    return left + right if keep_hyphen else left[:-1] + right


def _repair_inline_hyphens(text: str, vocab: Vocabulary) -> str:
    """Join ``upp-komst`` to ``uppkomst`` when the corpus spells the word joined elsewhere."""

    def repair(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        other_hyphenated = vocab[m.group(0)] - 1
        return joined if vocab[joined] > max(other_hyphenated, 0) else m.group(0)

    return _INLINE_HYPHEN.sub(repair, text)


def _join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Re-join paragraphs split by a page break, a pull quote or a photo mid-sentence."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "paragraph"
            and block.kind == "paragraph"
            and not prev.text.endswith(_SENTENCE_END)
            and block.text[:1].islower()
            and not _CONTACT_LINE.search(block.text)  # "karin.lindqvist@…" starts in lower case, but alone
        ):
            shift = len(prev.text) + 1
            prev.text = f"{prev.text} {block.text}"
            prev.pages.extend((offset + shift, page) for offset, page in block.pages)
            continue
        out.append(block)
    return out


def _assemble(blocks: list[Block]) -> CleanedText:
    """Join blocks with blank lines (consecutive list items with one newline)."""
    pieces: list[str] = []
    page_starts: list[tuple[int, int]] = []
    offset = 0
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            sep = "\n" if previous.kind == block.kind == "item" else "\n\n"
            pieces.append(sep)
            offset += len(sep)
        block.start, block.end = offset, offset + len(block.text)
        for rel, page in block.pages:
            if page is not None and (not page_starts or page_starts[-1][1] != page):
                page_starts.append((offset + rel, page))
        pieces.append(block.text)
        offset = block.end
        previous = block
    return CleanedText("".join(pieces), blocks, page_starts)


def _strip_markup(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)__(.+?)__(?!\w)", r"\1", text)
    return text.replace("**", "")
