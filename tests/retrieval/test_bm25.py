"""BM25 and the scale its scores are read on in hybrid search."""

from __future__ import annotations

from strategiqa.retrieval.bm25 import BM25
from strategiqa.retrieval.text import tokenize

DOCS = [
    "Regionen ska locka kapital och investeringar till nya bolag.",
    "Kompetensförsörjning kräver utbildning och livslångt lärande.",
    "Hälsodata ska kunna användas för forskning och innovation.",
    "Testbäddar och klinisk forskning stärker vården.",
]


def _index() -> BM25:
    return BM25([tokenize(d) for d in DOCS])


def test_full_match_reaches_the_scale_a_weak_one_does_not() -> None:
    bm25 = _index()
    full = tokenize("hälsodata forskning innovation")
    weak = tokenize("hälsodata pengar utlandet äldre befolkning")  # one of five words occurs
    full_share = bm25.term_scores(full).max() / bm25.best_possible(full)
    weak_share = bm25.term_scores(weak).max() / bm25.best_possible(weak)
    assert full_share > 0.8
    assert weak_share < 0.4, "a question whose words mostly do not occur must stay a weak lexical match"


def test_unknown_terms_count_with_the_highest_idf() -> None:
    bm25 = _index()
    known = bm25.best_possible(tokenize("hälsodata"))
    assert bm25.best_possible(tokenize("hälsodata fiskeripolitik")) > 2 * known * 0.9
    assert bm25.best_possible([]) == 0.0
