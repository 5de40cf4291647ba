"""Labelled proposals as evidence: how the links of the most similar proposals an expert labelled were judged.

Cosine similarity between a proposal's sentences and a target's says how close their words are, not whether an expert
would say the proposal *serves* the target. Proposals labelled by people (the blind sets under ``eval/data``) carry
that judgement. Embedded whole, the labelled proposals and snippets form an **example bank**; for a new proposal and
one target, the bank gives three signals for the level model (``alignment_levels``):

- ``knn_positive``: the similarity of the closest example labelled as serving the target,
- ``knn_difference``: that minus the similarity of the closest example labelled as *not* serving it,
- ``knn_share``: among the ``neighbours`` closest examples labelled for the target, the similarity-weighted
  share labelled as serving it.

A labelled proposal is a label for every target of the documents (it serves the ones listed, not the others); a
snippet is a label for its one target. Targets are keyed by document id and number, so a bank says nothing about
another document's targets: those are scored by the level model fitted without these signals (``LevelParams``
``plain``). Vectors belong to one embedding model: the bank is written per model by ``strategiqa calibrate --links``,
beside the calibration file, and a bank of another model is not read.

Leaving one labelled set out (fitted on the others, read on it; nine sets, ``eval/reports/issue11-round8/``), the
signals raised average precision from 0.735 to 0.938.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from strategiqa.ingest.structure import number_key
from strategiqa.retrieval.bank_files import read_bank, sibling_file, unit_length, write_bank

FEATURES = ("knn_positive", "knn_difference", "knn_share")
NEIGHBOURS = 10
_NONE_LABELLED = 0.0
"""A target no example serves (or none rules out): the similarity stands at 0, far below any real one (about 0.8)."""


@dataclass(frozen=True)
class LabelledExample:
    """One labelled text: its vector, the labelled set it comes from, and its labels per target key."""

    vector: np.ndarray
    group: str
    labels: Mapping[str, bool]


def target_key(doc_id: str, number: str) -> str:
    return f"{doc_id}:{number}"


class ExampleBank:
    """The labelled examples of one embedding model: ``signals`` for a proposal's vector and a target."""

    def __init__(
        self,
        model_id: str,
        vectors: np.ndarray,
        groups: Sequence[str],
        targets: Sequence[str],
        labels: np.ndarray,
        neighbours: int = NEIGHBOURS,
    ) -> None:
        """``labels``: examples × targets, 1 (serves), 0 (does not), -1 (not labelled for it)."""
        if not (len(vectors) == len(groups) == len(labels)) or labels.shape[1:] != (len(targets),):
            raise ValueError("An example bank needs one vector, group and label row per example.")
        self.model_id = model_id
        self.vectors = unit_length(vectors)
        self.groups = np.asarray(groups)
        self.targets = {key: j for j, key in enumerate(targets)}
        self.labels = labels.astype(np.int8)
        self.neighbours = neighbours

    @classmethod
    def build(cls, model_id: str, examples: Sequence[LabelledExample], neighbours: int = NEIGHBOURS) -> ExampleBank:
        targets = sorted({key for e in examples for key in e.labels}, key=_natural)
        column = {key: j for j, key in enumerate(targets)}
        labels = np.full((len(examples), len(targets)), -1, dtype=np.int8)
        for i, e in enumerate(examples):
            for key, positive in e.labels.items():
                labels[i, column[key]] = int(positive)
        dim = len(examples[0].vector) if examples else 0
        vectors = np.stack([e.vector for e in examples]) if examples else np.zeros((0, dim), dtype=np.float32)
        return cls(model_id, vectors, [e.group for e in examples], targets, labels, neighbours)

    def knows(self, doc_id: str, number: str) -> bool:
        """Whether any example is labelled for this target (else the level model without these signals applies)."""
        j = self.targets.get(target_key(doc_id, number))
        return j is not None and bool((self.labels[:, j] >= 0).any())

    def similarities(self, vector: np.ndarray, exclude_group: str | None = None) -> np.ndarray:
        """Cosine similarity of ``vector`` to every example; examples of ``exclude_group`` get -inf (an evaluation
        reads a labelled set without its own labels)."""
        if not len(self.vectors):
            return np.zeros(0, dtype=np.float32)
        sims = self.vectors @ unit_length(vector)
        if exclude_group is not None:
            sims = np.where(self.groups == exclude_group, -np.inf, sims)
        return sims

    def signals(self, similarities: np.ndarray, doc_id: str, number: str) -> dict[str, float]:
        """The three signals (``FEATURES``) for one target, from ``similarities`` (see ``similarities``)."""
        j = self.targets.get(target_key(doc_id, number))
        column = self.labels[:, j] if j is not None else np.full(len(similarities), -1, dtype=np.int8)
        usable = (column >= 0) & np.isfinite(similarities)
        positive = similarities[usable & (column == 1)]
        negative = similarities[usable & (column == 0)]
        best_positive = float(positive.max()) if len(positive) else _NONE_LABELLED
        best_negative = float(negative.max()) if len(negative) else _NONE_LABELLED
        labelled = np.flatnonzero(usable)
        nearest = labelled[np.argsort(-similarities[labelled], kind="stable")[: self.neighbours]]
        weights = np.clip(similarities[nearest], 0.0, None)
        share = float((weights * (column[nearest] == 1)).sum() / weights.sum()) if weights.sum() > 0 else 0.0
        return {"knn_positive": best_positive, "knn_difference": best_positive - best_negative, "knn_share": share}

    def save(self, path: Path) -> None:
        write_bank(
            path,
            self.model_id,
            vectors=self.vectors,
            groups=self.groups.astype(str),
            targets=np.asarray(list(self.targets), dtype=str),
            labels=self.labels,
            neighbours=np.asarray(self.neighbours),
        )

    @classmethod
    def load(cls, path: Path, model_id: str) -> ExampleBank | None:
        """The bank at ``path`` if it exists, is readable and belongs to ``model_id``; else None."""
        data = read_bank(path, model_id)
        if data is None:
            return None
        try:
            return cls(
                model_id,
                data["vectors"],
                data["groups"].tolist(),
                data["targets"].tolist(),
                data["labels"],
                int(data["neighbours"]),
            )
        except (KeyError, ValueError):
            return None


def bank_path(calibration_file: Path, model_id: str) -> Path:
    """Where a model's example bank lives: beside the calibration file, one file per model."""
    return sibling_file(calibration_file, "examples", model_id)


def _natural(key: str) -> tuple[str, tuple[int, ...]]:
    doc, _, number = key.rpartition(":")
    return doc, number_key(number)
