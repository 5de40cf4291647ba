"""Two API processes over one PostgreSQL database (real server from pgserver, real model, real HTTP):
a document added under load is served by both without a restart, every answer comes from one complete
version, and a database restart gives 503 + Retry-After, never 500, and heals by itself."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from strategiqa.app.api import create_app
from strategiqa.app.engine import ingest
from strategiqa.app.settings import Settings
from strategiqa.eval.replicas import NewDocument, run_replica_load

from ..conftest import serve, start_postgres, stop_postgres

pytestmark = pytest.mark.slow

# How long the clients ask (the acceptance run is 60 s: `strategiqa bench --replicas`); CI keeps it short.
LOAD_SECONDS = float(os.environ.get("STRATEGIQA_TEST_LOAD_S", "20"))

NEW_DOCUMENT = """# Handlingsplan för testbäddar

## 1. Gemensamma testbäddar

Regionen ska öppna en gemensam testbädd för vårdnära innovationer senast 2027. Testbädden ska ha en
gemensam ingång för företag och tydliga regler för hur data delas mellan vård och industri.

## 2. Finansiering

Handlingsplanen finansieras med 40 miljoner kronor under tre år från regionens innovationsfond.
"""


def _pg(settings: Settings, url: str) -> Settings:
    return settings.model_copy(update={"vector_store": "postgres", "database_url": url})


def test_two_processes_serve_a_document_added_under_load(
    real_settings: Settings, database_url: str, tmp_path: Path
) -> None:
    import shutil

    corpus = shutil.copytree(real_settings.corpus_dir, tmp_path / "corpus")
    settings = _pg(real_settings, database_url).model_copy(update={"corpus_dir": corpus})
    ingest(settings, progress=False)
    document = tmp_path / "testbaddar.md"
    document.write_text(NEW_DOCUMENT, encoding="utf-8")
    new = NewDocument(
        document, "testbaddar-2026", "Handlingsplan för testbäddar", "Hur finansieras handlingsplanen för testbäddar?"
    )
    result = run_replica_load(settings, processes=2, clients=8, seconds=LOAD_SECONDS, add=new)
    assert result["requests"] > 8 and result["errors"] == 0, result["statuses"]
    assert result["inconsistent_answers"] == 0
    assert set(result["versions_seen"]) == {"1", "2"}, result["versions_seen"]  # before and after the add
    assert result["every_process_serves_the_new_document"] is True


def test_a_database_restart_gives_503_with_retry_after_and_heals(
    mini_settings: Settings, database_url: str, pg_server: object
) -> None:
    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    log: list[tuple[float, int, str | None, str]] = []  # time, status (0: no HTTP answer), Retry-After, detail
    stop = threading.Event()
    question = {"question": "Vad saknas inom kliniska prövningar?"}
    with serve(create_app(settings, ui=False)) as base:

        def ask() -> None:
            with httpx.Client(timeout=30) as http:
                while not stop.is_set():
                    try:
                        r = http.post(base + "/api/ask", json=question)
                        detail = "" if r.status_code == 200 else r.json().get("detail", "")
                        log.append((time.monotonic(), r.status_code, r.headers.get("retry-after"), detail))
                    except httpx.HTTPError as exc:
                        log.append((time.monotonic(), 0, None, repr(exc)))
                    time.sleep(0.05)

        clients = [threading.Thread(target=ask, daemon=True) for _ in range(3)]
        for c in clients:
            c.start()
        time.sleep(2)
        down_at = time.monotonic()
        stop_postgres(pg_server)
        try:
            swedish = httpx.post(base + "/api/ask", json=question, headers={"accept-language": "sv"}, timeout=30)
            time.sleep(2)
        finally:
            start_postgres(pg_server)
        back_at = time.monotonic()
        time.sleep(8)
        stop.set()
        for c in clients:
            c.join(timeout=60)
    statuses = {status for _, status, _, _ in log}
    assert statuses <= {200, 503}, [entry for entry in log if entry[1] not in (200, 503)][:3]
    gap = [entry for entry in log if down_at < entry[0] < back_at]
    assert any(status == 503 for _, status, _, _ in gap), "no request saw the database down"
    refused = [entry for entry in log if entry[1] == 503]
    assert all(
        retry == "2" and detail.startswith("The index database cannot be reached") for _, _, retry, detail in refused
    )
    assert swedish.status_code == 503 and swedish.headers["retry-after"] == "2"
    assert swedish.json()["detail"].startswith("Indexdatabasen går inte att nå")
    recovered = [t for t, status, _, _ in log if status == 200 and t > back_at]
    assert recovered and recovered[0] - back_at <= 5.0, "no answer within 5 s of the database being back"
    assert all(status == 200 for t, status, _, _ in log if t > back_at + 5.0)
    print(f"database restart: {len(refused)} × 503, answers again {recovered[0] - back_at:.2f} s after")


def test_health_and_info_name_the_store_and_version(mini_settings: Settings, database_url: str) -> None:
    import json
    import subprocess
    import sys

    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    with serve(create_app(settings, ui=False)) as base:
        health = httpx.get(base + "/api/health").json()
        answer = httpx.post(base + "/api/ask", json={"question": "Vad saknas inom kliniska prövningar?"}).json()
    assert health["vector_store"] == "postgres" and health["index_version"] == "1"
    assert answer["index_version"] == "1"
    env = {
        **os.environ,
        "STRATEGIQA_VECTOR_STORE": "postgres",
        "STRATEGIQA_DATABASE_URL": database_url,
        "STRATEGIQA_CORPUS_DIR": str(settings.corpus_dir),
        "STRATEGIQA_CACHE_DIR": str(settings.cache_dir),
    }
    info = subprocess.run(
        [sys.executable, "-m", "strategiqa.app", "info", "--json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["vector_store"] == "postgres"


def test_an_unreachable_database_is_one_line_on_the_command_line(mini_settings: Settings) -> None:
    import subprocess
    import sys

    env = {
        **os.environ,
        "STRATEGIQA_VECTOR_STORE": "postgres",
        # Nothing listens on port 1 of loopback: the connection is refused at once.
        "STRATEGIQA_DATABASE_URL": "postgresql://strategiqa@127.0.0.1:1/strategiqa",
        "STRATEGIQA_CORPUS_DIR": str(mini_settings.corpus_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "strategiqa.app", "ask", "Vad saknas?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip() and "Warning" not in line]
    assert len(lines) == 1 and "database cannot be reached" in lines[0], done.stderr
