"""Three calibrated levels for a proposal's link to a focus area or objective, and how they are fitted.

The aligner's combined score is standardised *within* a proposal (how far a target stands out from
the others), so on its own it means nothing across proposals: a road-maintenance text still has a
best target. The absolute signals (the best sentence pair's similarity, the mean of the best matches,
the title similarity, the word overlap) are comparable but each is noisy. A logistic model over all of
them, fitted on labelled proposals and snippets, turns them into a **probability that an expert
would link the two** — a number that means the same for every proposal — and the levels are cuts on it:

- **clear** (*tydlig koppling*): probability ≥ ``clear``, chosen for the precision an official can
  rely on (``TARGET_PRECISION`` on the fitting half);
- **possible** (*möjlig koppling*): probability ≥ ``possible`` (best F1 of *clear or possible*);
- **none** (*ingen koppling hittad*) otherwise.

Similarities are a property of the embedding model, so the model is fitted per embedder
(``strategiqa calibrate --links``) and stored in the calibration file next to the answer thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

FEATURES = (
    "score",
    "best_similarity",
    "dense",
    "title_similarity",
    "lexical",
    "english",
    "best_over_background",
    "dense_over_background",
)
LEVELS = ("clear", "possible", "none")
TARGET_PRECISION = 0.85
_CUTS = tuple(round(0.02 * i, 2) for i in range(1, 50))


@dataclass(frozen=True)
class LevelParams:
    """Logistic weights per feature (``FEATURES``), intercept and the two probability cuts.

    The built-in values are a fallback for a model nobody has calibrated: they weigh the standardised
    score alone (probability 0.5 at score 3) and are replaced by the calibration file's fit."""

    weights: dict[str, float] = field(default_factory=lambda: {"score": 1.0})
    bias: float = -3.0
    clear: float = 0.8
    possible: float = 0.5

    def probability(self, signals: Mapping[str, float]) -> float:
        z = self.bias + sum(w * float(signals.get(name, 0.0)) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def level(self, probability: float) -> str:
        if probability >= self.clear:
            return "clear"
        return "possible" if probability >= self.possible else "none"


@dataclass(frozen=True)
class LabelledScore:
    """One proposal (or snippet) × target: the aligner's signals and whether an expert links them."""

    signals: Mapping[str, float]
    positive: bool


def level_params(calibration: dict[str, Any]) -> LevelParams:
    """A model's fitted ``alignment`` entry, or the built-in fallback."""
    fitted = calibration.get("alignment", {}).get("params")
    if not isinstance(fitted, dict) or "weights" not in fitted:
        return LevelParams()
    return LevelParams(
        weights={k: float(v) for k, v in fitted["weights"].items() if k in FEATURES},
        bias=float(fitted["bias"]),
        clear=float(fitted["clear"]),
        possible=float(fitted["possible"]),
    )


def fit_levels(
    rows: Sequence[LabelledScore], target_precision: float = TARGET_PRECISION, l2: float = 10.0
) -> dict[str, Any]:
    """A logistic model over ``FEATURES`` (L2-regularised, Newton's method, features standardised while
    fitting) and the cuts: *clear* with the best recall at ``target_precision``, *possible* (never
    above *clear*) with the best F1 of *clear or possible*. Returns the params and their figures."""
    x = np.array([[float(r.signals.get(f, 0.0)) for f in FEATURES] for r in rows])
    y = np.array([1.0 if r.positive else 0.0 for r in rows])
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    xs = np.hstack([(x - mean) / std, np.ones((len(rows), 1))])
    w = np.zeros(xs.shape[1])
    penalty = np.eye(xs.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-xs @ w))
        gradient = xs.T @ (p - y) + penalty @ w
        hessian = (xs * (p * (1 - p))[:, None]).T @ xs + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = {f: float(w[i] / std[i]) for i, f in enumerate(FEATURES)}
    bias = float(w[-1] - sum(w[i] * mean[i] / std[i] for i in range(len(FEATURES))))
    probabilities = 1 / (1 + np.exp(-(x @ np.array([weights[f] for f in FEATURES]) + bias)))
    clear = max(_CUTS, key=lambda c: _clear_key(probabilities, y, c, target_precision))
    possible = max((c for c in _CUTS if c <= clear), key=lambda c: (_f1(probabilities, y, c), c))
    params = LevelParams({k: round(v, 6) for k, v in weights.items()}, round(bias, 6), clear, possible)
    return {"params": asdict(params), "figures": level_figures(rows, params)}


def level_figures(rows: Sequence[LabelledScore], params: LevelParams) -> dict[str, Any]:
    """Precision and recall of *clear* and of *clear or possible* on labelled rows."""
    levels = [params.level(params.probability(r.signals)) for r in rows]
    positives = sum(r.positive for r in rows)
    out: dict[str, Any] = {"rows": len(rows), "positives": positives}
    for name, accepted in (("clear", {"clear"}), ("clear_or_possible", {"clear", "possible"})):
        hits = [lv in accepted for lv in levels]
        tp = sum(h and r.positive for h, r in zip(hits, rows, strict=True))
        out[name] = {
            "precision": round(tp / sum(hits), 4) if any(hits) else None,
            "recall": round(tp / positives, 4) if positives else None,
        }
    return out


def _clear_key(p: np.ndarray, y: np.ndarray, cut: float, target: float) -> tuple[float, float, float]:
    accepted = p >= cut
    tp = float((accepted & (y == 1)).sum())
    precision = tp / accepted.sum() if accepted.any() else 0.0
    recall = tp / max(float(y.sum()), 1.0)
    return (recall if precision >= target else -1.0, precision, cut)


def _f1(p: np.ndarray, y: np.ndarray, cut: float) -> float:
    accepted = p >= cut
    tp = float((accepted & (y == 1)).sum())
    if not tp:
        return 0.0
    precision, recall = tp / accepted.sum(), tp / y.sum()
    return float(2 * precision * recall / (precision + recall))
