"""Integration: the real corpus, the real model, the bundled dev set, through the evaluation harness.

Quality targets live in the benchmark (README "Evaluation"); this guards against regressions.
"""

from __future__ import annotations

from strategiqa.app.engine import Engine
from strategiqa.eval.datasets import bundled_dataset
from strategiqa.eval.harness import evaluate, to_markdown


def test_hybrid_retrieval_on_the_dev_set(real_engine: Engine) -> None:
    report = evaluate(real_engine, bundled_dataset(), modes=("hybrid", "dense", "bm25"))
    hybrid = report["modes"]["hybrid"]
    assert report["n"] == 32
    assert hybrid["recall@600w"] >= 0.9 and hybrid["mrr@10"] >= 0.8, to_markdown(report)
    assert hybrid["by_lang"]["sv"]["recall@600w"] >= 0.95
    assert hybrid["by_lang"]["en"]["recall@600w"] >= 0.8
    # Fusion must not let BM25 drag cross-lingual questions below dense alone.
    assert hybrid["by_lang"]["en"]["mrr@10"] >= report["modes"]["dense"]["by_lang"]["en"]["mrr@10"]
    assert hybrid["mrr@10"] > report["modes"]["bm25"]["mrr@10"]


def test_evaluation_is_deterministic(real_engine: Engine) -> None:
    first = evaluate(real_engine, bundled_dataset(), modes=("hybrid",))
    second = evaluate(real_engine, bundled_dataset(), modes=("hybrid",))
    first.pop("latency_ms"), second.pop("latency_ms")
    assert first == second
