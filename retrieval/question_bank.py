"""Labelled questions as retrieval memory: a passage that answered questions like this one ranks higher.

The small embedding model matches a question to a passage in other words poorly ("locka pengar från utlandet" to
"dragningskraft på investeringar och kapital"), but it matches a question to another *question* well: people ask
about the same facts in similar ways. The labelled questions under ``eval/data`` (each with the quotes that answer it)
form a **question bank**; for a new question, each of its ``neighbours`` nearest labelled questions closer than
``floor`` lends the passages that hold its quotes a bonus of (similarity − floor), and hybrid search adds ``weight``
times the largest bonus to a passage's fused score. Only the ranking changes: the answer is still quoted from the
passages, and whether to refuse is still read from them.

Leaving one labelled set out at a time (the bank built from the others; ``eval/reports/issue10-round11/``), MRR@10
over 1,088 answerable questions of 24 sets rose 0.668 → 0.753 and Recall@600w 0.830 → 0.895 (Swedish paraphrases
0.571 → 0.733). A bank says nothing about documents nobody has asked labelled questions about: their passages get no
bonus. Vectors belong to one embedding model, so ``strategiqa calibrate`` writes the bank per model, beside the
calibration file; a bank of another model is not read. Passages are stored by id and found again by the quotes when
the index was rebuilt with other passages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from strategiqa.ingest.model import Passage

from .bank_files import read_bank, unit_length, write_bank

_NON_ALNUM = re.compile(r"[\W_]+")
SAME_QUESTION = 0.99
"""Cosine at which a labelled question counts as the asked one itself (the same words, give or take a comma)."""


def normalise(text: str) -> str:
    """Lower-case letters and digits only: a quote is found whatever the line breaks and punctuation around it."""
    return _NON_ALNUM.sub("", text.lower())


def holds_quote(passage_text: str, quotes: Sequence[str]) -> bool:
    norm = normalise(passage_text)
    return any(normalise(q) and normalise(q) in norm for q in quotes)


def is_quoted(sentence_text: str, normalised_quotes: Sequence[str]) -> bool:
    """Whether a sentence holds one of the quotes (already ``normalise``d) or lies within one: a labeller quotes a
    sentence whole, a clause of it, or a run of sentences."""
    text = normalise(sentence_text)
    return bool(text) and any(q and (q in text or text in q) for q in normalised_quotes)


@dataclass(frozen=True)
class LabelledQuestionVector:
    """One labelled question: its vector (as search embeds the question), its set, and what answers it."""

    vector: np.ndarray
    group: str
    quotes: tuple[str, ...]
    passage_ids: tuple[str, ...]


class QuestionBank:
    """The labelled questions of one embedding model; ``gold_passages`` ties them to an index's passages."""

    def __init__(
        self,
        model_id: str,
        vectors: np.ndarray,
        groups: Sequence[str],
        quotes: Sequence[Sequence[str]],
        passage_ids: Sequence[Sequence[str]],
    ) -> None:
        if not (len(vectors) == len(groups) == len(quotes) == len(passage_ids)):
            raise ValueError("A question bank needs one vector, group, quote list and passage list per question.")
        self.model_id = model_id
        self.vectors = unit_length(vectors)
        self.groups = np.asarray(groups)
        self.quotes = [tuple(q) for q in quotes]
        self.passage_ids = [tuple(p) for p in passage_ids]

    @classmethod
    def build(cls, model_id: str, questions: Sequence[LabelledQuestionVector]) -> QuestionBank:
        dim = len(questions[0].vector) if questions else 0
        vectors = np.stack([q.vector for q in questions]) if questions else np.zeros((0, dim), dtype=np.float32)
        return cls(
            model_id,
            vectors,
            [q.group for q in questions],
            [q.quotes for q in questions],
            [q.passage_ids for q in questions],
        )

    def gold_passages(self, passages: Sequence[Passage]) -> list[np.ndarray]:
        """For each labelled question, the positions of the passages answering it in this index: by id, or, when
        none of its ids is there (the index was rebuilt with other passages), by its quotes."""
        position = {p.passage_id: i for i, p in enumerate(passages)}
        normalised: list[str] | None = None
        out = []
        for ids, quotes in zip(self.passage_ids, self.quotes, strict=True):
            found = [position[i] for i in ids if i in position]
            if not found and quotes:
                normalised = normalised or [normalise(p.text) for p in passages]
                wanted = [normalise(q) for q in quotes if normalise(q)]
                found = [i for i, text in enumerate(normalised) if any(q in text for q in wanted)]
            out.append(np.asarray(found, dtype=np.int64))
        return out

    def bonus(
        self,
        vector: np.ndarray,
        gold: Sequence[np.ndarray],
        n_passages: int,
        floor: float,
        neighbours: int,
        exclude_group: str | None = None,
    ) -> np.ndarray:
        """Per passage, the largest (similarity − ``floor``) among the ``neighbours`` labelled questions nearest to
        ``vector`` that it answers; 0 for the rest. ``exclude_group``: a labelled set left out (``similarities``)."""
        out = np.zeros(n_passages, dtype=np.float32)
        if not len(self.vectors):
            return out
        sims = self.similarities(vector, exclude_group)
        for j in np.argsort(-sims, kind="stable")[:neighbours]:
            lift = float(sims[j]) - floor
            if lift <= 0:
                break
            if len(gold[j]):
                np.maximum.at(out, gold[j], lift)
        return out

    def answered_like(
        self, vector: np.ndarray, gold: Sequence[np.ndarray], similarity: float, exclude_group: str | None = None
    ) -> dict[int, tuple[str, ...]]:
        """The passages (positions) that answered labelled questions at cosine ≥ ``similarity`` to ``vector``, each with
        those questions' quotes, normalised (see ``normalise``). ``exclude_group``: as for ``similarities``."""
        out: dict[int, set[str]] = {}
        if not len(self.vectors):
            return {}
        sims = self.similarities(vector, exclude_group)
        for j in np.flatnonzero(sims >= similarity).tolist():
            quotes = {normalise(q) for q in self.quotes[j] if normalise(q)}
            for position in gold[j]:
                out.setdefault(int(position), set()).update(quotes)
        return {position: tuple(sorted(quotes)) for position, quotes in out.items() if quotes}

    def nearest(
        self, vector: np.ndarray, exclude_group: str | None = None, among: np.ndarray | None = None
    ) -> float | None:
        """Cosine of the labelled question nearest to ``vector`` (None: no labelled question is left). ``among``: a mask
        of the labelled questions to read (those answered in this index: see ``gold_passages``)."""
        if not len(self.vectors):
            return None
        sims = self.similarities(vector, exclude_group)
        if among is not None:
            sims = np.where(among, sims, -np.inf)
        best = float(np.max(sims))
        return best if np.isfinite(best) else None

    def similarities(self, vector: np.ndarray, exclude_group: str | None = None) -> np.ndarray:
        """Cosine of ``vector`` to every labelled question. ``exclude_group``: a labelled set left out (evaluating it),
        and with it every labelled question that is the asked one again (cosine ≥ ``SAME_QUESTION``): sets written
        apart repeat questions word for word, and an evaluation must not find its own question in another set."""
        sims = self.vectors @ unit_length(vector)
        if exclude_group is not None:
            sims = np.where((self.groups == exclude_group) | (sims >= SAME_QUESTION), -np.inf, sims)
        return sims

    def covered_documents(
        self, passages: Sequence[Passage], gold: Sequence[np.ndarray], per_passage: float
    ) -> frozenset[str]:
        """Documents the bank knows: at least ``per_passage`` labelled questions per passage of the document are
        answered there. Only of those does a question far from every labelled one say something: about any other
        document nobody has asked labelled questions yet."""
        size: dict[str, int] = {}
        for p in passages:
            size[p.doc_id] = size.get(p.doc_id, 0) + 1
        asked: dict[str, int] = {}
        for positions in gold:
            for doc_id in {passages[int(i)].doc_id for i in positions}:
                asked[doc_id] = asked.get(doc_id, 0) + 1
        return frozenset(d for d, n in asked.items() if n >= per_passage * size[d])

    def save(self, path: Path) -> None:
        labels = json.dumps({"quotes": self.quotes, "passage_ids": self.passage_ids}, ensure_ascii=False)
        write_bank(path, self.model_id, vectors=self.vectors, groups=self.groups.astype(str), labels=np.asarray(labels))

    @classmethod
    def load(cls, path: Path, model_id: str) -> QuestionBank | None:
        """The bank at ``path`` if it exists, is readable and belongs to ``model_id``; else None."""
        data = read_bank(path, model_id)
        if data is None:
            return None
        try:
            labels = json.loads(str(data["labels"]))
            return cls(model_id, data["vectors"], data["groups"].tolist(), labels["quotes"], labels["passage_ids"])
        except (KeyError, ValueError, TypeError):
            return None
