"""The proposal check against labelled proposals and snippets: levels, hit rates, "fits nothing".

A labelled proposal lists the focus areas and objectives it clearly serves; every other target is a
negative for it. A snippet is one short aim labelled positive or negative for one target. Both give
(score, similarity, language, label) rows for ``fit_levels``; thresholds are fitted on one half
(odd ids) and reported on the other (even ids), so the reported figures are not the fitted ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from strategiqa.app.alignment_levels import LabelledScore, LevelParams, level_figures
from strategiqa.app.engine import Engine

from .datasets import DatasetError, bundled_dataset

_SETS = ("", "_h", "_i", "_j", "_n", "_y", "_w", "_o")
PROPOSALS = tuple(f"proposals_blind{s}.jsonl" for s in _SETS)
SNIPPETS = tuple(f"proposal_snippets_blind{s}.jsonl" for s in _SETS)
"""Eight labelled sets (P, H, I, J, N, Y, W, O), each written blind by a different helper from the documents alone
and frozen before its first run; the halves (odd / even ids) split every set. Labellers disagree (the same levels
reach precision 0.73 on one set and 0.91 on another), so the levels are fitted on all of them: more labellers, not
more of one. W and O, each first kept out to confirm a round's change, joined once they had served; the newest set
(``proposals_blind_ab.jsonl``) is kept out, for confirmation."""
HALVES = ("fit", "report")


@dataclass(frozen=True)
class LabelledProposal:
    id: str
    lang: str
    text: str
    regional: tuple[str, ...]
    national: tuple[str, ...]
    fits_nothing: bool


@dataclass(frozen=True)
class LabelledSnippet:
    id: str
    lang: str
    text: str
    doc: str
    target: str
    positive: bool


def load_labelled(
    proposals: Path | None = None, snippets: Path | None = None
) -> tuple[list[LabelledProposal], list[LabelledSnippet]]:
    """The bundled blind sets unless paths are given; DatasetError names a bad line."""
    p_rows = _jsonl(proposals) if proposals else [r for name in PROPOSALS for r in _bundled(name)]
    s_rows = _jsonl(snippets) if snippets else [r for name in SNIPPETS for r in _bundled(name)]
    try:
        props = [
            LabelledProposal(
                str(r["id"]),
                str(r["lang"]),
                str(r["text"]),
                tuple(r["regional"]),
                tuple(r["national"]),
                bool(r.get("fits_nothing", False)),
            )
            for r in p_rows
        ]
        snips = [
            LabelledSnippet(
                str(r["id"]), str(r["lang"]), str(r["text"]), str(r["doc"]), str(r["target"]), r["label"] == "positive"
            )
            for r in s_rows
        ]
    except (KeyError, TypeError) as exc:
        raise DatasetError(f"A labelled proposal or snippet lacks a field ({exc}).") from exc
    return props, snips


def in_half(item_id: str, half: str | None) -> bool:
    """``fit``: odd-numbered ids; ``report``: even; None: all."""
    if half is None:
        return True
    digits = re.findall(r"\d+", item_id)
    odd = bool(digits) and int(digits[-1]) % 2 == 1
    return odd if half == "fit" else not odd


def scored(
    engine: Engine, proposals: Sequence[LabelledProposal], snippets: Sequence[LabelledSnippet]
) -> tuple[list[LabelledScore], list[dict[str, Any]]]:
    """Rows for every proposal × target and every snippet's target, and each proposal's alignment."""
    rows: list[LabelledScore] = []
    results = []
    for p in proposals:
        result = engine.align(p.text)
        results.append(result)
        for kind, expected in (("regional", p.regional), ("national", p.national)):
            for item in result[kind]:
                rows.append(LabelledScore(item["signals"], item["number"] in expected, p.id))
    for s in snippets:
        result = engine.align(s.text)
        kind = "regional" if s.doc == "regional" else "national"
        item = next((i for i in result[kind] if i["number"] == s.target), None)
        if item is None:
            raise DatasetError(f"Snippet {s.id} names {s.target}, which is no {kind} target.")
        rows.append(LabelledScore(item["signals"], s.positive, s.id))
    return rows, results


def evaluate_alignment(
    engine: Engine,
    half: str | None = "report",
    params: LevelParams | None = None,
    proposals_path: Path | None = None,
    snippets_path: Path | None = None,
) -> dict[str, Any]:
    """Precision and recall per level, hit rates and the "fits nothing" check on one half (None: all) of
    the bundled labelled sets, or of the given files (a confirmation set the levels were not fitted on)."""
    proposals, snippets = load_labelled(proposals_path, snippets_path)
    proposals = [p for p in proposals if in_half(p.id, half)]
    snippets = [s for s in snippets if in_half(s.id, half)]
    rows, results = scored(engine, proposals, snippets)
    levels = params or engine.aligner.levels
    fitting = [(p, r) for p, r in zip(proposals, results, strict=True) if not p.fits_nothing]
    nothing = [(p, r) for p, r in zip(proposals, results, strict=True) if p.fits_nothing]
    area_hits = [bool(set(p.regional) & {i["number"] for i in r["regional"][:2]}) for p, r in fitting if p.regional]
    objective_hits = [
        bool(set(p.national) & {i["number"] for i in r["national"][:5]}) for p, r in fitting if p.national
    ]
    return {
        "half": half or "all",
        "proposals": len(proposals),
        "snippets": len(snippets),
        "levels": level_figures(rows, levels),
        "area_in_top2": _rate(area_hits),
        "objective_in_top5": _rate(objective_hits),
        "fits_nothing_without_clear_link": _rate([r["summary"]["fits_nothing"] for _, r in nothing]),
        "params": asdict(levels),
    }


def _rate(values: Sequence[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _bundled(name: str) -> list[dict[str, Any]]:
    """A bundled set's rows, their ids prefixed with the set's file name: sets written apart reuse ids ("S01")."""
    return [{**row, "id": f"{name.removesuffix('.jsonl')}:{row.get('id')}"} for row in _jsonl(bundled_dataset(name))]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"Cannot read {path} as JSON lines.") from exc
