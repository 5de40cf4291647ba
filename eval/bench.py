"""Benchmarks: ingest time (cold and cached), in-process query latency, throughput, peak memory."""

from __future__ import annotations

import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
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
    results["align_2_pages"] = _align_latency(engine)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def two_page_proposal() -> str:
    """A two-page proposal (about 900 words), built from the bundled example proposals."""
    import json

    path = bundled_dataset("proposals.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return "\n\n".join(texts * 3)


def _align_latency(engine: Engine, repeats: int = 5) -> dict[str, Any]:
    """Warm latency of aligning a two-page proposal."""
    proposal = two_page_proposal()
    engine.align(proposal)  # warm-up: strategy vectors and titles are prepared once
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        engine.align(proposal)
        times.append(time.perf_counter() - t0)
    return {"words": len(proposal.split()), "p50_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def run_http_bench(
    settings: Settings, requests_per_client: int = 40, concurrency: tuple[int, ...] = (1, 8)
) -> dict[str, Any]:
    """Latency of ``POST /api/ask`` over loopback against a real server process, and its peak memory.

    The server runs as a separate process (``strategiqa serve``) so the clients do not share its
    interpreter; every load is bounded in request count.
    """
    questions = [q.question for q in load_dataset(bundled_dataset())]
    results: dict[str, Any] = {}
    with server_process(settings) as (base, pid):
        with httpx.Client(base_url=base, timeout=30) as warm:
            for q in questions[:5]:
                warm.post("/api/ask", json={"question": q})
        for clients in concurrency:
            started = time.perf_counter()
            outcomes = _load(base, questions, clients, requests_per_client=requests_per_client)
            elapsed = time.perf_counter() - started
            results[f"clients_{clients}"] = _summary(outcomes, elapsed)
        results["server_peak_rss_mb"] = _peak_rss_mb(pid)
    return results


def run_load(settings: Settings, clients: int = 8, seconds: float = 60.0) -> dict[str, Any]:
    """``clients`` concurrent clients asking for ``seconds`` (bounded): requests, errors, percentiles."""
    questions = [q.question for q in load_dataset(bundled_dataset())]
    with server_process(settings) as (base, pid):
        started = time.perf_counter()
        outcomes = _load(base, questions, clients, seconds=seconds)
        summary = _summary(outcomes, time.perf_counter() - started)
        summary["server_peak_rss_mb"] = _peak_rss_mb(pid)
    return {"clients": clients, "seconds": seconds, **summary}


def _load(
    base: str, questions: list[str], clients: int, requests_per_client: int = 10_000, seconds: float = 3600.0
) -> list[tuple[int, float]]:
    """Status and latency (ms) of every request; stops at the request count or the time limit."""
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> list[tuple[int, float]]:
        out = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for i in range(requests_per_client):
                if time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                try:
                    status = client.post(
                        "/api/ask", json={"question": questions[(offset + i) % len(questions)]}
                    ).status_code
                except httpx.HTTPError:
                    status = 0
                out.append((status, (time.perf_counter() - t0) * 1000))
        return out

    with ThreadPoolExecutor(clients) as pool:
        return [o for outs in pool.map(worker, range(clients)) for o in outs]


def _summary(outcomes: list[tuple[int, float]], elapsed: float) -> dict[str, Any]:
    latencies = sorted(ms for _, ms in outcomes)

    def pct(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1)))], 1)

    return {
        "requests": len(outcomes),
        "errors": sum(status != 200 for status, _ in outcomes),
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "requests_per_s": round(len(outcomes) / elapsed, 1),
    }


@contextmanager
def server_process(settings: Settings) -> Iterator[tuple[str, int]]:
    """A ``strategiqa serve`` process on a free loopback port, stopped afterwards."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "STRATEGIQA_INDEX_DIR": str(settings.index_dir),
        "STRATEGIQA_CORPUS_DIR": str(settings.corpus_dir),
        "STRATEGIQA_CACHE_DIR": str(settings.cache_dir),
        "STRATEGIQA_VECTOR_STORE": settings.vector_store,
        **({"STRATEGIQA_DATABASE_URL": settings.database_url} if settings.database_url else {}),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "strategiqa.app",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server)
        yield base, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # open event streams can hold a graceful shutdown
            server.kill()
            server.wait(timeout=30)


def _wait_for(base: str, server: Any) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer within 120 s")


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def bench_markdown(results: dict[str, Any]) -> str:
    """The benchmark results as a Markdown table (and the scaling table, when present)."""
    rows = [
        ("ingest, cold", f"{results['ingest_cold_s']} s ({results['embed_texts_per_s']} texts/s)")
        if "ingest_cold_s" in results
        else None,
        ("ingest, cached", f"{results['ingest_cached_s']} s"),
        (
            "search, in-process",
            f"p50 {results['query_ms']['p50']} ms, p95 {results['query_ms']['p95']} ms, "
            f"{results['questions_per_s']} questions/s",
        ),
        ("align, two pages", f"{results['align_2_pages']['p50_s']} s ({results['align_2_pages']['words']} words)"),
        ("peak RSS", f"{results['peak_rss_mb']} MB"),
    ]
    for key, run in results.get("http", {}).items():
        if key.startswith("clients_"):
            rows.append(
                (
                    f"POST /api/ask, {key.split('_')[1]} client(s)",
                    f"p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, p99 {run['p99_ms']} ms, "
                    f"{run['requests_per_s']} req/s, {run['errors']} errors of {run['requests']}",
                )
            )
    if "web" in results:
        web = results["web"]
        rows += [
            (
                f"web app, {web['clients']} clients asking",
                f"p50 {web['alone']['p50_ms']} ms, p95 {web['alone']['p95_ms']} ms",
            ),
            (
                "… while another analyses a two-page proposal",
                f"p50 {web['with_proposal']['p50_ms']} ms, p95 {web['with_proposal']['p95_ms']} ms "
                f"(p95 ×{web['p95_ratio']}; {web['analyses']} analyses, p50 {web['analysis_p50_s']} s)",
            ),
            ("GET /api/health, warm", f"p50 {web['health_ms']['p50_ms']} ms, p95 {web['health_ms']['p95_ms']} ms"),
        ]
    if "load" in results:
        load = results["load"]
        rows.append(
            (
                f"{load['clients']} clients for {load['seconds']:.0f} s",
                f"{load['requests']} requests, {load['errors']} errors, p50 {load['p50_ms']} ms, "
                f"p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms",
            )
        )
    lines = ["| what | figure |", "|---|---|"] + [f"| {a} | {b} |" for row in rows if row for a, b in [row]]
    if "scaling" in results:
        from .scaling import scaling_markdown

        lines += ["", scaling_markdown(results["scaling"])]
    return "\n".join(lines)
