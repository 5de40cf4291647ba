"""Calibrated link levels: the logistic fit, its cuts and the fallback."""

from __future__ import annotations

import random

from strategiqa.app.alignment_levels import (
    CrosswalkCuts,
    LabelledScore,
    LevelParams,
    crosswalk_cuts,
    fit_crosswalk_cuts,
    fit_levels,
    level_figures,
    level_params,
    with_levels,
)


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


def test_cuts_come_from_out_of_fold_probabilities_and_the_gate_caps_off_topic_texts() -> None:
    rows = [LabelledScore(r.signals, r.positive, group=f"text{i // 20}") for i, r in enumerate(_rows(600, 3))]
    fitted = fit_levels(rows, target_precision=0.85)
    params = LevelParams(**fitted["params"])
    # Out-of-fold cuts hold the asked-for precision on rows the fit never saw.
    unseen = level_figures(_rows(600, 4), params)
    assert unseen["clear"]["precision"] >= 0.8 and unseen["clear"]["recall"] > 0.4
    strong = {"score": 8.0, "best_similarity": 0.95}
    assert params.classify(strong)[1] == "clear"
    # A text no closer to the strategies than to everyday sentences never gets a clear link.
    assert params.classify({**strong, "on_topic_margin": -0.01})[1] == "possible"


def test_crosswalk_cuts_follow_the_expert_map_and_are_reported_leave_one_area_out() -> None:
    rng = random.Random(5)
    rows = []
    for area in "1234567":
        for j in range(31):
            linked = j < 4
            rows.append((rng.gauss(8.0 if linked else 1.0, 1.5), linked, area))
    fitted = fit_crosswalk_cuts(rows)
    cuts = CrosswalkCuts(**fitted["params"])
    assert cuts.possible <= cuts.clear
    figures = fitted["figures_leave_one_area_out"]
    assert figures["expert_links"] == 28 and figures["clear"]["precision"] >= 0.8
    area = {"number": "1", "title": "t", "objectives": [{"number": "1.1", "score": cuts.clear}]}
    levelled = with_levels({"pairs": [{"areas": [area]}]}, cuts)
    assert levelled["pairs"][0]["areas"][0]["objectives"][0]["level"] == "clear"
    assert levelled["link_threshold"] == cuts.clear
    assert crosswalk_cuts({}) == CrosswalkCuts()


def test_the_example_model_is_used_only_where_its_signals_are() -> None:
    entry = {
        "alignment": {
            "params": {"weights": {"score": 1.0, "knn_share": 4.0}, "bias": -2, "clear": 0.7, "possible": 0.3},
            "params_plain": {"weights": {"score": 2.0}, "bias": -1, "clear": 0.9, "possible": 0.4},
        }
    }
    assert level_params(entry, with_examples=True).weights == {"score": 1.0, "knn_share": 4.0}
    assert level_params(entry).weights == {"score": 2.0}
    # A file whose only model needs the examples' signals cannot score without them: the built-in fallback does.
    only_examples = {"alignment": {"params": entry["alignment"]["params"]}}
    assert level_params(only_examples) == LevelParams()
    rows = [LabelledScore({"score": 0.0, "knn_positive": 0.9, "knn_difference": 0.1, "knn_share": 1.0}, True)]
    with_examples = level_params(entry, with_examples=True)
    assert level_figures(rows, level_params(entry), with_examples)["clear"]["recall"] == 1.0
    assert level_figures(rows, level_params(entry))["clear"]["recall"] == 0.0


def test_the_clear_cut_must_reach_its_precision_with_a_margin_for_chance() -> None:
    """Ten accepted rows with nine right (0.9) meet 0.85 as a share but not as a Wilson lower bound at z 1.28; a
    hundred with ninety right do. The bound is the share itself at z 0 and never above it."""
    from strategiqa.app.alignment_levels import wilson_lower_bound

    assert wilson_lower_bound(9, 10, 0.0) == 0.9
    assert wilson_lower_bound(9, 10, 1.28) < 0.85 < wilson_lower_bound(90, 100, 1.28) < 0.9
    assert wilson_lower_bound(0, 0, 1.28) == 0.0 and wilson_lower_bound(10, 10, 1.28) < 1.0
