"""Okapi BM25 over pre-tokenised passages, with a sparse inverted index."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np

from .text import tokenize


class BM25:
    """BM25 (k1=1.2, b=0.75) scoring every passage for a query in time proportional to its postings."""

    def __init__(self, documents: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.n = len(documents)
        lengths = np.array([len(d) for d in documents], dtype=np.float32)
        avg = float(lengths.mean()) if self.n else 1.0
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, tokens in enumerate(documents):
            norm = k1 * (1 - b + b * lengths[i] / max(avg, 1e-9))
            for term, tf in Counter(tokens).items():
                self._postings[term].append((i, tf * (k1 + 1) / (tf + norm)))
        self._idf = {term: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5)) for term, p in self._postings.items()}

    def scores(self, query: str) -> np.ndarray:
        """A score for every passage (0 where no query term occurs)."""
        return self.term_scores(tokenize(query))

    def best_possible(self, terms: list[str]) -> float:
        """The score of a passage of average length holding each query term once: the scale on which
        a lexical match counts as complete. A term the corpus lacks counts with the highest idf, so
        a question whose words mostly do not occur cannot reach a strong lexical score."""
        rarest = math.log(1 + (self.n + 0.5) / 0.5)
        return float(sum(self._idf.get(term, rarest) for term in set(terms)))

    def term_scores(self, terms: list[str]) -> np.ndarray:
        """A score for every passage from already tokenised (stemmed) terms."""
        out = np.zeros(self.n, dtype=np.float32)
        for term in set(terms):
            idf = self._idf.get(term)
            if idf is None:
                continue
            for i, weight in self._postings[term]:
                out[i] += idf * weight
        return out
