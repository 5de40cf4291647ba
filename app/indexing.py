"""Keeping the index fresh: build it under a lock, reuse it while the corpus, model and format match,
rebuild it (or refuse, with auto-ingest off) when they do not."""

from __future__ import annotations

import fcntl
import logging
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategiqa.ingest.load import IngestError, corpus_checksum
from strategiqa.ingest.pipeline import parse_corpus
from strategiqa.retrieval.cache import EmbeddingCache
from strategiqa.retrieval.embedders import Embedder, create_embedder
from strategiqa.retrieval.index import (
    FORMAT_VERSION,
    IndexProblem,
    LoadedIndex,
    PreparedIndex,
    fingerprint,
    load_index,
    prepare_index,
    read_manifest,
    sibling_name,
    write_index_dir,
)
from strategiqa.retrieval.postgres import Database, PoolLimits

from .settings import Settings, offline_environment

log = logging.getLogger(__name__)
Notice = Callable[[str], None]


@dataclass
class IngestReport:
    index_dir: Path
    passages: int
    sentences: int
    embedded: int
    seconds: float
    skipped: dict[str, str]
    per_document: dict[str, int] = field(default_factory=dict)
    """Passages per document id."""
    database_version: int | None = None
    """With the postgres store: the index version written (and made active) in the database."""
    unnumbered: list[str] = field(default_factory=list)
    """Ids of the documents with no numbered heading: the outline, the crosswalk and the proposal check find
    no areas or objectives in them."""

    @property
    def location(self) -> str:
        if self.database_version is not None:
            return f"version {self.database_version} in the database"
        return str(self.index_dir)


def ingest(
    settings: Settings, embedder: Embedder | None = None, progress: bool = True, skip_if_fresh: bool = False
) -> IngestReport:
    """Parse the corpus and (re)build the index; only new or changed text is embedded.

    With ``skip_if_fresh``, nothing is done when, once the lock is held, the index turns out to be
    fresh: another process may have rebuilt it while this one waited. The index is a folder (file lock,
    swapped in whole) or, with the postgres store, a new database version (advisory lock, one transaction).
    """
    offline_environment()
    started = time.perf_counter()
    embedder = embedder or make_embedder(settings)
    target = _DatabaseTarget(settings) if settings.vector_store == "postgres" else _FolderTarget(settings)
    with target.locked():
        # Fingerprint the corpus before reading it: an edit during the ingest then makes the
        # index count as stale, never as fresh.
        checksum = corpus_checksum(settings.corpus_dir)
        if skip_if_fresh and target.is_fresh(fingerprint(checksum, embedder.model_id, _chunking(settings))):
            return IngestReport(settings.index_dir, 0, 0, 0, round(time.perf_counter() - started, 2), {})
        parsed = parse_corpus(settings.corpus_dir, settings.passage_words)
        cache = EmbeddingCache(settings.embedding_cache_path)
        bar = ProgressBar("Embedding", enabled=progress)
        try:
            prepared = prepare_index(
                parsed.documents,
                parsed.passages,
                embedder,
                cache,
                checksum,
                _chunking(settings),
                settings.vector_store,
                progress=bar.update,
            )
        finally:
            bar.close()
            cache.close()
        version = target.write(prepared)
    return IngestReport(
        settings.index_dir,
        prepared.manifest.passage_count,
        prepared.manifest.sentence_count,
        cache.misses,
        round(time.perf_counter() - started, 2),
        parsed.skipped,
        dict(Counter(p.doc_id for p in parsed.passages)),
        database_version=version,
        unnumbered=[d.info.doc_id for d in parsed.documents if not any(x.number for x in d.all_sections())],
    )


class _FolderTarget:
    """The index folder: a file lock beside it; written to a temporary folder and swapped in."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @contextmanager
    def locked(self) -> Iterator[None]:
        with _ingest_lock(self.settings.index_dir):
            _remove_leftovers(self.settings.index_dir)
            yield

    def is_fresh(self, expected: str) -> bool:
        """The index exists, matches corpus, model and chunking, and every file checks out."""
        try:
            manifest = read_manifest(self.settings.index_dir)
            if manifest is None or manifest.fingerprint != expected:
                return False
            load_index(self.settings.index_dir)
        except IndexProblem:
            return False
        return True

    def write(self, prepared: PreparedIndex) -> None:
        write_index_dir(prepared, self.settings.index_dir)


class _DatabaseTarget:
    """The database: its advisory lock; a new version written, switched to and pruned in one transaction."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.database: Database | None = None
        self.lock: Any = None

    @contextmanager
    def locked(self) -> Iterator[None]:
        self.database = open_database(self.settings, create=True)
        try:
            with self.database.ingest_lock() as self.lock:
                yield
        finally:
            self.database.close()

    def is_fresh(self, expected: str) -> bool:
        assert self.database is not None
        active = self.database.active()
        return active is not None and active.manifest.fingerprint == expected

    def write(self, prepared: PreparedIndex) -> int:
        assert self.database is not None
        return self.database.write_version(self.lock, prepared, keep=self.settings.database.keep_versions)


def make_embedder(settings: Settings) -> Embedder:
    offline_environment()
    return create_embedder(
        settings.embedder_backend, settings.embedder_model, settings.threads, settings.embed_lock_batch
    )


def open_database(settings: Settings, create: bool = False) -> Database:
    """The postgres store's database, schema checked (with ``create``: created when missing)."""
    if not settings.database_url:
        raise IndexProblem("The postgres store needs a database: set STRATEGIQA_DATABASE_URL=postgresql://….")
    d = settings.database
    limits = PoolLimits(d.pool_min, d.pool_max, d.wait_s, d.connect_timeout_s)
    return Database(settings.database_url, limits).open(create=create)


def fresh_index(settings: Settings, embedder: Embedder, notice: Notice) -> LoadedIndex:
    if settings.vector_store == "postgres":
        return fresh_database_index(settings, embedder, notice)
    index_dir = settings.index_dir
    try:
        manifest = read_manifest(index_dir)
    except IndexProblem:
        manifest, damaged_manifest = None, True
    else:
        damaged_manifest = False
    if manifest is not None and manifest.model_id != embedder.model_id:
        raise IndexProblem(
            f"The index at {index_dir} was built with {manifest.model_id} but the settings use "
            f"{embedder.model_id}; run `strategiqa ingest` to rebuild it."
        )
    if not settings.corpus_dir.is_dir():
        raise IngestError(f"The corpus folder {settings.corpus_dir} does not exist; set STRATEGIQA_CORPUS_DIR.")
    expected = fingerprint(corpus_checksum(settings.corpus_dir), embedder.model_id, _chunking(settings))
    reason = None
    if damaged_manifest:
        reason = f"The index manifest at {index_dir} is damaged"
    elif manifest is None:
        reason = f"No index at {index_dir}"
    elif manifest.format_version != FORMAT_VERSION:
        # An upgrade: the index is rebuilt like a stale one (the embedding cache makes that cheap).
        reason = f"The index at {index_dir} was built by an older version (format {manifest.format_version})"
    elif manifest.fingerprint != expected:
        reason = f"The corpus or chunking changed since the index at {index_dir} was built"
    else:
        try:
            return load_index(index_dir)
        except IndexProblem as exc:
            reason = str(exc).split(";")[0]
    if not settings.auto_ingest:
        raise IndexProblem(f"{reason}; run `strategiqa ingest` (auto-ingest is off).")
    notice(f"{reason}; building it now.")
    # Another process may be swapping a new index in right now: under the lock, rebuild only if
    # the index is still not fresh.
    ingest(settings, embedder, progress=sys.stderr.isatty(), skip_if_fresh=True)
    return load_index(index_dir)


def fresh_database_index(settings: Settings, embedder: Embedder, notice: Notice) -> LoadedIndex:
    """The database's active version, loaded; built first (auto-ingest on) only when there is none or it
    is of an older format.

    The database, not this process's corpus folder, is the truth: an API process started with an older
    copy of the corpus must not roll back a document another process added. When the folder differs,
    the process says so and serves the active version; ``strategiqa ingest`` publishes the folder.
    """
    database = open_database(settings, create=settings.auto_ingest)
    try:
        active = database.active()
        if active is not None and active.manifest.model_id != embedder.model_id:
            raise IndexProblem(
                f"The database's index was built with {active.manifest.model_id} but the settings use "
                f"{embedder.model_id}; run `strategiqa ingest` to rebuild it."
            )
        reason = None
        if active is None:
            reason = "The database holds no index version"
        elif active.manifest.format_version != FORMAT_VERSION:
            reason = f"The database's index was built by an older version (format {active.manifest.format_version})"
        if reason is not None:
            if not settings.auto_ingest:
                raise IndexProblem(f"{reason}; run `strategiqa ingest` (auto-ingest is off).")
            notice(f"{reason}; building it now.")
            ingest(settings, embedder, progress=sys.stderr.isatty(), skip_if_fresh=True)
            active = database.active()
        elif settings.corpus_dir.is_dir():
            expected = fingerprint(corpus_checksum(settings.corpus_dir), embedder.model_id, _chunking(settings))
            if active is not None and active.manifest.fingerprint != expected:
                notice(
                    f"The corpus folder {settings.corpus_dir} differs from the database's index (version "
                    f"{active.version_id}); serving the database's. Run `strategiqa ingest` to publish the folder."
                )
        assert active is not None
        return database.load_version(active.version_id)
    except BaseException:
        database.close()
        raise


def _chunking(settings: Settings) -> dict[str, Any]:
    return {"passage_words": settings.passage_words}


def _remove_leftovers(index_dir: Path) -> None:
    """Temporary folders of an ingest that was killed; safe to remove while we hold the lock."""
    for pattern in (sibling_name(index_dir, "tmp-*"), sibling_name(index_dir, "old-*")):
        for leftover in index_dir.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _ingest_lock(index_dir: Path) -> Iterator[None]:
    """Serialise ingests of one index directory across processes."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = index_dir.parent / sibling_name(index_dir, "lock")
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class ProgressBar:
    """A tqdm bar on stderr, created only once there is embedding work to show."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label, self.enabled = label, enabled
        self._bar: Any = None

    def update(self, done: int, total: int) -> None:
        if not self.enabled or done == 0:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.label, file=sys.stderr, leave=False)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
