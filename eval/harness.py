"""The evaluation harness: retrieval per mode and language, answers and citations, latency.

Everything is computed from gold quotes, deterministically and offline, so evaluators can rerun it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from strategiqa.app.engine import Engine
from strategiqa.retrieval.cache import EmbeddingCache

from .baseline import BASELINE_MODE, LlamaIndexBaseline
from .crosswalk_eval import crosswalk_gold, score_crosswalk
from .datasets import GoldQuestion, load_dataset
from .metrics import Ranked, is_relevant, mean_scores, retrieval_scores

DEPTH = 10
Progress = Callable[[int, int], None]


def evaluate(
    engine: Engine,
    dataset: Path,
    modes: Sequence[str] = ("hybrid", "dense", "bm25", BASELINE_MODE),
    answers: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The full report for one dataset (see the README's Evaluation section for the fields)."""
    questions = load_dataset(dataset)
    answerable = [q for q in questions if q.answerable]
    report: dict[str, Any] = {
        "dataset": str(dataset),
        "n": len(answerable),
        "n_unanswerable": len(questions) - len(answerable),
        "default_mode": engine.settings.default_mode,
        "modes": {},
        "misses": {},
    }
    steps = len(answerable) * len(modes) + (len(questions) if answers else 0)
    tick = _counter(steps, progress)
    latencies: list[float] = []
    for mode in modes:
        search = _searcher(engine, mode)
        if answerable:
            search(answerable[0].question)  # warm-up: latency is measured warm
        rows: dict[str, list[dict[str, float]]] = {}
        misses = []
        for q in answerable:
            started = time.perf_counter()
            ranking = search(q.question)
            if mode == engine.settings.default_mode:
                latencies.append((time.perf_counter() - started) * 1000)
            scores = retrieval_scores(
                [Ranked(is_relevant(text, q.quotes), len(text.split())) for text in ranking],
                sum(is_relevant(p.text, q.quotes) for p in engine.index.passages) if mode != BASELINE_MODE else None,
            )
            rows.setdefault(q.lang, []).append(scores)
            if scores["recall@600w"] < 1:
                top = " ".join(ranking[0].split())[:200] if ranking else ""
                misses.append({"id": q.id, "question": q.question, "top_passage": top})
            tick()
        every = [r for lang_rows in rows.values() for r in lang_rows]
        report["modes"][mode] = {**mean_scores(every), "by_lang": {k: mean_scores(v) for k, v in sorted(rows.items())}}
        report["misses"][mode] = misses
    if answers:
        report["answers"] = evaluate_answers(engine, questions, tick)
    if engine.index.crosswalk.get("areas"):
        report["crosswalk"] = score_crosswalk(engine.index.crosswalk, crosswalk_gold())
    if latencies:
        ordered = sorted(latencies)
        report["latency_ms"] = {
            "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        }
    return report


def evaluate_answers(engine: Engine, questions: Sequence[GoldQuestion], tick: Callable[[], None]) -> dict[str, Any]:
    """ALCE-style citation metrics for the default mode, and abstention behaviour."""
    cited = cited_ok = 0
    recall_hits = quote_hits = answered = 0
    refused_unanswerable = 0
    n_answerable = sum(q.answerable for q in questions)
    n_unanswerable = len(questions) - n_answerable
    for q in questions:
        result = engine.ask(q.question)
        tick()
        if not q.answerable:
            refused_unanswerable += result["abstained"]
            continue
        if result["abstained"]:
            continue
        answered += 1
        passages = [engine.index.passages[engine.index.by_id[c["passage_id"]]] for c in result["citations"]]
        for citation, passage in zip(result["citations"], passages, strict=True):
            cited += 1
            cited_ok += citation["quote"] in passage.text and is_relevant(passage.text, q.quotes)
        recall_hits += any(is_relevant(p.text, q.quotes) for p in passages)
        quote_hits += any(is_relevant(c["quote"], q.quotes) for c in result["citations"])
    return {
        "citation_precision": _ratio(cited_ok, cited),
        "citation_recall": _ratio(recall_hits, n_answerable),
        "quote_recall": _ratio(quote_hits, n_answerable),
        "citations_per_answer": _ratio(cited, answered),
        "abstention_accuracy": _ratio(refused_unanswerable, n_unanswerable),
        "false_abstention_rate": _ratio(n_answerable - answered, n_answerable),
    }


def _searcher(engine: Engine, mode: str) -> Callable[[str], list[str]]:
    """A function from question to ranked passage texts for ``mode``."""
    if mode == BASELINE_MODE:
        cache = EmbeddingCache(engine.settings.embedding_cache_path)
        baseline = LlamaIndexBaseline(engine.settings.corpus_dir, engine.embedder, cache)
        return lambda question: [text for text, _ in baseline.search(question, DEPTH)]
    return lambda question: [h.passage.text for h in engine.search(question, top_k=DEPTH, mode=mode).hits]


def _counter(total: int, progress: Progress | None) -> Callable[[], None]:
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    return tick


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def to_markdown(report: dict[str, Any]) -> str:
    """Tables per mode (all questions, then per language), answer metrics, then the misses."""
    keys = ["hit@1", "recall@3", "recall@5", "recall@10", "recall@600w", "mrr@10", "ndcg@10"]
    lines = [f"Dataset: `{report['dataset']}` ({report['n']} answerable, {report['n_unanswerable']} unanswerable)", ""]
    lines.append("| mode | lang | " + " | ".join(keys) + " |")
    lines.append("|" + "---|" * (len(keys) + 2))
    for mode, m in report["modes"].items():
        lines.append(f"| {mode} | all | " + " | ".join(f"{m[k]:.3f}" for k in keys) + " |")
        for lang, lm in m["by_lang"].items():
            lines.append(f"| {mode} | {lang} | " + " | ".join(f"{lm[k]:.3f}" for k in keys) + " |")
    if "answers" in report:
        lines += ["", f"Answers ({report['default_mode']}):", ""]
        lines += [f"- {k.replace('_', ' ')}: {v if v is not None else 'n/a'}" for k, v in report["answers"].items()]
    if "crosswalk" in report:
        cw = report["crosswalk"]
        lines += [
            "",
            f"Crosswalk against the expert map ({cw['areas']} areas): precision@3 {cw['precision@3']}, "
            f"hit@1 {cw['hit@1']}",
        ]
    if "latency_ms" in report:
        lat = report["latency_ms"]
        lines += ["", f"In-process search latency ({report['default_mode']}): p50 {lat['p50']} ms, p95 {lat['p95']} ms"]
    for mode, misses in report.get("misses", {}).items():
        if misses:
            lines += ["", f"Misses at 600 words ({mode}):"]
            lines += [f"- {m['id']}: {m['question']} — top: {m['top_passage'][:120]}…" for m in misses]
    return "\n".join(lines)


def write_chart(report: dict[str, Any], path: Path) -> None:
    """A bar chart of Recall@600w and MRR@10 per mode and language (PNG)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise RuntimeError("The chart needs matplotlib; run `pip install 'strategiqa[dev]'`.") from exc
    modes = list(report["modes"])
    series = [
        (f"{metric} {lang}", [report["modes"][m]["by_lang"].get(lang, {}).get(metric, 0) for m in modes])
        for metric in ("recall@600w", "mrr@10")
        for lang in ("sv", "en")
    ]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        ax.bar([x + i * width for x in range(len(modes))], values, width, label=label)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(modes))], modes)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Retrieval on {Path(report['dataset']).name}")
    ax.legend(ncol=4, fontsize=8, loc="lower center")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
