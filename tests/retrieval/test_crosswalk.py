"""The crosswalk on the real corpus: shape, verbatim evidence, determinism, quality against the expert map."""

from __future__ import annotations

import json

from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.eval.crosswalk_eval import crosswalk_gold, score_crosswalk
from strategiqa.retrieval.index import load_index


def test_crosswalk_has_7_areas_each_ranking_all_31_objectives(real_engine: Engine) -> None:
    crosswalk = real_engine.index.crosswalk
    (pair,) = crosswalk["pairs"]  # one regional and one national document
    assert [a["number"] for a in pair["areas"]] == [str(n) for n in range(1, 8)]
    assert pair["areas"][0]["id"] == pair["regional"]["doc_id"] + ":1"
    for area in pair["areas"]:
        numbers = [o["number"] for o in area["objectives"]]
        assert len(numbers) == 31 == len(set(numbers))
        scores = [o["score"] for o in area["objectives"]]
        assert scores == sorted(scores, reverse=True)
        assert all(o["linked"] == (o["score"] >= crosswalk["link_threshold"]) for o in area["objectives"])


def test_crosswalk_evidence_is_verbatim_in_the_cleaned_documents(real_engine: Engine) -> None:
    index = real_engine.index
    text = {d.info.doc_id: d.text for d in index.documents}
    for area in index.crosswalk["pairs"][0]["areas"]:
        for objective in area["objectives"][:5]:
            assert 1 <= len(objective["evidence"]) <= 3
            for ev in objective["evidence"]:
                regional = index.passages[index.by_id[ev["regional_passage_id"]]]
                national = index.passages[index.by_id[ev["national_passage_id"]]]
                assert regional.doc_kind == "regional" and national.doc_kind == "national"
                assert national.section_number == objective["number"]
                assert ev["regional_quote"] in regional.text and ev["regional_quote"] in text[regional.doc_id]
                assert ev["national_quote"] in national.text and ev["national_quote"] in text[national.doc_id]


def test_two_ingests_give_the_same_crosswalk(real_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    again = real_settings.model_copy(update={"index_dir": tmp_path / "again"})
    ingest(again, progress=False)
    first = json.dumps(load_index(real_settings.index_dir).crosswalk, sort_keys=True)
    second = json.dumps(load_index(again.index_dir).crosswalk, sort_keys=True)
    assert first == second


def test_crosswalk_agrees_with_the_expert_map(real_engine: Engine) -> None:
    score = score_crosswalk(real_engine.index.crosswalk, crosswalk_gold())
    assert score["areas"] == 7
    assert score["precision@3"] >= 0.7, score["per_area"]
    assert score["hit@1"] >= 5 / 7


def test_crosswalk_carries_three_levels_from_the_fitted_cuts(real_engine: Engine) -> None:
    crosswalk = real_engine.crosswalk
    cuts = crosswalk["levels"]
    areas = crosswalk["pairs"][0]["areas"]
    levels = [o["level"] for a in areas for o in a["objectives"]]
    assert set(levels) == {"clear", "possible", "none"}
    for area in areas:
        for o in area["objectives"]:
            expected = (
                "clear" if o["score"] >= cuts["clear"] else "possible" if o["score"] >= cuts["possible"] else "none"
            )
            assert o["level"] == expected and o["linked"] == (expected == "clear")
    # Clear links are mostly links the expert map makes too.
    gold = crosswalk_gold()
    clear = [(a["number"], o["number"]) for a in areas for o in a["objectives"] if o["level"] == "clear"]
    assert clear and sum(o in gold[a] for a, o in clear) / len(clear) >= 0.75
