"""An English strategy as a PDF, next to the bundled Swedish two: a contents page with dotted leaders, a signed
foreword, "Strategic Priority N" areas with "Action N.M" objectives, unnumbered closing parts, running headers and
page numbers. Outline, signatures, overview questions, a name in the Swedish genitive and the proposal check must
take it as they take the bundled documents (real corpus plus the document, real model).

The document (``data/nordic-health-innovation-strategy-2025.pdf``, made with fpdf2 from the ``.md`` beside it) is
fictional; a helper wrote it for a new-user review and reported the defects these tests pin down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "nordic-health-innovation-strategy-2025.pdf"
DOC_ID = "nordic-health-innovation-strategy-2025"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Nordic Health Innovation Strategy 2025–2030"
short_title = "Nordic Health Innovation Strategy"
publisher = "Nordic Health Council"
year = 2025
role = "eu"
language = "en"
places = ["Nordic region", "Norden", "the Nordic countries", "Nordics"]
names = ["Nordic strategy", "nordiska strategin", "Nordic Health Innovation Strategy"]
cues = ["Nordic", "nordisk", "nordiska"]
'''
PRIORITIES = [
    "Cross-border clinical research",
    "Health data and digital infrastructure",
    "Skills, talent and mobility",
    "Procurement and uptake of innovation",
    "Prevention, preparedness and public health",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("nordic"), DOCUMENT, ENTRY)


def _top_level(engine: Engine) -> list[tuple[str | None, str]]:
    document = next(d for d in engine.index.documents if d.info.doc_id == DOC_ID)
    return [(s.number, s.title) for s in document.sections]


def test_the_contents_page_is_no_outline_and_closing_parts_stand_at_the_top(engine: Engine) -> None:
    top = _top_level(engine)
    # The priorities once each, without dotted leaders; the foreword and summary before them, the unnumbered
    # closing parts (listed on the contents page) after them, not under action 5.3.
    assert [t for n, t in top if n] == PRIORITIES
    assert not any("..." in t for _, t in top)
    titles = [t for _, t in top]
    assert titles.index("Foreword") < titles.index("Executive summary") < titles.index(PRIORITIES[0])
    assert titles.index(PRIORITIES[-1]) < titles.index("Implementation and governance")
    assert "Monitoring and indicators" in titles
    document = next(d for d in engine.index.documents if d.info.doc_id == DOC_ID)
    actions = [s.number for s in document.all_sections() if s.number and "." in s.number]
    assert len(actions) == 15


def test_a_signature_is_no_heading_and_answers_who_signed(engine: Engine) -> None:
    document = next(d for d in engine.index.documents if d.info.doc_id == DOC_ID)
    assert "Ingrid Halvorsen" not in [s.title for s in document.all_sections()]
    result = engine.ask("Who signed the foreword of the Nordic Health Innovation Strategy?")
    assert not result["abstained"] and "Ingrid Halvorsen" in result["answer"], result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "What are the strategic priorities of the Nordic strategy?",
        "Vilka är den nordiska strategins strategiska prioriteringar?",
    ],
)
def test_the_priorities_are_listed_once_each(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert [c["section_title"] for c in result["citations"]] == PRIORITIES


def test_the_documents_own_series_noun_names_a_priority(engine: Engine) -> None:
    result = engine.ask("What is Strategic Priority 2 about?")
    assert result["answer_kind"] == "overview" and not result["abstained"]
    assert result["citations"][0]["section_title"] == PRIORITIES[1]


def test_a_name_in_the_swedish_genitive_names_its_document(engine: Engine) -> None:
    # "den nordiska strategins" is the name "nordiska strategin" in the genitive, not the national strategy's
    # "strategins".
    result = engine.ask("Hur stor är den nordiska strategins budget?")
    assert not result["abstained"] and "EUR 45 million" in result["answer"], result["answer"]
    assert {c["doc_id"] for c in result["citations"]} == {DOC_ID}


def test_passages_of_an_english_document_show_p_for_page(engine: Engine) -> None:
    result = engine.ask("Who signed the foreword of the Nordic Health Innovation Strategy?")
    own = [p for p in result["passages"] if p["doc_id"] == DOC_ID and p["page"]]
    assert own and all(", p. " in p["reference"] for p in own)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Hur många doktorandtjänster ska den gemensamma forskarskolan erbjuda?", "40 doctoral positions"),
        ("Vilka standarder ska användas för att utbyta patientsammanfattningar mellan länderna?", "HL7 FHIR"),
        ("Var ligger rådets sekretariat?", "secretariat in Helsinki"),
    ],
)
def test_a_swedish_question_finds_the_english_documents_passage(engine: Engine, question: str, answer: str) -> None:
    # Asked in Swedish, the English document is asked across languages: BM25, which can match little there, must
    # weigh as little as it does for an English question to the Swedish documents, or every Swedish passage sharing a
    # word ("gemensamma", "länderna") outranks the English one that answers.
    hits = engine.search(question, top_k=3).hits
    assert any(answer in h.passage.text for h in hits), [h.passage.passage_id for h in hits]
