"""Pages of extracted text: page breaks, running headers/footers, and printed page numbers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_BREAK = "\f"
_PAGE_NUMBER_ONLY = re.compile(r"^\s*\d{1,4}\s*$")
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


def split_pages(raw: str, fmt: str, title: str) -> tuple[list[Line], list[tuple[int, int]]]:
    """Split into lines tagged with a page index; drop running headers, keep them as anchors."""
    header_titles = _title_prefixes(title)
    repeated = _repeated_header_titles(raw)
    lines: list[Line] = []
    anchors: list[tuple[int, int]] = []
    page_index = 0
    seen_text = False
    for chunk_no, page_text in enumerate(raw.split(PAGE_BREAK)):
        if chunk_no > 0:
            page_index += 1
        first_line_of_page = True
        for line in page_text.splitlines():
            line = line.replace("\u00ad", "")  # soft hyphens never belong in cleaned text
            starts_page = first_line_of_page and chunk_no > 0
            if fmt == "txt" and re.match(r"^ \S", line):
                if seen_text:
                    page_index += 1
                starts_page = True
            header_page = _running_header_page(line, header_titles, repeated)
            if header_page is not None:
                anchors.append((page_index, header_page))
                continue
            if fmt == "pdf" and _PAGE_NUMBER_ONLY.match(line):
                anchors.append((page_index, int(line)))
                continue
            if line.strip():
                seen_text = True
                first_line_of_page = False
            lines.append(Line(line.rstrip(), page_index, starts_page))
    return lines, anchors


def _title_prefixes(title: str) -> list[str]:
    base = normalise_space(title).casefold()
    parts = {base, re.split(r"\s[–—:-]\s|:", base)[0].strip()}
    return [p for p in parts if len(p) >= 8]


def _repeated_header_titles(raw: str) -> set[str]:
    """Short lines with a page number that recur on three or more pages are running headers."""
    counts: Counter[str] = Counter()
    for line in raw.splitlines():
        for pattern in _HEADER_WITH_NUMBER:
            m = pattern.match(line)
            if m and len(m.group("title")) <= 80:
                counts[normalise_space(m.group("title")).casefold()] += 1
    return {t for t, n in counts.items() if n >= 3 and len(t) >= 4}


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

    PDFs number their pages themselves; a text export is numbered only when a running header
    anchors it (then pages are counted from the anchor), else its pages stay unknown.
    """
    indices = {line.page_index for line in lines}
    if fmt == "pdf":
        return {i: i + 1 for i in indices}
    if not anchors:
        return dict.fromkeys(indices)
    offsets = Counter(page - index for index, page in anchors)
    offset = offsets.most_common(1)[0][0]
    return {i: (i + offset if i + offset >= 1 else None) for i in indices}
