"""Passage invariants on the real corpus: exact spans, whole sentences, one section each, stable ids."""

from __future__ import annotations

from pathlib import Path

from strategiqa.ingest.model import Document, Section
from strategiqa.ingest.pipeline import ParsedCorpus, parse_corpus


def _sections_by_id(document: Document) -> dict[str, Section]:
    return {s.id: s for s in document.all_sections()}


def test_every_passage_is_exactly_the_cleaned_text_at_its_span(parsed_corpus: ParsedCorpus) -> None:
    docs = {d.info.doc_id: d for d in parsed_corpus.documents}
    assert len(parsed_corpus.passages) > 50
    for p in parsed_corpus.passages:
        assert docs[p.doc_id].text[p.start : p.end] == p.text
        for a, b in p.sentences:
            assert p.text[a:b].strip() == p.text[a:b] and b > a


def test_no_passage_crosses_a_section_or_cuts_a_sentence(parsed_corpus: ParsedCorpus) -> None:
    for document in parsed_corpus.documents:
        sections = _sections_by_id(document)
        for p in (p for p in parsed_corpus.passages if p.doc_id == document.info.doc_id):
            section = sections[p.section_id]
            body_end = section.children[0].start if section.children else section.end
            assert section.body_start <= p.start and p.end <= body_end, p.passage_id
            assert p.section_path == section.path
            assert p.text[-1] in '.!?:;)”"' or p.end == body_end or document.text[p.end : p.end + 1] in ("\n", "")


def test_passages_are_sized_for_the_model(parsed_corpus: ParsedCorpus) -> None:
    words = [len(p.text.split()) for p in parsed_corpus.passages]
    assert max(words) <= 300  # well under the 512-token window of multilingual-e5-small
    assert 60 <= sum(words) / len(words) <= 160


def test_passage_ids_are_unique_and_stable_across_reingest(parsed_corpus: ParsedCorpus) -> None:
    ids = [p.passage_id for p in parsed_corpus.passages]
    assert len(ids) == len(set(ids))
    again = parse_corpus(Path(__file__).resolve().parents[2] / "corpus")
    assert [p.passage_id for p in again.passages] == ids


def test_national_passages_know_their_page_and_cite_it(parsed_corpus: ParsedCorpus) -> None:
    trials = next(p for p in parsed_corpus.passages if p.section_number == "4.1")
    assert trials.page == 14
    assert trials.label == (
        "Regeringen (2024), En nationell strategi för life science, 4.1 Fler kliniska prövningar av hög kvalitet, s. 14"
    )
    malbild = next(p for p in parsed_corpus.passages if p.section_id == "4_malbild")
    assert malbild.page is None  # the agenda's text export has no page numbers
    assert malbild.label.endswith("4. Kompetensförsörjning, utbildning och livslångt lärande – MÅLBILD")
