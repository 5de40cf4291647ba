"""A Word document is read as the Markdown of its styles: the same sections and sentences as the .md of the same
text (the fixture's .md was converted from its .docx by a helper, independently of this reader)."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.ingest.load import IngestError, read_source
from strategiqa.ingest.model import DocumentInfo
from strategiqa.ingest.pipeline import parse_document

DATA = Path(__file__).parent.parent / "app" / "data"
INFO = DocumentInfo(
    doc_id="ostergotland",
    file="x",
    title="Innovationsstrategi för Region Östergötland 2025–2030",
    short_title="Innovationsstrategi",
    publisher="Region Östergötland",
    year=2025,
    kind="regional",
)


def _parsed(path: Path) -> tuple[list[tuple[str | None, str]], list[str]]:
    raw, fmt = read_source(path)
    document, blocks = parse_document(INFO, raw, fmt)
    sections = [(s.number, s.title) for s in document.all_sections()]
    return sections, [" ".join(b.text.split()) for b in blocks]


def test_a_docx_reads_as_its_markdown() -> None:
    docx_sections, docx_blocks = _parsed(DATA / "innovationsstrategi-ostergotland-2025.docx")
    md_sections, md_blocks = _parsed(DATA / "innovationsstrategi-ostergotland-2025.md")
    assert docx_sections == md_sections
    assert ("B", "Digital omställning och datadriven utveckling") in docx_sections
    assert docx_blocks == md_blocks


def test_a_file_whose_content_is_not_its_name_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    text_as_pdf = tmp_path / "plan.pdf"
    text_as_pdf.write_text("Det här är text, inte en PDF.", encoding="utf-8")
    with pytest.raises(IngestError, match=r"plan.pdf is text, not what its name \(.pdf\) says"):
        read_source(text_as_pdf)
    pdf_as_text = tmp_path / "plan.txt"
    pdf_as_text.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(IngestError, match=r"plan.txt is a PDF"):
        read_source(pdf_as_text)
    zip_not_word = tmp_path / "plan.docx"
    import zipfile

    with zipfile.ZipFile(zip_not_word, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    with pytest.raises(IngestError, match="is a zip file, not a Word document"):
        read_source(zip_not_word)


def test_a_signature_set_as_paragraphs_is_one_name_and_title_line() -> None:
    """Word users set a signature as paragraphs ("Elena Marković" / "Commissioner for Health"); a Markdown file or a
    PDF has it on one line, which reads as a name and title. A title page's lines stay apart."""
    import io

    import docx
    from strategiqa.ingest.sentences import sentence_role
    from strategiqa.ingest.word import docx_markdown

    document = docx.Document()
    document.add_heading("EU Strategy for Health", 0)
    document.add_paragraph("Region Norrbo")  # a cover's lines: no signature
    document.add_paragraph("Life Science Strategy")
    document.add_paragraph("European Health Council (EHC)")
    document.add_paragraph("Brussels, March 2025")
    document.add_heading("Foreword", 1)
    document.add_paragraph("We will bring research to patients faster.")
    document.add_paragraph("Elena Marković")
    document.add_paragraph("Commissioner for Health and Life Sciences")
    document.add_paragraph("Chair of the European Health Council")
    document.add_heading("Förord", 1)
    document.add_paragraph("Vi tar nu nästa steg.")
    document.add_paragraph("Anna Lindgren")
    document.add_paragraph("Härnösand i april 2026")  # a place and date: the dateline, not a title
    buffer = io.BytesIO()
    document.save(buffer)
    paragraphs = [p.strip() for p in docx_markdown(buffer.getvalue(), "eu.docx").split("\n\n")]
    assert "Elena Marković Commissioner for Health and Life Sciences" in paragraphs
    assert sentence_role("Elena Marković Commissioner for Health and Life Sciences") == "name_line"
    assert "Chair of the European Health Council" in paragraphs  # one title line is joined, not the whole block
    assert "Brussels, March 2025" in paragraphs and "European Health Council (EHC)" in paragraphs
    assert "Region Norrbo" in paragraphs and "Life Science Strategy" in paragraphs
    assert "Anna Lindgren" in paragraphs and "Härnösand i april 2026" in paragraphs
