"""Section trees: the real outline, and the generic rules on small inputs."""

from __future__ import annotations

from strategiqa.ingest.clean import clean_text
from strategiqa.ingest.model import Document, Section
from strategiqa.ingest.pipeline import ParsedCorpus
from strategiqa.ingest.structure import parse_sections


def _doc(parsed: ParsedCorpus, kind: str) -> Document:
    return next(d for d in parsed.documents if d.info.kind == kind)


def test_national_outline_has_8_areas_and_31_objectives_with_whole_titles(parsed_corpus: ParsedCorpus) -> None:
    national = _doc(parsed_corpus, "national")
    areas = [s for s in national.sections if s.number is not None]
    assert [a.number for a in areas] == [str(n) for n in range(1, 9)]
    objectives = [c for a in areas for c in a.children if c.number]
    assert len(objectives) == 31
    assert [o.number for o in objectives[:4]] == ["1.1", "1.2", "1.3", "1.4"]
    assert objectives[-1].number == "8.5"
    assert all(o.number.split(".")[0] == a.number for a in areas for o in a.children if o.number)
    titles = {o.number: o.title for o in objectives}
    assert titles["2.1"] == "En nationell digital infrastruktur i hälso- och sjukvården"
    assert titles["6.2"] == "Excellent forskningsinfrastruktur inom life science-området"
    assert titles["3.4"] == (
        "Forskning inom regulatorisk vetenskap till nytta för utvecklingen av nya "
        "läkemedel och nya medicintekniska produkter"
    )
    assert titles["7.3"] == "Attrahera och behålla internationella rekryteringar i Sverige"
    assert titles["3.5"] == "Förbättrade förutsättningar för teknik inom socialtjänsten"
    assert areas[1].title == "Nyttiggörande av hälso- och vårddata för forskning och innovation"


def test_regional_outline_has_7_focus_areas_each_with_malbild_and_behov(parsed_corpus: ParsedCorpus) -> None:
    regional = _doc(parsed_corpus, "regional")
    top_titles = [s.title for s in regional.sections]
    assert "Förord" in top_titles
    assert top_titles[-1] == "Genomförande och gemensamt ledarskap"
    areas = [s for s in regional.all_sections() if s.number is not None]
    assert [a.number for a in areas] == [str(n) for n in range(1, 8)]
    assert len({a.level for a in areas}) == 1, "## 3. and #### 4. must end up at the same level"
    for area in areas:
        assert [c.title for c in area.children] == ["MÅLBILD", "BEHOV"], area.title
    assert areas[3].title == "Kompetensförsörjning, utbildning och livslångt lärande"


def test_every_section_span_contains_its_children(parsed_corpus: ParsedCorpus) -> None:
    def check(section: Section) -> None:
        assert section.start <= section.body_start <= section.end
        for child in section.children:
            assert section.body_start <= child.start and child.end <= section.end
            assert child.path[:-1] == section.path
            check(child)

    for document in parsed_corpus.documents:
        for top in document.sections:
            check(top)


def test_markdown_levels_are_normalised_by_numbering_and_relative_depth() -> None:
    raw = "# Kapitel\n\nText.\n\n## 1. Ett\n\n### Del\n\nA.\n\n#### 2. Två\n\n##### Del\n\nB.\n\n# Slut\n\nC."
    cleaned = clean_text(raw, "md", "Titel")
    roots = parse_sections(cleaned.blocks, len(cleaned.text), "Titel")
    assert [r.title for r in roots] == ["Kapitel", "Slut"]
    one, two = roots[0].children
    assert (one.number, two.number) == ("1", "2")
    assert [c.title for c in two.children] == ["Del"]
    assert two.children[0].path == ("Kapitel", "2. Två", "Del")


def test_plain_text_headings_wrap_and_unnumbered_labels_without_text_are_dropped() -> None:
    raw = (
        " 1. Område ett som har en lång \nrubrik\n\nInledning om området.\n\n"
        "Målsättningar\n\n1.1 Ett mål som fortsätter i \nSverige\nText om målet.\n"
    )
    cleaned = clean_text(raw, "txt", "Titel")
    roots = parse_sections(cleaned.blocks, len(cleaned.text), "Titel")
    assert [(r.number, r.title) for r in roots] == [("1", "Område ett som har en lång rubrik")]
    assert [(c.number, c.title) for c in roots[0].children] == [("1.1", "Ett mål som fortsätter i Sverige")]


def test_numbered_list_in_body_text_is_not_a_heading() -> None:
    raw = "Inledning.\n\n3.2 procent av budgeten går till forskning.\n"
    cleaned = clean_text(raw, "txt", "Titel")
    assert all(b.kind != "heading" for b in cleaned.blocks)


def test_a_series_numbered_after_a_noun_is_numbered_and_a_title_heading_is_no_parent() -> None:
    raw = (
        "# Plan för Testlän 2027–2030\n\nUndertitel.\n\n## Inledning\n\nText.\n\n"
        "## Strategiområde 1: Vård på distans\n\n### Mål\n\nA.\n\n"
        "## Strategiområde 2 – Kliniska studier\n\n### Mål\n\nB.\n\n"
        "## Bilaga 1: Ordlista\n\nC."
    )
    cleaned = clean_text(raw, "md", "Plan för Testlän")
    roots = parse_sections(cleaned.blocks, len(cleaned.text), "Plan för Testlän")
    assert [(r.number, r.title) for r in roots] == [
        (None, "Plan för Testlän 2027–2030"),
        (None, "Inledning"),
        ("1", "Vård på distans"),
        ("2", "Kliniska studier"),
        (None, "Bilaga 1: Ordlista"),  # one appendix is no series of areas
    ]
    assert roots[3].children[0].path == ("2. Kliniska studier", "Mål")


def _pdf_outline(raw: str) -> list[tuple[str | None, str]]:
    from strategiqa.ingest.clean import clean_text
    from strategiqa.ingest.structure import parse_sections

    cleaned = clean_text(raw, "pdf", "T")
    return [(s.number, s.title) for top in parse_sections(cleaned.blocks, len(cleaned.text), "T") for s in top.walk()]


def test_pdf_headings_the_column_rules_must_not_take() -> None:
    # Found by a review of the column-layout rules: each of these lost a heading or made one of a body line.
    # A short numbered heading whose text opens with a year and ends in a figure on its first line:
    assert ("3", "Finansiering") in _pdf_outline(
        "Detta är en mening.\n3. Finansiering\n2025 avsätter regionen totalt 15\nmiljoner kronor till arbetet.\n"
    )
    # A heading above a paragraph wrapped in a column that goes on in lower case:
    outline = _pdf_outline(
        "Detta är en mening.\nVision\nRegionen ska tillsammans med Almi\nFöretagspartner Kronoberg stärka\n"
        "företagen i länet.\n"
    )
    assert (None, "Vision") in outline and not any(t.startswith("Regionen ska") for _, t in outline)
    # The same line after a sentence's end is a sentence's first line, wrapped because the next word did not fit (the
    # column is as wide as the lines around it), not a heading:
    outline = _pdf_outline(
        "kunskap om internationella marknader och om export.\n"
        "Regionen ska tillsammans med Almi\n"
        "Företagspartner Kronoberg och inkubatorn Videum\n"
        "Science Park erbjuda affärsutveckling som är\n"
        "anpassad till branschens långa utvecklingstider.\n"
    )
    assert not any(t.startswith("Regionen ska") for _, t in outline)
    # One numbered line ending in a figure is a heading; only rows of a numbered table are not:
    outline = _pdf_outline(
        "Detta är en mening.\n2. Life science 4.0\nRegionen satsar på digitalisering i hela länet och i vården.\n"
    )
    assert ("2", "Life science 4.0") in outline
    rows = _pdf_outline(
        "Budgeten fördelas så här.\n1. Vård och omsorg 52\n2. Kompetens och lärande 38\n3. Företagande 41\n"
        "Totalt 131 miljoner kronor.\n"
    )
    assert not any(n for n, _ in rows)
