"""The crosswalk: how strongly each regional focus area relates to each national objective.

Computed at ingest time from sentence-level evidence and stored with the index, so it is
deterministic and citable. Three signals, each standardised twice (across areas for an objective,
and across objectives for an area) and summed:

* **dense**, both directions: how well the area's best sentences are matched by the objective's,
  and the objective's best sentences by the area's (mean of the top 3 best-match similarities);
* **titles**: the objective's own title against the area's sentences, and the area's title
  against the objective's sentences;
* **lexical**: TF-IDF cosine of Swedish-stemmed words (the objective's title included).

Standardising across areas is what makes a score distinctive: an objective that matches every
area (a generic one) says little about any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from strategiqa.ingest.model import Document, Passage
from strategiqa.ingest.structure import number_key

from .similarity import best_distinct_pairs, standardise, tfidf_cosines, top_mean

EVIDENCE_PAIRS = 3
LINK_THRESHOLD = 5.0
"""Combined score (a sum of six standardised signals) from which a link counts as clear: the value
that best agrees with the expert map in eval/data/crosswalk_gold.json (F1 0.69; see README)."""


@dataclass
class StrategyUnit:
    """A focus area or objective: its number, title and sentences (passage index, sentence index)."""

    number: str
    title: str
    sentences: list[tuple[int, int]]
    text: str
    doc_id: str = ""

    @property
    def id(self) -> str:
        """Document-qualified: ``{doc_id}:{number}``, e.g. ``regional-plan:1``, ``national-plan:4.1``."""
        return f"{self.doc_id}:{self.number}"


def compute_crosswalk(
    documents: Sequence[Document],
    passages: Sequence[Passage],
    sentence_vectors: np.ndarray,
    sentence_first: np.ndarray,
    embed_titles: Callable[[list[str]], np.ndarray],
) -> dict[str, Any]:
    """``{"pairs": [{regional, national, areas: [{id, number, title, objectives: [{id, number, title, score,
    linked, signals, evidence}]}]}]}``: one section per regional × national document, every area and
    objective with a document-qualified id (``doc_id:number``), so two regions' area 1 never collide."""

    def vectors(unit: StrategyUnit) -> np.ndarray:
        return np.stack([sentence_vectors[sentence_first[p] + s] for p, s in unit.sentences])

    pairs = []
    for regional in (d for d in documents if d.info.kind == "regional"):
        for national in (d for d in documents if d.info.kind == "national"):
            areas = strategy_units([regional], passages, depth=1)
            objectives = strategy_units([national], passages, depth=2)
            if not areas or not objectives:
                continue
            pairs.append(
                {
                    "regional": {"doc_id": regional.info.doc_id, "title": regional.info.title},
                    "national": {"doc_id": national.info.doc_id, "title": national.info.title},
                    "areas": _link(areas, objectives, vectors, embed_titles, passages),
                }
            )
    return {"pairs": pairs, "link_threshold": LINK_THRESHOLD}


def _link(
    areas: list[StrategyUnit],
    objectives: list[StrategyUnit],
    vectors: Callable[[StrategyUnit], np.ndarray],
    embed_titles: Callable[[list[str]], np.ndarray],
    passages: Sequence[Passage],
) -> list[dict[str, Any]]:
    """Every area with all objectives ranked by the combined, twice-standardised score."""
    area_vecs = [vectors(a) for a in areas]
    objective_vecs = [vectors(o) for o in objectives]
    area_titles = embed_titles([a.title for a in areas])
    objective_titles = embed_titles([o.title for o in objectives])
    lexical = tfidf_cosines([a.text for a in areas], [f"{o.title}\n{o.text}" for o in objectives])

    dense = np.zeros((len(areas), len(objectives)))
    titles = np.zeros_like(dense)
    for i, av in enumerate(area_vecs):
        for j, ov in enumerate(objective_vecs):
            pair = av @ ov.T
            dense[i, j] = (top_mean(pair.max(axis=1)) + top_mean(pair.max(axis=0))) / 2
            titles[i, j] = (top_mean(av @ objective_titles[j]) + top_mean(ov @ area_titles[i])) / 2
    combined = sum(standardise(m, axis=0) + standardise(m, axis=1) for m in (dense, titles, lexical))

    out = []
    for i, area in enumerate(areas):
        ranked = sorted(range(len(objectives)), key=lambda j: (-combined[i, j], objectives[j].number))
        out.append(
            {
                "id": area.id,
                "number": area.number,
                "title": area.title,
                "objectives": [
                    {
                        "id": objectives[j].id,
                        "number": objectives[j].number,
                        "title": objectives[j].title,
                        "score": round(float(combined[i, j]), 4),
                        "linked": bool(combined[i, j] >= LINK_THRESHOLD),
                        "signals": {
                            "dense": round(float(dense[i, j]), 4),
                            "titles": round(float(titles[i, j]), 4),
                            "lexical": round(float(lexical[i, j]), 4),
                        },
                        "evidence": _evidence(area, objectives[j], area_vecs[i] @ objective_vecs[j].T, passages),
                    }
                    for j in ranked
                ],
            }
        )
    return out


def strategy_units(
    documents: Sequence[Document], passages: Sequence[Passage], depth: int, kind: str | None = None
) -> list[StrategyUnit]:
    """Numbered sections of the given depth (``4`` or ``4.1``) in ``documents`` (of role ``kind`` when
    given), with their sentences; ordered by document, then number."""
    units = []
    for document in documents:
        if kind is not None and document.info.kind != kind:
            continue
        found = []
        for section in document.all_sections():
            if section.number is None or section.number.count(".") + 1 != depth:
                continue
            ids = {s.id for s in section.walk()}
            sentences = [
                (i, j)
                for i, p in enumerate(passages)
                if p.doc_id == document.info.doc_id and p.section_id in ids
                for j in range(len(p.sentences))
            ]
            if sentences:
                text = "\n".join(passages[i].sentence_texts()[j] for i, j in sentences)
                found.append(StrategyUnit(section.number, section.title, sentences, text, document.info.doc_id))
        units += sorted(found, key=lambda u: number_key(u.number))
    return units


def _evidence(
    area: StrategyUnit, objective: StrategyUnit, pair: np.ndarray, passages: Sequence[Passage]
) -> list[dict[str, Any]]:
    """The strongest sentence pairs, each sentence used once."""
    out = []
    for a, o, score in best_distinct_pairs(pair, EVIDENCE_PAIRS):
        (pa, sa), (po, so) = area.sentences[a], objective.sentences[o]
        out.append(
            {
                "regional_passage_id": passages[pa].passage_id,
                "regional_quote": passages[pa].sentence_texts()[sa],
                "national_passage_id": passages[po].passage_id,
                "national_quote": passages[po].sentence_texts()[so],
                "score": round(score, 4),
            }
        )
    return out
