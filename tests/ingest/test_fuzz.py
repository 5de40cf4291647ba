"""Fuzzing the cleaner, structure parser and chunker: they never crash and passage invariants hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategiqa.ingest.chunk import chunk_document
from strategiqa.ingest.model import DocumentInfo
from strategiqa.ingest.pipeline import parse_document

INFO = DocumentInfo("fuzz", "fuzz.txt", "En nationell strategi för fuzz", "Fuzz", "Test", 2025, "national")

# Lines that look like the corpus: headings, hyphenation, credits, pull quotes, lists, page marks.
PIECES = st.sampled_from(
    [
        "# Rubrik",
        "## 1. Område",
        "#### 2.1 Mål",
        "### MÅLBILD",
        " 3. Område med lång ",
        "rubrik",
        "4.1 Ett mål i ",
        "Sverige",
        "Foto: Någon",
        "”",
        "**Fet text**",
        "- punkt ett",
        "Det är social-",
        "tjänsten som ",
        "hälso- ",
        "och sjukvården.",
        "En mening. En till!",
        "t.ex. bl.a. s.k.",
        "1\t\ufffd Fotnot",
        "En nationell strategi för fuzz 5",
        "\f",
        "",
        "   ",
        "<!-- image -->",
        "åäö ÅÄÖ é",
        "upp-komst",
        "STEM-",
        "ämnen",
        "2035",
        "Målsättningar",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(min_size=0, max_size=40)), min_size=0, max_size=60).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=TEXT, fmt=st.sampled_from(["txt", "md", "pdf"]), words=st.integers(min_value=20, max_value=200))
def test_pipeline_never_crashes_and_passages_are_exact_spans(raw: str, fmt: str, words: int) -> None:
    document, blocks = parse_document(INFO, raw, fmt)  # type: ignore[arg-type]
    passages = chunk_document(document, blocks, words)
    sections = {s.id: s for s in document.all_sections()}
    ids = [p.passage_id for p in passages]
    assert len(ids) == len(set(ids))
    for p in passages:
        assert document.text[p.start : p.end] == p.text and p.text.strip() == p.text
        section = sections[p.section_id]
        body_end = section.children[0].start if section.children else section.end
        assert section.body_start <= p.start <= p.end <= body_end
        for a, b in p.sentences:
            assert 0 <= a < b <= len(p.text)
