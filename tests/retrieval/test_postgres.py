"""The postgres store against a real PostgreSQL server with pgvector (pgserver): versions, the active
pointer, the ingest lock, the schema version, and retrieval equal to FAISS on the real corpus and model."""

from __future__ import annotations

import threading
import time

import numpy as np
import psycopg
import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.indexing import open_database
from strategiqa.app.settings import DatabaseSettings, Settings
from strategiqa.eval.datasets import bundled_dataset, load_dataset
from strategiqa.retrieval.index import IndexProblem
from strategiqa.retrieval.postgres import SCHEMA, PostgresVectorStore

pytestmark = pytest.mark.slow


def _pg(settings: Settings, url: str, **extra: object) -> Settings:
    return settings.model_copy(update={"vector_store": "postgres", "database_url": url, **extra})


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (SCHEMA,)).fetchall()
    return {r[0] for r in rows}


def _advisory_lock_waiters(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchone()
    return int(row[0]) if row else 0


def test_postgres_retrieval_equals_faiss_on_the_real_corpus(
    real_settings: Settings, real_engine: Engine, database_url: str
) -> None:
    settings = _pg(real_settings, database_url)
    ingest(settings, progress=False)
    engine = Engine.open(settings)
    assert isinstance(engine.index.passage_store, PostgresVectorStore)
    assert engine.info()["vector_store"] == "postgres" and engine.info()["database"].startswith("postgresql://")
    assert engine.info()["index_version"] == "1"
    questions = [q.question for q in load_dataset(bundled_dataset())]
    same = 0
    for q in questions:
        ours = [h.passage.passage_id for h in engine.search(q, top_k=10).hits]
        theirs = [h.passage.passage_id for h in real_engine.search(q, top_k=10).hits]
        same += ours == theirs
    assert same / len(questions) >= 0.99, f"{same} of {len(questions)} top-10 lists equal"
    # The whole index round-trips: passages, sentence vectors, crosswalk, outline.
    assert [p.passage_id for p in engine.index.passages] == [p.passage_id for p in real_engine.index.passages]
    np.testing.assert_allclose(engine.index.sentence_vectors, real_engine.index.sentence_vectors, atol=1e-6)
    assert engine.crosswalk == real_engine.crosswalk
    answer = engine.ask(questions[0])
    assert answer["index_version"] == "1" and answer["citations"] == real_engine.ask(questions[0])["citations"]


def test_each_ingest_is_a_new_version_switched_in_at_the_end_and_old_ones_are_dropped(
    mini_settings: Settings, database_url: str
) -> None:
    settings = _pg(mini_settings, database_url, database=DatabaseSettings(keep_versions=2))
    versions = []
    for n in range(4):
        (mini_settings.corpus_dir / "strategi.txt").write_text(
            f" 1. Hälsodata\n\nHälsodata är en resurs. Version {n} av texten.\n", encoding="utf-8"
        )
        versions.append(ingest(settings, progress=False).database_version)
    assert versions == [1, 2, 3, 4]
    database = open_database(settings)
    try:
        assert database.active_id() == 4 and database.version_ids() == [3, 4]
        # A reader that loaded version 3 still answers from it, completely, until it switches.
        old = database.load_version(3)
        assert any("Version 2 av texten" in p.text for p in old.passages)
        assert len(old.sentence_store.search(old.sentence_vectors[0], 3)[1]) == 3
    finally:
        database.close()
    assert _tables(database_url) >= {"passages_3", "sentences_3", "passages_4", "sentences_4"}
    assert not _tables(database_url) & {"passages_1", "passages_2", "sentences_1", "sentences_2"}


def test_an_unchanged_corpus_is_not_written_again_when_freshness_is_asked(
    mini_settings: Settings, database_url: str
) -> None:
    settings = _pg(mini_settings, database_url)
    assert ingest(settings, progress=False).database_version == 1
    Engine.open(settings)  # fresh: served as is
    assert ingest(settings, progress=False, skip_if_fresh=True).database_version is None
    assert ingest(settings, progress=False).database_version == 2  # an explicit ingest always writes


def test_a_failed_ingest_leaves_the_active_version_and_no_tables(
    mini_settings: Settings, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    before = _tables(database_url)
    import strategiqa.retrieval.postgres as postgres

    def broken_prune(conn: object, keep: int) -> None:  # fails after every row is written
        raise RuntimeError("disk full")

    monkeypatch.setattr(postgres, "_prune", broken_prune)
    (mini_settings.corpus_dir / "strategi.txt").write_text(" 1. Ny\n\nEn ny text om data.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(settings, progress=False)
    database = open_database(settings)
    try:
        assert database.active_id() == 1 and database.version_ids() == [1]
    finally:
        database.close()
    assert _tables(database_url) == before


def test_concurrent_ingests_wait_for_the_database_lock(mini_settings: Settings, database_url: str) -> None:
    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    holder = open_database(settings)
    results: list[int | None] = []
    try:
        with holder.ingest_lock():
            worker = threading.Thread(target=lambda: results.append(ingest(settings, progress=False).database_version))
            worker.start()
            # The second ingest waits in PostgreSQL for the advisory lock (not merely still embedding).
            deadline = time.monotonic() + 60
            while not _advisory_lock_waiters(database_url) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _advisory_lock_waiters(database_url) == 1
            assert not results and holder.version_ids() == [1], "the second ingest ran while the lock was held"
        worker.join(timeout=60)
        assert results == [2] and holder.active_id() == 2
    finally:
        holder.close()


def test_a_schema_of_another_version_is_refused_in_one_line(mini_settings: Settings, database_url: str) -> None:
    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"UPDATE {SCHEMA}.meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(IndexProblem) as problem:
        Engine.open(settings)
    message = str(problem.value)
    assert "\n" not in message and "version 999" in message and "reads version 1" in message


def test_an_empty_database_without_auto_ingest_says_what_to_run(mini_settings: Settings, database_url: str) -> None:
    settings = _pg(mini_settings, database_url, auto_ingest=False)
    with pytest.raises(IndexProblem, match="run `strategiqa ingest`"):
        Engine.open(settings)


def test_a_missing_database_url_is_one_sentence(mini_settings: Settings) -> None:
    with pytest.raises(IndexProblem, match="STRATEGIQA_DATABASE_URL"):
        Engine.open(mini_settings.model_copy(update={"vector_store": "postgres"}))


def test_large_tables_get_an_hnsw_index(
    mini_settings: Settings, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import strategiqa.retrieval.postgres as postgres

    monkeypatch.setattr(postgres, "EXACT_SEARCH_LIMIT", 10)  # the mini corpus has more sentences than that
    settings = _pg(mini_settings, database_url)
    ingest(settings, progress=False)
    with psycopg.connect(database_url) as conn:
        methods = conn.execute(
            "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = %s::regclass",
            (f"{SCHEMA}.sentences_1",),
        ).fetchall()
    assert ("hnsw",) in methods
    engine = Engine.open(settings)
    store = engine.index.sentence_store
    assert isinstance(store, PostgresVectorStore) and store.hnsw
    _, positions = store.search(engine.index.sentence_vectors[0], len(store))
    assert len(positions) == len(store) and positions[0] == 0  # ef_search raised to k: every row returned


def test_passages_are_json_objects_searchable_by_postgres_full_text(mini_settings: Settings, database_url: str) -> None:
    settings = _pg(mini_settings, database_url)
    version = ingest(settings, progress=False).database_version
    assert version is not None
    engine = Engine.open(settings)
    database = open_database(settings)
    try:
        with database.connection() as conn:
            kinds = {r[0] for r in conn.execute(f"SELECT json_typeof(data) FROM {SCHEMA}.passages_{version}")}
        found = database.text_search(version, "Vilka forskningssjuksköterskor saknas?", "sv", 3)
    finally:
        database.close()
    assert kinds == {"object"}
    assert found and "forskningssjuksköterskor" in engine.index.passages[found[0]].text
