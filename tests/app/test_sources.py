"""An answer opens with where it comes from: the quoted sections' numbered headings (small passages built
here, then the real corpus and model)."""

from __future__ import annotations

from collections.abc import Sequence

from strategiqa.app.engine import Engine
from strategiqa.app.sources import source_lead
from strategiqa.ingest.model import Passage


def _passage(doc_id: str, doc_title: str, path: tuple[str, ...]) -> Passage:
    text = "En mening."
    return Passage(
        passage_id=f"{doc_id}:{len(path)}",
        doc_id=doc_id,
        doc_title=doc_title,
        doc_kind="regional",
        section_id="s",
        section_number=None,
        section_title=path[-1] if path else doc_title,
        section_path=path,
        page=None,
        text=text,
        start=0,
        end=len(text),
        sentences=((0, len(text)),),
        label="",
    )


def _english(doc_id: str, path: Sequence[str]) -> list[str]:
    return [{"BEHOV": "Needs", "2. Gröna dalar": "2. Green valleys"}.get(h, h) for h in path]


def test_a_numbered_section_is_named_from_its_number_down() -> None:
    needs = _passage("d", "Planen", ("Prioriterade områden", "2. Gröna dalar", "BEHOV"))
    assert source_lead([needs], "sv", _english) == "Ur Planen, 2. Gröna dalar – BEHOV:"
    assert source_lead([needs], "en", _english) == "From Planen, 2. Gröna dalar – BEHOV (2. Green valleys – Needs):"


def test_unnumbered_headings_are_named_whole_and_the_title_page_by_the_document_alone() -> None:
    preface = _passage("d", "Planen", ("Planen", "Förord"))
    assert source_lead([preface], "sv", _english) == "Ur Planen, Förord:"
    assert source_lead([_passage("d", "Planen", ("Planen 2025–2030",))], "sv", _english) == "Ur Planen:"
    assert source_lead([], "sv", _english) == ""


def test_sections_are_listed_once_per_document_in_the_order_quoted() -> None:
    a = _passage("d", "Planen", ("Förord",))
    b = _passage("e", "Strategin", ("3. Data", "3.1 Öppna data"))
    lead = source_lead([a, b, a], "sv", _english)
    assert lead == "Ur Planen, Förord och Strategin, 3. Data – 3.1 Öppna data:"


def test_an_answer_names_the_focus_area_it_quotes(real_engine: Engine) -> None:
    # A topic question that names no section: the reader learns which area answers it.
    for question, opening in (
        ("Vad säger agendan om att hitta, utveckla och behålla rätt personal och talanger i regionen?", "Ur "),
        ("What does the West Swedish agenda say about attracting investors and funding?", "From "),
    ):
        answer = real_engine.ask(question)
        assert not answer["abstained"]
        assert answer["answer"].startswith(opening)
        lead = answer["answer"].split(": ", 1)[0]
        first = real_engine.passage(answer["citations"][0]["passage_id"])
        numbered = [h for h in first["section_path"] if h[:1].isdigit()]
        assert numbered and numbered[0] in lead  # "4. <title>", as the document writes it
        for citation in answer["citations"]:  # the quotes follow, verbatim
            assert citation["quote"] in answer["answer"]
        if opening == "From ":
            english = real_engine.passage(answer["citations"][0]["passage_id"])["section_path_en"]
            assert any(h in lead for h in english if h not in first["section_path"])


def test_a_refusal_has_no_source_line(real_engine: Engine) -> None:
    answer = real_engine.ask("Hur mycket pengar satsas på agendans genomförande?")
    assert answer["abstained"] and not answer["answer"].startswith("Ur ")


def test_a_quote_before_the_first_heading_beside_a_sections_quote_says_so() -> None:
    """ "Brussels, March 2025" (a title page) or a preamble stands under the title only: beside a quote from a section
    the line says so, instead of letting the section's heading seem to hold both; alone, the title locates it."""
    title_page = _passage("eu", "EU-strategin", ())
    monitoring = _passage("eu", "EU-strategin", ("Uppföljning",))
    lead = source_lead([title_page, monitoring], "sv", _english)
    assert lead == "Ur EU-strategin, före första rubriken; Uppföljning:"
    lead = source_lead([title_page, monitoring], "en", _english)
    assert lead == "From EU-strategin, before the first heading; Uppföljning:"
    assert source_lead([title_page], "sv", _english) == "Ur EU-strategin:"
