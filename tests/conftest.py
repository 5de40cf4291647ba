"""Shared fixtures: every test gets its own index dir; the real corpus index is built once per session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strategiqa.retrieval.routing import DocumentRouter

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.ingest.pipeline import ParsedCorpus, parse_corpus

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(autouse=True)
def own_index_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes to the repository's index: each gets a fresh STRATEGIQA_INDEX_DIR."""
    index_dir = tmp_path / "index"
    monkeypatch.setenv("STRATEGIQA_INDEX_DIR", str(index_dir))
    return index_dir


@pytest.fixture(scope="session")
def parsed_corpus() -> ParsedCorpus:
    return parse_corpus(CORPUS)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for an index of the real corpus with the real default model, built once.

    The embedding cache is the repository's, so only the first run on a machine embeds.
    """
    settings = Settings(index_dir=tmp_path_factory.mktemp("real") / "index", corpus_dir=CORPUS)
    ingest(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def real_engine(real_settings: Settings) -> Engine:
    return Engine.open(real_settings)


MINI_MANIFEST = """
[[documents]]
id = "mini-agenda"
file = "agenda.md"
title = "Miniagenda för life science"
publisher = "Testregionen"
year = 2025
kind = "regional"
names = ["agenda", "agendan"]
places = ["Västsverige", "West Sweden"]

[[documents]]
id = "mini-strategi"
file = "strategi.txt"
title = "En liten strategi för life science"
publisher = "Regeringen"
year = 2024
kind = "national"
names = ["strategin", "strategy"]
places = ["Sverige", "Sweden"]
"""

MINI_AGENDA = """
# Miniagenda för life science

## 1. Kliniska prövningar

### MÅLBILD

Västsverige ska vara bäst i Norden på kliniska prövningar. Prövningarna ska vara enkla att starta.

### BEHOV

Det saknas forskningssjuksköterskor och tid för forskning i vården.

#### 2. Kompetens

##### MÅLBILD

Det finns attraktiva utbildningar och trainee-program för unga ingenjörer.

##### BEHOV

Idag saknas samordning av kompetensförsörjningen mellan lärosäten och företag.
"""

MINI_STRATEGY = """ 1. Hälsodata

Hälsodata är en oundgänglig resurs för forskning. Registren i Sverige är unika.

1.1 En nationell digital infrastruktur i hälso- och 
sjukvården
Regeringen vill att hälsodata ska vara tillgängliga i hela vårdkedjan. Det europeiska 
hälsodataområdet (EHDS) ska införas effektivt.
 2. Klimat och miljö

Läkemedel i miljön är ett problem. Ett etappmål för läkemedel i miljön ska tas fram.
"""


def engine_with_document(root: Path, document: Path, entry: str) -> Engine:
    """An engine over the real corpus plus ``document`` (its manifest ``entry`` appended), indexed under ``root``:
    a document nobody here wrote, next to the bundled two."""
    import shutil

    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(document, corpus / document.name)
    with (corpus / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(entry)
    settings = Settings(index_dir=root / "index", corpus_dir=corpus)
    ingest(settings, progress=False)
    return Engine.open(settings)


def write_mini_corpus(folder: Path) -> Path:
    """A two-document corpus, small enough to embed in a second with the real model."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.toml").write_text(MINI_MANIFEST, encoding="utf-8")
    (folder / "agenda.md").write_text(textwrap.dedent(MINI_AGENDA), encoding="utf-8")
    (folder / "strategi.txt").write_text(MINI_STRATEGY, encoding="utf-8")
    return folder


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    return write_mini_corpus(tmp_path / "corpus")


@pytest.fixture
def mini_settings(mini_corpus: Path, own_index_dir: Path, tmp_path: Path) -> Settings:
    """The mini corpus with its own embedding cache, so embedding counts are this test's own."""
    return Settings(corpus_dir=mini_corpus, index_dir=own_index_dir, cache_dir=tmp_path / "cache")


@contextmanager
def serve(app: object) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port for the duration of the block."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("the test server did not start within 60 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(real_settings: Settings, real_engine: Engine) -> Iterator[str]:
    """The real app (API + Gradio UI) served by uvicorn on a free loopback port."""
    from strategiqa.app.api import create_app

    with serve(create_app(real_settings, real_engine)) as url:
        yield url


def corpus_router() -> DocumentRouter:
    """The router the bundled corpus's manifest gives (names, cues, places; topic from its titles)."""
    from strategiqa.ingest.load import read_manifest
    from strategiqa.retrieval.routing import DocumentRouter, corpus_topic_phrases

    infos = read_manifest(Path(__file__).resolve().parents[1] / "corpus")
    return DocumentRouter(infos, corpus_topic_phrases([i.title for i in infos]))


# PostgreSQL (the postgres store): a throwaway server from the pgserver package (bundled PostgreSQL and
# pgvector binaries), started once per session; each test gets its own database on it. On a machine where
# the server cannot start, those tests skip with the reason, except where STRATEGIQA_REQUIRE_POSTGRES is
# set (.ci/run sets it): CI must run them.


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    import os

    try:
        import pgserver

        server = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="delete")
    except Exception as exc:  # ImportError, or the server's own start failure
        reason = f"PostgreSQL (pgserver) could not start: {type(exc).__name__}: {exc}".splitlines()[0]
        if os.environ.get("STRATEGIQA_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.cleanup()


@pytest.fixture
def database_url(pg_server: object) -> str:
    """A new, empty database of its own on the session's server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server.get_uri(), autocommit=True) as conn:  # type: ignore[attr-defined]
        conn.execute(f"CREATE DATABASE {name}")
    return str(pg_server.get_uri(name))  # type: ignore[attr-defined]


def stop_postgres(server: object) -> None:
    """Stop the server (fast: open connections are cut)."""
    from pgserver._commands import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)  # type: ignore[attr-defined]


def start_postgres(server: object) -> None:
    """Start a stopped server again in place (same data, same socket)."""
    with server._lock:  # type: ignore[attr-defined]
        server.ensure_postgres_running()  # type: ignore[attr-defined]
