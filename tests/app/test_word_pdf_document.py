"""A Swedish regional strategy written in Word and exported to PDF by LibreOffice, next to the bundled two: a signed
foreword followed by "Sammanfattning", "Fokusområde N – …" areas each with "Nuläge", "Vi vill" and "Insatser" parts,
bullets in a symbol font, footnotes, a table, closing parts without a contents page, a contact line wrapped before
its e-mail address. Outline, sentences, signatures and routing must take it as they take the bundled documents (real
corpus plus the document, real model).

The document (``data/jamtland-harjedalen-halsa-life-science-2026.pdf``) is fictional; a helper wrote it for a
new-user review and reported the defects these tests pin down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine
from strategiqa.ingest.model import Document

from ..conftest import engine_with_document

DOCUMENT = Path(__file__).parent / "data" / "jamtland-harjedalen-halsa-life-science-2026.pdf"
DOC_ID = "jamtland-harjedalen-halsa-life-science-2026"
ENTRY = f'''
[[documents]]
id = "{DOC_ID}"
file = "{DOCUMENT.name}"
title = "Regional utvecklingsstrategi för hälsa och life science i Region Jämtland Härjedalen 2026–2030"
short_title = "Strategi för hälsa och life science i Jämtland Härjedalen"
publisher = "Region Jämtland Härjedalen"
year = 2025
role = "regional"
language = "sv"
places = ["Jämtland", "Härjedalen", "Jämtland Härjedalen", "Region Jämtland Härjedalen", "Jämtlands län", "Östersund"]
names = ["Jämtlandsstrategin", "utvecklingsstrategin", "Jämtland strategy"]
cues = ["jämtländska"]
'''


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_document(tmp_path_factory.mktemp("jamtland"), DOCUMENT, ENTRY)


def _document(engine: Engine) -> Document:
    return next(d for d in engine.index.documents if d.info.doc_id == DOC_ID)


def _sentences(engine: Engine) -> list[str]:
    return [p.text[a:b] for p in engine.index.passages if p.doc_id == DOC_ID for a, b in p.sentences]


def test_every_area_has_its_parts_and_the_closing_parts_stand_at_the_top(engine: Engine) -> None:
    document = _document(engine)
    top = [s.title for s in document.sections]
    # "Sammanfattning" follows the foreword's signature, which ends without a full stop.
    assert "Sammanfattning" in top and "Bakgrund" in top
    areas = [s for s in document.sections if s.number]
    assert len(areas) == 5
    for area in areas:
        assert [c.title for c in area.children] == ["Nuläge", "Vi vill", "Insatser"], area.title
    # Every area has the same parts; a heading that occurs once after the last area's parts ends the areas.
    for part in ("Uppföljning och indikatorer", "Finansiering och genomförande", "Kontakt", "Summary in English"):
        assert part in top, part


def test_symbol_font_bullets_are_list_items_one_sentence_each(engine: Engine) -> None:
    sentences = _sentences(engine)
    assert not any("\uf0b7" in s for s in sentences)
    assert any(s.startswith("- Ett regionalt kompetenscentrum för vård på distans") for s in sentences)
    assert "- Fokusområde 5: 3 miljoner kronor per år" in sentences  # not run into the text after the list


def test_a_footnote_marker_ends_its_sentence(engine: Engine) -> None:
    assert any(s.endswith("av Sveriges landareal.1") for s in _sentences(engine))


@pytest.mark.parametrize(
    "question",
    ["Vem har skrivit under förordet i Jämtlandsstrategin?", "Who signed the foreword of the Jämtland strategy?"],
)
def test_the_signature_lines_are_text_and_answer_who_signed(engine: Engine, question: str) -> None:
    assert "Anna Berglund, regionråd" in _sentences(engine)
    result = engine.ask(question)
    assert not result["abstained"] and "Anna Berglund" in result["answer"], result["answer"]


def test_a_wrapped_contact_sentence_keeps_its_e_mail_address(engine: Engine) -> None:
    assert any("Jonas Östlund" in s and "jonas.ostlund@regionjh.se" in s for s in _sentences(engine))


def test_a_region_named_with_a_generic_name_goes_to_the_regions_strategy(engine: Engine) -> None:
    # "strategin" is also a name of the national strategy; the region's own strategy calls itself so too.
    result = engine.ask("Hur mycket pengar avsätter Region Jämtland Härjedalen per år för strategin?")
    assert not result["abstained"] and "28 miljoner kronor" in result["answer"], result["answer"]
    assert {c["doc_id"] for c in result["citations"]} == {DOC_ID}


def test_a_sub_goal_numbered_in_the_text_is_answered_by_its_sentence(engine: Engine) -> None:
    # "Delmål 5.2 …" is a line of the "Vi vill" part, not a heading: the question is read as about that sentence.
    result = engine.ask("Vad innebär delmål 5.2 i Jämtlandsstrategin?")
    assert not result["abstained"], result["answer"]
    assert result["citations"][0]["quote"].startswith("Delmål 5.2 En regional plattform")
    assert "Delmål 5.2" in (result["interpreted_as"] or "")


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Vem ansvarar för delmål 2.1 i Jämtlandsstrategin?", "missing_fact"),  # the item names no body
        ("Vad säger delmål 3.1 om kanelbullar?", "off_topic"),
    ],
)
def test_a_sub_goal_does_not_answer_what_it_does_not_say(engine: Engine, question: str, reason: str) -> None:
    result = engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == reason, result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Vilka delmål finns under fokusområde 3 i Jämtlandsstrategin?",
        "Which goals fall under focus area 3 of the Jämtland strategy?",
    ],
)
def test_the_goals_an_area_numbers_in_its_text_are_listed_every_one(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    quotes = [c["quote"] for c in result["citations"]]
    assert [q.split()[1] for q in quotes] == ["3.1", "3.2", "3.3"]
    assert all(c["doc_id"] == DOC_ID for c in result["citations"])
