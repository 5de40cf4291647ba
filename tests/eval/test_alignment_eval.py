"""The proposal-check evaluation on a labelled set given as files (a confirmation set), and its CLI errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine
from strategiqa.eval.alignment_eval import evaluate_alignment

pytestmark = pytest.mark.slow


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_given_labelled_set_is_scored_whole(real_engine: Engine, tmp_path: Path) -> None:
    proposals = _write(
        tmp_path / "p.jsonl",
        [
            {
                "id": "X1",
                "lang": "sv",
                "text": "Vi vill att fler patienter ska kunna delta i kliniska prövningar på sjukhusen i regionen. "
                "Två studiekoordinatorer anställs för att hitta patienter till pågående studier "
                "och svara sponsorer snabbt.",
                "regional": ["1"],
                "national": [],
                "fits_nothing": False,
            },
            {
                "id": "X2",
                "lang": "sv",
                "text": "Kommunen lagar hål i asfalten på tre gator och byter ut gatubelysningen längs cykelvägen "
                "under sommaren. Arbetet utförs nattetid för att inte störa trafiken.",
                "regional": [],
                "national": [],
                "fits_nothing": True,
            },
        ],
    )
    snippets = _write(
        tmp_path / "s.jsonl",
        [
            {
                "id": "Y1",
                "lang": "sv",
                "text": "Vi öppnar en ny simhall.",
                "doc": "regional",
                "target": "1",
                "label": "negative",
            }
        ],
    )
    result = evaluate_alignment(real_engine, None, proposals, snippets)
    assert result["half"] == "all" and result["proposals"] == 2 and result["snippets"] == 1
    assert result["fits_nothing_without_clear_link"] == 1.0  # the road works get no clear link
    assert result["area_in_top2"] == 1.0  # clinical trials: area 1 among the first two
    assert result["levels"]["positives"] == 1


def test_the_cli_refuses_a_bad_half_or_a_missing_file_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "STRATEGIQA_INDEX_DIR": str(tmp_path / "index")}
    for args, expected in (
        (["--half", "middle"], "--half must be report, fit or all."),
        (["--proposals", str(tmp_path / "none.jsonl")], "No labelled set at"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "strategiqa.app", "eval", "--links", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and expected in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_bundled_sets_keep_their_ids_apart_and_the_newest_set_out() -> None:
    """Sets written apart reuse ids ("S01"); prefixed with their file's name, no two rows share one, and each
    set still splits into halves by its own numbering. The newest set confirms, so it is not among them."""
    from strategiqa.eval.alignment_eval import in_half, load_labelled

    proposals, snippets = load_labelled()
    ids = [p.id for p in proposals] + [s.id for s in snippets]
    assert len(ids) == len(set(ids))
    assert {i.split(":")[0] for i in ids} >= {"proposals_blind_o", "proposal_snippets_blind_o", "proposals_blind_w"}
    assert any("_ae:" in i for i in ids) and not any("_ag:" in i for i in ids)
    assert in_half("proposal_snippets_blind_o:S01", "fit") and in_half("proposals_blind_w:W02", "report")


def test_each_labelled_set_is_one_group_of_examples_and_is_read_without_them() -> None:
    from strategiqa.eval.alignment_eval import example_group

    assert example_group("proposals_blind_h:H01") == example_group("proposal_snippets_blind_h:S01") == "blind_h"
    assert example_group("proposals_blind.jsonl") == example_group("proposal_snippets_blind:S03") == "blind"
    assert example_group(str(Path("/data/proposals_blind_ae.jsonl"))) == "blind_ae"
