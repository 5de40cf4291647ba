"""FAISS against PostgreSQL + pgvector, side by side in one run (``strategiqa bench --postgres``):
retrieval equivalence on the eval sets, in-process query latency, our BM25 against PostgreSQL's own
full-text ranking, throughput of 1 and 2 API processes with 8 clients, a document added under load, and
synthetic 10× and 100× corpora on pgvector (build time, query p50, recall@10 against exact search)."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.indexing import open_database
from strategiqa.app.settings import Settings
from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.postgres import PostgresVectorStore

from .datasets import GoldQuestion, load_dataset
from .metrics import Ranked, is_relevant, mrr_at_k, recall_at_words
from .replicas import NewDocument, run_replica_load
from .scaling import perturbed

TIE = 1e-5  # scores closer than this are a tie: their order may differ between two exact searches
NEW_DOCUMENT = """# Handlingsplan för gemensamma testbäddar

## 1. Testbäddar

En gemensam testbädd för vårdnära innovationer ska öppna senast 2027, med en ingång för företag och
tydliga regler för hur data delas mellan vård och industri.

## 2. Finansiering

Handlingsplanen finansieras med 40 miljoner kronor under tre år ur en innovationsfond.
"""


def run_postgres_bench(
    settings: Settings,
    datasets: Sequence[Path],
    load_seconds: float = 60.0,
    throughput_seconds: float = 30.0,
    factors: Sequence[int] = (10, 100),
) -> dict[str, Any]:
    """Every figure of the comparison, on a throwaway PostgreSQL (pgserver) of its own: never the configured
    database, which the bench would fill with its own versions and a test document."""
    with _throwaway_database() as url, tempfile.TemporaryDirectory(prefix="strategiqa-pgbench-") as tmp:
        faiss_settings = settings.model_copy(update={"vector_store": "faiss", "index_dir": Path(tmp) / "index"})
        pg_settings = settings.model_copy(update={"vector_store": "postgres", "database_url": url})
        ingest(faiss_settings, progress=False)
        built = time.perf_counter()
        report = ingest(pg_settings, progress=False)
        results: dict[str, Any] = {"postgres_ingest_s": round(time.perf_counter() - built, 2)}
        faiss_engine, pg_engine = Engine.open(faiss_settings), Engine.open(pg_settings)
        pg_store = pg_engine.index.passage_store
        questions = {path.stem: load_dataset(path) for path in datasets}
        results["equivalence"] = {name: _equivalence(faiss_engine, pg_engine, qs) for name, qs in questions.items()}
        results["latency_ms"] = _latency(faiss_engine, pg_engine, [q.question for qs in questions.values() for q in qs])
        results["lexical"] = {
            name: _lexical(pg_engine, report.database_version or 1, qs) for name, qs in questions.items()
        }
        results["scaling"] = _scaling(pg_settings, pg_engine, factors)
        results["throughput"] = [
            _summary(run_replica_load(pg_settings, processes=n, clients=8, seconds=throughput_seconds)) for n in (1, 2)
        ]
        corpus = Path(shutil.copytree(settings.corpus_dir, Path(tmp) / "corpus"))
        document = Path(tmp) / "testbaddar.md"
        document.write_text(NEW_DOCUMENT, encoding="utf-8")
        new = NewDocument(
            document,
            "bench-testbaddar",
            "Handlingsplan för gemensamma testbäddar",
            "Hur finansieras handlingsplanen för gemensamma testbäddar?",
        )
        if isinstance(pg_store, PostgresVectorStore):
            pg_store.database.close()
        results["add_under_load"] = run_replica_load(
            pg_settings.model_copy(update={"corpus_dir": corpus}), processes=2, clients=8, seconds=load_seconds, add=new
        )
    return results


def _equivalence(faiss_engine: Engine, pg_engine: Engine, questions: Sequence[GoldQuestion]) -> dict[str, Any]:
    """Share of questions whose top-10 passage ids are the same list; ``ties_aside`` also counts lists that
    differ only in the order (or the cut at 10) of passages whose scores tie."""
    same = ties_aside = 0
    for q in questions:
        a = faiss_engine.search(q.question, top_k=10, previous_question=q.previous_question).hits
        b = pg_engine.search(q.question, top_k=10, previous_question=q.previous_question).hits
        ids_a, ids_b = [h.passage.passage_id for h in a], [h.passage.passage_id for h in b]
        same += ids_a == ids_b
        ties_aside += ids_a == ids_b or _same_but_ties(a, b)
    n = max(len(questions), 1)
    return {"questions": len(questions), "same_top10": round(same / n, 3), "same_ties_aside": round(ties_aside / n, 3)}


def _same_but_ties(a: Sequence[Any], b: Sequence[Any]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.passage.passage_id != y.passage.passage_id and abs(x.score - y.score) > TIE:
            return False
    cut = min((h.score for h in a), default=0.0)
    differ = {h.passage.passage_id for h in a} ^ {h.passage.passage_id for h in b}
    return all(abs(h.score - cut) <= TIE for h in [*a, *b] if h.passage.passage_id in differ)


def _latency(faiss_engine: Engine, pg_engine: Engine, questions: list[str]) -> dict[str, dict[str, float]]:
    """In-process hybrid search, the two stores alternated question by question (same load on both)."""
    times: dict[str, list[float]] = {"faiss": [], "postgres": []}
    for engine in (faiss_engine, pg_engine):
        engine.search(questions[0])
    for question in questions:
        for name, engine in (("faiss", faiss_engine), ("postgres", pg_engine)):
            t0 = time.perf_counter()
            engine.search(question)
            times[name].append((time.perf_counter() - t0) * 1000)
    return {name: _percentiles(values) for name, values in times.items()}


def _lexical(engine: Engine, version: int, questions: Sequence[GoldQuestion]) -> dict[str, Any]:
    """Our BM25 (stemmed, compounds split, the question's scale) against ``ts_rank_cd`` on the same passages."""
    database = open_database(engine.settings)
    rows: dict[str, list[tuple[float, float]]] = {"bm25": [], "postgres_fts": []}
    try:
        for q in (q for q in questions if q.answerable):
            bm25 = [h.passage for h in engine.search(q.question, top_k=10, mode="bm25").hits]
            positions = database.text_search(version, q.question, detect_language(q.question), 10)
            fts = [engine.index.passages[i] for i in positions]
            for name, passages in (("bm25", bm25), ("postgres_fts", fts)):
                ranked = [Ranked(is_relevant(p.text, q.quotes), len(p.text.split())) for p in passages]
                rows[name].append((recall_at_words(ranked), mrr_at_k(ranked)))
    finally:
        database.close()
    return {
        name: {
            "recall@600w": round(statistics.mean(r for r, _ in values), 3) if values else None,
            "mrr@10": round(statistics.mean(m for _, m in values), 3) if values else None,
        }
        for name, values in rows.items()
    }


def _scaling(settings: Settings, engine: Engine, factors: Sequence[int]) -> list[dict[str, Any]]:
    """Synthetic corpora (the real vectors, perturbed) in pgvector tables: build, query p50 (200 results, as
    a search asks), recall@10 of HNSW against exact search on the same table."""
    rng = np.random.default_rng(0)
    base = np.vstack([engine.index.passage_store.vectors(), engine.index.sentence_vectors])
    queries = engine.embedder.embed_queries([p.text[:200] for p in engine.index.passages[:64]])
    database = open_database(settings)
    rows = []
    try:
        for factor in factors:
            vectors = perturbed(base, factor, rng)
            row: dict[str, Any] = {"factor": factor, "vectors": len(vectors)}
            with database.connection() as conn:
                table = f"strategiqa.bench_scaling_{factor}"
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                t0 = time.perf_counter()
                conn.execute(f"CREATE TABLE {table} (position int PRIMARY KEY, embedding vector({base.shape[1]}))")
                with conn.cursor().copy(f"COPY {table} FROM STDIN WITH (FORMAT BINARY)") as copy:
                    copy.set_types(["int4", "vector"])
                    for i, v in enumerate(vectors):
                        copy.write_row([i, v])
                row["load_s"] = round(time.perf_counter() - t0, 2)
                exact_ids, exact_ms = _query_table(conn, table, queries, hnsw=False)
                t0 = time.perf_counter()
                with conn.transaction():
                    conn.execute("SET LOCAL maintenance_work_mem = '1GB'")
                    conn.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_ip_ops)")
                row["hnsw_build_s"] = round(time.perf_counter() - t0, 2)
                hnsw_ids, hnsw_ms = _query_table(conn, table, queries, hnsw=True)
                row["exact_query_ms"], row["hnsw_query_ms"] = exact_ms, hnsw_ms
                row["hnsw_recall@10"] = round(
                    float(
                        np.mean([len(set(a[:10]) & set(e[:10])) / 10 for a, e in zip(hnsw_ids, exact_ids, strict=True)])
                    ),
                    3,
                )
                conn.execute(f"DROP TABLE {table}")
            rows.append(row)
    finally:
        database.close()
    return rows


def _query_table(conn: Any, table: str, queries: np.ndarray, hnsw: bool) -> tuple[list[list[int]], dict[str, float]]:
    ids, times = [], []
    with conn.transaction():
        if hnsw:
            conn.execute("SET LOCAL hnsw.ef_search = 200")
        else:
            conn.execute("SET LOCAL enable_indexscan = off")
        for q in queries:
            t0 = time.perf_counter()
            rows = conn.execute(
                f"SELECT position FROM {table} ORDER BY embedding <#> %s LIMIT 200", (q.astype(np.float32),)
            ).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
            ids.append([int(r[0]) for r in rows])
    return ids, _percentiles(times)


def _summary(load: dict[str, Any]) -> dict[str, Any]:
    keys = ("processes", "clients", "seconds", "requests", "errors", "questions_per_s", "p50_ms", "p95_ms")
    return {k: load[k] for k in keys}


def _percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"p50": round(statistics.median(values), 2), "p95": round(values[int(0.95 * (len(values) - 1))], 2)}


@contextmanager
def _throwaway_database() -> Iterator[str]:
    import pgserver

    with tempfile.TemporaryDirectory(prefix="strategiqa-pgserver-") as folder:
        server = pgserver.get_server(Path(folder), cleanup_mode="stop")
        try:
            yield str(server.get_uri())
        finally:
            server.cleanup()


def postgres_markdown(r: dict[str, Any]) -> str:
    """The comparison as the README's tables."""
    lines = ["| eval set | questions | same top-10 | same, ties aside |", "|---|---|---|---|"]
    for name, e in r["equivalence"].items():
        lines.append(f"| {name} | {e['questions']} | {e['same_top10']:.3f} | {e['same_ties_aside']:.3f} |")
    f, p = r["latency_ms"]["faiss"], r["latency_ms"]["postgres"]
    lines += [
        "",
        "| store | search p50 | search p95 |",
        "|---|---|---|",
        f"| faiss | {f['p50']} ms | {f['p95']} ms |",
        f"| postgres | {p['p50']} ms | {p['p95']} ms |",
        "",
        "| eval set | BM25 (ours): Recall@600w / MRR@10 | PostgreSQL ts_rank_cd: Recall@600w / MRR@10 |",
        "|---|---|---|",
    ]
    for name, x in r["lexical"].items():
        lines.append(
            f"| {name} | {x['bm25']['recall@600w']} / {x['bm25']['mrr@10']} | "
            f"{x['postgres_fts']['recall@600w']} / {x['postgres_fts']['mrr@10']} |"
        )
    lines += ["", "| API processes | clients | questions/s | p50 | p95 | errors |", "|---|---|---|---|---|---|"]
    for t in r["throughput"]:
        lines.append(
            f"| {t['processes']} | {t['clients']} | {t['questions_per_s']} | {t['p50_ms']} ms | {t['p95_ms']} ms | "
            f"{t['errors']} of {t['requests']} |"
        )
    a = r["add_under_load"]
    lines += [
        "",
        f"Document added under load ({a['processes']} processes, {a['clients']} clients, {a['seconds']} s): "
        f"{a['requests']} requests, {a['errors']} errors, answers per version {a['versions_seen']}, "
        f"{a['inconsistent_answers']} inconsistent with their version, every process serves the new document: "
        f"{a['every_process_serves_the_new_document']} (add took {a['added']['seconds']} s).",
        "",
        "| synthetic corpus | vectors | load (COPY) | exact query p50 | HNSW build | HNSW query p50 | HNSW recall@10 |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in r["scaling"]:
        lines.append(
            f"| {s['factor']}× | {s['vectors']:,} | {s['load_s']} s | {s['exact_query_ms']['p50']} ms | "
            f"{s['hnsw_build_s']} s | {s['hnsw_query_ms']['p50']} ms | {s['hnsw_recall@10']} |"
        )
    return "\n".join(lines)
