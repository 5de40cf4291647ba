"""The web app under load, through Gradio's own queue (the way a browser's events travel): question
latency while another user's two-page proposal is analysed, against the same questions without it; and
the health endpoint's warm latency. Bounded in requests; a real server process on loopback."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from strategiqa.app.settings import Settings

from .bench import server_process, two_page_proposal
from .datasets import bundled_dataset, load_dataset


def run_web_bench(settings: Settings, clients: int = 4, questions_per_client: int = 12) -> dict[str, Any]:
    """``clients`` users ask through the web app's queue, first alone, then while one more user analyses a
    two-page proposal over and over; question p50/p95 of both runs and their ratio, plus health p50."""
    from gradio_client import Client

    questions = [q.question for q in load_dataset(bundled_dataset())]
    proposal = two_page_proposal()
    with server_process(settings) as (base, _pid):
        docs = [d["doc_id"] for d in httpx.get(base + "/api/documents", timeout=10).json()]
        users = [Client(base + "/", verbose=False) for _ in range(clients + 1)]
        analyst = users.pop()
        for user in users:  # warm-up: every client's session and the engine's caches
            user.predict(questions[0], "auto", docs, api_name="/ask")
        analyst.predict(proposal, "", "auto", api_name="/analyse")
        alone = _ask_all(users, questions, docs, questions_per_client)
        stop = threading.Event()
        analyses: list[float] = []

        def analyse() -> None:
            while not stop.is_set():
                t0 = time.perf_counter()
                analyst.predict(proposal, "", "auto", api_name="/analyse")
                analyses.append(time.perf_counter() - t0)

        worker = threading.Thread(target=analyse, daemon=True)
        worker.start()
        time.sleep(0.3)  # the first analysis is under way before the questions start
        busy = _ask_all(users, questions, docs, questions_per_client)
        stop.set()
        worker.join(timeout=60)
        health = _health_latency(base)
    return {
        "clients": clients,
        "questions": len(alone),
        "alone": _percentiles(alone),
        "with_proposal": _percentiles(busy),
        "p95_ratio": round(_percentiles(busy)["p95_ms"] / max(_percentiles(alone)["p95_ms"], 1e-9), 2),
        "analyses": len(analyses),
        "analysis_p50_s": round(statistics.median(analyses), 2) if analyses else None,
        "health_ms": health,
    }


def _ask_all(users: list[Any], questions: list[str], docs: list[str], per_client: int) -> list[float]:
    """Every user asks ``per_client`` questions in turn, all users at once; latencies in ms."""

    def ask(k: int) -> list[float]:
        out = []
        for i in range(per_client):
            t0 = time.perf_counter()
            users[k].predict(questions[(k * per_client + i) % len(questions)], "auto", docs, api_name="/ask")
            out.append((time.perf_counter() - t0) * 1000)
        return out

    with ThreadPoolExecutor(len(users)) as pool:
        return [ms for run in pool.map(ask, range(len(users))) for ms in run]


def _health_latency(base: str, n: int = 200) -> dict[str, float]:
    with httpx.Client(base_url=base, timeout=10) as client:
        client.get("/api/health")
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            client.get("/api/health").raise_for_status()
            times.append((time.perf_counter() - t0) * 1000)
    return _percentiles(times)


def _percentiles(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }
