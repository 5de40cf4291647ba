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
    build_index,
    fingerprint,
    load_index,
    prepare_index,
    read_manifest,
    sibling_name,
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
    fresh: another process may have rebuilt it while this one waited.
    """
    offline_environment()
    embedder = embedder or make_embedder(settings)
    if settings.vector_store == "postgres":
        return _ingest_to_database(settings, embedder, progress, skip_if_fresh)
    started = time.perf_counter()
    with _ingest_lock(settings.index_dir):
        _remove_leftovers(settings.index_dir)
        # Fingerprint the corpus before reading it: an edit during the ingest then makes the
        # index count as stale, never as fresh.
        checksum = corpus_checksum(settings.corpus_dir)
        if skip_if_fresh and _is_fresh(settings, embedder, checksum):
            return IngestReport(settings.index_dir, 0, 0, 0, round(time.perf_counter() - started, 2), {})
        parsed = parse_corpus(settings.corpus_dir, settings.passage_words)
        cache = EmbeddingCache(settings.embedding_cache_path)
        bar = ProgressBar("Embedding", enabled=progress)
        try:
            manifest = build_index(
                parsed.documents,
                parsed.passages,
                embedder,
                cache,
                settings.index_dir,
                checksum,
                _chunking(settings),
                vector_store=settings.vector_store,
                progress=bar.update,
            )
        finally:
            bar.close()
            cache.close()
    return IngestReport(
        settings.index_dir,
        manifest.passage_count,
        manifest.sentence_count,
        cache.misses,
        round(time.perf_counter() - started, 2),
        parsed.skipped,
        dict(Counter(p.doc_id for p in parsed.passages)),
    )


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
    """The database's active version, loaded; built first when there is none, when it is of an older
    format, or when the corpus folder (if this process has one) changed, and auto-ingest is on.

    A replica without the corpus folder serves whatever version is active. The returned index keeps its
    database open (``index.database``) for searches and version checks.
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
        elif settings.corpus_dir.is_dir():
            expected = fingerprint(corpus_checksum(settings.corpus_dir), embedder.model_id, _chunking(settings))
            if active.manifest.fingerprint != expected:
                reason = "The corpus or chunking changed since the database's index was built"
        if reason is not None:
            if not settings.auto_ingest:
                raise IndexProblem(f"{reason}; run `strategiqa ingest` (auto-ingest is off).")
            notice(f"{reason}; building it now.")
            _ingest_to_database(settings, embedder, sys.stderr.isatty(), skip_if_fresh=True)
            active = database.active()
        assert active is not None
        return database.load_version(active.version_id)
    except BaseException:
        database.close()
        raise


def _ingest_to_database(settings: Settings, embedder: Embedder, progress: bool, skip_if_fresh: bool) -> IngestReport:
    """Write a new index version to the database under its advisory lock; readers switch to it at once."""
    started = time.perf_counter()
    database = open_database(settings, create=True)
    try:
        with database.ingest_lock():
            checksum = corpus_checksum(settings.corpus_dir)
            active = database.active()
            expected = fingerprint(checksum, embedder.model_id, _chunking(settings))
            if skip_if_fresh and active is not None and active.manifest.fingerprint == expected:
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
                    "postgres",
                    progress=bar.update,
                )
            finally:
                bar.close()
                cache.close()
            version = database.write_version(prepared, keep=settings.database.keep_versions)
    finally:
        database.close()
    return IngestReport(
        settings.index_dir,
        prepared.manifest.passage_count,
        prepared.manifest.sentence_count,
        cache.misses,
        round(time.perf_counter() - started, 2),
        parsed.skipped,
        dict(Counter(p.doc_id for p in parsed.passages)),
        database_version=version,
    )


def _is_fresh(settings: Settings, embedder: Embedder, checksum: str) -> bool:
    """The index exists, matches corpus, model and chunking, and every file checks out."""
    try:
        manifest = read_manifest(settings.index_dir)
        if manifest is None or manifest.fingerprint != fingerprint(checksum, embedder.model_id, _chunking(settings)):
            return False
        load_index(settings.index_dir)
    except IndexProblem:
        return False
    return True


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
