"""Laws and regulations a question names (``app.instruments``): small texts built here, then the real corpus."""

from __future__ import annotations

import pytest
from strategiqa.app.engine import Engine
from strategiqa.app.instruments import InstrumentNames, instruments_named

SENTENCES = (
    "Kommissionens förslag till förordning om det europeiska hälsodataområdet (EHDS) möjliggör delning av data.",
    "De nya regelverken om medicinteknik har inneburit utmaningar.",
    "AI kan förbättra diagnostiken.",
)


def test_a_question_names_an_instrument_by_its_noun() -> None:
    assert instruments_named("What obligations does the EU AI Act place on providers?") == ["EU AI Act"]
    assert instruments_named("Vad innebär EU:s AI-förordning för vården?") == ["AI-förordning"]
    assert instruments_named("När börjar dataskyddsförordningen gälla?") == ["dataskyddsförordningen"]
    assert instruments_named("Vad säger strategin om AI i vården?") == []
    assert instruments_named("Which new rules for medical devices does the strategy mention?") == []


def test_an_instrument_is_the_documents_when_their_instrument_phrase_names_what_it_regulates() -> None:
    names = InstrumentNames(SENTENCES)
    # "AI" is a word of the document, but no instrument of it regulates AI.
    assert names.absent("What does the EU AI Act require of providers?") == ("EU AI Act",)
    assert names.absent("Vad innebär EU:s AI-förordning?") == ("AI-förordning",)
    assert names.absent("När börjar EHDS-förordningen gälla?") == ()
    assert names.absent("Does the strategy mention the European Health Data Space Regulation?") == ()
    assert names.absent("Does it mention the Medical Device Regulation?") == ()  # "regelverken om medicinteknik"
    assert names.absent("What does the EU regulation say?") == ()  # no name to check


@pytest.mark.parametrize(
    "question",
    ["What obligations does the EU AI Act place on makers of medical software?", "Vad innebär EU:s AI-förordning?"],
)
def test_an_instrument_the_documents_never_name_is_refused_by_name(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["missing"]["element"] == "name", result["answer"]


def test_an_instrument_the_documents_name_is_answered(real_engine: Engine) -> None:
    result = real_engine.ask("What does the national strategy say about the EHDS regulation?")
    assert not result["abstained"] and any("EHDS" in c["quote"] for c in result["citations"])
