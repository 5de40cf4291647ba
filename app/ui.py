"""The Gradio front end, mounted on the FastAPI app at /: ask, read cited answers, browse documents.

Everything shown is rendered here as escaped HTML from the engine's answer object, so the page
shows exactly what the API returns. Labels follow the question's language unless the reader
picks one.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import FastAPI
from strategiqa.retrieval.language import detect_language

from .engine import BadInput, Engine

EXAMPLES = [
    "Hur många life science-bolag finns det i Västsverige?",
    "Vad säger strategin om kliniska prövningar?",
    "Vilka indikatorer ska användas för att följa upp agendan?",
    "What does the agenda say about health technology assessment?",
    "Which ministers signed the foreword of the national strategy?",
    "How should antimicrobial resistance be tackled?",
]

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Fråga life science-strategierna",
        "subtitle": "Svar med källhänvisning ur *Agenda för västsvensk life science* (VGR 2026) och "
        "*En nationell strategi för life science* (Regeringen 2024). Varje citat står ordagrant i dokumenten.",
        "question": "Din fråga",
        "placeholder": "Till exempel: Hur ska fler kliniska prövningar möjliggöras?",
        "ask": "Fråga",
        "answer": "Svar",
        "sources": "Källor",
        "copy": "Kopiera referens",
        "copied": "Kopierad",
        "page": "s.",
        "abstained": "Närmaste avsnitt i dokumenten",
        "language": "Språk",
        "examples": "Exempel",
        "ask_tab": "Fråga",
        "browse_tab": "Dokument",
        "document": "Dokument",
        "passages": "avsnitt",
    },
    "en": {
        "title": "Ask the life-science strategies",
        "subtitle": "Cited answers from *Agenda för västsvensk life science* (VGR 2026) and *En nationell "
        "strategi för life science* (Government 2024). Every quote stands verbatim in the documents, in Swedish.",
        "question": "Your question",
        "placeholder": "For example: How will more clinical trials be made possible?",
        "ask": "Ask",
        "answer": "Answer",
        "sources": "Sources",
        "copy": "Copy reference",
        "copied": "Copied",
        "page": "p.",
        "abstained": "Closest passages in the documents",
        "language": "Language",
        "examples": "Examples",
        "ask_tab": "Ask",
        "browse_tab": "Documents",
        "document": "Document",
        "passages": "passages",
    },
}
LANGUAGE_CHOICES = [("Automatiskt / Auto", "auto"), ("Svenska", "sv"), ("English", "en")]

CSS = """
.gradio-container { max-width: 980px !important; margin: 0 auto !important; font-size: 16px; }
#sq-header h1 { font-size: 1.7rem; margin-bottom: 0.2rem; color: #12355b; }
.sq-answer { font-size: 1.08rem; line-height: 1.65; padding: 1rem 1.2rem; border-left: 4px solid #12355b;
  background: #f5f8fc; border-radius: 6px; color: #1a1a1a; }
.sq-answer.abstained { border-left-color: #9a6700; background: #fff8e6; }
.sq-marker { color: #12355b; font-weight: 600; text-decoration: none; cursor: pointer; }
.sq-card { border: 1px solid #d5dde8; border-radius: 8px; padding: 0.9rem 1.1rem; margin: 0.8rem 0;
  background: #fff; color: #1a1a1a; }
.sq-card.flash { box-shadow: 0 0 0 3px #8fb3de; }
.sq-card h4 { margin: 0 0 0.3rem 0; font-size: 1rem; color: #12355b; }
.sq-path { color: #4a5566; font-size: 0.9rem; margin-bottom: 0.5rem; }
.sq-text { line-height: 1.6; }
.sq-text mark { background: #fde68a; padding: 0 2px; border-radius: 2px; }
.sq-ref { font-size: 0.85rem; color: #4a5566; margin-top: 0.6rem; display: flex; gap: 0.8rem;
  align-items: center; flex-wrap: wrap; }
.sq-copy { border: 1px solid #12355b; color: #12355b; background: #fff; border-radius: 4px;
  padding: 2px 10px; cursor: pointer; font-size: 0.85rem; }
.sq-outline details { margin-left: 1rem; }
.sq-outline summary { cursor: pointer; padding: 2px 0; }
.sq-outline .sq-passage { margin: 0.4rem 0 0.6rem 1.2rem; padding: 0.5rem 0.8rem; background: #f7f9fb;
  border-radius: 4px; line-height: 1.5; font-size: 0.95rem; color: #1a1a1a; }
.sq-muted { color: #4a5566; font-size: 0.85rem; }
"""


def mount_ui(app: FastAPI, engine: Engine) -> FastAPI:
    """Mount the Gradio app at / on ``app`` (same process, same port)."""
    import gradio as gr

    blocks = build_ui(engine)
    return gr.mount_gradio_app(
        app, blocks, path="/", css=CSS, theme=gr.themes.Default(primary_hue="blue"), footer_links=[]
    )


def build_ui(engine: Engine) -> Any:
    import gradio as gr

    sv = LABELS["sv"]
    with gr.Blocks(title="strategiqa", analytics_enabled=False) as blocks:
        header = gr.Markdown(_header("sv"), elem_id="sq-header")
        with gr.Row():
            language = gr.Radio(LANGUAGE_CHOICES, value="auto", label=sv["language"], scale=1)
        with gr.Tab(sv["ask_tab"]):
            question = gr.Textbox(
                label=sv["question"], placeholder=sv["placeholder"], lines=2, max_lines=6, elem_id="sq-question"
            )
            ask_button = gr.Button(sv["ask"], variant="primary", elem_id="sq-ask")
            gr.Examples(EXAMPLES, inputs=question, label=sv["examples"])
            answer = gr.HTML(elem_id="sq-answer-box")
            citations = gr.HTML(elem_id="sq-citations")
        with gr.Tab(sv["browse_tab"]):
            choices = [(d.info.title, d.info.doc_id) for d in engine.index.documents]
            document = gr.Dropdown(choices, value=choices[0][1] if choices else None, label=sv["document"])
            outline = gr.HTML(render_outline(engine, choices[0][1], "sv") if choices else "")

        def on_ask(text: str, lang_choice: str) -> tuple[Any, ...]:
            try:
                result = engine.ask(text)
            except BadInput as exc:
                lang = lang_choice if lang_choice != "auto" else "sv"
                return (f'<div class="sq-answer abstained">{html.escape(str(exc))}</div>', "", *_relabel(lang))
            lang = lang_choice if lang_choice != "auto" else result["language"]
            return (render_answer(result, lang), render_citations(result, lang), *_relabel(lang))

        def on_language(lang_choice: str, text: str) -> tuple[Any, ...]:
            lang = lang_choice if lang_choice != "auto" else (detect_language(text) if text.strip() else "sv")
            return _relabel(lang)

        relabelled = [header, question, ask_button]
        ask_button.click(on_ask, [question, language], [answer, citations, *relabelled])
        question.submit(on_ask, [question, language], [answer, citations, *relabelled])
        language.change(on_language, [language, question], relabelled)
        document.change(
            lambda doc, lang: render_outline(engine, doc, lang if lang != "auto" else "sv"),
            [document, language],
            outline,
        )
    return blocks


def _relabel(lang: str) -> tuple[Any, ...]:
    import gradio as gr

    labels = LABELS[lang]
    return (
        gr.update(value=_header(lang)),
        gr.update(label=labels["question"], placeholder=labels["placeholder"]),
        gr.update(value=labels["ask"]),
    )


def _header(lang: str) -> str:
    labels = LABELS[lang]
    return f"# {labels['title']}\n{labels['subtitle']}"


def render_answer(result: dict[str, Any], lang: str) -> str:
    """The answer text with clickable citation markers."""
    labels = LABELS[lang]
    text = _esc(result["answer"])
    for c in result["citations"]:
        n = c["n"]
        marker = (
            f'<a class="sq-marker" href="#sq-cite-{n}" onclick="var e=document.getElementById(\'sq-cite-{n}\');'
            f"if(e){{e.scrollIntoView({{behavior:'smooth'}});e.classList.add('flash');"
            f"setTimeout(function(){{e.classList.remove('flash')}},1200)}};return false;\">[{n}]</a>"
        )
        text = text.replace(f"[{n}]", marker)
    css = "sq-answer abstained" if result["abstained"] else "sq-answer"
    title = labels["abstained"] if result["abstained"] else labels["answer"]
    return (
        f'<div class="{css}" id="sq-answer" data-abstained="{str(result["abstained"]).lower()}">'
        f"<strong>{title if result['abstained'] else ''}</strong>{'<br>' if result['abstained'] else ''}{text}</div>"
    )


def render_citations(result: dict[str, Any], lang: str) -> str:
    """One card per citation (or, for a refusal, per closest passage), the quote highlighted."""
    labels = LABELS[lang]
    cards = []
    passages = {p["passage_id"]: p for p in result["passages"]}
    if result["abstained"]:
        items = [(i, p, None) for i, p in enumerate(result["passages"][:3], 1)]
    else:
        items = [(c["n"], passages.get(c["passage_id"]), c) for c in result["citations"]]
    for n, passage, citation in items:
        if passage is None:
            continue
        text = passage["text"]
        if citation is not None:
            a, b = citation["quote_start"], citation["quote_end"]
            body = f"{_esc(text[:a])}<mark>{_esc(text[a:b])}</mark>{_esc(text[b:])}"
            reference = citation["reference"]
        else:
            body = _esc(text)
            reference = " > ".join(passage["section_path"])
        page = f" · {labels['page']} {passage['page']}" if passage["page"] else ""
        cards.append(
            f'<div class="sq-card" id="sq-cite-{n}"><h4>[{n}] {_esc(passage["doc_title"])}</h4>'
            f'<div class="sq-path">{_esc(" › ".join(passage["section_path"]))}{page}</div>'
            f'<div class="sq-text">{body}</div>'
            f'<div class="sq-ref"><span>{_esc(reference)}</span>'
            f'<button class="sq-copy" data-ref="{_esc(reference)}" onclick="navigator.clipboard.writeText('
            f"this.dataset.ref);this.textContent='{labels['copied']}';\">{labels['copy']}</button></div></div>"
        )
    heading = f"<h3>{labels['sources']}</h3>" if cards and not result["abstained"] else ""
    return heading + "".join(cards)


def render_outline(engine: Engine, doc_id: str, lang: str) -> str:
    """The document's sections as nested, expandable lists, each with its passages."""
    outline = engine.document_outline(doc_id)
    if outline is None:
        return ""
    labels = LABELS[lang]

    def node(section: dict[str, Any]) -> str:
        number = f"{section['number']} " if section["number"] else ""
        texts = "".join(
            f'<div class="sq-passage">{_esc(p["text"])}</div>'
            for p in (engine.passage(pid) for pid in section["passages"])
            if p is not None
        )
        count = (
            f' <span class="sq-muted">({len(section["passages"])} {labels["passages"]})</span>'
            if section["passages"]
            else ""
        )
        children = "".join(node(c) for c in section["children"])
        return f"<details><summary>{_esc(number + section['title'])}{count}</summary>{texts}{children}</details>"

    return (
        f'<div class="sq-outline"><h3>{_esc(outline["title"])}</h3>'
        + "".join(node(s) for s in outline["sections"])
        + "</div>"
    )


def _esc(text: str) -> str:
    """HTML-escape, and neutralise the characters Gradio's template strings would interpret."""
    return html.escape(text, quote=True).replace("$", "&#36;").replace("`", "&#96;").replace("\n", "<br>")
