"""Read an uploaded proposal in memory: plain text, Markdown, PDF or Word (.docx).

The type is decided by the content, never by the file name, and nothing is written to disk.
"""

from __future__ import annotations

from pathlib import Path

from strategiqa.ingest.clean import clean_text
from strategiqa.ingest.load import IngestError, pdf_text
from strategiqa.ingest.word import DocxError, open_docx

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MIN_WORDS = 5
"""Fewer words than this ("AI") match some objective by chance: refused, not rated."""
_LABEL_WORDS = 8
"""A line or block this short without a sentence's final punctuation is a heading or label."""
_SENTENCE_END = (".", "!", "?", ":", ";")


class ProposalError(ValueError):
    """The proposal cannot be read; the message says why and what to send instead."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def proposal_text(data: bytes, filename: str | None = None) -> str:
    """The text of an uploaded proposal, by its content: PDF, .docx, or UTF-8 text/Markdown. A file whose
    name promises one type and whose content is another (a text file named .pdf) is refused, saying so."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ProposalError("The file is larger than 10 MB; send a shorter document.", status=413)
    if not data.strip():
        raise ProposalError("The file is empty; send a proposal with text.")
    _check_extension(data, filename)
    if data.startswith(b"%PDF-"):
        try:
            text = pdf_text_as_paragraphs(pdf_text(data, "The PDF"))
        except IngestError as exc:
            raise ProposalError(str(exc)) from exc
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    return check_text(text)


_CONTENT_OF = {".pdf": (b"%PDF-", "a valid PDF"), ".docx": (b"PK\x03\x04", "a valid Word document (.docx)")}


def _check_extension(data: bytes, filename: str | None) -> None:
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in _CONTENT_OF and not data.startswith(_CONTENT_OF[suffix][0]):
        raise ProposalError(
            f"The file {Path(filename or '').name} is not {_CONTENT_OF[suffix][1]}; "
            "save it again in that format or send .txt.",
            status=415,
        )
    if suffix in {".doc", ".odt", ".rtf", ".pages", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg"}:
        raise ProposalError(f"Unsupported file type ({suffix}); send .txt, .md, .pdf or .docx.", status=415)


def check_text(text: str) -> str:
    """Proposal text, stripped; ProposalError when empty or too long."""
    if not isinstance(text, str):
        raise ProposalError("The proposal must be text.")
    text = text.replace("\x00", "").strip()
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ProposalError("The proposal is not valid UTF-8 text; send it as UTF-8.")
    if not text:
        raise ProposalError("The proposal has no text; paste or upload the proposal itself.")
    if len(text) > MAX_TEXT_CHARS:
        raise ProposalError(f"The proposal is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}.")
    if len(text.split()) < MIN_WORDS:
        raise ProposalError(
            f"The proposal is too short to check (fewer than {MIN_WORDS} words); describe what the project will do."
        )
    return text


def pdf_text_as_paragraphs(raw: str) -> str:
    """A PDF's extracted lines as the corpus cleaning reads them (lines joined into sentences, hyphens
    repaired, page furniture dropped), with headings and labels kept on their own: the same text a
    .docx or .txt of the proposal gives."""
    return clean_text(separate_labels(raw, wrapped=True), "pdf", title="").text


def separate_labels(text: str, wrapped: bool = False) -> str:
    """Put each heading or label line ("Syfte", "Förväntade resultat") in a paragraph of its own, so it
    is not glued to the sentence under it: a line this short that ends without punctuation or hyphen
    is not a wrapped line."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        # A wrapped line of a sentence may end in a comma or a hyphen; a label does not.
        # In a PDF's ``wrapped`` lines, one that runs the page's width is a wrapped line whatever its word count
        # ("… Chalmers, AI" / "Sweden och fyra företag."); in typed text a line is a line.
        label = (
            is_label(stripped)
            and stripped[0].isupper()
            and not stripped.endswith((",", "-"))
            and not (wrapped and len(" ".join(stripped.split())) >= _LABEL_CHARS)
        )
        lines.append(f"\n{stripped}\n" if label else line)
    return "\n".join(lines)


_LABEL_CHARS = 60
"""A label line is short: a PDF's wrapped body lines run the page's width (70–100 characters)."""


def is_label(text: str) -> bool:
    """A heading or label ("Syfte och mål"): a few words without a sentence's final punctuation."""
    return 0 < len(text.split()) <= _LABEL_WORDS and not text.rstrip().endswith(_SENTENCE_END)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ProposalError("Unsupported file type; send .txt, .md, .pdf or .docx.", status=415)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProposalError(
            "The file is neither UTF-8 text, PDF nor .docx; send .txt, .md, .pdf or .docx.", status=415
        ) from exc


# What an upload is told when its .docx cannot be opened (see ``ingest.word.open_docx``), and with which status.
_DOCX_PROBLEMS = {
    "bad_zip": ("The file looks like a .docx but is damaged; save it again and retry.", 422),
    "unreadable": ("The .docx could not be read; it may be damaged.", 422),
    "too_large": ("The .docx inflates to an implausible size; it was not opened.", 413),
    "not_word": ("The zip file is not a Word document; send .txt, .md, .pdf or .docx.", 415),
}


def _docx_text(data: bytes) -> str:
    try:
        document = open_docx(data, "The .docx")
    except DocxError as exc:
        message, status = _DOCX_PROBLEMS[exc.problem]
        raise ProposalError(message, status=status) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n\n".join(p for p in parts if p.strip())
