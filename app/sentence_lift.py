"""Which sentence answers first, learned from labelled questions: a linear map of the question's vector that lifts the
sentences labelled questions were answered by over their neighbours in the same top passages.

The default model is small: a paraphrase's answer sentence often stands third to sixth among the top passages'
sentences, a few hundredths of cosine below a neighbour. The labelled questions show, per document, which sentences
answer questions asked in other words. ``fit`` learns a matrix ``A`` so that ``s · (Aᵀ q)`` added to a sentence's score
ranks the quoted sentence first (softmax over each question's candidates, ridge-penalised towards no lift).

What it learns is tied to the documents it was fitted on (trained on one bundled document and read on the other, it
ranked the answer first less often: docs/answerability-history.md, twenty-third round), so it lifts only sentences of
those documents (``documents``); any other document's sentences keep their score. It only orders the sentences an
answer quotes: whether to answer, and what is missing, are decided without it (``answer.compose_answer``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from strategiqa.retrieval.bank_files import read_bank, write_bank
from strategiqa.retrieval.question_bank import is_quoted, normalise

Considered = list[tuple[np.ndarray, list[Any]]]
"""What an answer was chosen from: the question's vector and its candidate sentences (see ``answer.compose_answer``)."""


class LabelledQuestion(Protocol):
    question: str
    quotes: tuple[str, ...]
    answerable: bool
    previous_question: str | None


@dataclass(frozen=True)
class LiftExample:
    """One labelled question as the answer step saw it: the question's vector, its candidate sentences' vectors and
    scores, and which of them hold a quote labelled for it."""

    query: np.ndarray
    sentences: np.ndarray
    scores: np.ndarray
    gold: np.ndarray


@dataclass(frozen=True)
class FitParams:
    temperature: float = 50.0
    """Scale of the scores in the softmax: cosines of a question's candidates differ by hundredths."""
    ridge: float = 0.01
    """Penalty on the squared size of ``A``: it keeps the lift small where the labelled questions say little. On five
    folds of labelled sets, the answer sentence first for 0.797 / 0.761 / 0.661 of held-out questions at 0.003 / 0.01 /
    0.1 (0.546 without); fitted on one document and read on the other, the smaller the penalty the more it lost there:
    0.01 is the middle (docs/answerability-history.md, twenty-third round)."""
    steps: int = 300
    learning_rate: float = 0.01


@dataclass(frozen=True)
class SentenceLift:
    matrix: np.ndarray
    documents: frozenset[str]
    figures: dict[str, float] = field(default_factory=dict)

    def lifts(self, query: np.ndarray, sentences: np.ndarray) -> np.ndarray:
        """What to add to each sentence's score for this question (one row of ``sentences`` per sentence)."""
        return np.asarray(sentences, dtype=np.float32) @ (self.matrix.T @ np.asarray(query, dtype=np.float32))

    def save(self, path: Path, model_id: str) -> None:
        write_bank(
            path,
            model_id,
            matrix=self.matrix.astype(np.float32),
            documents=np.asarray(sorted(self.documents)),
            figure_names=np.asarray(sorted(self.figures)),
            figure_values=np.asarray([self.figures[k] for k in sorted(self.figures)], dtype=np.float64),
        )

    @classmethod
    def load(cls, path: Path, model_id: str) -> SentenceLift | None:
        """The lift stored for ``model_id`` at ``path``; None when there is none (or it is another model's)."""
        arrays = read_bank(path, model_id)
        if arrays is None or "matrix" not in arrays:
            return None
        figures = dict(zip(arrays["figure_names"].tolist(), arrays["figure_values"].tolist(), strict=True))
        return cls(arrays["matrix"].astype(np.float32), frozenset(arrays["documents"].tolist()), figures)


def learn(
    ask: Callable[[LabelledQuestion, Considered], object],
    questions: Sequence[LabelledQuestion],
    documents: frozenset[str],
    params: FitParams | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SentenceLift | None:
    """Ask every answerable labelled question (``ask`` answers it, appending what it chose from to the list it is
    given), label the candidates holding one of its quotes, and fit the lift on them (``fit``). None when no question's
    quote is among its candidates (labelled questions about other documents than the index holds): no lift."""
    examples = []
    for done, labelled in enumerate(questions, 1):
        if labelled.answerable and labelled.quotes:
            considered: Considered = []
            ask(labelled, considered)
            if considered:
                query, candidates = considered[-1]
                examples.append(example(query, candidates, labelled.quotes))
        if progress:
            progress(done, len(questions))
    usable = [e for e in examples if e is not None and _teaches(e)]
    return fit(usable, documents, params) if usable else None


def example(query: np.ndarray, candidates: Sequence[Any], quotes: Sequence[str]) -> LiftExample | None:
    """A question's candidates (objects with ``vector``, ``score`` and ``text``), gold where a sentence holds one of the
    quotes or lies within one; None without candidates."""
    if not candidates:
        return None
    wanted = [normalise(q) for q in quotes]
    gold = np.array([is_quoted(c.text, wanted) for c in candidates], dtype=bool)
    return LiftExample(
        np.asarray(query, dtype=np.float32),
        np.stack([np.asarray(c.vector, dtype=np.float32) for c in candidates]),
        np.array([c.score for c in candidates], dtype=np.float64),
        gold,
    )


def fit(examples: Sequence[LiftExample], documents: frozenset[str], params: FitParams | None = None) -> SentenceLift:
    """The lift that best ranks each example's gold sentences first (examples without a gold candidate teach nothing).
    Full-batch Adam on the mean softmax loss plus ``ridge`` × |A|²."""
    params = params or FitParams()
    usable = [e for e in examples if _teaches(e)]
    if not usable:
        raise ValueError("No labelled question has its quoted sentence among its candidates: nothing to learn from.")
    dim = usable[0].query.shape[0]
    queries = np.stack([e.query for e in usable]).astype(np.float64)
    sentences = np.concatenate([e.sentences for e in usable]).astype(np.float64)
    scores = np.concatenate([e.scores for e in usable]).astype(np.float64)
    gold = np.concatenate([e.gold for e in usable]).astype(bool)
    owner = np.repeat(np.arange(len(usable)), [len(e.gold) for e in usable])
    starts = np.cumsum([0] + [len(e.gold) for e in usable])[:-1]
    matrix = np.zeros((dim, dim))
    moment, second = np.zeros_like(matrix), np.zeros_like(matrix)
    for step in range(1, params.steps + 1):
        gradient = _gradient(matrix, queries, sentences, scores, gold, owner, starts, params)
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        matrix -= params.learning_rate * (moment / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    before, after = top_share(usable, None), top_share(usable, SentenceLift(matrix.astype(np.float32), documents))
    figures = {"questions": float(len(usable)), "gold_first_before": before, "gold_first_after": after}
    return SentenceLift(matrix.astype(np.float32), documents, figures)


def top_share(examples: Sequence[LiftExample], lift: SentenceLift | None) -> float:
    """Share of the examples whose best-scoring candidate (lifted, when ``lift`` is given) holds a gold quote."""
    usable = [e for e in examples if e.gold.any()]
    if not usable:
        return 0.0
    hits = 0
    for e in usable:
        scores = e.scores + (lift.lifts(e.query, e.sentences) if lift is not None else 0.0)
        hits += bool(e.gold[int(np.argmax(scores))])
    return round(hits / len(usable), 4)


def _teaches(example: LiftExample) -> bool:
    """An example teaches the lift something when a gold sentence stands among other candidates."""
    return bool(example.gold.any()) and len(example.gold) > 1


def _gradient(
    matrix: np.ndarray,
    queries: np.ndarray,
    sentences: np.ndarray,
    scores: np.ndarray,
    gold: np.ndarray,
    owner: np.ndarray,
    starts: np.ndarray,
    params: FitParams,
) -> np.ndarray:
    """Gradient of mean(-log P(gold | question)) + ridge × |A|², P a softmax over each question's candidates."""
    lifted = np.einsum("nd,nd->n", sentences, (queries @ matrix)[owner])  # s · (Aᵀ q) = (qᵀ A) · s
    logits = params.temperature * (scores + lifted)
    logits -= np.maximum.reduceat(logits, starts)[owner]
    weights = np.exp(logits)
    p = weights / np.add.reduceat(weights, starts)[owner]
    on_gold = np.where(gold, p, 0.0)
    r = on_gold / np.add.reduceat(on_gold, starts)[owner]
    pull = np.add.reduceat((p - r)[:, None] * sentences, starts)  # one row per question
    return params.temperature * queries.T @ pull / len(starts) + 2 * params.ridge * matrix
