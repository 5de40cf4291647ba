"""A fourth kind of document: an English EU strategy as a PDF (running header, page numbers, "Chapter N – …" and
"Action N.N – …" headings, no blank lines in the extracted text). Its structure, page labels, outline questions
in both languages and routing across languages must work (real corpus plus the PDF, real model).

The PDF (``data/eu-life-sciences-strategy-2026.pdf``) is fictional; a helper made it with fpdf2 for a new-user
review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "eu-life-sciences-strategy-2026.pdf"
DOC_ID = "eu-life-sciences-strategy-2026"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "European Life Sciences Strategy 2026–2030"
short_title = "European Life Sciences Strategy"
publisher = "European Commission"
year = 2026
role = "eu"
language = "en"
places = ["EU", "Europe", "European Union"]
names = ["EU strategy", "EU-strategin", "European strategy"]
'''
CHAPTERS = [
    "Research and clinical trials",
    "Health data and digital innovation",
    "Manufacturing and security of supply",
    "Skills, talent and finance for start-ups",
    "Governance, monitoring and funding",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("eu"), DOCUMENT, ENTRY)


def test_pdf_headings_numbered_after_a_noun_make_chapters_and_actions(engine: Engine) -> None:
    outline = next(d for d in engine.outline()["documents"] if d["doc_id"] == DOC_ID)
    chapters = [s for s in outline["sections"] if s["number"]]
    assert [c["title"] for c in chapters] == CHAPTERS
    assert [a["number"] for a in chapters[0]["children"] if a["number"]] == ["1.1", "1.2", "1.3"]


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("What are the chapters of the EU strategy?", CHAPTERS),
        ("Vilka kapitel har EU-strategin?", CHAPTERS),
        ("Vilka åtgärder har EU-strategin?", ["A single entry point for multinational clinical trials"]),
    ],
)
def test_outline_questions_in_both_languages(engine: Engine, question: str, titles: list[str]) -> None:
    answer = engine.ask(question)
    assert answer["answer_kind"] == "overview"
    assert all(t in answer["answer"] for t in titles)


def test_a_named_action_and_a_followup_on_the_next_one_stay_in_the_document(engine: Engine) -> None:
    first = engine.ask("What does Action 3.2 of the EU strategy say?")
    assert first["sections"] and "3.2 Investing in advanced manufacturing" in first["sections"][0]
    followup = engine.ask("And Action 1.2?", previous_question="What does Action 1.1 of the EU strategy say?")
    assert followup["citations"][0]["doc_id"] == DOC_ID
    assert "1.2 European network of clinical trial sites" in followup["citations"][0]["reference"]


def test_references_to_an_english_document_abbreviate_its_pages_in_english(engine: Engine) -> None:
    answer = engine.ask("What is the target time from submission to authorisation of multinational clinical trials?")
    reference = answer["citations"][0]["reference"]
    assert reference.startswith("European Commission (2026)") and reference.endswith(", p. 2")


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        # "the strategy" names the Swedish national strategy: the English PDF must not outscore it.
        ("What does the strategy say about clinical trials?", "nationell-strategi-2024"),
        # A Swedish question naming the English document is answered from it.
        ("Vad säger EU-strategin om hälsodata?", DOC_ID),
    ],
)
def test_a_document_named_across_languages_is_searched(engine: Engine, question: str, doc_id: str) -> None:
    answer = engine.ask(question)
    assert not answer["abstained"] and answer["citations"][0]["doc_id"] == doc_id


def test_the_proposal_reports_name_only_the_documents_the_check_scores(engine: Engine) -> None:
    # The proposal check scores every document with numbered goals, an EU strategy's too (its "other" list); the
    # reports' header names exactly the documents it scored.
    titles = [d["title"] for d in engine.strategy_documents()]
    scored = {d.info.title for d in engine.index.documents if any(s.number for s in d.all_sections())}
    assert set(titles) == scored and "European Life Sciences Strategy 2026–2030" in titles
