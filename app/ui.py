"""The Gradio front end, mounted on the FastAPI app at /: ask, read cited answers, browse documents.

Everything shown is rendered here as escaped HTML from the engine's answer object, so the page
shows exactly what the API returns. Labels follow the question's language unless the reader
picks one.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from strategiqa.ingest.load import read_profile
from strategiqa.ingest.model import DocumentInfo
from strategiqa.retrieval.language import detect_language

from .engine import Engine
from .proposals import MAX_UPLOAD_BYTES, ProposalError, proposal_text
from .reports import alignment_docx
from .templating import SCRIPT_URL, render
from .ui_render import (
    LABELS,
    render_alignment,
    render_answer,
    render_citations,
    render_crosswalk,
    render_outline,
    upload_bytes,
    upload_source,
)
from .validation import BadInput

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
.sq-heat-wrap { overflow-x: auto; }
.sq-heat { border-collapse: collapse; font-size: 0.78rem; }
.sq-heat th { font-weight: 600; padding: 2px 3px; color: #12355b; white-space: nowrap; }
.sq-heat .sq-rowhead { text-align: left; max-width: 15rem; }
.sq-cell { width: 1.9rem; height: 1.9rem; text-align: center; color: #fff; cursor: pointer; border: 1px solid #fff; }
.sq-cell.linked { outline: 2px solid #9a6700; outline-offset: -2px; }
.sq-legend ul { columns: 2 22rem; font-size: 0.85rem; margin: 0.3rem 0; }
.sq-ev-box .sq-ev { border: 1px solid #d5dde8; border-radius: 8px; padding: 0.8rem 1rem; margin: 0.8rem 0; }
.sq-pair { margin: 0.5rem 0; padding: 0.5rem 0.7rem; background: #f7f9fb; border-radius: 4px; line-height: 1.5; }
.sq-hidden { display: none !important; }
.sq-heat .sq-rowhead { position: sticky; left: 0; background: #fff; z-index: 1; }
.sq-summary { border-collapse: collapse; margin: 0.5rem 0 1rem 0; }
.sq-summary th, .sq-summary td { border: 1px solid #d5dde8; padding: 4px 10px; text-align: left; }
/* Phones: the crosswalk is the per-area list (area -> linked objectives), not the wide heatmap. */
@media (max-width: 640px) {
  .sq-heat-wrap, .sq-ev-box, .sq-legend { display: none; }
  .sq-outline details { margin-left: 0; }
}
"""

SCROLL_TO_RESULT = "() => { const e = document.getElementById('sq-alignment'); if (e) e.scrollIntoView(); }"


def mount_ui(app: FastAPI, engine: Engine) -> FastAPI:
    """Mount the Gradio app at / on ``app`` (same process, same port)."""
    import gradio as gr

    # The page's behaviour is one static script (no inline handlers), mounted at /static by ``create_app``.
    blocks = build_ui(engine)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        css=CSS,
        theme=gr.themes.Default(primary_hue="blue"),
        footer_links=[],
        head=f'<script src="{SCRIPT_URL}" defer></script>',
    )


def build_ui(engine: Engine) -> Any:
    import gradio as gr

    sv = LABELS["sv"]
    with gr.Blocks(title="strategiqa", analytics_enabled=False) as blocks:
        documents = [d.info for d in engine.index.documents]
        header = gr.Markdown(_header("sv", documents), elem_id="sq-header")
        with gr.Row():
            language = gr.Radio(LANGUAGE_CHOICES, value="auto", label=sv["language"], scale=1)
        with gr.Tab(sv["ask_tab"]):
            question = gr.Textbox(
                label=sv["question"], placeholder=sv["placeholder"], lines=2, max_lines=6, elem_id="sq-question"
            )
            gr.Markdown(sv["followup_hint"], elem_classes=["sq-muted"])
            all_docs = [(d.short_title, d.doc_id) for d in documents]
            scope = gr.CheckboxGroup(all_docs, value=[d for _, d in all_docs], label=sv["scope"], elem_id="sq-scope")
            ask_button = gr.Button(sv["ask"], variant="primary", elem_id="sq-ask")
            previous = gr.State(None)
            examples = read_profile(engine.settings.corpus_dir).examples
            if examples:
                gr.Examples(list(examples), inputs=question, label=sv["examples"])
            answer = gr.HTML(elem_id="sq-answer-box")
            citations = gr.HTML(elem_id="sq-citations")
        with gr.Tab(sv["crosswalk_tab"]):
            references = {p.passage_id: p.label for p in engine.index.passages}
            gr.HTML(render_crosswalk(engine.crosswalk, "sv", references), elem_id="sq-crosswalk")
        with gr.Tab(sv["proposal_tab"]):
            proposal = gr.Textbox(label=sv["proposal"], lines=8, max_lines=20, elem_id="sq-proposal")
            gr.HTML(
                render(
                    "upload.html",
                    label=sv["upload"],
                    max_bytes=MAX_UPLOAD_BYTES,
                    too_big="Filen är större än 10 MB.",
                    clear=sv["clear_file"],
                )
            )
            upload_data = gr.Textbox(elem_id="sq-upload-data", elem_classes=["sq-hidden"], show_label=False)
            analyse_button = gr.Button(sv["analyse"], variant="primary", elem_id="sq-analyse")
            alignment = gr.HTML(elem_id="sq-alignment")
        with gr.Tab(sv["browse_tab"]):
            choices = [(d.info.title, d.info.doc_id) for d in engine.index.documents]
            document = gr.Dropdown(choices, value=choices[0][1] if choices else None, label=sv["document"])
            outline = gr.HTML(render_outline(engine, choices[0][1], "sv") if choices else "")

        def on_ask(text: str, lang_choice: str, before: str | None, chosen: list[str]) -> tuple[Any, ...]:
            # The conversation keeps only the previous question, so a follow-up can refer back to it.
            try:
                if not chosen:
                    raise BadInput(LABELS[lang_choice if lang_choice != "auto" else "sv"]["no_scope"])
                everything = len(chosen) == len(engine.index.documents)
                result = engine.ask(text, previous_question=before, docs=None if everything else chosen)
            except BadInput as exc:
                lang = lang_choice if lang_choice != "auto" else "sv"
                error = render("error.html", message=str(exc))
                return (error, "", before, *_relabel(lang, documents))
            lang = lang_choice if lang_choice != "auto" else result["language"]
            # A follow-up keeps the question it was read against, so "and there?" chains stay on topic.
            remembered = before if result["interpreted_as"] else result["question"]
            return (render_answer(result, lang), render_citations(result, lang), remembered, *_relabel(lang, documents))

        def on_language(lang_choice: str, text: str) -> tuple[Any, ...]:
            lang = lang_choice if lang_choice != "auto" else (detect_language(text) if text.strip() else "sv")
            return _relabel(lang, documents)

        def on_analyse(text: str, data_url: str, lang_choice: str) -> tuple[str, str]:
            # The proposal stays in memory: never written, never logged. The upload is used once
            # (cleared afterwards), so a later pasted text is not shadowed by an old file.
            try:
                if data_url:
                    text = proposal_text(upload_bytes(data_url), upload_source(data_url))
                result = engine.align(text)
            except ProposalError as exc:
                return render("error.html", message=str(exc)), ""
            lang = lang_choice if lang_choice != "auto" else result["language"]
            source = (upload_source(data_url) or LABELS[lang]["upload_fallback"]) if data_url else None
            word = alignment_docx(result, engine.strategy_documents(), source or LABELS[lang]["pasted"], lang)
            return render_alignment(result, lang, word, source, engine.strategy_documents()), ""

        # The result starts with its summary: bring it into view (a long pasted text pushes it below the fold).
        analyse_button.click(on_analyse, [proposal, upload_data, language], [alignment, upload_data]).then(
            None, js=SCROLL_TO_RESULT
        )
        relabelled = [header, question, ask_button, scope]
        ask_button.click(on_ask, [question, language, previous, scope], [answer, citations, previous, *relabelled])
        question.submit(on_ask, [question, language, previous, scope], [answer, citations, previous, *relabelled])
        language.change(on_language, [language, question], relabelled)
        document.change(
            lambda doc, lang: render_outline(engine, doc, lang if lang != "auto" else "sv"),
            [document, language],
            outline,
        )
    return blocks


def _relabel(lang: str, documents: list[DocumentInfo]) -> tuple[Any, ...]:
    import gradio as gr

    labels = LABELS[lang]
    return (
        gr.update(value=_header(lang, documents)),
        gr.update(label=labels["question"], placeholder=labels["placeholder"]),
        gr.update(value=labels["ask"]),
        gr.update(label=labels["scope"]),
    )


def _header(lang: str, documents: list[DocumentInfo]) -> str:
    """The title and the documents it answers from, as the manifest names them."""
    labels = LABELS[lang]
    names = [f"*{d.title}* ({d.publisher} {d.year})" for d in documents]
    listed = ", ".join(names[:-1]) + f" {labels['and']} {names[-1]}" if len(names) > 1 else "".join(names)
    return f"# {labels['title']}\n{labels['subtitle'].format(documents=listed)}"
