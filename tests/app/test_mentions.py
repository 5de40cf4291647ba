"""Whether a document writes a name a question asks about (``app.mentions``), against the real corpus and model."""

from __future__ import annotations

import pytest
from strategiqa.app.engine import Engine
from strategiqa.app.mentions import ASKS_MENTION, asked_places, written_otherwise


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Nämns Chalmers i strategin?", True),
        ("Nämner agendan AstraZeneca?", True),
        ("Does the agenda mention Sahlgrenska?", True),
        ("And does the West Swedish agenda mention it too?", True),
        ("Is Sahlgrenska mentioned in the agenda?", True),
        # A list of what is mentioned, or a mention inside another question, is no yes-or-no question about a name.
        ("Vilka lärosäten nämns i agendan?", False),
        ("Which universities are mentioned in the agenda?", False),
        ("Vad säger strategin om de nämnda lärosätena?", False),
    ],
)
def test_a_yes_or_no_question_about_a_mention(question: str, asks: bool) -> None:
    assert bool(ASKS_MENTION.search(question)) is asks


def test_the_places_a_question_writes_longest_first_not_those_naming_a_document() -> None:
    places = {"West Sweden", "West Swedish", "Göteborg", "Sweden", "Sverige"}
    assert asked_places("Does the strategy mention West Sweden?", places) == ["West Sweden"]
    assert asked_places("Does the West Swedish agenda mention Sverige?", places) == ["Sverige"]
    assert asked_places("Nämns Göteborg i agendan?", places) == ["Göteborg"]


def test_a_name_written_otherwise_is_no_name_never_written() -> None:
    words = frozenset({"ebba", "busch", "horisont", "europa", "medicin", "vinnare"})
    assert written_otherwise("Ebba Bush", words, across_languages=False, slip=0.85)  # a slip
    assert written_otherwise("Horizon Europe", words, across_languages=True, slip=0.85)  # another language's spelling
    assert not written_otherwise("Horizon Europe", words, across_languages=False, slip=0.85)
    assert not written_otherwise("Medicon Valley", words, across_languages=True, slip=0.85)  # "Valley" is not theirs
    assert not written_otherwise("Vinnova", words, across_languages=False, slip=0.85)


@pytest.mark.parametrize(
    "question",
    ["Nämner agendan AstraZeneca?", "Does the agenda mention AstraZeneca?", "Nämns Chalmers i agendan?"],
)
def test_a_name_the_document_writes_is_answered_by_its_sentences(real_engine: Engine, question: str) -> None:
    name = question.split()[-1].rstrip("?") if "AstraZeneca" in question else "Chalmers"
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]
    assert result["citations"] and all(name in c["quote"] for c in result["citations"])
    assert all(c["doc_id"] == "vgr-agenda-2026" for c in result["citations"])


@pytest.mark.parametrize(
    ("question", "name", "opening"),
    [
        (
            "Nämns Chalmers i strategin?",
            "Chalmers",
            "En nationell strategi för life science nämner inte Chalmers; det gör",
        ),
        (
            "Does the national strategy mention Chalmers?",
            "Chalmers",
            "En nationell strategi för life science does not mention Chalmers;",
        ),
        ("Nämner den nationella strategin Göteborg?", "Göteborg", "En nationell strategi för life science nämner inte"),
        # Not a mention question, but a name only the other document writes: where it stands instead.
        ("Vad säger den nationella strategin om Sahlgrenska?", "Sahlgrenska", "En nationell strategi"),
    ],
)
def test_a_name_only_another_document_writes_is_refused_with_where_it_stands(
    real_engine: Engine, question: str, name: str, opening: str
) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact", result["answer"]
    assert result["missing"]["name"] == name and result["missing"]["elsewhere"] == "Agenda för västsvensk life science"
    assert result["answer"].startswith(opening)
    (citation,) = result["citations"]
    assert citation["doc_id"] == "vgr-agenda-2026" and name in citation["quote"]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Nämns Vinnova i dokumenten?", "Dokumenten nämner inte Vinnova."),
        ("Does the regional agenda mention Medicon Valley?", "The documents do not mention Medicon Valley."),
    ],
)
def test_a_name_no_document_writes_is_refused_as_not_mentioned(
    real_engine: Engine, question: str, sentence: str
) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact"
    assert result["answer"] == sentence


@pytest.mark.parametrize(
    "question",
    [
        # A name spelt otherwise in the document's language is not "not mentioned".
        "By which year does the Västra Götaland agenda want West Sweden to be a leading cluster in Europe?",
        # A document named by its own place: the place is no name asked about.
        "Does the West Swedish agenda mention Göteborg?",
    ],
)
def test_names_spelt_otherwise_or_naming_the_document_are_no_absent_names(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        # More is asked than whether a name is written: the ordinary answer.
        "Does the strategy mention the EU Commission's proposal on health data?",
        "Nämns kliniska prövningar och AstraZeneca i strategin?",
        # One name is there: no refusal for the other.
        "Vad säger strategin om SciLifeLab och Chalmers?",
    ],
)
def test_a_question_asking_more_than_a_mention_is_answered(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]


def test_a_documents_own_place_is_asked_like_a_name(real_engine: Engine) -> None:
    result = real_engine.ask("Nämns Göteborg i agendan?")
    assert not result["abstained"] and all("Göteborg" in c["quote"] for c in result["citations"])


def test_in_the_documents_language_the_letters_decide(real_engine: Engine) -> None:
    # The agenda writes "CCRM Nordic", not "Norden"; the strategy does.
    result = real_engine.ask("Nämns Norden i agendan?")
    assert result["abstained"] and result["missing"]["elsewhere"] == "En nationell strategi för life science"


@pytest.mark.parametrize("question", ["Nämns Ebba Bush i strategin?", "Does the agenda mention Gothenburg?"])
def test_a_name_written_otherwise_is_never_said_to_be_unmentioned(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not (
        result["missing"]
        and result["missing"].get("name")
        and result["answer"].startswith(("Dokumenten", "The documents"))
    )
