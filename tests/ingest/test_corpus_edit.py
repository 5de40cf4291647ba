"""``add`` writes every routing word it is given into the manifest entry, and the manifest reads it back."""

from __future__ import annotations

from pathlib import Path

from strategiqa.ingest.corpus_edit import NewDocument, add_document
from strategiqa.ingest.load import read_manifest


def test_add_writes_places_names_and_cues(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "other.md").write_text("# 1. Vård\n\nRegionen ska stärka vården.\n", encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[[documents]]\nid = "other"\nfile = "other.md"\ntitle = "Annan plan"\npublisher = "P"\nyear = 2025\n'
        'role = "regional"\n',
        encoding="utf-8",
    )
    source = tmp_path / "plan.md"
    source.write_text("# 1. Hälsa\n\nKommunen ska stärka hälsan.\n", encoding="utf-8")
    new = NewDocument(
        source,
        "Plan för Ydre",
        "Ydre kommun",
        2026,
        "municipal",
        places=("Ydre",),
        names=("planen",),
        cues=("kommunen",),
    )
    doc_id, _ = add_document(corpus, new)
    info = next(i for i in read_manifest(corpus) if i.doc_id == doc_id)
    # (The publisher, a body questions name the document by, is read back after the places given.)
    assert (info.places, info.names, info.cues) == (("Ydre", "Ydre kommun"), ("planen",), ("kommunen",))
