"""A fourth strategy nobody here wrote: a Swedish innovation strategy whose priorities are lettered ("Prioritering A –
…" to "E"), each with "Strategiska mål" and "Aktiviteter" parts, a signed foreword, a table and an English summary.
Lettered areas must be goal sections like numbered ones: listed by the outline, named by letter or ordinal, scored
by the crosswalk (real corpus plus the document, real model).

The document (``data/innovationsstrategi-ostergotland-2025.md``, converted from the ``.docx`` beside it) is
fictional; a helper wrote it for a new-user review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "innovationsstrategi-ostergotland-2025.md"
DOC_ID = "ostergotland-innovation-2025"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Innovationsstrategi för Region Östergötland 2025–2030"
short_title = "Innovationsstrategi för Region Östergötland"
publisher = "Region Östergötland"
year = 2025
role = "regional"
language = "sv"
places = ["Östergötland", "Region Östergötland", "östgötsk", "Linköping", "Norrköping"]
names = ["innovationsstrategin", "innovation strategy", "Östergötlandsstrategin"]
'''
PRIORITIES = [
    ("A", "Hälsoinnovation i vård och omsorg"),
    ("B", "Digital omställning och datadriven utveckling"),
    ("C", "Kompetensförsörjning och innovationsförmåga"),
    ("D", "Hållbar produktion och testbäddar"),
    ("E", "Innovationsfrämjande offentlig upphandling"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("lettered"), DOCUMENT, ENTRY)


def test_lettered_priorities_are_goal_sections(engine: Engine) -> None:
    outline = next(d for d in engine.outline()["documents"] if d["doc_id"] == DOC_ID)
    assert [(s["number"], s["title"]) for s in outline["sections"] if s["number"]] == PRIORITIES


@pytest.mark.parametrize(
    "question",
    ["Vilka prioriteringar har innovationsstrategin?", "What are the priorities of the innovation strategy?"],
)
def test_outline_lists_the_priorities(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    for _, title in PRIORITIES:
        assert title in result["answer"]


@pytest.mark.parametrize(
    ("question", "previous", "part", "quote"),
    [
        ("What are the goals of priority B?", None, "Strategiska mål", "Minst 25 öppna datamängder"),
        (
            "Vilka aktiviteter finns under prioritering E?",
            None,
            "Aktiviteter",
            "kompetenscentrum för innovationsupphandling",
        ),
        ("Och aktiviteterna?", "Vilka strategiska mål har prioritering B?", "Aktiviteter", "AI-verkstad"),
        ("Vad handlar den fjärde prioriteringen om?", None, "", "Hållbar produktion"),
    ],
)
def test_a_priority_named_by_letter_or_ordinal_is_answered_from_it(
    engine: Engine, question: str, previous: str | None, part: str, quote: str
) -> None:
    result = engine.ask(question, previous_question=previous)
    assert not result["abstained"], result["answer"]
    assert quote in result["answer"]
    assert all(p["doc_id"] == DOC_ID for p in result["passages"][:1])
    if part:
        assert all(part in " ".join(c["section_path"]) for c in result["citations"]), result["citations"]


def test_the_crosswalk_and_the_proposal_check_take_the_lettered_areas(engine: Engine) -> None:
    pair = next(p for p in engine.crosswalk["pairs"] if p["regional"]["doc_id"] == DOC_ID)
    assert [a["number"] for a in pair["areas"]] == [n for n, _ in PRIORITIES]
    proposal = (
        "Vi vill publicera fler öppna data från regionens verksamheter och ge små och medelstora företag stöd i "
        "deras digitala omställning, med en gemensam plattform för säker delning av hälsodata."
    )
    # Among the document's own priorities (each document's targets are ranked among themselves).
    top = [item["number"] for item in engine.align(proposal)["regional"] if item["doc_id"] == DOC_ID][:2]
    assert "B" in top, top


@pytest.mark.parametrize(
    "question",
    [
        "Vem har skrivit förordet till innovationsstrategin?",
        "Who signed the foreword of the Östergötland innovation strategy?",
    ],
)
def test_the_foreword_signature_answers_who_signed(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert not result["abstained"], result["answer"]
    assert "Margareta Holmberg Regionstyrelsens ordförande, Region Östergötland" in result["answer"]


def test_a_named_document_is_the_one_answering(engine: Engine) -> None:
    # The agenda says nothing of test beds; the lettered strategy does, but the question names the agenda.
    result = engine.ask("Vad säger agendan om testbäddar?")
    assert DOC_ID not in {c["doc_id"] for c in result["citations"]}, result["answer"]
    assert engine.ask("Vad säger innovationsstrategin om testbäddar?")["citations"][0]["doc_id"] == DOC_ID


def test_list_numbers_captions_and_table_rows_are_read_as_written(engine: Engine) -> None:
    from strategiqa.ingest.sentences import sentence_role

    sentences = [p.text[a:b] for p in engine.index.passages if p.doc_id == DOC_ID for a, b in p.sentences]
    roles = {s: sentence_role(s) for s in sentences}
    # A list item keeps its number; a caption keeps its text (and stays a caption, not answer material).
    assert "1. Minst 40 nya innovationer ska ha prövats i regionens verksamheter senast 2028." in roles
    assert "1." not in roles
    caption = next(s for s in roles if s.startswith("Figur 1."))
    assert "Innovationssystemets aktörer" in caption and roles[caption] == "caption"
    # A table row is a sentence that can answer.
    assert roles["| E – Offentlig upphandling | 10 | Regionstyrelsen |"] == "content"


@pytest.mark.parametrize(
    "question",
    [
        "Vad säger Östergötlands strategi om vätgas?",
        "Vad säger innovationsstrategin om vätgas?",
    ],
)
def test_a_topic_the_named_document_lacks_is_refused(engine: Engine, question: str) -> None:
    # The document's place ("Östergötlands") and what the question calls it ("strategi") are no topic words.
    result = engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "off_topic", result["answer"]


def test_a_name_outside_the_role_asked_about_is_no_answer(engine: Engine) -> None:
    # The document names no regional director; a sentence naming the region is not one.
    result = engine.ask("Vem är regiondirektör i Region Östergötland?")
    assert result["abstained"] and result["abstain_reason"] == "missing_fact", result["answer"]
    assert not engine.ask("Vem är regiondirektör?")["abstained"]  # the agenda's foreword is signed by one


def test_a_title_page_sentence_is_located_by_the_document_alone(engine: Engine) -> None:
    result = engine.ask("Vilket diarienummer har innovationsstrategin?")
    assert result["answer"].startswith("Ur Innovationsstrategi för Region Östergötland 2025–2030: Diarienummer")
    assert (
        result["citations"][0]["reference"] == "Region Östergötland (2025), Innovationsstrategi för Region Östergötland"
    )
