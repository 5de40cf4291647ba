"""Three calibrated levels for a proposal's link to a focus area or objective, and how they are fitted.

The aligner's combined score is standardised *within* a proposal (how far a target stands out from
the others), so on its own it means nothing across proposals: a road-maintenance text still has a
best target. The absolute signals (the best sentence pair's similarity, the mean of the best matches,
the title similarity, the word overlap) are comparable but each is noisy. A logistic model over all of
them, fitted on labelled proposals and snippets, turns them into a **probability that an expert
would link the two** — a number that means the same for every proposal — and the levels are cuts on it:

- **clear** (*tydlig koppling*): probability ≥ ``clear``, chosen for the precision an official can
  rely on (``TARGET_PRECISION`` on the fitting half, as a lower confidence bound: ``PRECISION_CONFIDENCE_Z``);
- **possible** (*möjlig koppling*): probability ≥ ``possible``, the lowest cut at which *clear or possible*
  links are still right at least half the time (``POSSIBLE_PRECISION``);
- **none** (*ingen koppling hittad*) otherwise.

Where the example bank (``alignment_examples``) knows a target, three more signals say how labelled proposals near
this one were judged for it, and a second model over all signals (``WITH_EXAMPLES``) gives the probability; targets it
does not know keep the model without them.

Similarities are a property of the embedding model, so the model is fitted per embedder
(``strategiqa calibrate --links``) and stored in the calibration file next to the answer thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .alignment_examples import FEATURES as EXAMPLE_SIGNALS

FEATURES = (
    "score",
    "best_similarity",
    "dense",
    "title_similarity",
    "lexical",
    "english",
    "best_over_background",
    "dense_over_background",
    "votes",
    "gap",
    "rank_log",
    "on_topic",
    "soft_votes",
    "specific_max",
    "specific_share",
    "margin_max",
)
WITH_EXAMPLES = (*FEATURES, *EXAMPLE_SIGNALS)
"""The signals with the labelled examples' (see ``alignment_examples``), for targets the example bank knows."""
LEVELS = ("clear", "possible", "none")
TARGET_PRECISION = 0.85
PRECISION_CONFIDENCE_Z = 1.28
"""The *clear* cut must reach ``TARGET_PRECISION`` with its Wilson lower bound at this z (one-sided 90 %), not only
as the fitted rows' share: a cut at exactly the target on the fitting rows falls short on new proposals about half the
time. Leaving one labelled set out at a time (ten sets), clear precision 0.855 → 0.878 at recall 0.853 → 0.847, higher
on all ten sets (``eval/reports/issue11-round9/``)."""
POSSIBLE_PRECISION = 0.5
"""*Clear or possible* links are right at least this often: a possible link is as likely right as not."""
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

    def level(self, probability: float, on_topic: bool = True) -> str:
        """The level for a probability; a proposal that is not about the strategies at all (``on_topic``
        false: its sentences are no closer to the strategies than to everyday text) has at most possible links."""
        if probability >= self.clear and on_topic:
            return "clear"
        return "possible" if probability >= self.possible else "none"

    def classify(self, signals: Mapping[str, float]) -> tuple[float, str]:
        """Probability and level from the aligner's signals (``on_topic_margin`` is the gate)."""
        probability = self.probability(signals)
        return probability, self.level(probability, on_topic=float(signals.get("on_topic_margin", 1.0)) > 0)


@dataclass(frozen=True)
class LabelledScore:
    """One proposal (or snippet) × target: the aligner's signals and whether an expert links them."""

    signals: Mapping[str, float]
    positive: bool
    group: str = ""
    """The proposal or snippet the row comes from: rows of one text are kept in one fold when fitting."""


def level_params(calibration: dict[str, Any], with_examples: bool = False) -> LevelParams:
    """A model's fitted ``alignment`` entry, or the built-in fallback. ``with_examples``: the model over the labelled
    examples' signals too (``params``), else the one without them (``params_plain``; in a file written before the
    example bank, ``params`` is that one)."""
    entry = calibration.get("alignment", {})
    fitted = entry.get("params") if with_examples or "params_plain" not in entry else entry.get("params_plain")
    if not isinstance(fitted, dict) or "weights" not in fitted:
        return LevelParams()
    known = WITH_EXAMPLES if with_examples else FEATURES
    if not with_examples and set(fitted["weights"]) & set(EXAMPLE_SIGNALS):
        return LevelParams()  # a model that needs the examples' signals, which are not there
    return LevelParams(
        weights={k: float(v) for k, v in fitted["weights"].items() if k in known},
        bias=float(fitted["bias"]),
        clear=float(fitted["clear"]),
        possible=float(fitted["possible"]),
    )


def fit_levels(
    rows: Sequence[LabelledScore],
    target_precision: float = TARGET_PRECISION,
    l2: float = 10.0,
    folds: int = 5,
    features: Sequence[str] = FEATURES,
) -> dict[str, Any]:
    """A logistic model over ``features`` (L2-regularised, Newton's method, features standardised while
    fitting) and the cuts: *clear* with the best recall at ``target_precision`` (its lower confidence bound, see
    ``PRECISION_CONFIDENCE_Z``), *possible* (never
    above *clear*) with the best recall of *clear or possible* at ``POSSIBLE_PRECISION``. Returns the
    params and their figures.

    The cuts are read off **out-of-fold** probabilities (each text's rows scored by a model fitted
    without that text, ``folds`` folds by ``group``): a model's probabilities on its own training rows
    are overconfident, so cuts chosen on them miss the target precision on new proposals."""
    x = np.array([[float(r.signals.get(f, 0.0)) for f in features] for r in rows])
    y = np.array([1.0 if r.positive else 0.0 for r in rows])
    gate = np.array([float(r.signals.get("on_topic_margin", 1.0)) > 0 for r in rows])
    weights, bias = _logistic(x, y, l2, features)
    groups = sorted({r.group for r in rows})
    probabilities = _sigmoid(x @ np.array([weights[f] for f in features]) + bias)
    out_of_fold = len(groups) >= folds  # too few texts to hold any out: in-sample, and the figures say so
    if out_of_fold:
        fold_of = {g: i % folds for i, g in enumerate(groups)}
        fold = np.array([fold_of[r.group] for r in rows])
        for k in range(folds):
            w_k, b_k = _logistic(x[fold != k], y[fold != k], l2, features)
            probabilities[fold == k] = _sigmoid(x[fold == k] @ np.array([w_k[f] for f in features]) + b_k)
    clear = max(_CUTS, key=lambda c: _clear_key(probabilities, y, c, target_precision, gate, PRECISION_CONFIDENCE_Z))
    possible = max((c for c in _CUTS if c <= clear), key=lambda c: _clear_key(probabilities, y, c, POSSIBLE_PRECISION))
    params = LevelParams({k: round(v, 6) for k, v in weights.items()}, round(bias, 6), clear, possible)
    return {"params": asdict(params), "figures": level_figures(rows, params), "cuts_out_of_fold": out_of_fold}


def level_figures(
    rows: Sequence[LabelledScore], params: LevelParams, example_params: LevelParams | None = None
) -> dict[str, Any]:
    """Precision and recall of *clear* and of *clear or possible* on labelled rows; rows carrying the labelled
    examples' signals are classified by ``example_params`` when given (as the aligner does)."""
    levels = [
        (example_params if example_params is not None and has_example_signals(r.signals) else params).classify(
            r.signals
        )[1]
        for r in rows
    ]
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


def has_example_signals(signals: Mapping[str, float]) -> bool:
    return all(name in signals for name in EXAMPLE_SIGNALS)


def _logistic(x: np.ndarray, y: np.ndarray, l2: float, features: Sequence[str]) -> tuple[dict[str, float], float]:
    """Weights per feature and bias of an L2-regularised logistic regression (Newton's method on
    standardised features; the intercept is not shrunk), in the features' own units."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    xs = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(xs.shape[1])
    penalty = np.eye(xs.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = _sigmoid(xs @ w)
        gradient = xs.T @ (p - y) + penalty @ w
        hessian = (xs * (p * (1 - p))[:, None]).T @ xs + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = {f: float(w[i] / std[i]) for i, f in enumerate(features)}
    return weights, float(w[-1] - sum(w[i] * mean[i] / std[i] for i in range(len(features))))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-np.clip(z, -50, 50))))


def _clear_key(
    p: np.ndarray, y: np.ndarray, cut: float, target: float, gate: np.ndarray | None = None, z: float = 0.0
) -> tuple[float, float, float]:
    """(recall if the precision — its Wilson lower bound at ``z``; z 0: the share itself — reaches ``target``,
    else -1; that precision; the cut): the best cut is the largest key."""
    accepted = (p >= cut) & (gate if gate is not None else True)
    tp = float((accepted & (y == 1)).sum())
    precision = wilson_lower_bound(tp, float(accepted.sum()), z)
    recall = tp / max(float(y.sum()), 1.0)
    return (recall if precision >= target else -1.0, precision, cut)


def wilson_lower_bound(successes: float, trials: float, z: float) -> float:
    """Lower end of the Wilson score interval for a share (``z`` 0: the share itself; no trials: 0)."""
    if trials <= 0:
        return 0.0
    share = successes / trials
    if z <= 0:
        return share
    centre = share + z * z / (2 * trials)
    spread = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    return (centre - spread) / (1 + z * z / trials)


@dataclass(frozen=True)
class CrosswalkCuts:
    """Score cuts for the crosswalk's levels (its scores are sums of standardised signals, one scale
    for the whole map). The built-in values are those fitted on the expert map for the default model."""

    clear: float = 7.25
    possible: float = 3.75

    def level(self, score: float) -> str:
        if score >= self.clear:
            return "clear"
        return "possible" if score >= self.possible else "none"


def crosswalk_cuts(calibration: dict[str, Any]) -> CrosswalkCuts:
    """A model's fitted ``crosswalk`` entry, or the built-in cuts."""
    fitted = calibration.get("crosswalk", {}).get("params")
    if not isinstance(fitted, dict):
        return CrosswalkCuts()
    return CrosswalkCuts(clear=float(fitted["clear"]), possible=float(fitted["possible"]))


def with_levels(crosswalk: dict[str, Any], cuts: CrosswalkCuts) -> dict[str, Any]:
    """The crosswalk with a ``level`` on every area × objective of every pair (``linked``: level clear)."""

    def levelled(area: dict[str, Any]) -> dict[str, Any]:
        objectives = [
            {**o, "level": cuts.level(o["score"]), "linked": cuts.level(o["score"]) == "clear"}
            for o in area["objectives"]
        ]
        return {**area, "objectives": objectives}

    pairs = [{**pair, "areas": [levelled(a) for a in pair["areas"]]} for pair in crosswalk.get("pairs", [])]
    return {**crosswalk, "pairs": pairs, "link_threshold": cuts.clear, "levels": asdict(cuts)}


def fit_crosswalk_cuts(scored: Sequence[tuple[float, bool, str]]) -> dict[str, Any]:
    """Cuts for (score, expert-linked, area) rows with the same rule as the proposal levels: *clear* the
    best recall at ``TARGET_PRECISION``, *possible* at ``POSSIBLE_PRECISION``. The figures are
    leave-one-area-out (cuts fitted on the other areas, applied to the left-out one), since the expert
    map is all there is to fit on."""
    if not scored:
        raise ValueError("No crosswalk pairs to fit on: the expert map names no area of the index.")
    scores = np.array([s for s, _, _ in scored])
    labels = np.array([1.0 if y else 0.0 for _, y, _ in scored])
    areas = np.array([a for _, _, a in scored])

    def cuts_for(mask: np.ndarray) -> CrosswalkCuts:
        s, y = scores[mask], labels[mask]
        grid = sorted({round(float(v) * 4) / 4 for v in s})
        clear = max(grid, key=lambda c: _clear_key((s >= c).astype(float), y, 0.5, TARGET_PRECISION))
        possible = max(
            (c for c in grid if c <= clear),
            key=lambda c: _clear_key((s >= c).astype(float), y, 0.5, POSSIBLE_PRECISION),
        )
        return CrosswalkCuts(clear, possible)

    levels = np.empty(len(scores), dtype=object)
    for area in sorted(set(areas)):
        held = areas == area
        cuts = cuts_for(~held)
        levels[held] = [cuts.level(float(s)) for s in scores[held]]
    figures: dict[str, Any] = {"pairs": len(scores), "expert_links": int(labels.sum())}
    for name, accepted in (("clear", {"clear"}), ("clear_or_possible", {"clear", "possible"})):
        hits = np.array([lv in accepted for lv in levels])
        tp = float((hits & (labels == 1)).sum())
        figures[name] = {
            "precision": round(tp / hits.sum(), 4) if hits.any() else None,
            "recall": round(tp / labels.sum(), 4) if labels.any() else None,
        }
    return {"params": asdict(cuts_for(np.ones(len(scores), dtype=bool))), "figures_leave_one_area_out": figures}
