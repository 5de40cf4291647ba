"""Hybrid search embeds the focused question beside the whole one; answers and other modes are unchanged."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from strategiqa.app.engine import ingest, make_embedder
from strategiqa.app.settings import Settings
from strategiqa.retrieval.embedders import Embedder
from strategiqa.retrieval.index import load_index
from strategiqa.retrieval.search import Searcher

QUESTION = "Vilket etappmål för läkemedel i miljön har life science-sektorn i Sverige enligt strategin?"
FOCUSED = "Vilket etappmål för läkemedel i miljön har life science-sektorn?"


class RecordingEmbedder(Embedder):
    """The real embedder, recording which query texts it is given (a spy: the vectors are real)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.queries: list[list[str]] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.queries.append(list(texts))
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def test_hybrid_blends_whole_and_focused_question_and_answers_keep_the_whole(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    index = load_index(mini_settings.index_dir)
    assert index.topic_phrases == ("life science",)  # what both mini titles share
    spy = RecordingEmbedder(make_embedder(mini_settings))
    searcher = Searcher(index, spy)

    result = searcher.search(QUESTION, mode="hybrid", top_k=len(index.passages))

    whole_text = index.router.strip_names(QUESTION)
    assert spy.queries == [[whole_text, FOCUSED]]  # one call for both
    whole, focused = spy.inner.embed_queries([whole_text, FOCUSED])
    assert result.query_vector is not None
    np.testing.assert_allclose(result.query_vector, whole, atol=1e-5)  # answers are scored against the whole
    expected = 0.3 * searcher.dense_scores(whole) + 0.7 * searcher.dense_scores(focused)
    np.testing.assert_allclose([h.dense for h in result.hits], expected[[h.index for h in result.hits]], atol=1e-5)


def test_other_modes_and_a_zero_focus_weight_embed_the_question_once(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    index = load_index(mini_settings.index_dir)
    spy = RecordingEmbedder(make_embedder(mini_settings))
    searcher = Searcher(index, spy)
    searcher.search(QUESTION, mode="dense")
    searcher.search(QUESTION, mode="bm25")
    assert spy.queries == [[QUESTION]]
    spy.queries.clear()
    plain = Searcher(index, spy, dataclasses.replace(searcher.params, focus_weight=0.0))
    plain.search(QUESTION, mode="hybrid")
    assert spy.queries == [[index.router.strip_names(QUESTION)]]
