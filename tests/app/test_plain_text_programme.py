"""A fifth document nobody here wrote: a municipal business programme as plain text exported from a word processor
(no Markdown): a table of contents with dotted leaders, main parts in capitals ("INLEDNING", "ÅTGÄRDER 2025–2026"),
goals "Mål N: …" with sub-goals "Delmål N.N …" (no colon), a dash list, and a contact block (name, title, e-mail,
phone, one per line). Real corpus plus the document, real model.

The document (``data/granasa-naringslivsprogram-2025.txt``) is fictional; a helper wrote it for a new-user review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine
from strategiqa.ingest.structure import number_key

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "granasa-naringslivsprogram-2025.txt"
DOC_ID = "granasa-naringslivsprogram-2025"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Näringslivsprogram för Granåsa kommun 2025–2028"
short_title = "Näringslivsprogram Granåsa"
publisher = "Granåsa kommun"
year = 2025
role = "municipal"
language = "sv"
places = ["Granåsa", "Granåsa kommun"]
names = ["näringslivsprogrammet", "näringslivsprogram", "the programme", "programmet"]
cues = ["kommunen", "kommunens", "municipality", "municipal"]
'''


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("programme"), DOCUMENT, ENTRY)


def _sections(engine: Engine) -> list[dict[str, object]]:
    outline = next(d for d in engine.outline()["documents"] if d["doc_id"] == DOC_ID)
    return outline["sections"]  # type: ignore[no-any-return]


def test_goals_sub_goals_and_main_parts_are_read_as_written(engine: Engine) -> None:
    top = _sections(engine)
    titles = [s["title"] for s in top]
    # Main parts in capitals stand at the top, also after the goals; the table of contents is no section.
    for part in ("INLEDNING", "VÅRA MÅL", "ÅTGÄRDER 2025–2026", "GENOMFÖRANDE OCH ORGANISATION", "KONTAKT"):
        assert part in titles, titles
    assert "INNEHÅLL" not in titles
    goals = [s for s in top if s["number"]]
    assert [s["number"] for s in goals] == ["1", "2", "3", "4", "5"]
    assert [c["number"] for c in goals[2]["children"]] == ["3.1", "3.2", "3.3"]  # type: ignore[index]
    texts = [p.text for p in engine.index.passages if p.doc_id == DOC_ID]
    assert not any("......" in t for t in texts)


def test_sub_goals_of_a_goal_are_listed(engine: Engine) -> None:
    result = engine.ask("Vilka är delmålen för mål 3?")
    assert "Ett teknikcollege i Granåsa" in result["answer"] and "Praktik och sommarjobb" in result["answer"]


def test_the_goals_of_a_programme_whose_areas_are_its_goals_are_its_areas(engine: Engine) -> None:
    # The programme heads its top sections "Mål 1: …" and those under them "Delmål 1.1 …": "mål" asks for the former.
    listed = engine.ask("Vilka mål har Granåsas näringslivsprogram?")
    assert listed["answer_kind"] == "overview"
    for title in ("Ett bättre företagsklimat", "Mark och lokaler för etableringar", "Hållbar omställning"):
        assert title in listed["answer"], listed["answer"]
    assert "Ett teknikcollege i Granåsa" not in listed["answer"]
    one = engine.ask("Vad går mål 4 i näringslivsprogrammet ut på?")
    assert one["answer"].startswith("4 Mark och lokaler för etableringar"), one["answer"]
    # Sub-goals asked for by their own noun, or the goals set for a topic: those under the area.
    under = engine.ask("Vilka delmål finns under mål 3 i Granåsas näringslivsprogram?")
    assert "Ett teknikcollege i Granåsa" in under["answer"], under["answer"]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("Vem är näringslivschef i Granåsa?", "Karin Lindqvist Näringslivschef Granåsa kommun"),
        ("Vem är kommunstyrelsens ordförande i Granåsa?", "Anders Holm (C) Kommunstyrelsens ordförande"),
    ],
)
def test_the_contact_block_answers_who_holds_a_role(engine: Engine, question: str, line: str) -> None:
    result = engine.ask(question)
    assert not result["abstained"] and line in result["answer"], result["answer"]


def test_a_swedish_follow_up_stays_swedish(engine: Engine) -> None:
    result = engine.ask("Och hennes telefonnummer?", previous_question="Vem är näringslivschef i Granåsa?")
    assert result["language"] == "sv"


def test_what_a_document_says_about_a_topic_is_not_any_passage_saying_det_vill_saga(engine: Engine) -> None:
    result = engine.ask("Vad säger näringslivsprogrammet om kompetensförsörjning?")
    assert result["citations"][0]["section_path"][0].startswith("3."), result["citations"][0]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What is sub-goal 1.2?", "Nöjdare företag i myndighetsutövningen"),
        ("What is goal 2 about?", "Fler nystartade företag"),
    ],
)
def test_an_english_section_noun_picks_the_document_whose_headings_use_it(
    engine: Engine, question: str, title: str
) -> None:
    # "Delmål 1.2", "Mål 2:" head this document's sections; the national strategy numbers its own 1.2 and 2 bare.
    result = engine.ask(question)
    assert title in result["answer"], result["answer"]
    assert {c["doc_id"] for c in result["citations"]} == {DOC_ID}


def test_the_proposal_check_scores_a_municipal_programme_at_its_finest_goals(
    engine: Engine, real_engine: Engine
) -> None:
    from strategiqa.app.reports import alignment_markdown
    from strategiqa.app.ui_render import render_alignment

    proposal = (
        "Vi vill inrätta en företagslots med en samlad ingång för alla företagsärenden och korta "
        "handläggningstiderna för bygglov, så att fler företag startar och växer i kommunen."
    )
    result = engine.align(proposal)
    assert result["not_checked"] == []
    # The programme's goals have no labelled proposals behind their levels: at most possible. And it does not move
    # whether the proposal is on the strategies' topic, nor any regional or national level.
    assert not [i for i in result["other"] if i["level"] == "clear"]
    bundled = real_engine.align(proposal)
    assert result["on_topic"] == bundled["on_topic"]
    assert [(i["number"], i["level"]) for i in result["national"]] == [
        (i["number"], i["level"]) for i in bundled["national"]
    ]
    # A goal's sub-goals stand for it; a goal without any stands for itself: the leaves of its numbering.
    numbers = sorted((i["number"] for i in result["other"] if i["doc_id"] == DOC_ID), key=number_key)
    goals = [s for s in _sections(engine) if s["number"]]
    leaves = [str(c["number"]) for g in goals for c in g["children"] if c["number"]]  # type: ignore[attr-defined]
    leaves += [str(g["number"]) for g in goals if not any(c["number"] for c in g["children"])]  # type: ignore[attr-defined]
    assert numbers == sorted(leaves, key=number_key) and {"3.1", "3.2", "3.3"} <= set(numbers)
    documents = engine.strategy_documents()
    assert "Näringslivsprogram för Granåsa kommun 2025–2028" in {d["title"] for d in documents}
    assert "## Näringslivsprogram Granåsa" in alignment_markdown(result, "sv", documents)
    # A document with no numbered goals would be named as not checked, in every view.
    unscored = {
        **result,
        "not_checked": [{"doc_id": "x", "title": "Ett program utan mål", "year": 2025, "role": "municipal"}],
    }
    assert "Inte bedömda: Ett program utan mål (municipal)." in alignment_markdown(unscored, "sv", documents)
    assert "Inte bedömda: Ett program utan mål" in render_alignment(unscored, "sv", documents=documents)
