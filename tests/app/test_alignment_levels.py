"""Calibrated link levels: the logistic fit, its cuts and the fallback."""

from __future__ import annotations

import random

from strategiqa.app.alignment_levels import LabelledScore, LevelParams, fit_levels, level_figures, level_params


def _rows(n: int, seed: int) -> list[LabelledScore]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        positive = rng.random() < 0.15
        signals = {
            "score": rng.gauss(2.5 if positive else 0.0, 1.0),
            "best_similarity": rng.gauss(0.88 if positive else 0.83, 0.02),
            "english": float(rng.random() < 0.5),
        }
        rows.append(LabelledScore(signals, positive))
    return rows


def test_fitted_levels_reach_the_precision_asked_for_and_hold_on_new_rows() -> None:
    fitted = fit_levels(_rows(600, 1), target_precision=0.85)
    params = LevelParams(**fitted["params"])
    assert fitted["figures"]["clear"]["precision"] >= 0.85 and fitted["figures"]["clear"]["recall"] > 0.5
    assert params.possible <= params.clear
    unseen = level_figures(_rows(600, 2), params)
    assert unseen["clear"]["precision"] >= 0.75 and unseen["clear_or_possible"]["recall"] >= unseen["clear"]["recall"]


def test_levels_are_cuts_on_the_probability() -> None:
    params = LevelParams({"score": 1.0}, -3.0, clear=0.8, possible=0.5)
    assert params.level(params.probability({"score": 6.0})) == "clear"
    assert params.level(params.probability({"score": 3.2})) == "possible"
    assert params.level(params.probability({"score": 0.0})) == "none"


def test_a_model_without_a_fit_gets_the_fallback() -> None:
    assert level_params({}) == LevelParams()
    fitted = {
        "alignment": {"params": {"weights": {"score": 2.0, "unknown": 1.0}, "bias": -1, "clear": 0.9, "possible": 0.4}}
    }
    params = level_params(fitted)
    assert params.weights == {"score": 2.0} and params.clear == 0.9
