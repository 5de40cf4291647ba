"""A Word document (.docx) read as the Markdown the rest of ingest understands.

Word keeps structure in styles, not in characters: a heading is a paragraph styled "Heading 2" (or "Rubrik 2"
in a Swedish Word), a numbered goal is a "List Number" paragraph whose "1." Word draws itself. Written out as
Markdown — ``##`` headings, ``1.`` and ``-`` list items, ``|`` table rows — a .docx is cleaned, structured and
cited exactly like a .md file with the same text.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from .load import IngestError
from .sentences import MONTH_NAMES

_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 100
"""A .docx is a zip: one that would inflate far beyond its size (a zip bomb) is not opened."""
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "rubrik"}


def docx_markdown(data: bytes, name: str) -> str:
    """The text of a Word document as Markdown: the title and headings by level, list items, table rows."""
    document = open_docx(data, name)
    from docx.table import Table

    lines: list[str] = []
    numbered = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(["", *_table_rows(block), ""])
            numbered = 0
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style = (block.style.name if block.style is not None else "").strip()
        level = _heading_level(style)
        if level:
            lines.extend(["", f"{'#' * level} {text}", ""])
            numbered = 0
        elif "number" in style.lower():
            numbered += 1
            lines.append(f"{numbered}. {text}")
        elif "bullet" in style.lower() or "list" in style.lower() or _has_numbering(block):
            lines.append(f"- {text}")
            numbered = 0
        elif _after_signature_name(lines) and _title_line(text):
            # A signature set as paragraphs ("<First> <Last>" / "Commissioner for Health"): one line, as a Markdown
            # file or a PDF writes it, so it reads as a name and title.
            lines[-2] = f"{lines[-2]} {text}"
            numbered = 0
        else:
            lines.extend(["", text, ""])
            numbered = 0
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


_PERSON = re.compile(r"[A-ZÅÄÖÉ][\w’'-]+(?:\s+[A-ZÅÄÖÉ][\w’'-]+){1,3}")
"""A paragraph that is only a name ("<First> <Last>"): two to four capitalised words."""


def _after_signature_name(lines: list[str]) -> bool:
    """Whether the last paragraph written is a name that closes a text: a name alone ("<First> <Last>") right after a
    paragraph that ends a sentence (a cover's "Region X" / "Strategi …" lines are no signature)."""
    written = [line for line in lines if line.strip()]
    return len(written) >= 2 and bool(_PERSON.fullmatch(written[-1])) and bool(re.search(r"[.!?]$", written[-2]))


def _title_line(text: str) -> bool:
    """A short line without closing punctuation, digits or a month: a title under a name ("Commissioner for Health"),
    not a place and date ("<Town> i april 2026")."""
    return len(text.split()) <= 8 and not re.search(r"[.!?:;]$|\d", text) and not _MONTH.search(text)


class DocxError(IngestError):
    """A .docx that cannot be opened; ``problem`` says why: ``bad_zip``, ``too_large``, ``not_word`` or
    ``unreadable``."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


def open_docx(data: bytes, name: str) -> Any:
    """The python-docx document of ``data``, opened in memory after checking it is a Word file of a plausible
    size; DocxError otherwise. Corpus files and uploaded proposals are opened alike."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocxError(f"{name} looks like a Word file but is damaged; save it again and retry.", "bad_zip") from exc
    unzipped = sum(i.file_size for i in infos)
    if unzipped > _MAX_UNZIPPED_BYTES or unzipped > _MAX_COMPRESSION_RATIO * max(len(data), 1):
        raise DocxError(f"{name} inflates to an implausible size; it was not opened.", "too_large")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise DocxError(f"{name} is a zip file, not a Word document; add a .docx, .txt, .md or .pdf file.", "not_word")
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken files
        raise DocxError(f"{name} could not be read as a Word document; it may be damaged.", "unreadable") from exc


def _heading_level(style: str) -> int:
    if style.lower() in _TITLE_STYLES:
        return 1
    m = _HEADING_STYLE.match(style)
    return min(int(m.group(1)), 6) if m else 0


def _has_numbering(paragraph: Any) -> bool:
    """A list item made by Word's list buttons on a plain paragraph (numbering properties, any style)."""
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _table_rows(table: Any) -> list[str]:
    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    out = [f"| {' | '.join(rows[0])} |", f"|{'---|' * len(rows[0])}"]
    out += [f"| {' | '.join(row)} |" for row in rows[1:]]
    return out


_MONTH = re.compile(rf"\b{MONTH_NAMES}\b", re.IGNORECASE)
