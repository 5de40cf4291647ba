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

from strategiqa.app.alignment_examples import ExampleBank, LabelledExample, target_key
from strategiqa.app.alignment_levels import LabelledScore, level_figures
from strategiqa.app.engine import Engine
from strategiqa.app.proposals import check_text

from .datasets import DatasetError, bundled_dataset

_SETS = ("", "_h", "_i", "_j", "_n", "_y", "_w", "_o", "_ab", "_ae")
PROPOSALS = tuple(f"proposals_blind{s}.jsonl" for s in _SETS)
SNIPPETS = tuple(f"proposal_snippets_blind{s}.jsonl" for s in _SETS)
"""Ten labelled sets (P, H, I, J, N, Y, W, O, AB, AE), each written blind by a different helper from the documents
alone and frozen before its first run; the halves (odd / even ids) split every set. Labellers disagree (the same levels
reach precision 0.73 on one set and 0.91 on another), so the levels are fitted on all of them: more labellers, not
more of one. W, O, AB and AE, each first kept out to confirm a round's change, joined once they had served; the newest
set (``proposals_blind_ag.jsonl``) is kept out, for confirmation. Every set is also in the example bank
(``alignment_examples``); a set is always scored without its own examples."""
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


def example_group(name: str) -> str:
    """The labelled set a bundled item's id (``proposals_blind_h:AB01``, ``proposal_snippets_blind_h:S01``) or a
    labelled file (``proposals_blind_h.jsonl``) belongs to: ``blind_h`` for all three."""
    stem = Path(name.split(":", 1)[0]).name.removesuffix(".jsonl")
    return stem.removeprefix("proposals_").removeprefix("proposal_snippets_")


def example_bank(
    engine: Engine, proposals: Sequence[LabelledProposal], snippets: Sequence[LabelledSnippet]
) -> ExampleBank:
    """The labelled texts embedded as the proposal check embeds a proposal, with their labels per target: a proposal
    is labelled for every regional and national target (serving those it lists), a snippet for its one target. The
    labels say "regional" and "national", so they are read for a side only while one document stands on it: with
    two regional documents, "area 3" would be either's."""
    targets = engine.aligner.targets
    units = {
        side: [(u.doc_id, u.number) for u in targets[side].units]
        for side in ("regional", "national")
        if len({u.doc_id for u in targets[side].units}) == 1
    }
    words = engine.settings.alignment.example_words
    texts = [
        " ".join(check_text(text).split()[:words]) for text in [p.text for p in proposals] + [s.text for s in snippets]
    ]
    vectors = engine.embedder.embed_queries(texts) if texts else []
    examples = []
    for p, vector in zip(proposals, vectors, strict=False):
        expected = {"regional": set(p.regional), "national": set(p.national)}  # sides of one document only
        labels = {target_key(d, n): n in expected[side] for side, pairs in units.items() for d, n in pairs}
        examples.append(LabelledExample(vector, example_group(p.id), labels))
    for s, vector in zip(snippets, vectors[len(proposals) :], strict=True):
        side = "regional" if s.doc == "regional" else "national"
        labels = {target_key(d, n): s.positive for d, n in units.get(side, []) if n == s.target}
        examples.append(LabelledExample(vector, example_group(s.id), labels))
    return ExampleBank.build(engine.embedder.model_id, examples, engine.settings.alignment.example_neighbours)


def scored(
    engine: Engine,
    proposals: Sequence[LabelledProposal],
    snippets: Sequence[LabelledSnippet],
    groups: tuple[str | None, str | None] = (None, None),
) -> tuple[list[LabelledScore], list[dict[str, Any]]]:
    """Rows for every proposal × target and every snippet's target, and each proposal's alignment. Each text is
    aligned without its own labelled set's examples: ``groups`` (the proposals' and the snippets' set, for sets given
    as files), or the set its id names (bundled sets)."""
    rows: list[LabelledScore] = []
    results = []
    for p in proposals:
        result = engine.align(p.text, exclude_examples=groups[0] or example_group(p.id))
        results.append(result)
        for kind, expected in (("regional", p.regional), ("national", p.national)):
            for item in result[kind]:
                rows.append(LabelledScore(item["signals"], item["number"] in expected, p.id))
    for s in snippets:
        result = engine.align(s.text, exclude_examples=groups[1] or example_group(s.id))
        kind = "regional" if s.doc == "regional" else "national"
        item = next((i for i in result[kind] if i["number"] == s.target), None)
        if item is None:
            raise DatasetError(f"Snippet {s.id} names {s.target}, which is no {kind} target.")
        rows.append(LabelledScore(item["signals"], s.positive, s.id))
    return rows, results


def evaluate_alignment(
    engine: Engine,
    half: str | None = "report",
    proposals_path: Path | None = None,
    snippets_path: Path | None = None,
) -> dict[str, Any]:
    """Precision and recall per level, hit rates and the "fits nothing" check on one half (None: all) of
    the bundled labelled sets, or of the given files (a confirmation set the levels were not fitted on), with the
    aligner's level models. A set in the example bank is scored without its own examples."""
    proposals, snippets = load_labelled(proposals_path, snippets_path)
    proposals = [p for p in proposals if in_half(p.id, half)]
    snippets = [s for s in snippets if in_half(s.id, half)]
    groups = (
        example_group(proposals_path.name) if proposals_path else None,
        example_group(snippets_path.name) if snippets_path else None,
    )
    rows, results = scored(engine, proposals, snippets, groups)
    levels, example_levels = engine.aligner.levels, engine.aligner.example_levels
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
        "levels": level_figures(rows, levels, example_levels),
        "area_in_top2": _rate(area_hits),
        "objective_in_top5": _rate(objective_hits),
        "fits_nothing_without_clear_link": _rate([r["summary"]["fits_nothing"] for _, r in nothing]),
        "params": asdict(levels),
        "params_with_examples": asdict(example_levels) if engine.aligner.examples is not None else None,
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
