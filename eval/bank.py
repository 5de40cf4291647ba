"""The question bank (``retrieval.question_bank``) built from the labelled question sets in ``eval/data``.

Every set of labelled questions joins it but the newest blind set, which is kept out to confirm a change. An evaluation
of a set reads it without that set's own questions (``question_group``), and so does ``strategiqa calibrate``, so no
figure is a question finding itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from strategiqa.app.engine import Engine
from strategiqa.app.followup import resolve_followup
from strategiqa.retrieval.question_bank import LabelledQuestionVector, QuestionBank, holds_quote

from .datasets import GoldQuestion, bundled_dataset, load_dataset

_BLIND_LETTERS = (
    "a b e f g k l m t u v z aa ac ad af ah ai aj ak al am an ao ap aq ar as at au av aw ax ay az ba bb bc bd be bf "
    "bg bh bj bk"
)
BLIND_SETS = tuple(f"blind_{s}.jsonl" for s in _BLIND_LETTERS.split())
DEVELOPMENT_SETS = (
    "calibration.jsonl",
    "calibration_c.jsonl",
    "dev.jsonl",
    "dev_d.jsonl",
    "dev_p.jsonl",
    "dev_q.jsonl",
    "dev_r.jsonl",
    "dev_s.jsonl",
    "dev_x.jsonl",
    "extra.jsonl",
    "followup_dev.jsonl",
    "heldout.jsonl",
)
MIN_QUOTE_WORDS = 3
BANK_SETS = BLIND_SETS + DEVELOPMENT_SETS
"""The labelled sets of the bank: every set written up to the twenty-sixth round but its confirmation set,
``blind_bi.jsonl``. The twenty-seventh round's sets are not in it either: ``blind_bl.jsonl`` (its confirmation set),
``blind_bm.jsonl`` (read) and ``blind_bi.jsonl`` wait for the next refit (a bank change needs ``strategiqa calibrate``
and its figures); ``blind_nd.jsonl`` and ``blind_ne.jsonl`` ask about documents added to the corpus for them (their
``*.manifest.toml``), which the bundled index does not hold. ``blind_bg.jsonl`` (the twenty-fifth round's confirmation
set, read after its end run), ``blind_bj.jsonl`` and ``blind_bk.jsonl`` (written blind in the twenty-sixth, measured
once, then read) joined in the twenty-sixth; ``blind_bf.jsonl`` and ``blind_bh.jsonl`` in the twenty-fifth;
``blind_bb.jsonl``, the probe ``blind_bc.jsonl``, ``blind_bd.jsonl`` and ``blind_be.jsonl`` (written blind, read in the
twenty-second to twenty-fourth rounds) in the twenty-fourth;
``blind_ai.jsonl`` … ``blind_ba.jsonl`` in the twenty-second (docs/answerability-history.md): each set read without
its own questions, cited-gold +0.014 to +0.017 on the used sets."""


def question_group(dataset: Path) -> str:
    """The labelled set a dataset file is in the bank as: its name without ``.jsonl``."""
    return dataset.name.removesuffix(".jsonl")


def build_question_bank(
    engine: Engine, paths: Sequence[Path] | None = None, progress: Callable[[int, int], None] | None = None
) -> QuestionBank:
    """The answerable questions of ``paths`` (default ``BANK_SETS``) with quotes, outline questions aside (the outline
    answers them), embedded as hybrid search embeds a question, with the passages holding their quotes."""
    entries = []
    for path in paths or [bundled_dataset(name) for name in BANK_SETS]:
        for q in load_dataset(path):
            if _answerable_from_text(q):
                entries.append((question_group(path), q))
    texts = [engine.router.strip_names(_as_searched(engine, q)) for _, q in entries]
    vectors = engine.embedder.embed_queries(texts) if texts else []
    questions = []
    for done, ((group, q), vector) in enumerate(zip(entries, vectors, strict=True), start=1):
        # Only the document the question is about answers it, and only by quotes of a few words: a one-word quote
        # ("minska.") is in passages of every document.
        quotes = tuple(quote for quote in q.quotes if len(quote.split()) >= MIN_QUOTE_WORDS)
        passages = tuple(
            p.passage_id
            for p in engine.index.passages
            if (q.doc is None or p.doc_id == q.doc) and holds_quote(p.text, quotes)
        )
        questions.append(LabelledQuestionVector(vector, group, quotes, passages))
        if progress is not None:
            progress(done, len(entries))
    return QuestionBank.build(engine.embedder.model_id, questions)


def _answerable_from_text(q: GoldQuestion) -> bool:
    return q.answerable and bool(q.quotes) and q.kind != "overview" and not q.titles


def _as_searched(engine: Engine, q: GoldQuestion) -> str:
    """The text search embeds for ``q``: accents read in, a follow-up resolved against its previous question."""
    question = engine.with_accents(q.question)
    previous = engine.with_accents(q.previous_question) if q.previous_question else None
    return resolve_followup(question, previous, engine.router) or question
