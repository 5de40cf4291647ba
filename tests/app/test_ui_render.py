"""The web app's HTML comes from templates with autoescape; behaviour from one static script."""

from __future__ import annotations

import re
from pathlib import Path

from strategiqa.app.templating import STATIC, render
from strategiqa.app.ui_render import render_answer, render_citations

APP = Path(__file__).resolve().parents[2] / "app"


def _result(answer: str) -> dict:  # type: ignore[type-arg]
    passage = {
        "passage_id": "d:s:1",
        "text": "Före <b>citat</b> ${x} `y` efter.",
        "doc_title": "Dokument <1>",
        "section_path": ["1 Mål"],
        "page": 3,
    }
    citation = {"n": 1, "passage_id": "d:s:1", "quote": "<b>citat</b>", "quote_start": 5, "quote_end": 17,
                "reference": "P (2025), T, 1 Mål, s. 3"}  # fmt: skip
    return {"answer": answer, "citations": [citation], "passages": [passage], "abstained": False}


def test_text_is_escaped_markers_link_and_nothing_runs_inline() -> None:
    result = _result("Svar <script>alert(1)</script> med ${mall} [1]\nny rad")
    answer = render_answer(result, "sv")
    assert "<script>" not in answer and "&lt;script&gt;" in answer
    assert "$" not in answer and "&#36;" in answer  # Gradio would read ${…} as template syntax
    assert 'data-sq="cite" data-target="sq-cite-1">[1]</a>' in answer and "<br>" in answer
    cards = render_citations(result, "en")
    assert "<mark>&lt;b&gt;citat&lt;/b&gt;</mark>" in cards and "Dokument &lt;1&gt;" in cards
    assert "`" not in cards
    for html in (answer, cards):
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_templates_have_no_inline_handlers_and_the_script_handles_every_action() -> None:
    script = (STATIC / "strategiqa.js").read_text(encoding="utf-8")
    actions = set()
    for template in (APP / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+=", text), template.name
        actions |= set(re.findall(r'data-sq="([a-z-]+)"', text))
    assert actions == {"cite", "copy", "evidence", "clear-file", "file"}
    assert all(f'"{action}"' in script for action in actions)
    assert render("error.html", message="<x>") == '<div class="sq-answer abstained">&lt;x&gt;</div>'


def test_the_answer_says_which_sections_it_is_drawn_from() -> None:
    result = {**_result("Svar [1]"), "sections": ["4. Kompetens <x> › BEHOV"]}
    assert 'id="sq-sections">Ur avsnitt: 4. Kompetens &lt;x&gt; › BEHOV<' in render_answer(result, "sv")
    assert "From sections: 4. Kompetens" in render_answer(result, "en")
    assert "sq-sections" not in render_answer(_result("Svar [1]"), "sv")


def test_an_outline_answer_is_shown_as_a_list_one_section_a_line() -> None:
    result = _result("Dokument: 3 numrerade områden: 1 Forskning [1]; 2 Vård <i>[2]</i> [2]; 3 Data [3].")
    result["answer_kind"] = "overview"
    result["citations"] = [{**result["citations"][0], "n": n} for n in (1, 2, 3)]
    answer = render_answer(result, "sv")
    assert answer.count("<li>") == 3 and "Dokument: 3 numrerade områden:" in answer
    assert "&lt;i&gt;" in answer and "<i>" not in answer  # escaped in the list as in running text
    assert 'data-target="sq-cite-3">[3]</a></li>' in answer


def test_a_summary_cell_lists_links_in_number_order() -> None:
    from strategiqa.app.reports import summary_cell

    items = [{"number": n, "title": t} for n, t in (("4.10", "D"), ("2", "A"), ("4.9", "C"))]
    assert summary_cell(items).splitlines() == ["2 A", "4.9 C", "4.10 D"]
    lettered = [{"number": n, "title": t} for n, t in (("B", "L"), ("A", "K"))]
    assert summary_cell(lettered).splitlines() == ["A K", "B L"]


def test_two_quotes_of_one_passage_are_one_card_with_both_marked() -> None:
    result = _result("Svar [1] [2]")
    text = result["passages"][0]["text"]
    second = {**result["citations"][0], "n": 2, "quote": "efter", "quote_start": text.index("efter"),
              "quote_end": text.index("efter") + 5}  # fmt: skip
    result["citations"].append(second)
    cards = render_citations(result, "sv")
    assert cards.count('class="sq-card"') == 1 and "[1][2] Dokument" in cards
    assert "<mark>&lt;b&gt;citat&lt;/b&gt;</mark>" in cards and '<mark id="sq-cite-2">efter</mark>' in cards
    assert 'id="sq-cite-1"' in cards  # both markers find their quote
