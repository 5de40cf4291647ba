"""PDF pages read correctly: running headers and footers by position and repetition, printed page numbers
offset from the physical ones (unnumbered cover, roman front matter), a number alone on a line inside the
text, a caption with a year, a two-column page and hyphenation — small PDFs built here with fpdf2."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from strategiqa.ingest.load import pdf_text
from strategiqa.ingest.model import Passage
from strategiqa.ingest.pipeline import ParsedCorpus, parse_corpus

HEADER = "Testregionens strategi 2030"


def _report() -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)

    def page(body: list[str], header: bool = True, footer: str | None = None, columns: tuple[str, str] | None = None):  # type: ignore[no-untyped-def]
        pdf.add_page()
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 6, HEADER)
        if columns:
            pdf.set_xy(10, 25)
            pdf.multi_cell(90, 6, columns[0])
            pdf.set_xy(110, 25)
            pdf.multi_cell(90, 6, columns[1])
        pdf.set_xy(10, 25)
        for line in body:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        if footer:
            pdf.set_xy(10, 280)
            pdf.cell(0, 6, footer, align="C")

    page(["Strategi för Testregionen", "Regionstyrelsen 2025"], header=False)  # cover, no number
    page(["Innehåll", "1. Inledning", "2. Mål"], header=False, footer="i")
    page(
        ["Förord", "Strategin har tagits fram i bred samverkan.", "Den gäller till år 2030."], header=False, footer="ii"
    )
    page(
        [
            "1. Inledning",
            "Regionen har ett starkt näringsliv och många företag.",
            "Antalet anställda i regionen är",
            "600",
            "vilket är fler än förra året.",
            "Samverkan mellan vården och närings-",
            "livet är viktig för tillväxten.",
            "Regionen satsar också på utbildning.",
            "Källa: SCB 2023",
        ],
        footer="1",
    )
    page(
        [
            "2. Mål",
            "Målet är fler kliniska prövningar i regionen.",
            "Alla ska ha tillgång till god vård.",
            "Digitaliseringen ska gå snabbare.",
            "Källa: SCB 2023",
        ],
        footer="2",
    )
    page(
        [],
        footer="3",
        columns=(
            "2.1 Forskning och samarbete. Forskningen ska stärkas genom nya samarbeten med universitetet.",
            "Företagen ska få enklare tillgång till testmiljöer i hela regionen.",
        ),
    )
    page(
        [
            "3. Genomförande",
            "Arbetet följs upp varje år av regionstyrelsen.",
            "Resultaten redovisas öppet.",
            "Källa: SCB 2023",
        ],
        footer="4",
    )
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> ParsedCorpus:
    folder = tmp_path_factory.mktemp("pdf-pages")
    (folder / "strategi.pdf").write_bytes(_report())
    (folder / "manifest.toml").write_text(
        '[[documents]]\nid = "test-strategi"\nfile = "strategi.pdf"\ntitle = "Strategi för Testregionen"\n'
        'publisher = "Testregionen"\nyear = 2025\nkind = "regional"\n',
        encoding="utf-8",
    )
    return parse_corpus(folder)


def _passage_with(parsed: ParsedCorpus, words: str) -> Passage:
    return next(p for p in parsed.passages if words in p.text)


def test_a_number_alone_on_a_line_inside_the_text_stays_in_the_quote(parsed: ParsedCorpus) -> None:
    text = parsed.documents[0].text
    assert "Antalet anställda i regionen är 600 vilket är fler än förra året." in text


def test_running_headers_footers_and_page_labels_are_not_text(parsed: ParsedCorpus) -> None:
    text = parsed.documents[0].text
    assert HEADER not in text and "Testregionens strategi" not in text
    assert not any(line.strip() in {"1", "2", "3", "4", "i", "ii"} for line in text.splitlines())


def test_citations_carry_the_printed_page_not_the_physical_one_nor_a_year(parsed: ParsedCorpus) -> None:
    assert _passage_with(parsed, "Antalet anställda").page == 1  # physical page 4
    assert _passage_with(parsed, "fler kliniska prövningar").page == 2
    assert _passage_with(parsed, "testmiljöer").page == 3
    assert _passage_with(parsed, "följs upp varje år").page == 4
    assert _passage_with(parsed, "bred samverkan").page is None  # front matter numbered ii: no arabic page
    assert all(p.page is None or p.page <= 4 for p in parsed.passages)  # never "s. 2023" or "s. 2030"
    assert _passage_with(parsed, "följs upp varje år").label.endswith("s. 4")


def test_two_columns_do_not_interleave_and_hyphenation_is_repaired(parsed: ParsedCorpus) -> None:
    text = parsed.documents[0].text
    assert "Forskningen ska stärkas genom nya samarbeten med universitetet." in text
    assert "Företagen ska få enklare tillgång till testmiljöer i hela regionen." in text
    assert "Samverkan mellan vården och näringslivet är viktig för tillväxten." in text


def test_every_sentence_is_verbatim_on_its_cited_page(parsed: ParsedCorpus) -> None:
    pages = pdf_text(_report()).split("\f")
    printed_to_physical = {1: 3, 2: 4, 3: 5, 4: 6}

    def letters(text: str) -> str:
        return "".join(c for c in text.replace("-\n", "") if c.isalnum())

    for passage in parsed.passages:
        if passage.page is None:
            continue
        source = letters(pages[printed_to_physical[passage.page]])
        for sentence in passage.sentence_texts():
            assert letters(sentence) in source, (passage.page, sentence)


def test_adding_a_document_never_changes_another_documents_text(tmp_path: Path) -> None:
    entry = (
        '[[documents]]\nid = "{id}"\nfile = "{file}"\ntitle = "{title}"\npublisher = "P"\nyear = 2025\n'
        'kind = "regional"\n'
    )
    (tmp_path / "a.txt").write_text(
        "1. Mål\n\nSamverkan mellan vården och närings-\nlivet är viktig för regionen och dess företag.\n",
        encoding="utf-8",
    )
    # Another document that spells the word with a hyphen must not decide how document a is repaired.
    (tmp_path / "b.txt").write_text(
        "1. Mål\n\nVi stärker närings-livet. Närings-livet växer. Hela närings-livet deltar varje år.\n",
        encoding="utf-8",
    )
    (tmp_path / "manifest.toml").write_text(entry.format(id="a", file="a.txt", title="Strategi A"), encoding="utf-8")
    alone = parse_corpus(tmp_path)
    assert "vården och näringslivet är viktig" in alone.documents[0].text
    with (tmp_path / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write("\n" + entry.format(id="b", file="b.txt", title="Strategi B"))
    both = parse_corpus(tmp_path)
    assert both.documents[0].text == alone.documents[0].text
    assert [p.passage_id for p in both.passages if p.doc_id == "a"] == [p.passage_id for p in alone.passages]
