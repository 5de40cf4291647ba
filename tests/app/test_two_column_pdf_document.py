"""A Swedish regional strategy laid out in two columns (Word, exported to PDF by LibreOffice), next to the bundled
two: "Strategiskt område N: …" headings wrapped over up to four short lines, goals as numbered list items
("1. … 2. …") under "Målsättningar", a pull quote, a fact box and a numbered budget table. The outline and the
outline's answers must take it as they take the bundled documents (real corpus plus the document, real model).

The document (``data/kronoberg-life-science-2026.pdf``) is fictional; a helper wrote it for a new-user review and
reported the defects these tests pin down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "kronoberg-life-science-2026.pdf"
DOC_ID = "kronoberg-2026"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Life science-strategi för Region Kronoberg 2026–2032"
short_title = "Life science-strategi Kronoberg"
publisher = "Region Kronoberg"
year = 2025
role = "regional"
language = "sv"
places = ["Kronoberg", "Region Kronoberg", "Kronobergs län", "Växjö"]
names = ["Kronobergsstrategin", "Kronobergs strategi"]
cues = ["Kronobergs"]
'''
AREAS = [
    "Hälsoinnovation i vård och omsorg",
    "Kompetensförsörjning och livslångt lärande",
    "Företagande och tillväxt",
    "Digital hälsa och data",
    "Hållbar produktion och biobaserade material",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("kronoberg"), DOCUMENT, ENTRY)


def test_wrapped_area_headings_are_the_areas_and_numbered_goals_are_no_headings(engine: Engine) -> None:
    document = next(d for d in engine.index.documents if d.info.doc_id == DOC_ID)
    numbered = [s for s in document.all_sections() if s.number]
    # Five areas, each once ("Strategiskt" / "område 1:" / "Hälsoinnovation i vård" / "och omsorg" joined); not the
    # goals "1. Senast 2027 …" wrapped to a full stop, nor the budget table's rows "1. … 52".
    assert [(s.number, s.title) for s in numbered] == [(str(n), t) for n, t in enumerate(AREAS, 1)]
    top = [s.title for s in document.sections]
    assert "Inledning" in top and "Genomförande och uppföljning" in top
    # A line of a sentence wrapped around the pull quote is no heading.
    assert "Strategins vision är att" not in [s.title for s in document.all_sections()]


@pytest.mark.parametrize(
    "question",
    ["Vilka strategiska områden har Kronobergs strategi?", "What are the strategic areas of the Kronoberg strategy?"],
)
def test_the_areas_are_listed(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert [c["section_title"] for c in result["citations"]] == AREAS


def test_the_goals_listed_under_an_area_are_listed_every_one(engine: Engine) -> None:
    result = engine.ask("Vilka målsättningar finns under område 2 i Kronobergsstrategin?")
    assert result["answer_kind"] == "overview", result["answer"]
    assert [c["quote"][:2] for c in result["citations"]] == ["1.", "2.", "3."]
    assert all(c["section_path"][0].startswith("2.") for c in result["citations"])


@pytest.mark.parametrize(
    ("question", "area"),
    [
        # An area named by its title after the definite noun, and one named by a preposition, in either language.
        ("Vilka målsättningar finns inom området kompetensförsörjning i Kronobergs strategi?", "2."),
        ("What are the objectives for digital health and data in the Kronoberg strategy?", "4."),
    ],
)
def test_the_goals_of_an_area_named_by_its_topic_are_listed(engine: Engine, question: str, area: str) -> None:
    result = engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    assert result["citations"] and all(c["section_path"][0].startswith(area) for c in result["citations"])


def test_an_ordinal_with_an_adjective_names_the_area_asked_about(engine: Engine) -> None:
    result = engine.ask("Vad ska göras inom det femte strategiska området i Kronobergs strategi?")
    assert not result["abstained"] and result["citations"], result["answer"]
    assert all(c["section_path"][0].startswith("5.") for c in result["citations"]), result["answer"]
