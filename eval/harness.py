"""Retrieval evaluation: every mode, every language, against gold quotes. Deterministic."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from strategiqa.app.engine import Engine
from strategiqa.ingest.model import Passage

from .datasets import GoldQuestion, load_dataset
from .metrics import Ranked, is_relevant, mean_scores, retrieval_scores

DEPTH = 10


def evaluate(
    engine: Engine,
    dataset: Path,
    modes: Sequence[str] = ("hybrid", "dense", "bm25"),
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Metrics per mode and language, the misses of each mode, and the default mode's latency."""
    questions = [q for q in load_dataset(dataset) if q.answerable]
    report: dict[str, Any] = {
        "dataset": str(dataset),
        "n": len(questions),
        "default_mode": engine.settings.default_mode,
        "modes": {},
        "misses": {},
    }
    total, done = len(questions) * len(modes), 0
    latencies: list[float] = []
    for mode in modes:
        rows: dict[str, list[dict[str, float]]] = {}
        misses = []
        for q in questions:
            started = time.perf_counter()
            hits = engine.search(q.question, top_k=DEPTH, mode=mode).hits
            if mode == engine.settings.default_mode:
                latencies.append((time.perf_counter() - started) * 1000)
            scores = score_ranking(q, [h.passage for h in hits], engine.index.passages)
            rows.setdefault(q.lang, []).append(scores)
            if scores["recall@600w"] < 1:
                misses.append({"id": q.id, "question": q.question, "top_passage": hits[0].passage.text[:200]})
            done += 1
            if progress:
                progress(done, total)
        every = [r for lang_rows in rows.values() for r in lang_rows]
        report["modes"][mode] = {
            **mean_scores(every),
            "by_lang": {lang: mean_scores(r) for lang, r in sorted(rows.items())},
        }
        report["misses"][mode] = misses
    if latencies:
        ordered = sorted(latencies)
        report["latency_ms"] = {
            "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        }
    return report


def score_ranking(q: GoldQuestion, ranking: Sequence[Passage], corpus: Sequence[Passage]) -> dict[str, float]:
    ranked = [Ranked(is_relevant(p.text, q.quotes), len(p.text.split())) for p in ranking]
    n_relevant = sum(is_relevant(p.text, q.quotes) for p in corpus)
    return retrieval_scores(ranked, n_relevant)


def to_markdown(report: dict[str, Any]) -> str:
    """A table per mode (all questions, then by language), then the misses."""
    keys = ["recall@1", "recall@3", "recall@5", "recall@10", "recall@600w", "mrr@10", "ndcg@10"]
    lines = [f"Dataset: `{report['dataset']}` ({report['n']} answerable questions)", ""]
    lines.append("| mode | lang | " + " | ".join(keys) + " |")
    lines.append("|" + "---|" * (len(keys) + 2))
    for mode, m in report["modes"].items():
        lines.append(f"| {mode} | all | " + " | ".join(f"{m[k]:.3f}" for k in keys) + " |")
        for lang, lm in m["by_lang"].items():
            lines.append(f"| {mode} | {lang} | " + " | ".join(f"{lm[k]:.3f}" for k in keys) + " |")
    if "latency_ms" in report:
        lat = report["latency_ms"]
        lines += ["", f"In-process search latency ({report['default_mode']}): p50 {lat['p50']} ms, p95 {lat['p95']} ms"]
    for mode, misses in report.get("misses", {}).items():
        if misses:
            lines += ["", f"Misses at 600 words ({mode}):"]
            lines += [f"- {m['id']}: {m['question']} — top: {m['top_passage'][:120]}…" for m in misses]
    return "\n".join(lines)
