"""A third strategy that nobody here wrote, in another structure: "Strategiområde N: …" headings under a title
heading, "Mål"/"Åtgärder" parts, lists and tables. The outline, section questions, routing, lists, the crosswalk
and the proposal check must take it as they take the bundled two (real corpus plus the document, real model).

The document (``data/norrbotten-life-science-2027.md``) is fictional; a helper wrote it for a new-user review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "norrbotten-life-science-2027.md"
DOC_ID = "norrbotten-life-science-2027"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Life science-strategi för Region Norrbotten 2027–2032"
short_title = "Life science-strategi för Region Norrbotten"
publisher = "Region Norrbotten"
year = 2027
role = "regional"
language = "sv"
places = ["Norrbotten", "Region Norrbotten", "Luleå"]
names = ["Norrbottenstrategin"]
'''
AREAS = [
    "Vård och hälsa på distans",
    "Klinisk forskning och kliniska studier",
    "Företagande, investeringar och tillväxt",
    "Kompetens och attraktionskraft",
    "Hälsodata och digital infrastruktur",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("third"), DOCUMENT, ENTRY)


def _outline(engine: Engine) -> dict[str, object]:
    return next(d for d in engine.outline()["documents"] if d["doc_id"] == DOC_ID)


def test_areas_numbered_after_a_noun_are_goal_sections_at_the_top(engine: Engine) -> None:
    sections = _outline(engine)["sections"]
    assert isinstance(sections, list)
    numbered = [(s["number"], s["title"]) for s in sections if s["number"]]
    assert numbered == [(str(n), title) for n, title in enumerate(AREAS, 1)]
    # The title heading is not the parent of everything: "Inledning" stands at the top.
    assert any(s["title"] == "Inledning" for s in sections)


@pytest.mark.parametrize(
    "question",
    [
        "Vilka strategiområden har Norrbottens strategi?",
        "What are the strategic areas of the Norrbotten strategy?",  # a place before "strategy" names its document
    ],
)
def test_an_outline_question_lists_the_new_documents_areas(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer["answer_kind"] == "overview"
    assert all(title in answer["answer"] for title in AREAS)
    assert {c["doc_id"] for c in answer["citations"]} == {DOC_ID}


def test_a_cue_inside_a_place_does_not_route_to_another_document(engine: Engine) -> None:
    # The bundled regional agenda has the cue "region"; "Region Norrbotten" is this document's place.
    question = "Vad säger Region Norrbotten om kompetensförsörjning?"
    assert engine.router.named(question) == DOC_ID
    answer = engine.ask(question)
    assert not answer["abstained"] and answer["citations"][0]["doc_id"] == DOC_ID


@pytest.mark.parametrize(
    "question",
    [
        "Vilka mål har strategiområde 2 i Norrbottenstrategin?",
        "What are the goals under area 2 of the Norrbotten strategy?",  # no translation of "Mål" in the profile
    ],
)
def test_a_question_naming_an_area_and_its_part_is_answered_from_that_part(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer["sections"] and answer["sections"][0].endswith("› Mål")
    for citation in answer["citations"]:
        path = engine.passage(citation["passage_id"])["section_path"]
        assert path[-2:] == [f"2. {AREAS[1]}", "Mål"]


def test_a_sentence_introducing_a_list_brings_the_list(engine: Engine) -> None:
    answer = engine.ask("Vilka indikatorer används för att följa upp Norrbottens strategi?")
    assert not answer["abstained"]
    assert answer["answer"].count(" - ") >= 3  # the items, not only "Följande indikatorer används: - <first>"


def test_the_crosswalk_and_the_proposal_check_take_the_new_document(engine: Engine) -> None:
    pairs = {p["regional"]["doc_id"] for p in engine.crosswalk["pairs"]}
    assert DOC_ID in pairs and len(pairs) == 2
    proposal = (
        "Vi vill starta en enhet för kliniska studier vid länets största sjukhus och erbjuda patienter i glesbygd "
        "att delta i läkemedelsprövningar på distans, med studiesjuksköterskor och digitala besök."
    )
    result = engine.align(proposal)
    own = [item["number"] for item in result["regional"] if item["doc_id"] == DOC_ID]
    assert "2" in own[:2]  # its clinical-studies area, among its best
    # Each document's targets come together, the documents in the manifest's order.
    documents = [item["doc_id"] for item in result["regional"]]
    assert documents == sorted(documents, key=documents.index) and documents[-1] == DOC_ID


def test_another_regional_document_changes_nothing_about_the_bundled_agendas_links(
    engine: Engine, real_engine: Engine
) -> None:
    # Scores are standardised, ranked and voted among one document's own targets: a second region's strategy
    # in the index must leave the agenda's areas at the same levels and probabilities (it used to take area 1 of
    # a proposal from "clear" to "none").
    proposal = (
        "Vi bygger en gemensam testbädd där företag, sjukhus och universitet tillsammans validerar nya "
        "diagnostiska metoder, och vi utbildar personalen i att använda dem i vården."
    )

    def agenda(e: Engine) -> list[tuple[str, str, float]]:
        regional = [d.info.doc_id for d in real_engine.index.documents if d.info.kind == "regional"]
        items = e.align(proposal)["regional"]
        return [(i["number"], i["level"], i["probability"]) for i in items if i["doc_id"] in regional]

    assert agenda(engine) == agenda(real_engine)


def test_a_figure_for_the_county_is_no_figure_for_a_town_an_english_question_names(engine: Engine) -> None:
    # Across languages a name is mostly spelt otherwise ("Europe", "Europa") and is not required in the passage; a name
    # in the documents' own letters is spelt alike ("Gällivare"), and a count of the county's companies is not its.
    answer = engine.ask("What was the number of life science firms in Gällivare in 2025?")
    assert answer["abstained"] and answer["abstain_reason"] == "missing_fact", answer["answer"]
