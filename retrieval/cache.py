"""A persistent embedding cache keyed by model and content hash, so re-ingest embeds only new text."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


class EmbeddingCache:
    """SQLite file of ``sha256(model, kind, text) → float32 vector``; safe to share between runs."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=60, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._db.commit()
        self.misses = 0

    def embed(
        self,
        model_id: str,
        kind: str,
        texts: Sequence[str],
        compute: Callable[[list[str]], np.ndarray],
        batch_size: int = 16,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Vectors for ``texts``, computing (in batches) and storing only the ones not cached."""
        keys = [self._key(model_id, kind, t) for t in texts]
        found = self._lookup(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.misses += len(missing)
        for b in range(0, len(missing), batch_size):
            batch = missing[b : b + batch_size]
            vectors = compute([texts[i] for i in batch])
            rows = [(keys[i], vectors[j].astype(np.float32).tobytes()) for j, i in enumerate(batch)]
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            self._db.commit()
            found.update({keys[i]: vectors[j].astype(np.float32) for j, i in enumerate(batch)})
            if progress:
                progress(len(batch))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def count_missing(self, model_id: str, kind: str, texts: Sequence[str]) -> int:
        """How many of ``texts`` would have to be embedded."""
        keys = [self._key(model_id, kind, t) for t in texts]
        found = self._lookup(keys)
        return sum(k not in found for k in keys)

    def close(self) -> None:
        self._db.close()

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for b in range(0, len(unique), 500):
            chunk = unique[b : b + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    @staticmethod
    def _key(model_id: str, kind: str, text: str) -> str:
        return hashlib.sha256(f"{model_id}\x00{kind}\x00{text}".encode()).hexdigest()
