"""How the index is shown (`app/views.py`): locators, English titles and page links, against the real corpus."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from strategiqa.app.engine import Engine


def test_a_passage_is_shown_with_its_locator_english_titles_and_page(real_engine: Engine) -> None:
    passage = next(p for p in real_engine.index.passages if p.section_number == "4.1")
    shown = real_engine.views.passage_fields(passage)
    assert shown["passage_id"] == passage.passage_id and shown["text"] == passage.text
    assert shown["reference"] == passage.label and shown["page"] == passage.page
    assert shown["section_title_en"] and shown["section_title_en"] != passage.section_title  # the profile's English
    assert len(shown["section_path_en"]) == len(passage.section_path)
    assert passage.passage_id in unquote(shown["url"])
    assert real_engine.passage(passage.passage_id) == shown
    assert real_engine.passage("no-such-passage") is None


def test_a_quote_is_highlighted_on_its_page_but_a_heading_citation_opens_the_section(real_engine: Engine) -> None:
    passage = real_engine.index.passages[0]
    quote = passage.text.split(".")[0]
    citation = {
        "doc_id": passage.doc_id,
        "passage_id": passage.passage_id,
        "quote": quote,
        "section_title": passage.section_title,
        "section_path": list(passage.section_path),
    }
    quoted = real_engine.views.citation_fields(citation)
    heading = real_engine.views.citation_fields({**citation, "kind": "heading"})
    assert quoted["url"] != heading["url"] and passage.passage_id in unquote(heading["url"])
    assert quoted["quote"] == quote  # the citation itself is passed through unchanged


def test_the_outline_lists_every_document_and_one_document_lists_its_passages(real_engine: Engine) -> None:
    documents = real_engine.outline()["documents"]
    assert {d["doc_id"] for d in documents} == {d.info.doc_id for d in real_engine.index.documents}
    doc_id = documents[0]["doc_id"]
    tree = real_engine.document_outline(doc_id)
    assert tree is not None and tree["sections"]

    def passages(node: dict[str, Any]) -> list[str]:
        return node["passages"] + [p for child in node["children"] for p in passages(child)]

    listed = [p for section in tree["sections"] for p in passages(section)]
    assert set(listed) == {p.passage_id for p in real_engine.index.passages if p.doc_id == doc_id}
    assert real_engine.document_outline("no-such-document") is None
