"""Crosswalk quality against the expert map: precision@3 and hit@1 over the regional focus areas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .datasets import bundled_dataset


def crosswalk_gold(path: Path | None = None) -> dict[str, set[str]]:
    data = json.loads((path or bundled_dataset("crosswalk_gold.json")).read_text(encoding="utf-8"))
    return {number: set(area["objectives"]) for number, area in data["areas"].items()}


def score_crosswalk(crosswalk: dict[str, Any], gold: dict[str, set[str]]) -> dict[str, Any]:
    """precision@3 (share of each area's top 3 in the expert map) and hit@1, averaged over areas."""
    per_area: dict[str, dict[str, Any]] = {}
    for area in first_pair_areas(crosswalk):
        expected = gold.get(area["number"])
        if expected is None:
            continue
        top = [o["number"] for o in area["objectives"][:3]]
        per_area[area["number"]] = {
            "top3": top,
            "precision@3": round(len(set(top) & expected) / 3, 4),
            "hit@1": top[0] in expected if top else False,
        }
    n = len(per_area) or 1
    return {
        "areas": len(per_area),
        "precision@3": round(sum(float(a["precision@3"]) for a in per_area.values()) / n, 4),
        "hit@1": round(sum(float(a["hit@1"]) for a in per_area.values()) / n, 4),
        "per_area": per_area,
    }


def crosswalk_rows(crosswalk: dict[str, Any], gold: dict[str, set[str]]) -> list[tuple[float, bool, str]]:
    """(score, in the expert map, area) for every area × objective the expert map covers."""
    return [
        (float(o["score"]), o["number"] in gold[area["number"]], area["number"])
        for area in first_pair_areas(crosswalk)
        if area["number"] in gold
        for o in area["objectives"]
    ]


def first_pair_areas(crosswalk: dict[str, Any]) -> list[dict[str, Any]]:
    """The areas of the first regional × national pair: the expert map was written for that pair."""
    pairs = crosswalk.get("pairs", [])
    return list(pairs[0]["areas"]) if pairs else []
