"""Pages of extracted text: page breaks, running headers/footers, and printed page numbers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_BREAK = "\f"
_PAGE_NUMBER_ONLY = re.compile(r"^\s*\d{1,4}\s*$")
_ROMAN_PAGE_ONLY = re.compile(r"^\s*[ivxl]{1,6}\s*$", re.IGNORECASE)
"""Front matter is often numbered i, ii, iii: in a page's margin such a line is a page label, not text."""
_HEADER_WITH_NUMBER = (
    re.compile(r"^\s*(?P<title>\D.*?)[\s\u2000-\u200b]+(?P<page>\d{1,4})\s*$"),
    re.compile(r"^\s*(?P<page>\d{1,4})[\s\u2000-\u200b]+(?P<title>\D.*?)\s*$"),
)


def normalise_space(text: str) -> str:
    """One plain space between words: wide, thin and no-break spaces, tabs and footnote marks folded."""
    text = text.replace("\t\ufffd", " ").replace("\ufffd", "")
    text = re.sub(r"[\u2000-\u200b\u00a0\t]", " ", text)
    return re.sub(r" {2,}", " ", text).strip()


# --- pages -----------------------------------------------------------------------------------


@dataclass
class Line:
    text: str
    page_index: int
    is_page_start: bool = False


_BULLET_GLYPH = re.compile(r"^\s*[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf06e\u25aa\u25cf\u25e6\u2023\u2043\u25a0]\s*")


def split_pages(raw: str, fmt: str, title: str) -> tuple[list[Line], list[tuple[int, int]]]:
    """Split into lines tagged with a page index; drop running headers and footers, keep their page
    numbers as anchors.

    In a PDF, headers, footers and page numbers are recognised by **position and repetition**: only
    the first and last lines of a page (its margins) can be one, a page number must follow the page
    sequence, and a margin line without a number must recur on at least half the pages. A number alone
    on a line inside the text ("… regionen är⏎600⏎vilket …") is text, and stays."""
    header_titles = _title_prefixes(title)
    repeated = _repeated_header_titles(raw)
    pages = raw.split(PAGE_BREAK)
    offset = _printed_offset(pages, header_titles, repeated) if fmt == "pdf" else None
    running = _running_margin_lines(pages) if fmt == "pdf" else set()
    lines: list[Line] = []
    anchors: list[tuple[int, int]] = []
    page_index = 0
    seen_text = False
    for chunk_no, page_text in enumerate(pages):
        if chunk_no > 0:
            page_index += 1
        first_line_of_page = True
        page_lines = page_text.splitlines()
        margin = _margin_positions(page_lines) if fmt == "pdf" else None
        for position, line in enumerate(page_lines):
            line = line.replace("\u00ad", "")  # soft hyphens never belong in cleaned text
            # A bullet in a symbol font comes out of a PDF as a private-use glyph (U+F0B7 …) or a square: it is a
            # list item's bullet all the same.
            line = _BULLET_GLYPH.sub("• ", line)
            starts_page = first_line_of_page and chunk_no > 0
            if fmt == "txt" and re.match(r"^ \S", line):
                if seen_text:
                    page_index += 1
                starts_page = True
            in_margin = margin is None or position in margin
            header_page = _running_header_page(line, header_titles, repeated) if in_margin else None
            if header_page is not None and (offset is None or fmt != "pdf" or header_page - page_index == offset):
                anchors.append((page_index, header_page))
                continue
            if fmt == "pdf" and in_margin and _PAGE_NUMBER_ONLY.match(line) and int(line) - page_index == offset:
                anchors.append((page_index, int(line)))
                continue
            if fmt == "pdf" and in_margin and (_margin_key(line) in running or _ROMAN_PAGE_ONLY.match(line)):
                continue
            if line.strip():
                seen_text = True
                first_line_of_page = False
            lines.append(Line(line.rstrip(), page_index, starts_page))
    return lines, anchors


def _margin_positions(page_lines: list[str], depth: int = 2) -> set[int]:
    """Positions of a page's first and last ``depth`` non-empty lines: where headers and footers stand."""
    filled = [i for i, line in enumerate(page_lines) if line.strip()]
    return set(filled[:depth] + filled[-depth:])


def _margin_key(line: str) -> str:
    """A margin line without its digits: a footer reads the same on every page but for its number."""
    return re.sub(r"\d+", "#", normalise_space(line).casefold())


def _running_margin_lines(pages: list[str]) -> set[str]:
    """Margin lines (digits aside) that recur on at least half the pages, and on three or more."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        page_lines = page.splitlines()
        counts.update({_margin_key(page_lines[i]) for i in _margin_positions(page_lines)})
    return {key for key, n in counts.items() if n >= 3 and n >= len(pages) / 2 and len(key) >= 3}


def _printed_offset(pages: list[str], titles: list[str], repeated: set[str]) -> int | None:
    """Printed page number minus page index, when at least two pages' margins agree on it."""
    offsets: Counter[int] = Counter()
    for index, page in enumerate(pages):
        page_lines = page.splitlines()
        for position in _margin_positions(page_lines):
            line = page_lines[position]
            number = _running_header_page(line, titles, repeated)
            if number is None and _PAGE_NUMBER_ONLY.match(line):
                number = int(line)
            if number is not None:
                offsets[number - index] += 1
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 2 else None


def _title_prefixes(title: str) -> list[str]:
    base = normalise_space(title).casefold()
    parts = {base, re.split(r"\s[–—:-]\s|:", base)[0].strip()}
    return [p for p in parts if len(p) >= 8]


def _repeated_header_titles(raw: str) -> set[str]:
    """Short lines ending (or starting) with a number that recur with three or more *different* numbers
    are running headers: a page number changes from page to page, a year in a caption
    ("Källa: SCB 2023") does not."""
    numbers: dict[str, set[str]] = {}
    for line in raw.splitlines():
        for pattern in _HEADER_WITH_NUMBER:
            m = pattern.match(line)
            if m and len(m.group("title")) <= 80:
                numbers.setdefault(normalise_space(m.group("title")).casefold(), set()).add(m.group("page"))
    return {t for t, found in numbers.items() if len(found) >= 3 and len(t) >= 4}


def _running_header_page(line: str, titles: list[str], repeated: set[str]) -> int | None:
    for pattern in _HEADER_WITH_NUMBER:
        m = pattern.match(line)
        if not m:
            continue
        text = normalise_space(m.group("title")).casefold()
        if text in repeated or any(text == t or (len(text) >= 12 and t.startswith(text)) for t in titles):
            return int(m.group("page"))
    return None


def page_numbering(lines: list[Line], anchors: list[tuple[int, int]], fmt: str) -> dict[int, int | None]:
    """Map page index to printed page number.

    Pages are counted from the printed numbers that anchor them (a running header's number, a page
    number in the margin), so a PDF whose cover is unnumbered cites page 1 where the print says 1; pages
    before the numbering starts have no page. Without anchors a PDF is cited by its physical pages and a
    text export's pages stay unknown.
    """
    indices = {line.page_index for line in lines}
    if not anchors:
        # A PDF without printed numbers is cited by its physical page; a text export stays unknown.
        return {i: i + 1 for i in indices} if fmt == "pdf" else dict.fromkeys(indices)
    offsets = Counter(page - index for index, page in anchors)
    offset = offsets.most_common(1)[0][0]
    return {i: (i + offset if i + offset >= 1 else None) for i in indices}
