"""Scaling run: synthetic corpora of 10× and 100× the real passages, exact vs approximate FAISS.

Embedding 10,000 new passages at ~16 texts/s would take most of an hour, so the synthetic corpora
reuse the real vectors with small random perturbations (and the real texts under new ids); ingest
time is extrapolated from the measured embedding throughput plus the measured indexing time.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.app.engine import Engine
from strategiqa.retrieval.bm25 import BM25
from strategiqa.retrieval.text import tokenize

from .datasets import bundled_dataset, load_dataset


def run_scaling(
    engine: Engine,
    factors: tuple[int, ...] = (1, 10, 100),
    embed_texts_per_s: float = 16.0,
    queries: int = 64,
    seed: int = 0,
) -> dict[str, Any]:
    """Index size, build time and query latency per corpus size, for exact and HNSW FAISS."""
    import faiss

    rng = np.random.default_rng(seed)
    index = engine.index
    base_p = index.passage_store.vectors()
    base_s = index.sentence_vectors
    tokens = [tokenize(f"{p.section_title}\n{p.text}") for p in index.passages]
    questions = [q.question for q in load_dataset(bundled_dataset())]
    query_vectors = engine.embedder.embed_queries(questions)
    rows = []
    for factor in factors:
        p_vecs = perturbed(base_p, factor, rng)
        s_vecs = perturbed(base_s, factor, rng)
        row: dict[str, Any] = {"factor": factor, "passages": len(p_vecs), "sentences": len(s_vecs)}
        started = time.perf_counter()
        bm25 = BM25(tokens * factor)
        row["bm25_build_s"] = round(time.perf_counter() - started, 3)
        row["bm25_query_ms"] = _time_ms(bm25.scores, [questions[i % len(questions)] for i in range(queries)])
        for kind in ("flat", "hnsw"):
            started = time.perf_counter()
            faiss_index = _faiss_index(kind, base_s.shape[1])
            faiss_index.add(s_vecs)
            faiss_index.add(p_vecs)
            build = time.perf_counter() - started
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "vectors.faiss"
                faiss.write_index(faiss_index, str(path))
                size_mb = path.stat().st_size / 1e6
            latency = _time_ms(
                lambda q, index=faiss_index: index.search(q[None, :], 200),
                [query_vectors[i % len(query_vectors)] for i in range(queries)],
            )
            recall = (
                _recall_vs_exact(faiss_index, np.vstack([s_vecs, p_vecs]), query_vectors) if kind == "hnsw" else 1.0
            )
            row[kind] = {
                "build_s": round(build, 3),
                "size_mb": round(size_mb, 1),
                "query_ms": latency,
                "recall@10_vs_exact": round(recall, 3),
            }
        new_texts = len(p_vecs) + len(s_vecs)
        row["ingest_estimate_s"] = round(
            new_texts / embed_texts_per_s + row["flat"]["build_s"] + row["bm25_build_s"], 1
        )
        rows.append(row)
    return {"embed_texts_per_s": embed_texts_per_s, "rows": rows}


def perturbed(vectors: np.ndarray, factor: int, rng: np.random.Generator) -> np.ndarray:
    """``vectors`` and ``factor - 1`` noisy copies of them, L2-normalised: a synthetic corpus of that size."""
    copies = [vectors] + [vectors + rng.normal(0, 0.02, vectors.shape).astype(np.float32) for _ in range(factor - 1)]
    out = np.vstack(copies).astype(np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def _faiss_index(kind: str, dim: int) -> Any:
    import faiss

    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efSearch = 128
    return hnsw


def _time_ms(fn: Any, inputs: list[Any]) -> dict[str, float]:
    fn(inputs[0])
    times = []
    for x in inputs:
        t0 = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50": round(statistics.median(times), 3), "p95": round(times[int(0.95 * (len(times) - 1))], 3)}


def _recall_vs_exact(index: Any, vectors: np.ndarray, queries: np.ndarray) -> float:
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    _, approx = index.search(queries, 10)
    return float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)]))


def scaling_markdown(result: dict[str, Any]) -> str:
    lines = [
        "| corpus | passages | sentences | est. cold ingest | BM25 query p50 | exact FAISS: size, query p50 |"
        " HNSW: build, query p50, recall@10 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['factor']}× | {r['passages']:,} | {r['sentences']:,} | {r['ingest_estimate_s']:,.0f} s | "
            f"{r['bm25_query_ms']['p50']} ms | {r['flat']['size_mb']} MB, {r['flat']['query_ms']['p50']} ms | "
            f"{r['hnsw']['build_s']} s, {r['hnsw']['query_ms']['p50']} ms, {r['hnsw']['recall@10_vs_exact']} |"
        )
    return "\n".join(lines)
