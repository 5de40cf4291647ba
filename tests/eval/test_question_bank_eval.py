"""The question bank as the evaluation and calibration use it: every labelled set but the newest blind one is in it,
and a set is always read without its own questions (real engine, real bank)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from strategiqa.app.engine import Engine
from strategiqa.eval.bank import BANK_SETS, question_group
from strategiqa.eval.datasets import bundled_dataset, load_dataset
from strategiqa.eval.harness import evaluate

pytestmark = pytest.mark.slow


def test_the_bundled_bank_holds_every_labelled_set_but_the_newest(real_engine: Engine) -> None:
    bank = real_engine.searcher.questions
    assert bank is not None, "calibration.questions.*.npz is bundled for the default model"
    groups = set(bank.groups.tolist())
    banked = {question_group(Path(name)) for name in BANK_SETS}
    assert banked >= groups >= {"blind_aa", "blind_ba", "blind_bg", "blind_bh", "blind_bk", "dev", "heldout"}
    # The newest blind set confirms a change: it is neither in the bank nor among the sets calibration reads.
    assert "blind_bi" not in groups and "blind_bi.jsonl" not in BANK_SETS
    assert not {"blind_bl", "blind_bm", "blind_nd", "blind_ne", "blind_nf", "blind_bn", "blind_bo", "blind_ng"} & groups


def test_a_labelled_question_lends_itself_nothing_when_its_set_is_left_out(real_engine: Engine) -> None:
    bank = real_engine.searcher.questions
    assert bank is not None
    question = next(q for q in load_dataset(bundled_dataset("blind_aa.jsonl")) if q.answerable and q.kind == "fact")
    vector = real_engine.embedder.embed_queries([real_engine.router.strip_names(question.question)])[0]
    gold = real_engine.searcher.question_passages
    n = len(real_engine.index.passages)
    with_itself = bank.bonus(vector, gold, n, 0.85, 10)
    without = bank.bonus(vector, gold, n, 0.85, 10, exclude_group="blind_aa")
    assert with_itself.max() > 0.1  # the question finds itself (cosine ~1)
    # Left out, nothing at the cosine of the question itself lends a lift, whichever set repeats it.
    assert without.max() < 0.99 - 0.85 and not np.array_equal(with_itself, without)


def test_the_harness_reads_a_set_without_its_own_questions(real_engine: Engine, tmp_path: Path) -> None:
    """A spy on the real engine records what the harness asks with; the answers are real."""
    dataset = tmp_path / "blind_aa.jsonl"
    lines = bundled_dataset("blind_aa.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    dataset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[Any] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(real_engine, name)

        def search(self, *args: Any, **kwargs: Any) -> Any:
            seen.append(kwargs.get("exclude_questions"))
            return real_engine.search(*args, **kwargs)

        def ask(self, *args: Any, **kwargs: Any) -> Any:
            seen.append(kwargs.get("exclude_questions"))
            return real_engine.ask(*args, **kwargs)

    report = evaluate(Spy(), dataset, modes=("hybrid",))  # type: ignore[arg-type]
    assert report["n"] + report["n_unanswerable"] == 3
    assert seen and set(seen) == {"blind_aa"}
