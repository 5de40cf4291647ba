"""PDF ingestion with pypdf: Swedish characters and real page numbers, and the PDFs it must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from strategiqa.ingest.load import IngestError, pdf_text
from strategiqa.ingest.pipeline import parse_corpus

PAGES = [
    ["1. Förord", "Västra Götalandsregionen är en region med många företag.", "Här är det öppet för samverkan."],
    [
        "2. Mål och åtgärder",
        "Målet är att öka antalet kliniska prövningar i Västsverige.",
        "Häpnadsväckande många företag ökar sin omsättning.",
    ],
    ["2.1 Åtgärder för hälsodata", "Hälsodata ska delas säkert mellan regionerna.", "Årets mål är högt satta."],
]


def _pdf(pages: list[list[str]], encrypt: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)  # core font, Latin-1: å ä ö are covered
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password=encrypt, user_password=encrypt)
    return bytes(pdf.output())


def test_pdf_is_ingested_with_swedish_text_sections_and_page_numbers(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(_pdf(PAGES))
    (tmp_path / "manifest.toml").write_text(
        '[[documents]]\nid = "pdf-doc"\nfile = "doc.pdf"\ntitle = "Testdokument"\n'
        'publisher = "Testregionen"\nyear = 2025\nkind = "regional"\n',
        encoding="utf-8",
    )
    parsed = parse_corpus(tmp_path)
    document = parsed.documents[0]
    assert "Häpnadsväckande många företag ökar sin omsättning." in document.text
    numbers = [s.number for s in document.all_sections()]
    assert numbers == ["1", "2", "2.1"]
    pages = {p.section_number: p.page for p in parsed.passages}
    assert pages == {"1": 1, "2": 2, "2.1": 3}
    hälsodata = next(p for p in parsed.passages if p.section_number == "2.1")
    assert hälsodata.label.endswith("2.1 Åtgärder för hälsodata, s. 3")


def test_scanned_pdf_without_text_is_refused_with_a_clear_message() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # an image-like page with no text layer
    with pytest.raises(IngestError, match="no extractable text"):
        pdf_text(bytes(pdf.output()), "scan.pdf")


def test_corrupt_and_encrypted_pdfs_are_refused() -> None:
    with pytest.raises(IngestError, match="could not be read"):
        pdf_text(b"%PDF-1.7\nthis is not really a pdf", "broken.pdf")
    with pytest.raises(IngestError, match="encrypted"):
        pdf_text(_pdf(PAGES[:1], encrypt="hemligt"), "locked.pdf")


def test_a_document_that_fails_is_skipped_and_the_rest_ingested(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Rubrik\n\nEn mening om life science.\n", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 damaged beyond repair")
    entries = [("good", "good.md"), ("bad", "bad.pdf")]
    (tmp_path / "manifest.toml").write_text(
        "".join(
            f'[[documents]]\nid = "{i}"\nfile = "{f}"\ntitle = "T {i}"\n'
            'publisher = "P"\nyear = 2025\nkind = "national"\n'
            for i, f in entries
        ),
        encoding="utf-8",
    )
    parsed = parse_corpus(tmp_path)
    assert [d.info.doc_id for d in parsed.documents] == ["good"]
    assert "bad.pdf" in parsed.skipped and "could not be read" in parsed.skipped["bad.pdf"]


def test_a_section_over_two_pages_is_cited_page_by_page(tmp_path: Path) -> None:
    pages = [
        ["1. Inledning", "Den första sidan har en mening om regionen."],
        ["Den andra sidan fortsätter samma avsnitt med en ny mening.", "Och ännu en mening om vården."],
    ]
    (tmp_path / "doc.pdf").write_bytes(_pdf(pages))
    (tmp_path / "manifest.toml").write_text(
        '[[documents]]\nid = "d"\nfile = "doc.pdf"\ntitle = "T"\npublisher = "P"\nyear = 2025\nkind = "national"\n',
        encoding="utf-8",
    )
    parsed = parse_corpus(tmp_path)
    by_page = {p.page: p.text for p in parsed.passages}
    assert set(by_page) == {1, 2}
    assert "andra sidan" in by_page[2] and "andra sidan" not in by_page[1]
    assert all(p.label.endswith(f"s. {p.page}") for p in parsed.passages)


def test_a_wrapped_numbered_list_item_in_a_pdf_is_no_heading() -> None:
    from strategiqa.ingest.clean import clean_text
    from strategiqa.ingest.structure import parse_sections

    raw = (
        "Prioritering A – Hälsoinnovation\n"
        "Vården står för den största delen av budgeten.\n"
        "Strategiska mål\n"
        "1.  Minst tio procent av regionens upphandlingar ska vara innovationsupphandlingar år\n"
        "2030.\n"
        "2.  Regionen ska ha en gemensam plattform för säker delning av hälsodata för\n"
        "forskning år 2029.\n"
        "Prioritering B – Digital omställning\n"
        "Data är en grundförutsättning för nya tjänster.\n"
    )
    cleaned = clean_text(raw, "pdf", title="Strategi")
    sections = parse_sections(cleaned.blocks, len(cleaned.text), "Strategi")
    assert [(s.number, s.title) for s in sections] == [("A", "Hälsoinnovation"), ("B", "Digital omställning")]
    assert [c.title for c in sections[0].children] == ["Strategiska mål"]
    assert "innovationsupphandlingar år 2030." in cleaned.text
