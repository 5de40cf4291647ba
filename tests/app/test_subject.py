"""The subject check: a value asked for may come from a sentence a little below the best one when that sentence names
what the question asks about; on the real corpus and model, each case asked both ways (check on and off)."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from strategiqa.app.engine import Engine
from strategiqa.app.questions import around_figures
from strategiqa.app.settings import Settings
from strategiqa.app.subject import proper_nouns


@pytest.fixture(scope="module")
def engine(real_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The real engine without the question bank (its calibration file copied alone): the labelled questions of these
    very cases would otherwise rank the passage holding the value first, and the cases would test the bank."""
    calibration = tmp_path_factory.mktemp("no-bank") / "calibration.json"
    shutil.copy(real_settings.calibration_file, calibration)
    return Engine.open(real_settings.model_copy(update={"calibration_file": calibration}))


def _ask(engine: Engine, question: str, previous: str | None = None, subject_margin: float | None = None) -> dict:
    params = engine.answer_params if subject_margin is None else replace(engine.answer_params, subject_margin=0.0)
    return engine.ask(question, previous_question=previous, params=params)


def test_a_year_below_the_best_sentence_answers_when_its_sentence_speaks_of_the_subject(engine: Engine) -> None:
    assert engine.searcher.questions is None
    previous = "Vem fick förtroendet att samordna arbetet med att ta fram VGR:s agenda?"
    off = _ask(engine, "Och när var det?", previous, subject_margin=0.0)
    on = _ask(engine, "Och när var det?", previous)
    assert off["abstained"] and off["missing"]["element"] == "date"  # the best sentence (who coordinated) has no year
    assert not on["abstained"] and "2025" in on["answer"]
    assert "Process för framtagande av agendan" in on["citations"][0]["section_path"]


@pytest.mark.parametrize(
    "question",
    [
        # The sentence at hand counts new companies, beside the word "omsättning": a count of something else.
        "Hur stor är den sammanlagda omsättningen för life science-bolagen i Västsverige?",
        # The region's head count is no company's: the name asked about must be in the sentence.
        "Hur många anställda har AstraZeneca i Göteborgsregionen?",
        "hur många anställda har astrazeneca i västsverige",  # the name typed in lower case is still a name
        # A year, but of the round-table that started the work, not of the council asked about.
        "När ska det nya rådet för västsvensk life science vara inrättat?",
    ],
)
def test_a_value_of_something_else_is_still_refused(engine: Engine, question: str) -> None:
    answer = _ask(engine, question)
    assert answer["abstained"] and answer["abstain_reason"] == "missing_fact", answer["answer"]


def test_the_words_around_a_figure_say_what_it_counts() -> None:
    sentence = (
        "Tillväxten är betydande, både i antal anställda och i omsättning och varje år startas omkring 20 nya företag."
    )
    assert around_figures(sentence) == "varje år startas omkring 20 nya företag."
    assert "personer" in around_figures("I regionen finns 600 bolag som sysselsätter över 10 000 personer.")
    assert around_figures("2035 ska regionen vara ledande i Europa.") == ""  # a year counts nothing


def test_names_are_words_written_capitalised_inside_sentences_and_never_in_lower_case() -> None:
    texts = [
        "Bolag som Acmeco och Bravo finns här. Acmeco växer, och Bravo likaså.",
        "Forskning sker i Norrstad. Detta gäller Norrstads bolag och Acmeco.",
        "Health är ett ord i Acme Health och Acme Health Care.",
        "Sådant sägs ofta. Sådant gör även bravo-bolagen.",
    ]
    names = proper_nouns(texts, {"norrstad"}, {"health", "care"})
    assert "acmeco" in names  # twice inside a sentence, never in lower case
    assert "bravo" not in names  # also written in lower case
    assert "norrstads" not in names  # the documents' own place, in the genitive
    assert "health" not in names  # an ordinary English word
    assert "sådant" not in names  # capitalised only where a sentence starts
    assert proper_nouns(["Företaget Zetaco växer. Företaget Zetaco anställer."], set(), set()) == {"zetaco"}


def test_what_the_asker_says_of_themselves_is_no_subject(engine: Engine) -> None:
    from strategiqa.app.question_names import without_asker_context

    question = "I advise small firms in Storby – how large can the digitalisation vouchers be?"
    assert without_asker_context(question).strip().startswith("how large")
    # The pronoun only: the Swedish preposition "i" tells nothing of the asker.
    assert without_asker_context("Vad står det i agendan om kliniska studier?").startswith("Vad står det i agendan")
