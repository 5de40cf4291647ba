"""Vector stores behind one small interface, built on LlamaIndex's vector-store abstraction.

``faiss`` (default) is exact inner-product search, right for up to some hundred thousand
vectors; ``simple`` is LlamaIndex's in-memory store. Any other LlamaIndex vector store that
returns node ids can be added here without touching the search code: node ids are the
positions of the vectors, so results map back to passages the same way for every store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

STORES = ("faiss", "simple")
# Above this many vectors in one store, switch to HNSW. Measured on 2 cores (`strategiqa bench`):
# exact search over 55,000 vectors takes 9 ms a query and grows linearly (a third of the latency
# budget there, all of it at ~150,000), HNSW stays under 1.3 ms; below the limit exact is fast
# and loses nothing.
EXACT_SEARCH_LIMIT = 50_000


class VectorStore:
    """Add L2-normalised vectors; search by inner product; save and load."""

    def __init__(self, kind: str, store: Any) -> None:
        self.kind = kind
        self._store = store
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, vectors: np.ndarray) -> None:
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(id_=str(self._count + i), text="", embedding=vec.astype(np.float32).tolist())
            for i, vec in enumerate(vectors)
        ]
        if nodes:
            self._store.add(nodes)
        self._count += len(nodes)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best ``(scores, positions)``, best first."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        k = min(k, self._count)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        result = self._store.query(
            VectorStoreQuery(query_embedding=query.astype(np.float32).tolist(), similarity_top_k=k)
        )
        ids = np.asarray([int(i) for i in result.ids or []], dtype=np.int64)
        scores = np.asarray(result.similarities or [], dtype=np.float32)
        order = np.argsort(-scores, kind="stable")
        return scores[order], ids[order]

    def vectors(self) -> np.ndarray:
        """All stored vectors, in insertion order (for scoring a known subset without a search)."""
        if self._count == 0:
            return np.zeros((0, 0), dtype=np.float32)
        if self.kind == "faiss":
            return np.asarray(self._store.client.reconstruct_n(0, self._count), dtype=np.float32)
        table = self._store.data.embedding_dict
        return np.asarray([table[str(i)] for i in range(self._count)], dtype=np.float32)

    def save(self, path: Path) -> None:
        self._store.persist(persist_path=str(path))
        path.with_suffix(".count").write_text(str(self._count))


def create_vector_store(kind: str, dim: int, expected_count: int = 0) -> VectorStore:
    """An empty store of ``kind`` for ``dim``-dimensional vectors."""
    if kind == "faiss":
        import faiss
        from llama_index.vector_stores.faiss import FaissVectorStore

        index: Any
        if expected_count > EXACT_SEARCH_LIMIT:
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 128
        else:
            index = faiss.IndexFlatIP(dim)
        return VectorStore(kind, FaissVectorStore(faiss_index=index))
    if kind == "simple":
        from llama_index.core.vector_stores import SimpleVectorStore

        return VectorStore(kind, SimpleVectorStore())
    raise ValueError(f"Unknown vector store {kind!r}; use one of {', '.join(STORES)}.")


def load_vector_store(kind: str, path: Path) -> VectorStore:
    if kind == "faiss":
        from llama_index.vector_stores.faiss import FaissVectorStore

        store: Any = FaissVectorStore.from_persist_path(str(path))
    elif kind == "simple":
        from llama_index.core.vector_stores import SimpleVectorStore

        store = SimpleVectorStore.from_persist_path(str(path))
    else:
        raise ValueError(f"Unknown vector store {kind!r}; use one of {', '.join(STORES)}.")
    loaded = VectorStore(kind, store)
    loaded._count = int(path.with_suffix(".count").read_text())
    return loaded
