"""Benchmarks: ingest time (cold and cached), in-process query latency, throughput, peak memory."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings

from .datasets import bundled_dataset, load_dataset


def run_bench(settings: Settings, repeats: int = 5, cold: bool = True) -> dict[str, Any]:
    """Measure on the configured corpus; the cold ingest uses an empty embedding cache."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="strategiqa-bench-") as tmp:
        bench = settings.model_copy(update={"index_dir": Path(tmp) / "index"})
        if cold:
            cold_settings = bench.model_copy(update={"cache_dir": Path(tmp) / "cache"})
            report = ingest(cold_settings, progress=False)
            results["ingest_cold_s"] = report.seconds
            results["embedded_texts"] = report.embedded
            results["embed_texts_per_s"] = round(report.embedded / report.seconds, 1)
        report = ingest(bench, progress=False)
        results["ingest_cached_s"] = report.seconds
        results["passages"] = report.passages
        engine = Engine.open(bench)
        questions = [q.question for q in load_dataset(bundled_dataset())]
        engine.search(questions[0])  # warm-up
        latencies = []
        started = time.perf_counter()
        for _ in range(repeats):
            for question in questions:
                t0 = time.perf_counter()
                engine.search(question)
                latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
    latencies.sort()
    results["query_ms"] = {
        "n": len(latencies),
        "p50": round(statistics.median(latencies), 2),
        "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
    }
    results["questions_per_s"] = round(len(latencies) / elapsed, 1)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results
