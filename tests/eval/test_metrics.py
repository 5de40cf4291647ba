"""Metric code against hand-computed examples."""

from __future__ import annotations

import math

import pytest
from strategiqa.eval.metrics import (
    Ranked,
    is_relevant,
    mrr_at_k,
    ndcg_at_k,
    recall_at_k,
    recall_at_words,
)

R, N = True, False


def _ranking(*flags: bool, words: int = 100) -> list[Ranked]:
    return [Ranked(f, words) for f in flags]


def test_relevance_ignores_case_line_breaks_and_hyphenation() -> None:
    assert is_relevant("det övergripande målet är att vara", ["det över\ngripande målet"])
    assert is_relevant("Precisionshälsa är ett bredare område", ["Precisionshälsa är \nett bredare"])
    assert not is_relevant("helt annan text", ["Johan Pehrson"])


def test_recall_and_mrr_at_ranks() -> None:
    ranking = _ranking(N, N, R, N, R)
    assert [recall_at_k(ranking, k) for k in (1, 2, 3, 5)] == [0, 0, 1, 1]
    assert mrr_at_k(ranking) == pytest.approx(1 / 3)
    assert mrr_at_k(_ranking(N, R), k=1) == 0


def test_no_hits_scores_zero_everywhere() -> None:
    ranking = _ranking(N, N, N)
    assert recall_at_k(ranking, 10) == mrr_at_k(ranking) == ndcg_at_k(ranking, 10, n_relevant=1) == 0
    assert recall_at_words(ranking) == 0
    assert ndcg_at_k([], 10) == 0


def test_ndcg_with_several_relevant_passages() -> None:
    # Relevant at ranks 1 and 3, two relevant in the corpus: (1 + 1/log2(4)) / (1 + 1/log2(3)).
    expected = (1 + 1 / 2) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(_ranking(R, N, R), 10, n_relevant=2) == pytest.approx(expected)
    # A third relevant passage that was never retrieved lowers nDCG.
    assert ndcg_at_k(_ranking(R, N, R), 10, n_relevant=3) < expected
    assert ndcg_at_k(_ranking(R, R), 10, n_relevant=2) == pytest.approx(1.0)


def test_word_budget_recall() -> None:
    # 250 + 250 = 500 words before the hit at rank 3 (100 words): 600, within budget.
    ranking = [Ranked(N, 250), Ranked(N, 250), Ranked(R, 100)]
    assert recall_at_words(ranking, 600) == 1
    # One word more and the relevant passage lies past the budget.
    assert recall_at_words([Ranked(N, 250), Ranked(N, 251), Ranked(R, 100)], 600) == 0
    # A single huge relevant passage does not count.
    assert recall_at_words([Ranked(R, 1024)], 600) == 0


def test_ties_keep_the_given_order() -> None:
    # The metrics score the ranking they are given; two equally scored passages keep their order.
    assert mrr_at_k(_ranking(N, R)) == 0.5
    assert mrr_at_k(_ranking(R, N)) == 1.0
