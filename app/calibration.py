"""Answer thresholds fitted on labelled questions, stored per embedding model.

Similarities are a property of the model, so the refusal thresholds are too: a different model
(or the same one quantised differently) needs its own. ``strategiqa calibrate`` asks every
labelled question, then

- per language, sets ``abstain_below`` where the most off-topic questions are refused while at most
  ``false_refusal_budget`` of the answerable ones are (the off-topic gate: the issue's own terms, a
  bound on false abstention, and not a count of errors that the mix of the labelled sets would tilt), and
- sets ``topic_below`` where it separates near-miss from off-topic questions with the fewest errors
  (below ``abstain_below``): above it, a question asking for what the documents do not give gets the
  specific refusal; a mistake here only changes which refusal is given, and
- per language, where the question bank knows the answering document, fits the bank gate: the weight of the
  nearest labelled question's similarity beside the confidence (the one of ``BANK_WEIGHTS`` separating answerable
  from off-topic questions best, by AUC) and the cut, under the same false-refusal budget. Each question is asked
  without its own set in the bank, as a question from a new writer meets it; the bank's own labelled sets join the
  calibration sets here, since one set left out at a time needs many sets,
- sets ``unmentioned_below``: where a question in the documents' language shares no topic word with the top passages
  (refused as off their topic), how much like answered questions it must be asked to pass all the same — just above
  every off-topic question of the calibration sets,
- picks ``fact_margin`` — how close to the best sentence one giving the asked-for element must
  be — where near-miss questions are refused most while answerable ones are answered (a near-miss answered weighs
  ``NEAR_MISS_WEIGHT`` times a false refusal),

and writes both, with the figures that chose them, to the calibration file.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from strategiqa.ingest.files import write_atomically

from .answer import AnswerParams
from .settings import AnswerSettings

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08)
BANK_WEIGHTS = (0.5, 1.0, 2.0, 4.0)
NEAR_MISS_WEIGHT = 2.0
"""In choosing ``fact_margin``, a near-miss answered costs this many answerable questions refused: an answer the
documents do not give is the worse error (an official pastes it into a memo). With equal weights a one-question
difference on the near-misses of the calibration sets decided the margin (0.0 against 0.02 as the bank grew)."""


class LabelledQuestion(Protocol):
    id: str
    lang: str
    question: str
    answerable: bool
    kind: str


def answer_params(settings: AnswerSettings, calibration_file: Path, model_id: str) -> AnswerParams:
    """Built-in defaults, overridden by the calibration file's entry for ``model_id``, then by settings."""
    params = AnswerParams()
    fitted = read_calibration(calibration_file).get(model_id, {}).get("params", {})
    known = {f.name for f in fields(AnswerParams)}
    params = replace(params, **{k: v for k, v in fitted.items() if k in known})
    explicit = {k: v for k, v in settings.model_dump().items() if v is not None and k in known}
    return replace(params, **explicit)


def read_calibration(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def fit(
    ask: Callable[[str, AnswerParams], dict[str, Any]],
    questions: Sequence[LabelledQuestion],
    base: AnswerParams,
    progress: Callable[[int, int], None] | None = None,
    false_refusal_budget: float = 0.02,
    margin_matters: Callable[[str], bool] | None = None,
    bank_questions: Sequence[LabelledQuestion] = (),
) -> dict[str, Any]:
    """Thresholds and margin from labelled questions; ``ask(question, params)`` returns the answer object;
    ``margin_matters(question)``: whether the question's refusal can depend on ``fact_margin`` (None: always);
    ``bank_questions``: further labelled questions the bank gate is fitted on (with ``questions``).
    Follow-ups are left out: asked alone they are not the question their label describes."""
    questions = [q for q in questions if q.kind != "followup"]
    seen = {q.question for q in questions}
    extra = []
    for q in bank_questions:  # a question written again in another set is asked once
        if q.kind != "followup" and q.question not in seen:
            seen.add(q.question)
            extra.append(q)
    open_gate = replace(
        base,
        abstain_below_sv=-1e9,
        abstain_below_en=-1e9,
        topic_below_sv=-1e9,
        topic_below_en=-1e9,
        bank_below_sv=None,
        bank_below_en=None,
    )
    # Whether an answer is refused depends on the margin only where the question asks for an element, a year or a
    # who (see ``refusals.missing_element``): the others are asked at the first margin and count the same at every one.
    matters = [i for i, q in enumerate(questions) if margin_matters is None or margin_matters(q.question)]
    rows = []
    steps = len(questions) * 2 + len(extra) + len(matters) * (len(MARGINS) - 1)
    done = 0
    for q in [*questions, *extra]:
        result = ask(q.question, open_gate)
        rows.append(
            {
                "q": q,
                "confidence": result["confidence"],
                "known": result.get("labelled_question"),
                "off_topic": bool(result["abstained"]) and result.get("abstain_reason") == "off_topic",
            }
        )
        done += 1
        if progress:
            progress(done, steps)
    bank_rows, rows = rows, rows[: len(questions)]
    thresholds, gate_figures, topic, topic_figures = {}, {}, {}, {}
    for lang in ("sv", "en"):
        pos = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].answerable]
        neg = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].kind == "off_topic"]
        thresholds[lang], gate_figures[lang] = _best_threshold(pos, neg, false_refusal_budget)
        near = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].kind == "near_miss"]
        topic[lang], topic_figures[lang] = _fewest_errors(near or pos, neg)
    bank = {lang: _bank_gate(bank_rows, lang, false_refusal_budget) for lang in ("sv", "en")}
    bank_params: dict[str, Any] = {}
    for lang, (weight, cut, _) in bank.items():
        if cut is not None:
            bank_params |= {f"bank_weight_{lang}": weight, f"bank_below_{lang}": cut}
    unmentioned_below, unmentioned_figures = _unmentioned_gate(ask, bank_rows, open_gate, bank["sv"][0])
    gated = replace(
        open_gate,
        unmentioned_below=unmentioned_below,
        abstain_below_sv=thresholds["sv"],
        abstain_below_en=thresholds["en"],
        topic_below_sv=min(topic["sv"], thresholds["sv"]),
        topic_below_en=min(topic["en"], thresholds["en"]),
        **bank_params,
    )
    refused: dict[float, list[bool]] = {}
    for margin in MARGINS:
        params = replace(gated, fact_margin=margin)
        refused[margin] = list(refused.get(MARGINS[0], [False] * len(questions)))
        for i in range(len(questions)) if margin == MARGINS[0] else matters:
            refused[margin][i] = bool(ask(questions[i].question, params)["abstained"])
            done += 1
            if progress:
                progress(done, steps)
    answerable = [i for i, q in enumerate(questions) if q.answerable]
    near_misses = [i for i, q in enumerate(questions) if not q.answerable and q.kind == "near_miss"]
    margin_figures = {
        margin: {
            "answered": round(sum(not refused[margin][i] for i in answerable) / max(len(answerable), 1), 4),
            "near_miss_refused": round(sum(refused[margin][i] for i in near_misses) / max(len(near_misses), 1), 4),
        }
        for margin in MARGINS
    }
    best_margin = max(
        MARGINS,
        key=lambda m: (margin_figures[m]["answered"] + NEAR_MISS_WEIGHT * margin_figures[m]["near_miss_refused"], m),
    )
    return {
        "params": {
            "abstain_below_sv": thresholds["sv"],
            "abstain_below_en": thresholds["en"],
            "topic_below_sv": min(topic["sv"], thresholds["sv"]),
            "topic_below_en": min(topic["en"], thresholds["en"]),
            "fact_margin": best_margin,
            "unmentioned_below": unmentioned_below,
            **bank_params,
        },
        "figures": {
            "off_topic_gate": gate_figures,
            "bank_gate": {lang: bank[lang][2] for lang in bank},
            "unmentioned_gate": unmentioned_figures,
            "topic_gate": topic_figures,
            "fact_margin": {str(k): v for k, v in margin_figures.items()},
        },
        "questions": len(questions),
        "bank_gate_questions": len(bank_rows),
        "fitted_on": date.today().isoformat(),
    }


def write_calibration(path: Path, model_id: str, entry: dict[str, Any]) -> None:
    """Store ``entry`` for ``model_id``, keeping other models' entries; written atomically."""
    data = read_calibration(path)
    data[model_id] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cuts(pos: list[float], neg: list[float]) -> list[float]:
    """Every cut worth trying: below all values, and halfway between each two neighbouring ones."""
    values = sorted(set(pos + neg))
    return [values[0] - 0.01] + [(a + b) / 2 for a, b in itertools.pairwise(values)]


def _fewest_errors(pos: list[float], neg: list[float]) -> tuple[float, dict[str, Any]]:
    """The cut between ``pos`` (above) and ``neg`` (below) with the fewest errors; ties to the lowest."""
    if not pos or not neg:
        return (min(pos) - 0.01 if pos else 0.0), {"near_miss": len(pos), "off_topic": len(neg)}
    best = min(_cuts(pos, neg), key=lambda c: (sum(p < c for p in pos) + sum(n >= c for n in neg), c))
    return round(best, 4), {
        "near_miss": len(pos),
        "off_topic": len(neg),
        "near_miss_below": sum(p < best for p in pos),
        "off_topic_above": sum(n >= best for n in neg),
    }


def _unmentioned_gate(
    ask: Callable[[str, AnswerParams], dict[str, Any]],
    rows: list[dict[str, Any]],
    open_gate: AnswerParams,
    weight: float,
) -> tuple[float | None, dict[str, Any]]:
    """(cut, figures) for ``AnswerParams.unmentioned_below``: the questions refused as off-topic with every threshold
    open are asked again with the topic-word check open too; those then answered were refused by that check alone.
    The cut lies just above the highest confidence + ``weight`` × nearest labelled question among the off-topic ones,
    so that none of them would pass (None when there are none to fit on)."""
    vetoed = []
    for r in rows:
        if r["off_topic"] and r["known"] is not None:
            again = ask(r["q"].question, replace(open_gate, unmentioned_below=-1e9))
            if not again["abstained"] or again.get("abstain_reason") != "off_topic":
                vetoed.append(r)

    def sums(kind: str) -> list[float]:
        chosen = [r for r in vetoed if (r["q"].answerable if kind == "answerable" else r["q"].kind == kind)]
        return [r["confidence"] + weight * r["known"] for r in chosen]

    off_topic, answerable, near_misses = sums("off_topic"), sums("answerable"), sums("near_miss")
    if not off_topic:
        return None, {"answerable": len(answerable), "off_topic": 0}
    cut = round(max(off_topic) + 1e-4, 4)
    return cut, {
        "answerable": len(answerable),
        "answerable_passing": sum(a >= cut for a in answerable),
        "off_topic": len(off_topic),
        "near_miss": len(near_misses),
        "near_miss_passing": sum(n >= cut for n in near_misses),
    }


def _bank_gate(rows: list[dict[str, Any]], lang: str, budget: float) -> tuple[float, float | None, dict[str, Any]]:
    """(weight, cut, figures) of the bank gate for ``lang``: confidence + weight × the nearest labelled question's
    similarity, over the questions whose answering document the bank knows; (0, None, …) when there are none."""
    known = [r for r in rows if r["q"].lang == lang and r["known"] is not None]
    pos = [r for r in known if r["q"].answerable]
    neg = [r for r in known if r["q"].kind == "off_topic"]
    if not pos or not neg:
        return 0.0, None, {"answerable": len(pos), "off_topic": len(neg)}

    def scores(group: list[dict[str, Any]], weight: float) -> list[float]:
        return [r["confidence"] + weight * r["known"] for r in group]

    aucs = {w: _auc(scores(pos, w), scores(neg, w)) for w in BANK_WEIGHTS}
    weight = max(BANK_WEIGHTS, key=lambda w: (aucs[w], -w))  # ties to the smaller weight
    cut, figures = _best_threshold(scores(pos, weight), scores(neg, weight), budget)
    return weight, cut, {**figures, "weight": weight, "auc": {str(w): round(a, 4) for w, a in aucs.items()}}


def _auc(pos: list[float], neg: list[float]) -> float:
    """Share of (answerable, off-topic) pairs the score orders right; ties count half."""
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float((p > n).mean() + 0.5 * (p == n).mean())


def _best_threshold(pos: list[float], neg: list[float], budget: float) -> tuple[float, dict[str, Any]]:
    """The cut refusing the most of ``neg`` (off-topic) while refusing at most ``budget`` of ``pos``
    (answerable); among equal ones the lowest, so an answerable question is not refused for a close call."""
    if not pos or not neg:
        return (min(pos) - 0.01 if pos else 0.0), {"answerable": len(pos), "off_topic": len(neg)}
    allowed = [c for c in _cuts(pos, neg) if sum(p < c for p in pos) <= budget * len(pos)]  # the lowest always is
    best = min(allowed, key=lambda c: (sum(n >= c for n in neg), c))
    return round(best, 4), {
        "answerable": len(pos),
        "off_topic": len(neg),
        "false_refusal_budget": budget,
        "answerable_refused": sum(p < best for p in pos),
        "off_topic_passed": sum(n >= best for n in neg),
    }
