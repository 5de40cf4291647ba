"""Integration: the real corpus and model through the evaluation harness, with the LlamaIndex baseline.

Quality targets live in the benchmark (README "Evaluation"); this guards against regressions.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine
from strategiqa.eval.baseline import BASELINE_MODE
from strategiqa.eval.datasets import GoldQuestion, bundled_dataset
from strategiqa.eval.harness import evaluate, evaluate_answers, to_markdown, write_chart
from strategiqa.retrieval.search import Searcher


@pytest.fixture(scope="module")
def dev_report(real_engine: Engine) -> dict:
    return evaluate(real_engine, bundled_dataset("dev.jsonl"), modes=("hybrid", "dense", "bm25", BASELINE_MODE))


def test_hybrid_retrieval_on_the_dev_set(dev_report: dict) -> None:
    hybrid = dev_report["modes"]["hybrid"]
    assert dev_report["n"] == 32
    assert hybrid["recall@600w"] >= 0.9 and hybrid["mrr@10"] >= 0.8, to_markdown(dev_report)
    assert hybrid["by_lang"]["sv"]["recall@600w"] >= 0.95
    assert hybrid["by_lang"]["en"]["recall@600w"] >= 0.9
    # Fusion must not let BM25 drag cross-lingual questions below dense alone.
    assert hybrid["by_lang"]["en"]["mrr@10"] >= dev_report["modes"]["dense"]["by_lang"]["en"]["mrr@10"]


def test_default_mode_beats_the_llamaindex_baseline_in_both_languages(dev_report: dict) -> None:
    ours, baseline = dev_report["modes"]["hybrid"], dev_report["modes"][BASELINE_MODE]
    for lang in ("sv", "en"):
        for metric in ("recall@600w", "mrr@10"):
            assert ours["by_lang"][lang][metric] > baseline["by_lang"][lang][metric], (lang, metric)


def test_answer_metrics_on_the_dev_set(dev_report: dict) -> None:
    answers = dev_report["answers"]
    # Fewer, tighter citations: precision rose from 0.48 to 0.78, the cited-gold rate fell from 0.91
    # to 0.78 (issue 10 is open on this); these guard the measured level.
    assert answers["cited_gold_rate"] >= 0.75
    assert answers["citation_precision"] >= 0.7
    # 2 of 32 since a question naming one document is answered from it only (2026-12-05): "What are testbeds
    # mentioned for in the strategy?" is refused from the strategy, where it was answered from the agenda, whose
    # passages hold no gold quote (cited-gold unchanged).
    assert answers["false_abstention_rate"] <= 0.07
    assert answers["off_topic_abstention"] is None  # the dev set has no unanswerable questions


def test_evaluation_is_deterministic_and_writes_a_chart(real_engine: Engine, tmp_path: Path) -> None:
    first = evaluate(real_engine, bundled_dataset("extra.jsonl"), modes=("hybrid",))
    second = evaluate(real_engine, bundled_dataset("extra.jsonl"), modes=("hybrid",))
    first.pop("latency_ms"), second.pop("latency_ms")
    assert first == second
    assert first["answers"]["off_topic_abstention"] >= 0.8
    write_chart(first, tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_focused_question_helps_on_the_held_out_set(real_engine: Engine) -> None:
    """Guards the focused question against regressions on the held-out set (its weight was chosen there)."""
    dataset = bundled_dataset("heldout.jsonl")
    focused = evaluate(real_engine, dataset, modes=("hybrid",), answers=False)["modes"]["hybrid"]
    plain_params = dataclasses.replace(real_engine.searcher.params, focus_weight=0.0)
    original = real_engine.searcher
    real_engine.searcher = Searcher(real_engine.index, real_engine.embedder, plain_params)
    try:
        plain = evaluate(real_engine, dataset, modes=("hybrid",), answers=False)["modes"]["hybrid"]
    finally:
        real_engine.searcher = original
    assert focused["recall@600w"] > plain["recall@600w"]
    assert focused["by_lang"]["en"]["recall@600w"] >= 0.9 and focused["by_lang"]["sv"]["recall@600w"] >= 0.9


def test_heading_citations_count_when_they_cite_an_expected_title(real_engine: Engine) -> None:
    """An overview answer cites headings: right when the title is expected, wrong otherwise."""
    national = next(d for d in real_engine.index.documents if d.info.kind == "national")
    areas = [s.title for s in national.all_sections() if s.number and "." not in s.number]
    assert len(areas) == 8
    row = {"id": "o1", "lang": "en", "kind": "overview", "question": "What are the areas of the national strategy?"}
    good = GoldQuestion(**row, quotes=("no such quote anywhere",), titles=tuple(areas))
    half = GoldQuestion(**row, quotes=("no such quote anywhere",), titles=(*areas[:4], "Fiske", "Jakt"))
    scores = [evaluate_answers(real_engine, [q], lambda: None) for q in (good, half)]
    assert scores[0]["citation_precision"] == 1.0 and scores[0]["cited_gold_rate"] == 1.0
    assert scores[1]["citation_precision"] == 0.5 and scores[1]["overview_titles"] == pytest.approx(4 / 6, abs=1e-3)


def test_heading_citations_count_for_numbered_titles_and_heading_line_quotes(real_engine: Engine) -> None:
    """Labellers copy a heading with its number ("4.1 Fler kliniska …") as an expected title or as the gold quote of
    "Which objective covers that?": a heading citation of that section is right either way; one of another is not."""
    national = next(d for d in real_engine.index.documents if d.info.kind == "national")
    goals = [s for s in national.all_sections() if s.number and s.number.count(".") == 1 and s.number.startswith("4.")]
    assert len(goals) >= 2
    numbered = tuple(f"{s.number} {s.title}" for s in goals)
    ask = {"lang": "en", "kind": "overview", "question": "Which objectives fall under area 4 of the national strategy?"}
    listed = GoldQuestion(id="o1", **ask, quotes=("no such quote anywhere",), titles=numbered)
    resistance = next(s for s in national.all_sections() if s.number and "antimikrobiell" in s.title)
    line = f"{resistance.number} {' '.join(resistance.title.split()[:3])}"  # the heading line, cut short
    covers = {"lang": "en", "kind": "followup", "question": "Which objective covers that?"}
    before = "What does the national strategy say about antimicrobial resistance?"
    right = GoldQuestion(id="f1", **covers, quotes=(line,), previous_question=before)
    wrong = GoldQuestion(id="f2", **covers, quotes=("9.9 No such heading",), previous_question=right.previous_question)
    listed_score, right_score, wrong_score = (
        evaluate_answers(real_engine, [q], lambda: None) for q in (listed, right, wrong)
    )
    assert listed_score["overview_titles"] == 1.0 and listed_score["cited_gold_rate"] == 1.0
    assert listed_score["citation_precision"] == 1.0
    assert right_score["cited_gold_rate"] == 1.0
    assert wrong_score["cited_gold_rate"] == 0.0
