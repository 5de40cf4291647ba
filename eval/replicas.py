"""Several API processes over one PostgreSQL index, under load: 8 clients ask questions for a while, a
document is added half-way through (``strategiqa add`` in its own process), and every answer is checked
against the index version it names. Also the plain throughput of 1 and 2 processes. Real server
processes on loopback; bounded in time."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from strategiqa.app.indexing import open_database
from strategiqa.app.settings import Settings

from .bench import server_process
from .datasets import bundled_dataset, load_dataset


@dataclass(frozen=True)
class NewDocument:
    """What ``strategiqa add`` is given; ``question`` must be answered from it once it is in."""

    path: Path
    doc_id: str
    title: str
    question: str


def run_replica_load(
    settings: Settings,
    processes: int = 2,
    clients: int = 8,
    seconds: float = 60.0,
    add: NewDocument | None = None,
) -> dict[str, Any]:
    """``clients`` threads ask questions round-robin across ``processes`` API servers for ``seconds``; with
    ``add``, the document is added after a third of the time. Returns counts, latency, throughput, the
    versions seen, answers inconsistent with their version, and whether every process serves ``add``."""
    if settings.vector_store != "postgres":
        raise ValueError("the replica load runs against the postgres store")
    questions = [q.question for q in load_dataset(bundled_dataset())]
    with ExitStack() as stack:
        bases = [stack.enter_context(server_process(settings))[0] for _ in range(processes)]
        for base in bases:  # warm-up: the first question loads each process's caches
            httpx.post(base + "/api/ask", json={"question": questions[0]}, timeout=120).raise_for_status()
        answers: list[dict[str, Any]] = []
        outcomes: list[tuple[int, float]] = []
        lock = threading.Lock()
        stop = time.perf_counter() + seconds
        counter = itertools.count()

        def client(n: int) -> None:
            with httpx.Client(timeout=60) as http:
                while time.perf_counter() < stop:
                    i = next(counter)
                    t0 = time.perf_counter()
                    try:
                        response = http.post(
                            bases[i % len(bases)] + "/api/ask", json={"question": questions[i % len(questions)]}
                        )
                        status = response.status_code
                    except httpx.HTTPError:
                        status = 0
                    elapsed = time.perf_counter() - t0
                    with lock:
                        outcomes.append((status, elapsed))
                        if status == 200:
                            answers.append(response.json())

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        added: dict[str, Any] | None = None
        if add is not None:
            time.sleep(seconds / 3)
            added = _add_document(settings, add)
        for thread in threads:
            thread.join(timeout=seconds + 120)
        wall = time.perf_counter() - started
        served = {base: _serves(base, add) for base in bases} if add is not None else {}
    statuses = Counter(status for status, _ in outcomes)
    latencies = sorted(elapsed * 1000 for status, elapsed in outcomes if status == 200)
    return {
        "processes": processes,
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(outcomes),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": len(outcomes) - statuses.get(200, 0),
        "questions_per_s": round(statuses.get(200, 0) / wall, 1),
        "p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "versions_seen": dict(sorted(Counter(a["index_version"] for a in answers).items())),
        "inconsistent_answers": _inconsistent(settings, answers),
        "added": added,
        "every_process_serves_the_new_document": all(served.values()) if served else None,
    }


def _add_document(settings: Settings, doc: NewDocument) -> dict[str, Any]:
    env = {
        **os.environ,
        "STRATEGIQA_CORPUS_DIR": str(settings.corpus_dir),
        "STRATEGIQA_CACHE_DIR": str(settings.cache_dir),
        "STRATEGIQA_VECTOR_STORE": "postgres",
        "STRATEGIQA_DATABASE_URL": settings.database_url or "",
    }
    t0 = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "strategiqa.app",
            "add",
            str(doc.path),
            "--id",
            doc.doc_id,
            "--title",
            doc.title,
            "--publisher",
            "Testutgivaren",
            "--year",
            "2026",
            "--role",
            "regional",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"strategiqa add failed: {done.stderr.strip() or done.stdout.strip()}")
    return {"seconds": round(time.perf_counter() - t0, 1), "output": done.stdout.strip().splitlines()[-1:]}


def _serves(base: str, doc: NewDocument | None) -> bool:
    """The process lists the document and answers its question from it."""
    assert doc is not None
    listed = {d["doc_id"] for d in httpx.get(base + "/api/documents", timeout=30).json()}
    answer = httpx.post(base + "/api/ask", json={"question": doc.question}, timeout=60).json()
    cited = {c["doc_id"] for c in answer.get("citations", [])}
    return doc.doc_id in listed and doc.doc_id in cited


def _inconsistent(settings: Settings, answers: list[dict[str, Any]]) -> int:
    """Answers naming a version whose documents or passages do not match what they list and cite."""
    database = open_database(settings)
    try:
        contents: dict[str, tuple[set[str], set[str]]] = {}
        bad = 0
        for answer in answers:
            version = answer["index_version"]
            if version not in contents:
                index = database.load_version(int(version))
                contents[version] = ({d.info.doc_id for d in index.documents}, {p.passage_id for p in index.passages})
            documents, passages = contents[version]
            used = {c["passage_id"] for c in answer.get("citations", [])} | {
                p["passage_id"] for p in answer["passages"]
            }
            bad += set(answer["documents"]) != documents or not used <= passages
        return bad
    finally:
        database.close()
