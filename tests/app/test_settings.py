"""One nested Settings holds every tunable number, read from STRATEGIQA_* variables."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.retrieval.search import SearchParams


def test_nested_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRATEGIQA_SEARCH__BM25_WEIGHT_SV", "0.25")
    monkeypatch.setenv("STRATEGIQA_ALIGNMENT__EVIDENCE_PAIRS", "2")
    monkeypatch.setenv("STRATEGIQA_ANSWER__MAX_SENTENCES", "3")
    settings = Settings()
    assert settings.search.bm25_weight_sv == 0.25 and settings.search.focus_weight is None
    assert settings.alignment.evidence_pairs == 2 and settings.answer.max_sentences == 3
    monkeypatch.setenv("STRATEGIQA_SEARCH__BM25_WEIGHT_SV", "3")
    with pytest.raises(ValidationError):
        Settings()


def test_the_engine_uses_the_search_and_alignment_settings(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    tuned = mini_settings.model_copy(
        update={
            "search": mini_settings.search.model_copy(update={"bm25_weight_sv": 0.0}),
            "alignment": mini_settings.alignment.model_copy(update={"evidence_pairs": 1}),
        }
    )
    engine = Engine.open(tuned)
    assert engine.searcher.params.bm25_weight_sv == 0.0
    assert engine.searcher.params.focus_weight == SearchParams().focus_weight  # unset: the default
    result = engine.align("Vi vill starta fler kliniska prövningar och anställa forskningssjuksköterskor i vården.")
    assert all(len(item["evidence"]) <= 1 for kind in ("regional", "national") for item in result[kind])
