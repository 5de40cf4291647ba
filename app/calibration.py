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
- picks ``fact_margin`` — how close to the best sentence one giving the asked-for element must
  be — where near-miss questions are refused most while answerable ones are answered,

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

from strategiqa.ingest.files import write_atomically

from .answer import AnswerParams
from .settings import AnswerSettings

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08)


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
) -> dict[str, Any]:
    """Thresholds and margin from labelled questions; ``ask(question, params)`` returns the answer object;
    ``margin_matters(question)``: whether the question's refusal can depend on ``fact_margin`` (None: always).
    Follow-ups are left out: asked alone they are not the question their label describes."""
    questions = [q for q in questions if q.kind != "followup"]
    open_gate = replace(base, abstain_below_sv=-1e9, abstain_below_en=-1e9, topic_below_sv=-1e9, topic_below_en=-1e9)
    # Whether an answer is refused depends on the margin only where the question asks for an element, a year or a
    # who (see ``answer._missing``): the others are asked at the first margin and count the same at every one.
    matters = [i for i, q in enumerate(questions) if margin_matters is None or margin_matters(q.question)]
    rows = []
    steps = len(questions) * 2 + len(matters) * (len(MARGINS) - 1)
    done = 0
    for q in questions:
        result = ask(q.question, open_gate)
        rows.append({"q": q, "confidence": result["confidence"]})
        done += 1
        if progress:
            progress(done, steps)
    thresholds, gate_figures, topic, topic_figures = {}, {}, {}, {}
    for lang in ("sv", "en"):
        pos = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].answerable]
        neg = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].kind == "off_topic"]
        thresholds[lang], gate_figures[lang] = _best_threshold(pos, neg, false_refusal_budget)
        near = [r["confidence"] for r in rows if r["q"].lang == lang and r["q"].kind == "near_miss"]
        topic[lang], topic_figures[lang] = _fewest_errors(near or pos, neg)
    gated = replace(
        open_gate,
        abstain_below_sv=thresholds["sv"],
        abstain_below_en=thresholds["en"],
        topic_below_sv=min(topic["sv"], thresholds["sv"]),
        topic_below_en=min(topic["en"], thresholds["en"]),
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
    # Balanced: a refused near-miss counts as much as an answered answerable question.
    best_margin = max(MARGINS, key=lambda m: (sum(margin_figures[m].values()), m))
    return {
        "params": {
            "abstain_below_sv": thresholds["sv"],
            "abstain_below_en": thresholds["en"],
            "topic_below_sv": min(topic["sv"], thresholds["sv"]),
            "topic_below_en": min(topic["en"], thresholds["en"]),
            "fact_margin": best_margin,
        },
        "figures": {
            "off_topic_gate": gate_figures,
            "topic_gate": topic_figures,
            "fact_margin": {str(k): v for k, v in margin_figures.items()},
        },
        "questions": len(questions),
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
