"""Reliability and security: load, admission control, headers, CORS, privacy, index integrity.

Every load here goes to 127.0.0.1 only and is bounded in request count and time.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from strategiqa.app.api import create_app
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.retrieval.index import load_index

from tests.conftest import CORPUS, serve

QUESTIONS = [
    "Hur många life science-bolag finns det i Västsverige?",
    "What does the strategy say about clinical trials?",
    "Vilka indikatorer ska användas för att följa upp agendan?",
    "Hur ska antimikrobiell resistens motverkas?",
]


def test_eight_clients_get_answers_without_errors(live_server: str) -> None:
    """8 concurrent clients for at most 20 s / 400 requests: no errors, bounded latency."""
    deadline = time.monotonic() + 20

    def client_loop(worker: int) -> list[tuple[int, float]]:
        results = []
        with httpx.Client(base_url=live_server, timeout=30) as client:
            for i in range(50):
                if time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                response = client.post("/api/ask", json={"question": QUESTIONS[(worker + i) % len(QUESTIONS)]})
                results.append((response.status_code, time.perf_counter() - t0))
        return results

    with ThreadPoolExecutor(8) as pool:
        results = [r for rs in pool.map(client_loop, range(8)) for r in rs]
    statuses = {status for status, _ in results}
    latencies = sorted(t for _, t in results)
    assert statuses == {200}, statuses
    assert len(results) >= 40
    assert latencies[int(0.95 * (len(latencies) - 1))] < 5.0


def test_requests_beyond_capacity_get_503_with_retry_after(real_settings: Settings, real_engine: Engine) -> None:
    tight = real_settings.model_copy(update={"max_concurrent_requests": 1, "queue_timeout_s": 0.01})
    with serve(create_app(tight, real_engine, ui=False)) as url:

        def ask(i: int) -> httpx.Response:
            with httpx.Client(base_url=url, timeout=30) as client:
                return client.post("/api/align", json={"text": "Kliniska prövningar och hälsodata. " * 200})

        with ThreadPoolExecutor(6) as pool:
            responses = list(pool.map(ask, range(6)))
    statuses = [r.status_code for r in responses]
    assert 200 in statuses and 503 in statuses, statuses
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.headers["retry-after"] == "2" and "busy" in busy.json()["detail"]


def test_security_headers_and_closed_cors(live_server: str) -> None:
    for path in ("/", "/api/health"):
        response = httpx.get(live_server + path, headers={"Origin": "https://evil.example"})
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "access-control-allow-origin" not in response.headers
    preflight = httpx.options(
        live_server + "/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_can_be_opened_for_configured_origins(real_settings: Settings, real_engine: Engine) -> None:
    opened = real_settings.model_copy(update={"cors_origins": ["https://intranet.example"]})
    with serve(create_app(opened, real_engine, ui=False)) as url:
        ok = httpx.get(url + "/api/health", headers={"Origin": "https://intranet.example"})
        other = httpx.get(url + "/api/health", headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://intranet.example"
    assert "access-control-allow-origin" not in other.headers


def test_health_reports_index_status(live_server: str) -> None:
    body = httpx.get(live_server + "/api/health").json()
    assert body["status"] == "ok" and body["corpus_checksum_match"] is True


def test_docs_page_works_offline(live_server: str) -> None:
    page = httpx.get(live_server + "/docs")
    assert page.status_code == 200 and "/docs-static/swagger-ui-bundle.js" in page.text
    assert httpx.get(live_server + "/docs-static/swagger-ui-bundle.js").status_code == 200


def test_error_bodies_carry_no_traceback_or_path(live_server: str) -> None:
    for response in (
        httpx.post(live_server + "/api/ask", content=b"\xff\xfe", headers={"content-type": "application/json"}),
        httpx.get(live_server + "/api/passages/" + "x" * 500),
        httpx.post(live_server + "/api/verify", json={"passage_id": 1, "quote": None}),
    ):
        assert 400 <= response.status_code < 500
        text = response.text
        assert "Traceback" not in text and "/work/" not in text and ".py" not in text


def test_a_proposal_never_reaches_logs_or_disk(
    live_server: str, real_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    marker = f"HEMLIGT-{uuid.uuid4().hex}"
    text = f"Vi vill korta tiden för kliniska prövningar. Kodnamn {marker} är konfidentiellt."
    started = time.time()
    with caplog.at_level(logging.DEBUG):
        assert httpx.post(live_server + "/api/align", json={"text": text}, timeout=60).status_code == 200
        files = {"file": ("forslag.txt", text.encode(), "text/plain")}
        assert httpx.post(live_server + "/api/align", files=files, timeout=60).status_code == 200
    assert marker not in caplog.text
    roots = [Path(tempfile.gettempdir()), real_settings.index_dir, real_settings.cache_dir]
    for root in roots:
        # os.walk skips folders that vanish while it walks (other programs' temp folders come and go).
        for folder, _, names in os.walk(root, onerror=lambda error: None):
            for name in names:
                path = Path(folder) / name
                try:
                    if path.is_file() and path.stat().st_mtime >= started - 1 and path.stat().st_size < 50_000_000:
                        assert marker.encode() not in path.read_bytes(), path
                except (PermissionError, FileNotFoundError):
                    continue


def _cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strategiqa.app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


def test_killed_ingest_leaves_the_previous_index_usable(mini_settings: Settings, tmp_path: Path) -> None:
    ingest(mini_settings, progress=False)
    before = load_index(mini_settings.index_dir).manifest.fingerprint
    env = {
        **os.environ,
        "STRATEGIQA_CORPUS_DIR": str(CORPUS),
        "STRATEGIQA_INDEX_DIR": str(mini_settings.index_dir),
        "STRATEGIQA_CACHE_DIR": str(tmp_path / "empty-cache"),
    }  # an empty cache: embedding takes a while
    process = subprocess.Popen(
        [sys.executable, "-m", "strategiqa.app", "ingest"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    parent = mini_settings.index_dir.parent
    while not list(parent.glob(".index.tmp-*")) and not (tmp_path / "empty-cache" / "embeddings.sqlite").exists():
        assert time.time() < deadline and process.poll() is None, "ingest did not start"
        time.sleep(0.1)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    index = load_index(mini_settings.index_dir)  # verifies every checksum
    assert index.manifest.fingerprint == before
    assert {p.doc_id for p in index.passages} == {"mini-agenda", "mini-strategi"}
    ingest(mini_settings, progress=False)
    assert not list(parent.glob(".index.tmp-*")), "the next ingest clears what the killed one left"


def test_two_ingests_at_once_are_serialised(mini_settings: Settings) -> None:
    env = {
        "STRATEGIQA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "STRATEGIQA_INDEX_DIR": str(mini_settings.index_dir),
        "STRATEGIQA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "strategiqa.app", "ingest"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert load_index(mini_settings.index_dir).manifest.passage_count > 0
    assert (mini_settings.index_dir.parent / ".index.lock").exists()


def test_damaged_index_stops_ask_with_one_line_or_is_rebuilt(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    target = mini_settings.index_dir / "passages.vectors"
    target.write_bytes(target.read_bytes()[:100])
    env = {
        "STRATEGIQA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "STRATEGIQA_INDEX_DIR": str(mini_settings.index_dir),
        "STRATEGIQA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    strict = _cli(["ask", "Vad är EHDS?"], STRATEGIQA_AUTO_INGEST="0", **env)
    assert strict.returncode == 1
    assert strict.stderr.count("\n") == 1 and "damaged" in strict.stderr and "strategiqa ingest" in strict.stderr
    rebuilt = _cli(["ask", "Vad är EHDS?", "--json"], **env)
    assert rebuilt.returncode == 0 and "building it now" in rebuilt.stderr
    assert load_index(mini_settings.index_dir).manifest.passage_count > 0


def test_an_unexpected_error_is_a_bare_500_with_security_headers(real_settings: Settings, real_engine: Engine) -> None:
    wrapped = create_app(real_settings, real_engine, ui=False)

    @wrapped.app.get("/api/boom")  # a route that fails the way a bug would
    def boom() -> None:
        raise RuntimeError("secret internals /work/main/app/engine.py")

    with serve(wrapped) as url:
        response = httpx.get(url + "/api/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error; the request was not processed."}
    assert response.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in response.headers


def test_bad_settings_and_options_are_one_line_exit_2(mini_settings: Settings) -> None:
    base = {
        "STRATEGIQA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "STRATEGIQA_INDEX_DIR": str(mini_settings.index_dir),
        "STRATEGIQA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    for args, env in (
        (["info"], {"STRATEGIQA_CORS_ORIGINS": "https://a.example"}),
        (["ingest"], {"STRATEGIQA_VECTOR_STORE": "hnsw"}),
        (["ask", "Hej?"], {"STRATEGIQA_DEFAULT_MODE": "magic"}),
        (["serve", "--log-level", "nonsense"], {}),
    ):
        result = _cli(args, **base, **env)
        assert result.returncode == 2, (args, result.stderr)
        assert (
            result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        )


def test_health_hashes_the_corpus_only_when_a_file_changed(
    mini_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import strategiqa.app.api as api

    calls = []
    real = api.corpus_checksum

    def counting(corpus_dir: Path) -> str:  # a spy: the real checksum, counted
        calls.append(corpus_dir)
        return real(corpus_dir)

    monkeypatch.setattr(api, "corpus_checksum", counting)
    ingest(mini_settings, progress=False)
    wrapped = create_app(mini_settings, Engine.open(mini_settings), ui=False)
    with serve(wrapped) as url:
        assert [httpx.get(url + "/api/health").json()["status"] for _ in range(5)] == ["ok"] * 5
        assert len(calls) == 1
        (mini_settings.corpus_dir / "agenda.md").write_text("# Ändrad agenda\n\nNy text.\n", encoding="utf-8")
        assert httpx.get(url + "/api/health").json()["status"] == "stale" and len(calls) == 2
