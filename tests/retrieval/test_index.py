"""Index round trip, refusal of mismatched indexes, incremental re-ingest, damage detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.retrieval.index import FORMAT_VERSION, MANIFEST, IndexProblem, load_index


def test_index_round_trip_keeps_passages_outline_and_search(mini_settings: Settings) -> None:
    report = ingest(mini_settings, progress=False)
    assert report.passages > 0 and report.embedded > 0
    index = load_index(mini_settings.index_dir)
    manifest = json.loads((mini_settings.index_dir / MANIFEST).read_text())
    for key in ("model_id", "dim", "corpus_checksum", "fingerprint", "passage_count", "created_at", "format_version"):
        assert key in manifest
    assert manifest["passage_count"] == len(index.passages) == report.passages
    assert index.passages[0].text and index.documents[1].sections[0].number == "1"
    engine = Engine.open(mini_settings)
    top = engine.ask("Vilket etappmål finns för läkemedel i miljön?", top_k=1)["passages"][0]
    assert "etappmål för läkemedel i miljön" in top["text"]
    assert top["doc_id"] == "mini-strategi" and top["section_number"] == "2"


def test_reingest_of_an_unchanged_corpus_embeds_nothing(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    again = ingest(mini_settings, progress=False)
    assert again.embedded == 0


def test_reingest_after_an_edit_embeds_only_the_changed_text(mini_settings: Settings) -> None:
    first = ingest(mini_settings, progress=False)
    path = mini_settings.corpus_dir / "strategi.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n 3. Nytt område\n\nEn helt ny mening om vaccin.\n", encoding="utf-8"
    )
    second = ingest(mini_settings, progress=False)
    assert 0 < second.embedded < first.embedded


def test_index_built_with_another_model_is_refused(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    path = mini_settings.index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["model_id"] = "sentence-transformers:some-other-model"
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexProblem, match="was built with sentence-transformers:some-other-model"):
        Engine.open(mini_settings)


def test_index_of_an_old_format_is_rebuilt_or_refused_when_auto_ingest_is_off(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    path = mini_settings.index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexProblem, match=r"older version \(format 1\); run `strategiqa ingest`"):
        Engine.open(mini_settings.model_copy(update={"auto_ingest": False}))
    notices: list[str] = []
    engine = Engine.open(mini_settings, notice=notices.append)
    assert engine.index.manifest.format_version == FORMAT_VERSION and "older version" in notices[0]


def test_changed_corpus_is_rebuilt_automatically_or_refused_when_auto_ingest_is_off(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    (mini_settings.corpus_dir / "agenda.md").write_text("# Ny agenda\n\nHelt ny text om life science.\n", "utf-8")
    strict = mini_settings.model_copy(update={"auto_ingest": False})
    with pytest.raises(IndexProblem, match=r"corpus or chunking changed.*strategiqa ingest"):
        Engine.open(strict)
    notices: list[str] = []
    engine = Engine.open(mini_settings, notice=notices.append)
    assert notices and "building it now" in notices[0]
    assert any("Helt ny text" in p.text for p in engine.index.passages)


def test_damaged_index_file_is_detected(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    target = mini_settings.index_dir / "passages.jsonl"
    target.write_bytes(target.read_bytes()[:-20])
    with pytest.raises(IndexProblem, match=r"passages\.jsonl is missing or damaged"):
        load_index(mini_settings.index_dir)
    strict = mini_settings.model_copy(update={"auto_ingest": False})
    with pytest.raises(IndexProblem, match="strategiqa ingest"):
        Engine.open(strict)


def test_ingest_leaves_no_temporary_directories(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    ingest(mini_settings, progress=False)
    leftovers = [p.name for p in Path(mini_settings.index_dir).parent.iterdir() if p.name.startswith(".index")]
    assert leftovers == [".index.lock"] or leftovers == []


def test_missing_index_with_auto_ingest_off_says_what_to_run(mini_settings: Settings) -> None:
    strict = mini_settings.model_copy(update={"auto_ingest": False})
    with pytest.raises(IndexProblem, match=r"No index at .*run `strategiqa ingest`"):
        Engine.open(strict)


def test_simple_vector_store_can_replace_faiss(mini_settings: Settings) -> None:
    simple = mini_settings.model_copy(update={"vector_store": "simple"})
    ingest(simple, progress=False)
    engine = Engine.open(simple)
    assert engine.info()["vector_store"] == "simple"
    top = engine.ask("Vad saknas i vården för kliniska prövningar?", top_k=1, mode="dense")["passages"][0]
    assert "forskningssjuksköterskor" in top["text"]


def test_large_stores_switch_to_hnsw_and_small_ones_stay_exact() -> None:
    import numpy as np
    from strategiqa.retrieval.vector_store import EXACT_SEARCH_LIMIT, create_vector_store

    small = create_vector_store("faiss", 8, expected_count=100)
    large = create_vector_store("faiss", 8, expected_count=EXACT_SEARCH_LIMIT + 1)
    assert type(small._store.client).__name__ == "IndexFlatIP"
    assert type(large._store.client).__name__ == "IndexHNSWFlat"
    vectors = np.eye(8, dtype=np.float32)
    for store in (small, large):
        store.add(vectors)
        scores, ids = store.search(vectors[3], 2)
        assert ids[0] == 3 and scores[0] > 0.99


def test_damaged_manifest_is_rebuilt_and_the_index_is_readable_by_others(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    assert mini_settings.index_dir.stat().st_mode & 0o777 == 0o755
    (mini_settings.index_dir / MANIFEST).write_text("{ not json")
    notices: list[str] = []
    engine = Engine.open(mini_settings, notice=notices.append)
    assert notices and "manifest" in notices[0] and "building it now" in notices[0]
    assert engine.index.manifest.passage_count > 0


def test_a_fresh_index_is_not_rebuilt_by_a_waiting_process(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    before = json.loads((mini_settings.index_dir / MANIFEST).read_text())["created_at"]
    report = ingest(mini_settings, progress=False, skip_if_fresh=True)
    assert report.passages == 0 and report.embedded == 0
    assert json.loads((mini_settings.index_dir / MANIFEST).read_text())["created_at"] == before


def test_a_sentence_pointing_back_is_embedded_with_the_one_before_it(real_engine: Engine) -> None:
    from strategiqa.ingest.sentences import refers_back
    from strategiqa.retrieval.index import sentence_embedding_text

    index = real_engine.index
    checked = 0
    for position, passage in enumerate(index.passages):
        texts = passage.sentence_texts()
        vectors = index.passage_sentence_vectors(position)
        for j, sentence in enumerate(texts):
            if j == 0 or not refers_back(sentence):
                continue
            with_before, alone = real_engine.embedder.embed_passages(
                [sentence_embedding_text(passage, sentence, texts[j - 1]), sentence_embedding_text(passage, sentence)]
            )
            # The index holds the vector of the sentence read with the one before it, not of the sentence alone.
            assert float(vectors[j] @ with_before) > 0.999 > float(vectors[j] @ alone), sentence
            checked += 1
    assert checked >= 5  # "Dessa tas fram gemensamt …", "Detta kräver …": the corpus has about a dozen


def test_only_a_sentence_pointing_back_takes_the_one_before_it() -> None:
    from types import SimpleNamespace
    from typing import cast

    from strategiqa.ingest.model import Passage
    from strategiqa.retrieval.index import sentence_embedding_text

    passage = cast(Passage, SimpleNamespace(section_path=("Uppföljning",)))  # only its section path is read
    before = "Framsteg ska mätas mot indikatorer."
    assert sentence_embedding_text(passage, "Dessa tas fram gemensamt.", before) == (
        "Uppföljning: Framsteg ska mätas mot indikatorer. Dessa tas fram gemensamt."
    )
    assert sentence_embedding_text(passage, "Regionen följer upp årligen.", before) == (
        "Uppföljning: Regionen följer upp årligen."
    )
    assert sentence_embedding_text(passage, "Dessa tas fram gemensamt.") == "Uppföljning: Dessa tas fram gemensamt."
