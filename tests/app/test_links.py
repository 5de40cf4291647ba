"""Which sections of the other document a numbered section is linked to (``app.links``): the crosswalk's links,
answered from ``ask`` and said to be computed, against the real corpus, model and crosswalk."""

from __future__ import annotations

import pytest
from strategiqa.app.engine import Engine
from strategiqa.app.links import ASKS_LINK, wants_areas


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Vilka nationella mål hänger ihop med insatsområde 4?", True),
        ("Vilket insatsområde motsvarar målet 4.1?", True),
        ("Which focus area matches national objective 7.2?", True),
        ("Which national objectives relate to focus area 3?", True),
        ("Vad säger insatsområde 4 om kompetens?", False),
    ],
)
def test_a_question_asking_for_a_link(question: str, asks: bool) -> None:
    assert bool(ASKS_LINK.search(question)) is asks


def test_areas_are_asked_for_when_no_objective_is() -> None:
    assert wants_areas("vad heter motsvarande område i den nationella strategin?")
    assert not wants_areas("Vilka nationella mål hänger ihop med insatsområde 4?")


def _linked(result: dict) -> list[tuple[str, str]]:
    return [(c["doc_id"], c["section_number"]) for c in result["citations"]]


def test_a_focus_area_is_linked_to_national_objectives_said_to_be_computed(real_engine: Engine) -> None:
    result = real_engine.ask("Vilka nationella mål hänger ihop med insatsområde 4 i agendan?")
    assert result["answer_kind"] == "crosswalk" and not result["abstained"], result["answer"]
    assert result["answer"].startswith("Dokumenten anger inte själva hur de hänger ihop; korskopplingen")
    linked = _linked(result)
    assert linked[0] == ("vgr-agenda-2026", "4")
    assert ("nationell-strategi-2024", "7.2") in linked[1:]
    assert all(c["kind"] == "heading" for c in result["citations"])
    # Each heading quoted as the document writes it.
    assert all(c["quote"] in c["section_title"] for c in result["citations"])


@pytest.mark.parametrize(
    ("question", "asked", "linked"),
    [
        ("Which focus area matches national objective 7.2?", ("nationell-strategi-2024", "7.2"), "vgr-agenda-2026"),
        # "focus area 6" is the agenda's, though the question names the national strategy too.
        ("Which national area corresponds to focus area 6?", ("vgr-agenda-2026", "6"), "nationell-strategi-2024"),
        # An area asked for, not objectives: the national area holding the linked objectives.
        (
            "Agendans insatsområde 4 – vad heter motsvarande område i den nationella strategin?",
            ("vgr-agenda-2026", "4"),
            "nationell-strategi-2024",
        ),
    ],
)
def test_links_either_way_and_to_areas(real_engine: Engine, question: str, asked: tuple, linked: str) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "crosswalk", result["answer"]
    found = _linked(result)
    assert found[0] == asked and found[1:] and all(doc == linked for doc, _ in found[1:])
    if "område i den nationella" in question:
        assert all("." not in number for _, number in found[1:])


@pytest.mark.parametrize("question", ["Hur hänger mål 4.1 ihop med kliniska prövningar?", "Vad säger insatsområde 4?"])
def test_a_question_about_one_sections_content_is_no_link_question(real_engine: Engine, question: str) -> None:
    assert real_engine.ask(question)["answer_kind"] != "crosswalk"


def test_the_api_schema_accepts_a_crosswalk_answer(real_engine: Engine) -> None:
    from strategiqa.app.schemas import AskResponse

    result = real_engine.ask("Which focus area matches national objective 7.2?")
    assert AskResponse.model_validate(result).answer_kind == "crosswalk"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Vilka nationella mål hänger ihop med insatsområde fyra?", ("vgr-agenda-2026", "4")),
        ("Vilka nationella mål hänger ihop med det fjärde insatsområdet?", ("vgr-agenda-2026", "4")),
        # The document named right before the number owns the section.
        (
            "Vilka insatsområden i agendan hänger ihop med den nationella strategins område 4?",
            ("nationell-strategi-2024", "4"),
        ),
        # "priority area" is no regional noun: the national strategy's areas are "prioriterade områden".
        ("Which focus area corresponds to national priority area 7?", ("nationell-strategi-2024", "7")),
        ("Hur hänger insatsområde 4 ihop med de nationella målen?", ("vgr-agenda-2026", "4")),
    ],
)
def test_the_section_asked_about_in_other_forms(real_engine: Engine, question: str, asked: tuple) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "crosswalk", result["answer"]
    assert _linked(result)[0] == asked


@pytest.mark.parametrize(
    ("question", "previous"),
    [
        ("What are the goals of focus area 3 and how do they relate to investment?", None),
        ("Vad står det i mål 2.2 och hur kopplas det till forskningsområden?", None),
        ("How does focus area 6 relate to the goal of a world-class support system?", None),
        # A follow-up is read on its own words: the earlier question asked for links, not this one.
        ("Vad står det i insatsområde 4?", "Vilka nationella mål hänger ihop med insatsområde 4?"),
    ],
)
def test_more_asked_than_the_links_is_no_link_question(
    real_engine: Engine, question: str, previous: str | None
) -> None:
    assert real_engine.ask(question, previous_question=previous)["answer_kind"] != "crosswalk"


def test_a_section_the_crosswalk_links_nothing_to_is_said_so(real_engine: Engine) -> None:
    result = real_engine.ask("Which focus area matches national objective 5.2?")
    assert result["answer_kind"] == "crosswalk" and not result["abstained"]
    assert "links no section of Agenda för västsvensk life science to 5.2" in result["answer"]
    assert _linked(result) == [("nationell-strategi-2024", "5.2")]


@pytest.mark.parametrize(
    ("previous", "question", "section"),
    [
        ("Vilka nationella mål hänger ihop med insatsområde 4?", "Och insatsområde 5?", "5"),
        ("Which focus area matches national objective 7.2?", "And 8.1?", "8.1"),
        ("Which focus area matches national objective 7.2?", "What about objective 4.1?", "4.1"),
    ],
)
def test_a_followup_naming_only_another_section_asks_for_its_links(
    real_engine: Engine, previous: str, question: str, section: str
) -> None:
    result = real_engine.ask(question, previous_question=previous)
    assert result["answer_kind"] == "crosswalk"
    assert result["citations"][0]["section_number"] == section


def test_a_followup_asking_more_than_the_links_gets_the_ordinary_answer(real_engine: Engine) -> None:
    result = real_engine.ask(
        "And what does 8.1 say about climate?", previous_question="Which focus area matches national objective 7.2?"
    )
    assert result["answer_kind"] != "crosswalk"
