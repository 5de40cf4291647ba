"""Small scoring helpers shared by the crosswalk and proposal alignment."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .text import tokenize


def top_mean(values: np.ndarray, k: int = 3) -> float:
    """Mean of the ``k`` largest values."""
    return float(np.sort(values)[::-1][:k].mean())


def standardise(m: np.ndarray, axis: int) -> np.ndarray:
    """z-scores along ``axis``."""
    return (m - m.mean(axis=axis, keepdims=True)) / (m.std(axis=axis, keepdims=True) + 1e-9)


def tfidf_cosines(left: list[str], right: list[str]) -> np.ndarray:
    """Cosine of TF-IDF vectors (Swedish-stemmed words) between every left and every right text."""
    counts = [Counter(tokenize(t)) for t in left + right]
    df = Counter(term for c in counts for term in c)
    n = len(counts)

    def weights(c: Counter[str]) -> dict[str, float]:
        w = {t: (1 + math.log(k)) * math.log(n / df[t]) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        return {t: x / norm for t, x in w.items()}

    vectors = [weights(c) for c in counts]
    out = np.zeros((len(left), len(right)))
    for i in range(len(left)):
        for j in range(len(right)):
            a, b = vectors[i], vectors[len(left) + j]
            out[i, j] = sum(x * b.get(t, 0.0) for t, x in a.items())
    return out


def best_distinct_pairs(pair: np.ndarray, k: int) -> list[tuple[int, int, float]]:
    """The ``k`` highest cells of a similarity matrix, greedily, each row and column used once."""
    order = np.dstack(np.unravel_index(np.argsort(-pair, axis=None, kind="stable"), pair.shape))[0]
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    out = []
    for row, col in order:
        if row in used_rows or col in used_cols:
            continue
        used_rows.add(int(row))
        used_cols.add(int(col))
        out.append((int(row), int(col), float(pair[row, col])))
        if len(out) == k:
            break
    return out
