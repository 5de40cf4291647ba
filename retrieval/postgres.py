"""The index in PostgreSQL with pgvector, shared by any number of API processes.

Each ingest writes a complete *version* — its passages, sentences, vectors, BM25 terms, documents,
crosswalk and manifest — in one transaction, and in the same transaction moves the ``active`` pointer
to it and drops versions older than the last few. Readers see the old version or the new one, never a
mix: a version's rows are invisible until the commit, and a version is only read through the pointer.
Two ingests are serialised by an advisory lock held for the whole ingest, so the database, not a file
on one machine, decides who writes.

A version's passages and sentences live in their own tables (``passages_<id>``, ``sentences_<id>``):
an HNSW index then covers exactly one version (a filter on a shared table would cut its results), and
dropping a version is dropping its tables. Vectors are searched by inner product (``<#>``), exactly
below ``EXACT_SEARCH_LIMIT`` vectors and through HNSW above it, as the FAISS store does.

LlamaIndex's PGVectorStore is not used for the writes: it commits each batch in its own session, so a
version could not be written, switched to and pruned in one transaction, and its table holds one node
collection with cosine distance, not versions. Everything here is plain SQL through psycopg 3.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.ingest.model import Passage

from .bm25 import BM25
from .index import IndexManifest, IndexProblem, LoadedIndex, PreparedIndex, document_from_dict, document_to_dict
from .vector_store import EXACT_SEARCH_LIMIT, VectorStore

SCHEMA = "strategiqa"
SCHEMA_VERSION = 1
"""1: versions with their own passage and sentence tables, the active pointer, the meta table."""
INGEST_LOCK = 0x5354_5241_5445_4749  # "STRATEGI": the advisory lock key all ingests of one database share
HNSW_EF_SEARCH = 128  # as the FAISS HNSW store; raised to k when more results are asked for
HNSW_EF_SEARCH_MAX = 1000  # pgvector's upper bound for hnsw.ef_search
TEXT_SEARCH_CONFIG = {"sv": "swedish", "en": "english"}  # PostgreSQL's stemmers by document language

EXTRA_HINT = "install the postgres extra: pip install 'strategiqa[postgres]'"


UNAVAILABLE = "The index database cannot be reached right now; please try again in a moment."


class StoreUnavailable(Exception):
    """The database cannot be reached (down, restarting, pool exhausted): retry shortly. The message is
    the sentence users see; ``reason`` is the driver's first line, for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(UNAVAILABLE)
        self.reason = reason


@dataclass(frozen=True)
class PoolLimits:
    """Connection pool sizes and waits (from the settings' ``database`` section)."""

    min_size: int = 1
    max_size: int = 10
    wait_s: float = 2.0
    """How long a request waits for a free (or new) connection before the database counts as unavailable."""
    connect_timeout_s: int = 2


@dataclass(frozen=True)
class Version:
    version_id: int
    manifest: IndexManifest


class Database:
    """A connection pool to one database holding the strategiqa schema."""

    def __init__(self, url: str, limits: PoolLimits = PoolLimits()) -> None:
        self.url = resolve_url(url)
        self.limits = limits
        self._pool: Any = None

    def open(self, create: bool) -> Database:
        """Check (with ``create``: first create) the schema, then open the pool. Raises IndexProblem on a
        schema of another version, StoreUnavailable when the server cannot be reached."""
        with self._direct() as conn:
            # Created only when missing: an API process on a read-only replica never issues DDL.
            if create and not _has_schema(conn):
                _create_schema(conn)
            _check_schema(conn)
        try:
            from psycopg_pool import ConnectionPool
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise IndexProblem(f"The postgres store needs psycopg-pool; {EXTRA_HINT}.") from exc

        self._pool = ConnectionPool(
            self.url,
            min_size=self.limits.min_size,
            max_size=self.limits.max_size,
            timeout=self.limits.wait_s,
            kwargs={"autocommit": True, "connect_timeout": self.limits.connect_timeout_s},
            configure=_register_vector,
            check=ConnectionPool.check_connection,
            # A failed reconnection is retried on the next request, not given up for minutes.
            reconnect_timeout=self.limits.wait_s,
            open=False,
        )
        self._pool.open(wait=False)
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """A pooled connection; connection failures become StoreUnavailable."""
        assert self._pool is not None, "Database.open() first"
        with _unavailable_on_failure(), self._pool.connection() as conn:
            yield conn

    def active_id(self) -> int | None:
        """The active version's id: one indexed row, read before every request by each replica."""
        with self.connection() as conn:
            row = conn.execute(f"SELECT version_id FROM {SCHEMA}.active").fetchone()
        return None if row is None else int(row[0])

    def active(self) -> Version | None:
        with self.connection() as conn:
            row = conn.execute(
                f"SELECT v.id, v.manifest FROM {SCHEMA}.active a JOIN {SCHEMA}.versions v ON v.id = a.version_id"
            ).fetchone()
        return None if row is None else Version(int(row[0]), IndexManifest(**_json(row[1])))

    def version_ids(self) -> list[int]:
        with self.connection() as conn:
            return [int(r[0]) for r in conn.execute(f"SELECT id FROM {SCHEMA}.versions ORDER BY id")]

    @contextmanager
    def ingest_lock(self) -> Iterator[Any]:
        """Serialise ingests across every process using this database: a session advisory lock on a
        connection of its own, which the ingest then writes its version on (``write_version(lock, …)``):
        had the connection dropped and the lock with it, the write fails instead of racing another ingest.
        A killed ingest releases the lock with its connection."""
        with self._direct() as conn, _unavailable_on_failure():
            conn.execute("SELECT pg_advisory_lock(%s)", (INGEST_LOCK,))
            _register_vector(conn)
            try:
                yield conn
            finally:
                if not conn.closed:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (INGEST_LOCK,))

    def write_version(self, lock: Any, prepared: PreparedIndex, keep: int = 3) -> int:
        """Write ``prepared`` as a new version, make it active and drop all but the ``keep`` newest versions,
        in one transaction on ``lock``, the connection ``ingest_lock`` holds; returns the new version's id."""
        with _unavailable_on_failure():
            return _write_version(lock, prepared, keep)

    def load_version(self, version_id: int) -> LoadedIndex:
        """Everything a replica keeps in memory for one version (texts, BM25 terms, sentence vectors for
        scoring answers); nearest-neighbour search stays in the database."""
        passages_table, sentences_table = _tables(version_id)
        with self.connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            row = conn.execute(
                f"SELECT manifest, documents, crosswalk FROM {SCHEMA}.versions WHERE id = %s", (version_id,)
            ).fetchone()
            if row is None:
                raise IndexProblem(f"Index version {version_id} is gone from the database; run `strategiqa ingest`.")
            manifest = IndexManifest(**_json(row[0]))
            documents = [document_from_dict(d) for d in _json(row[1])]
            crosswalk = _json(row[2])
            passages, tokens = [], []
            for data, terms in conn.execute(f"SELECT data, tokens FROM {passages_table} ORDER BY position"):
                passages.append(Passage.from_dict(_json(data)))
                tokens.append(list(terms))
            # In the same snapshot: the sentence vectors answers and proposals are scored with.
            cursor = conn.cursor(binary=True)
            rows = cursor.execute(f"SELECT passage, embedding FROM {sentences_table} ORDER BY position").fetchall()
            owners = np.asarray([r[0] for r in rows], dtype=np.int32)
            sentence_vectors = np.vstack([_array(r[1]) for r in rows]) if rows else np.zeros((0, manifest.dim))
        hnsw = (manifest.passage_count > EXACT_SEARCH_LIMIT, manifest.sentence_count > EXACT_SEARCH_LIMIT)
        passage_store = PostgresVectorStore(self, passages_table, manifest.passage_count, hnsw[0])
        sentence_store = PostgresVectorStore(self, sentences_table, manifest.sentence_count, hnsw[1])
        sentence_store.loaded = sentence_vectors.astype(np.float32)
        index = LoadedIndex(
            manifest, passages, documents, passage_store, sentence_store, owners, BM25(tokens), crosswalk
        )
        index.database_version = version_id
        return index

    def text_search(self, version_id: int, question: str, language: str, k: int) -> list[int]:
        """PostgreSQL's own full-text ranking (``ts_rank_cd``) of one version's passages, any question term
        matching: the alternative to our BM25 that ``strategiqa bench --postgres`` compares on the eval sets."""
        passages, _ = _tables(version_id)
        config = TEXT_SEARCH_CONFIG.get(language, "simple")
        with self.connection() as conn:
            rows = conn.execute(
                f"SELECT position FROM {passages}, "
                # Stemmed by the language's config, then OR-ed; 'simple' keeps the quoted stems as they are.
                "to_tsquery('simple', replace(plainto_tsquery(%s::regconfig, %s)::text, '&', '|')) AS q "
                "WHERE q::text <> '' AND tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, position LIMIT %s",
                (config, question, k),
            ).fetchall()
        return [int(r[0]) for r in rows]

    @contextmanager
    def _direct(self) -> Iterator[Any]:
        """A connection outside the pool (schema setup, the ingest lock)."""
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise IndexProblem(f"The postgres store needs psycopg; {EXTRA_HINT}.") from exc
        with _unavailable_on_failure():
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=self.limits.connect_timeout_s)
        try:
            yield conn
        finally:
            conn.close()


class PostgresVectorStore(VectorStore):
    """One version's vectors in one table, searched by inner product in the database (positions are the
    rows' ``position``). Written by ``Database.write_version`` only: ``add`` and ``save`` do not apply."""

    def __init__(self, database: Database, table: str, count: int, hnsw: bool) -> None:
        super().__init__("postgres", None)
        self.database, self.table, self._count, self.hnsw = database, table, count, hnsw
        self.loaded: np.ndarray | None = None
        """The vectors, when read already (a version's sentences are read with the rest of it)."""

    def add(self, vectors: np.ndarray) -> None:
        raise NotImplementedError("a version's vectors are written by Database.write_version")

    def save(self, path: Path) -> None:
        raise NotImplementedError("a version lives in the database")

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best ``(scores, positions)``, best first."""
        k = min(k, self._count)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        vector = query.astype(np.float32)
        with self.database.connection() as conn, conn.transaction():
            if self.hnsw:
                # HNSW returns at most ef_search rows, and pgvector allows at most 1000: a search asking
                # for more gets the best 1000 (the rest would only lower-bound scores that are already low).
                k = min(k, HNSW_EF_SEARCH_MAX)
                conn.execute(f"SET LOCAL hnsw.ef_search = {max(HNSW_EF_SEARCH, k)}")
            rows = conn.execute(
                f"SELECT position, embedding <#> %s AS distance FROM {self.table} ORDER BY distance LIMIT %s",
                (vector, k),
                binary=True,
            ).fetchall()
        positions = np.asarray([r[0] for r in rows], dtype=np.int64)
        scores = -np.asarray([r[1] for r in rows], dtype=np.float32)
        return scores, positions

    def vectors(self) -> np.ndarray:
        """All vectors of the table in position order (read when a version is loaded)."""
        if self.loaded is not None:
            return self.loaded
        with self.database.connection() as conn:
            rows = conn.cursor(binary=True).execute(f"SELECT embedding FROM {self.table} ORDER BY position").fetchall()
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([_array(r[0]) for r in rows])


def resolve_url(url: str) -> str:
    """``postgresql://…`` as is; ``pgserver:FOLDER`` starts (or reuses) a local throwaway server in FOLDER
    with the ``pgserver`` package, for trying the postgres store without installing PostgreSQL."""
    if not url.startswith("pgserver:"):
        return url
    try:
        import pgserver
    except ImportError as exc:
        raise IndexProblem(f"A pgserver: database URL needs the pgserver package; {EXTRA_HINT}.") from exc
    folder = Path(url.removeprefix("pgserver:")).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return str(pgserver.get_server(folder, cleanup_mode="stop").get_uri())


def redact(url: str) -> str:
    """The connection string without its password (for ``info``): in the URL's user part, as a
    ``password=`` query parameter, or as a ``password=…`` key of a key-value string."""
    url = re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
    return re.sub(r"(password\s*=\s*)('[^']*'|[^&\s]+)", r"\1***", url, flags=re.IGNORECASE)


def _write_version(conn: Any, prepared: PreparedIndex, keep: int) -> int:
    """See ``Database.write_version``."""
    manifest = prepared.manifest
    languages = {d.info.doc_id: d.info.language for d in prepared.documents}
    with conn.transaction():
        row = conn.execute(
            f"INSERT INTO {SCHEMA}.versions (fingerprint, manifest, documents, crosswalk) "
            "VALUES (%s, %s, %s, %s) RETURNING id",
            (
                manifest.fingerprint,
                json.dumps(asdict(manifest), ensure_ascii=False),
                json.dumps([document_to_dict(d) for d in prepared.documents], ensure_ascii=False),
                json.dumps(prepared.crosswalk, ensure_ascii=False),
            ),
        ).fetchone()
        assert row is not None
        version_id = int(row[0])
        passages, sentences = _tables(version_id)
        conn.execute(
            f"CREATE TABLE {passages} (position int PRIMARY KEY, passage_id text NOT NULL UNIQUE, "
            f"doc_id text NOT NULL, language text NOT NULL, data json NOT NULL, tokens text[] NOT NULL, "
            f"embedding vector({manifest.dim}) NOT NULL, tsv tsvector)"
        )
        conn.execute(
            f"CREATE TABLE {sentences} (position int PRIMARY KEY, passage int NOT NULL, "
            f"embedding vector({manifest.dim}) NOT NULL)"
        )
        with conn.cursor().copy(
            f"COPY {passages} (position, passage_id, doc_id, language, data, tokens, embedding) "
            "FROM STDIN WITH (FORMAT BINARY)"
        ) as copy:
            copy.set_types(["int4", "text", "text", "text", "json", "text[]", "vector"])
            for i, (p, tokens, vector) in enumerate(
                zip(prepared.passages, prepared.bm25_tokens, prepared.passage_vectors, strict=True)
            ):
                language = languages.get(p.doc_id, "sv")
                copy.write_row(
                    [
                        i,
                        p.passage_id,
                        p.doc_id,
                        language,
                        p.to_dict(),  # a dict: the json dumper writes an object (a str would be a JSON string)
                        tokens,
                        vector,
                    ]
                )
        with conn.cursor().copy(
            f"COPY {sentences} (position, passage, embedding) FROM STDIN WITH (FORMAT BINARY)"
        ) as copy:
            copy.set_types(["int4", "int4", "vector"])
            for i, (owner, vector) in enumerate(zip(prepared.sentence_owner, prepared.sentence_vectors, strict=True)):
                copy.write_row([i, int(owner), vector])
        conn.execute(
            f"UPDATE {passages} SET tsv = to_tsvector(CASE language "
            + " ".join(f"WHEN '{lang}' THEN '{cfg}'" for lang, cfg in TEXT_SEARCH_CONFIG.items())
            + " ELSE 'simple' END::regconfig, (data->>'section_title') || ' ' || (data->>'text'))"
        )
        conn.execute(f"CREATE INDEX ON {passages} USING gin (tsv)")
        conn.execute(f"CREATE INDEX ON {sentences} (passage)")
        for table, count in ((passages, len(prepared.passages)), (sentences, len(prepared.sentence_owner))):
            if count > EXACT_SEARCH_LIMIT:
                # The graph must fit in maintenance memory or the build slows down by an order of magnitude.
                conn.execute("SET LOCAL maintenance_work_mem = '1GB'")
                conn.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_ip_ops)")
        conn.execute(
            f"INSERT INTO {SCHEMA}.active (singleton, version_id) VALUES (true, %s) "
            "ON CONFLICT (singleton) DO UPDATE SET version_id = EXCLUDED.version_id",
            (version_id,),
        )
        _prune(conn, keep)
    return version_id


def _tables(version_id: int) -> tuple[str, str]:
    return f"{SCHEMA}.passages_{version_id}", f"{SCHEMA}.sentences_{version_id}"


def _create_schema(conn: Any) -> None:
    """Create the extension, schema and bookkeeping tables if missing (idempotent, race-safe)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (INGEST_LOCK + 1,))
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL)")
        conn.execute(
            f"INSERT INTO {SCHEMA}.meta VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING",
            (str(SCHEMA_VERSION),),
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA}.versions (id bigserial PRIMARY KEY, "
            "created_at timestamptz NOT NULL DEFAULT now(), fingerprint text NOT NULL, manifest json NOT NULL, "
            "documents json NOT NULL, crosswalk json NOT NULL)"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA}.active (singleton boolean PRIMARY KEY CHECK (singleton), "
            f"version_id bigint NOT NULL REFERENCES {SCHEMA}.versions (id))"
        )


def _has_schema(conn: Any) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.meta",)).fetchone()
    return row is not None and row[0] is not None


def _check_schema(conn: Any) -> None:
    if not _has_schema(conn):
        raise IndexProblem("The database holds no strategiqa index yet; run `strategiqa ingest` first.")
    found = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'").fetchone()
    if found is None or found[0] != str(SCHEMA_VERSION):
        version = "none" if found is None else found[0]
        raise IndexProblem(
            f"The database's strategiqa schema is version {version}, this strategiqa reads version "
            f"{SCHEMA_VERSION}; run one strategiqa version everywhere, or use a new database (STRATEGIQA_DATABASE_URL)."
        )


def _prune(conn: Any, keep: int) -> None:
    """Drop all but the ``keep`` newest versions (the active one is the newest). Replicas still answering
    from the one before finish their requests: they switch at their next request."""
    old = [
        int(r[0]) for r in conn.execute(f"SELECT id FROM {SCHEMA}.versions ORDER BY id DESC OFFSET %s", (max(keep, 1),))
    ]
    for version_id in old:
        for table in _tables(version_id):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(f"DELETE FROM {SCHEMA}.versions WHERE id = %s", (version_id,))


def _register_vector(conn: Any) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)


def _array(value: Any) -> np.ndarray:
    """A vector as read (pgvector's ``Vector`` in binary mode, an array in text mode) as float32."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


@contextmanager
def _unavailable_on_failure() -> Iterator[None]:
    """Connection-level failures (server down or restarting, pool exhausted) as StoreUnavailable; a
    version pruned under a replica's feet likewise (its next request switches to the active one)."""
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        yield
    except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout, psycopg.errors.UndefinedTable) as exc:
        raise StoreUnavailable(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__) from exc
