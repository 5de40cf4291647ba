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
    # 250 + 250 = 500 words read before the hit at rank 3: reached within the budget.
    ranking = [Ranked(N, 250), Ranked(N, 250), Ranked(R, 100)]
    assert recall_at_words(ranking, 600) == 1
    # 300 + 301 = 601 words read before it: the budget is passed first.
    assert recall_at_words([Ranked(N, 300), Ranked(N, 301), Ranked(R, 100)], 600) == 0
    # Exactly at the budget still counts; a huge relevant passage at rank 1 counts.
    assert recall_at_words([Ranked(N, 600), Ranked(R, 50)], 600) == 1
    assert recall_at_words([Ranked(R, 1024)], 600) == 1
    # Huge passages use the budget up quickly: the relevant one at rank 2 is never reached.
    assert recall_at_words([Ranked(N, 700), Ranked(R, 50)], 600) == 0


def test_ties_keep_the_given_order() -> None:
    # The metrics score the ranking they are given; two equally scored passages keep their order.
    assert mrr_at_k(_ranking(N, R)) == 0.5
    assert mrr_at_k(_ranking(R, N)) == 1.0


def test_an_overview_question_is_answered_by_a_passage_under_an_expected_heading() -> None:
    from strategiqa.eval.datasets import GoldQuestion
    from strategiqa.eval.harness import _holds_answer

    q = GoldQuestion("o1", "sv", "Vilka insatsområden?", ("## 1. Samverkan",), kind="overview", titles=("Samverkan",))
    assert _holds_answer("Text under målbilden.", ("1. Samverkan", "MÅLBILD"), q)
    assert not _holds_answer("Text under målbilden.", ("2. Kompetens", "MÅLBILD"), q)
    plain = GoldQuestion("f1", "sv", "Vad?", ("målbilden",))
    assert _holds_answer("Text under målbilden.", ("2. Kompetens",), plain)
    assert not _holds_answer("Annan text.", ("1. Samverkan",), plain)  # no titles: only quotes count
