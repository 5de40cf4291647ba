"""The off-topic gate with the question bank: real corpus, real model, the bundled calibration and question bank.

Where the bank knows the document answering, a question far from every labelled question is refused though its
confidence alone would pass; questions asked like labelled ones are still answered; without the bank gate (the
calibration's bank cuts unset) the same off-topic questions get an answer quoted from some passage."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.retrieval.question_bank import normalise

from tests.conftest import REPO

OFF_TOPIC = [
    "What is the government's position on building new nuclear power stations?",
    "Which services do wetlands provide for biodiversity?",
    # A known failure from the twenty-second round (its nearest labelled question lifted it past the cut) until the
    # twenty-fifth round's calibration: refused again.
    "Vilka mål sätter regeringen för läsförståelsen i grundskolan?",
]
ANSWERABLE = [
    "How will the region attract investment and capital from abroad?",
    "Hur ska fler kliniska studier komma till stånd?",
]


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_an_off_topic_question_far_from_every_labelled_one_is_refused(real_engine: Engine, question: str) -> None:
    params = real_engine.answer_params
    assert params.bank_below_sv is not None and params.bank_below_en is not None, "calibrate fits the bank gate"
    answer = real_engine.ask(question)
    assert answer["abstained"] and answer["abstain_reason"] == "off_topic", answer["answer"]
    assert answer["labelled_question"] is not None and answer["labelled_question"] < 0.9
    without = real_engine.ask(question, params=replace(params, bank_below_sv=None, bank_below_en=None))
    assert not without["abstained"], "the confidence alone passes it: the bank gate is what refuses"


@pytest.mark.parametrize("question", ANSWERABLE)
def test_a_question_asked_like_labelled_ones_is_answered(real_engine: Engine, question: str) -> None:
    answer = real_engine.ask(question)
    assert not answer["abstained"], answer["answer"]
    assert answer["labelled_question"] is not None and answer["citations"]


def test_without_a_bank_the_confidence_alone_decides(mini_settings: Settings, tmp_path: Path) -> None:
    """A calibration file of its own, so no question bank: no similarity is reported, and the confidence decides."""
    settings = mini_settings.model_copy(update={"calibration_file": tmp_path / "calibration.json"})
    ingest(settings, progress=False)
    engine = Engine.open(settings)
    assert engine.searcher.questions is None
    answer = engine.ask("Vad saknas i vården idag?")
    assert answer["labelled_question"] is None


@pytest.mark.parametrize("mode", ["dense", "bm25"])
def test_every_mode_reads_the_bank_with_the_question_as_the_bank_embeds_it(real_engine: Engine, mode: str) -> None:
    """The bank's questions are embedded without the documents' names, as hybrid search embeds the question; dense and
    bm25 search embed it otherwise, so the bank embeds it itself: the same similarity in every mode."""
    question = "Vad säger den nationella strategin om kliniska prövningar?"
    hybrid = real_engine.ask(question)["labelled_question"]
    assert hybrid is not None
    assert real_engine.ask(question, mode=mode)["labelled_question"] == pytest.approx(hybrid, abs=1e-3)


def test_a_question_asked_like_a_labelled_one_is_answered_by_the_sentence_quoted_for_it(real_engine: Engine) -> None:
    """A labelled question of blind set T asked again: without the bank's quotes the answer opens with another
    sentence; with them (cosine ≥ question_same), with the one the labeller quoted. Only the choice changes."""
    labelled = next(
        json.loads(line)
        for line in (REPO / "eval" / "data" / "blind_t.jsonl").open(encoding="utf-8")
        if '"T016"' in line
    )
    quotes = [normalise(q) for q in labelled["quotes"]]

    def opens_with_a_quote(answer: dict[str, object]) -> bool:
        first = normalise(answer["citations"][0]["quote"])  # type: ignore[index]
        return any(q in first or first in q for q in quotes)

    # The sentence lift, fitted on T among the bank's sets, would open the answer with the quote on its own: off here.
    no_lift = replace(real_engine.answer_params, lift_weight=0.0)
    params = real_engine.searcher.params
    try:
        real_engine.searcher.params = replace(params, question_same=1.0)
        without = real_engine.ask(labelled["question"], params=no_lift)
    finally:
        real_engine.searcher.params = params
    with_quotes = real_engine.ask(labelled["question"], params=no_lift)
    assert not without["abstained"] and not opens_with_a_quote(without)
    assert opens_with_a_quote(with_quotes)
    assert (with_quotes["abstained"], with_quotes["confidence"]) == (without["abstained"], without["confidence"])


@pytest.mark.parametrize(
    ("question", "labelled_set"),
    [("Vill regeringen skära ner på pappersexercis och krångel som bromsar nya upptäckter?", "blind_ac")],
)
def test_a_paraphrase_sharing_no_topic_word_passes_when_asked_like_answered_questions(
    real_engine: Engine, question: str, labelled_set: str
) -> None:
    """Its own set left out of the bank, as a new writer's question meets it; without the calibrated cut and without
    synonyms the topic-word check alone refuses it (no word of "pappersexercis", "krångel" in the passages: they write
    "byråkrati", a synonym of "pappersexercis" in the thesaurus: either path lets it through)."""
    params = real_engine.answer_params
    assert params.unmentioned_below is not None, "calibrate fits the cut"
    answer = real_engine.ask(question, exclude_questions=labelled_set)
    assert not answer["abstained"] and "byråkrati" in answer["citations"][0]["quote"]
    for kept in ({"topic_synonyms": False}, {"unmentioned_below": None}):
        one_path = real_engine.ask(question, params=replace(params, **kept), exclude_questions=labelled_set)
        assert not one_path["abstained"], kept
    neither = replace(params, unmentioned_below=None, topic_synonyms=False)
    without = real_engine.ask(question, params=neither, exclude_questions=labelled_set)
    assert without["abstained"] and without["abstain_reason"] == "off_topic"


@pytest.mark.parametrize(
    ("question", "labelled_set"),
    [
        ("Vad säger agendan om elpriserna för industrin i Västsverige?", "dev_r"),
        ("Hur ska regionen öka antalet gästnätter inom besöksnäringen i Västra Götaland?", "blind_u"),
    ],
)
def test_an_off_topic_question_sharing_no_topic_word_stays_refused(
    real_engine: Engine, question: str, labelled_set: str
) -> None:
    answer = real_engine.ask(question, exclude_questions=labelled_set)
    assert answer["abstained"] and answer["abstain_reason"] == "off_topic"
