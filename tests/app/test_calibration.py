"""`strategiqa calibrate`: thresholds and the missing-fact margin from labelled questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategiqa.app.answer import AnswerParams
from strategiqa.app.calibration import MARGINS, NEAR_MISS_WEIGHT, fit


@dataclass(frozen=True)
class _Question:
    id: str
    lang: str
    question: str
    answerable: bool
    kind: str


def test_questions_whose_refusal_cannot_depend_on_the_margin_are_asked_at_one_margin_only() -> None:
    """The labelled answers are a rule of the test (no model): an answerable element question is answered from
    margin 0.02 on, a near-miss one refused up to 0.03; a description question's refusal never depends on it."""
    questions = [
        _Question("1", "sv", "Hur många bolag finns det?", True, "fact"),
        _Question("2", "sv", "Hur många anställda har bolaget X?", False, "near_miss"),
        _Question("3", "sv", "Vad säger agendan om vård?", True, "paraphrase"),
        _Question("4", "sv", "Vilket väder blir det i morgon?", False, "off_topic"),
        _Question("5", "en", "How many companies are there?", True, "fact"),
        _Question("6", "en", "What is the weather tomorrow?", False, "off_topic"),
    ]
    asked: list[tuple[str, float]] = []

    def ask(text: str, params: AnswerParams) -> dict[str, Any]:
        asked.append((text, params.fact_margin))
        confidence = 0.5 if "weather" in text or "väder" in text else 1.0
        gated = params.abstain_below_sv > -1e9
        refused = gated and (
            (text.startswith("Hur många bolag") and params.fact_margin < 0.02)
            or (text.startswith("Hur många anställda") and params.fact_margin <= 0.03)
        )
        return {"confidence": confidence, "abstained": refused}

    entry = fit(ask, questions, AnswerParams(), margin_matters=lambda text: text.startswith("Hur många"))
    assert entry["params"]["fact_margin"] == 0.03  # both right at 0.02 and 0.03; ties go to the wider margin
    assert entry["figures"]["fact_margin"]["0.02"] == {"answered": 1.0, "near_miss_refused": 1.0}
    assert entry["figures"]["fact_margin"]["0.0"] == {"answered": 0.6667, "near_miss_refused": 1.0}
    description = [m for text, m in asked if text.startswith("Vad säger")]
    assert len(description) == 2  # the open gate, then the first margin: never again
    element = [m for text, m in asked if text.startswith("Hur många bolag")]
    assert len(element) == 1 + len(MARGINS)


def test_a_near_miss_answered_weighs_more_than_an_answerable_question_refused() -> None:
    """From margin 0.02 on, one more answerable question of two is answered and one more near-miss of two is answered
    too: with equal weights the wider margin would win; a wrong answer costs more, so the margin stays at 0."""
    questions = [
        _Question("1", "sv", "Hur många bolag finns det?", True, "fact"),
        _Question("2", "sv", "Hur många län finns det?", True, "fact"),
        _Question("3", "sv", "Hur många anställda har bolaget X?", False, "near_miss"),
        _Question("4", "sv", "Hur många patenter har bolaget Y?", False, "near_miss"),
        _Question("5", "sv", "Vilket väder blir det i morgon?", False, "off_topic"),
        _Question("6", "en", "What is the weather tomorrow?", False, "off_topic"),
    ]

    def ask(text: str, params: AnswerParams) -> dict[str, Any]:
        confidence = 0.5 if "weather" in text or "väder" in text else 1.0
        gated = params.abstain_below_sv > -1e9
        narrow = params.fact_margin < 0.02
        refused = gated and (
            (text.startswith("Hur många bolag") and narrow)
            or text.startswith("Hur många anställda")
            or (text.startswith("Hur många patenter") and narrow)
        )
        return {"confidence": confidence, "abstained": refused}

    assert NEAR_MISS_WEIGHT > 1
    entry = fit(ask, questions, AnswerParams(), margin_matters=lambda text: text.startswith("Hur många"))
    assert entry["figures"]["fact_margin"]["0.02"] == {"answered": 1.0, "near_miss_refused": 0.5}
    assert entry["figures"]["fact_margin"]["0.0"] == {"answered": 0.5, "near_miss_refused": 1.0}
    assert entry["params"]["fact_margin"] == 0.01


def test_the_bank_gate_weighs_the_nearest_labelled_question_where_the_confidence_alone_cannot_separate() -> None:
    """A rule of the test (no model): answerable and off-topic questions share confidences, but answerable ones lie
    near labelled questions (0.95) and off-topic ones far (0.80). The bank gate separates them with the weight that
    does it best; questions whose document the bank does not know (None) take no part; the bank's own sets join."""
    questions = [_Question(f"a{i}", "sv", f"Fråga {i} om vård?", True, "fact") for i in range(10)] + [
        _Question(f"o{i}", "sv", f"Väder {i}?", False, "off_topic") for i in range(5)
    ]
    banked = [_Question(f"b{i}", "sv", f"Bankfråga {i} om vård?", True, "paraphrase") for i in range(5)]
    unknown = _Question("u", "sv", "Fråga om ett okänt dokument?", True, "fact")
    confidences = {q.question: 0.90 + 0.01 * (i % 5) for i, q in enumerate([*questions, *banked])}
    asked: list[str] = []

    def ask(text: str, params: AnswerParams) -> dict[str, Any]:
        asked.append(text)
        known = None if "okänt" in text else (0.80 if text.startswith("Väder") else 0.95)
        return {"confidence": confidences.get(text, 0.5), "labelled_question": known, "abstained": False}

    entry = fit(ask, [*questions, unknown], AnswerParams(), bank_questions=banked)
    params, figures = entry["params"], entry["figures"]["bank_gate"]["sv"]
    assert figures["answerable"] == 15 and figures["off_topic"] == 5  # the bank's five joined; the unknown one not
    assert figures["off_topic_passed"] == 0 and figures["answerable_refused"] == 0
    assert params["bank_weight_sv"] == 0.5 and figures["auc"]["0.5"] == 1.0  # every weight separates: the smallest
    assert 0.90 + 0.5 * 0.80 + 0.04 < params["bank_below_sv"] <= 0.90 + 0.5 * 0.95
    assert "bank_below_en" not in params  # no English questions: no English bank gate
    assert all(text in asked for text in (q.question for q in banked))
    assert entry["figures"]["off_topic_gate"]["sv"]["answerable"] == 11  # the confidence gate: calibration sets only


def test_the_unmentioned_cut_lies_just_above_every_off_topic_question_the_topic_word_check_alone_refuses() -> None:
    """A rule of the test (no model): questions whose text starts with "utan" share no topic word with the passages and
    are refused as off-topic unless ``unmentioned_below`` lets them pass; confidence and nearest labelled question as
    written in the table below."""
    table = {
        "utan ord, men besvarad A?": (0.95, 0.95, True, "paraphrase"),
        "utan ord, men besvarad B?": (0.90, 0.90, True, "paraphrase"),
        "utan ord, om väder C?": (0.92, 0.91, False, "off_topic"),
        "utan ord, om väder D?": (0.91, 0.89, False, "off_topic"),
        "Vad säger agendan om vård?": (1.0, 0.97, True, "paraphrase"),
        "Vilket väder blir det i morgon?": (0.5, 0.5, False, "off_topic"),
        "What is the weather tomorrow?": (0.5, 0.5, False, "off_topic"),
        "What does the agenda say about care?": (1.0, 0.97, True, "paraphrase"),
    }
    questions = [
        _Question(str(i), "en" if text.startswith("What") else "sv", text, row[2], row[3])
        for i, (text, row) in enumerate(table.items())
    ]

    def ask(text: str, params: AnswerParams) -> dict[str, Any]:
        confidence, known, _, _ = table[text]
        unmentioned = text.startswith("utan")
        passes = params.unmentioned_below is not None and confidence + 2.0 * known >= params.unmentioned_below
        refused = unmentioned and not passes
        reason = "off_topic" if refused else None
        return {"confidence": confidence, "labelled_question": known, "abstained": refused, "abstain_reason": reason}

    entry = fit(ask, questions, AnswerParams())
    weight = entry["params"].get("bank_weight_sv", 0.0)
    cut = entry["params"]["unmentioned_below"]
    assert cut == round(0.92 + weight * 0.91 + 1e-4, 4)  # the highest off-topic sum, and a hair more
    figures = entry["figures"]["unmentioned_gate"]
    assert figures["off_topic"] == 2 and figures["answerable"] == 2
    assert figures["answerable_passing"] == sum(c + weight * k >= cut for c, k in ((0.95, 0.95), (0.90, 0.90)))
