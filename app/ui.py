"""The Gradio front end, mounted on the FastAPI app at /: ask, read cited answers, browse documents.

Everything shown is rendered as escaped HTML from the engine's answer object, so the page shows
exactly what the API returns. Every label follows the UI's language: the one the reader picks, or
(automatic) the question's. Every event goes through the same admission control as the API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from strategiqa.ingest.model import DocumentInfo
from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.postgres import StoreUnavailable

from .admission import Admission, Busy
from .engine import Engine
from .followup import question_to_remember
from .labels import LABELS
from .messages import localise
from .proposals import MAX_UPLOAD_BYTES, ProposalError, proposal_text
from .reports import alignment_docx
from .templating import SCRIPT_URL, STYLESHEET_URL, render
from .ui_render import (
    render_alignment,
    render_answer,
    render_citations,
    render_crosswalk,
    render_outline,
    upload_bytes,
    upload_source,
)
from .validation import BadInput


def language_choices(lang: str) -> list[tuple[str, str]]:
    """Each language named in itself, so a reader finds theirs whatever the page's language."""
    return [(LABELS[lang]["language_auto"], "auto"), ("Svenska", "sv"), ("English", "en")]


FONT = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
"""One font for all text, from the reader's system: nothing is fetched, and no glyph falls back to another."""
SCROLL_TO_RESULT = "() => { const e = document.getElementById('sq-alignment'); if (e) e.scrollIntoView(); }"
# An answer below the fold (under the example questions, on a phone) is brought up; one in view stays where it is.
SCROLL_TO_ANSWER = (
    "() => { const e = document.getElementById('sq-answer');"
    " if (e && e.getBoundingClientRect().top > window.innerHeight * 0.6) e.scrollIntoView({block: 'start'}); }"
)


def mount_ui(app: FastAPI, engine: Engine, admission: Admission) -> FastAPI:
    """Mount the Gradio app at / on ``app`` (same process, same port); ``/static`` is mounted by the API."""
    import gradio as gr

    blocks = build_ui(engine, admission)
    # Questions run side by side up to the shared admission limit; proposals (seconds of CPU each) one
    # at a time, so an analysis never holds every slot while others wait to ask.
    blocks.queue(default_concurrency_limit=engine.settings.max_concurrent_requests)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=gr.themes.Default(primary_hue="blue", font=FONT, font_mono=["ui-monospace", "monospace"]),
        footer_links=[],
        # Our styles as a plain stylesheet: Gradio rewrites the selectors of css it is given, which breaks
        # rules for its own container inside media queries (the phone layout).
        head=f'<link rel="stylesheet" href="{STYLESHEET_URL}"><script src="{SCRIPT_URL}" defer></script>',
        # Gradio's status announcer reads these keys to screen readers; without them it says "common.complete".
        i18n=gr.I18n(
            sv={"common.complete": LABELS["sv"]["status_done"], "common.error": LABELS["sv"]["status_error"]},
            en={"common.complete": LABELS["en"]["status_done"], "common.error": LABELS["en"]["status_error"]},
        ),
    )


def build_ui(engine: Engine, admission: Admission) -> Any:
    import gradio as gr

    sv = LABELS["sv"]
    documents = [d.info for d in engine.index.documents]
    choices = [(d.title, d.doc_id) for d in documents]
    limit = engine.settings.max_question_chars
    with gr.Blocks(title="strategiqa", analytics_enabled=False) as blocks:
        header = gr.Markdown(_header("sv", documents), elem_id="sq-header")
        language = gr.Radio(language_choices("sv"), value="auto", label=sv["language"], elem_id="sq-language")
        with gr.Tab(sv["ask_tab"], elem_id="sq-tab-ask") as ask_tab:
            question = gr.Textbox(
                label=sv["question"], placeholder=sv["placeholder"], lines=2, max_lines=6, elem_id="sq-question"
            )
            hint = gr.HTML(_hint("sv", limit), elem_id="sq-hint")
            all_docs = [(d.short_title, d.doc_id) for d in documents]
            scope = gr.CheckboxGroup(all_docs, value=[d for _, d in all_docs], label=sv["scope"], elem_id="sq-scope")
            ask_button = gr.Button(sv["ask"], variant="primary", elem_id="sq-ask")
            previous = gr.State(None)
            examples = engine.profile.examples
            example_box = gr.Examples(list(examples), inputs=question, label=sv["examples"]) if examples else None
            answer = gr.HTML(elem_id="sq-answer-box")
            citations = gr.HTML(elem_id="sq-citations")
        with gr.Tab(sv["crosswalk_tab"], elem_id="sq-tab-crosswalk") as crosswalk_tab:
            crosswalk = gr.HTML(_crosswalk("sv", engine), elem_id="sq-crosswalk")
        with gr.Tab(sv["proposal_tab"], elem_id="sq-tab-proposal") as proposal_tab:
            proposal = gr.Textbox(label=sv["proposal"], lines=8, max_lines=20, elem_id="sq-proposal")
            upload = gr.HTML(_upload("sv"), elem_id="sq-upload")
            upload_data = gr.Textbox(elem_id="sq-upload-data", elem_classes=["sq-hidden"], show_label=False)
            analyse_button = gr.Button(sv["analyse"], variant="primary", elem_id="sq-analyse")
            alignment = gr.HTML(elem_id="sq-alignment")
        with gr.Tab(sv["browse_tab"], elem_id="sq-tab-browse") as browse_tab:
            document = gr.Dropdown(
                choices, value=choices[0][1] if choices else None, label=sv["document"], elem_id="sq-document"
            )
            outline = gr.HTML(render_outline(engine, choices[0][1], "sv") if choices else "", elem_id="sq-outline")

        tabs = [ask_tab, crosswalk_tab, proposal_tab, browse_tab]
        relabelled = [header, language, *tabs, question, hint, scope, ask_button, crosswalk]
        # The upload block is drawn anew in the new language, its file input empty: the file read before
        # is dropped with it, so an analysis never checks a file the screen no longer shows.
        relabelled += [proposal, upload, upload_data, analyse_button, document, outline]
        if example_box is not None:
            relabelled.append(example_box.dataset)

        def relabel(lang: str, doc_id: str | None) -> list[Any]:
            """Every label of the page in ``lang`` (the order of ``relabelled``)."""
            labels = LABELS[lang]
            updates = [
                gr.update(value=_header(lang, documents)),
                gr.update(label=labels["language"], choices=language_choices(lang)),
                *(gr.update(label=labels[k]) for k in ("ask_tab", "crosswalk_tab", "proposal_tab", "browse_tab")),
                gr.update(label=labels["question"], placeholder=labels["placeholder"]),
                gr.update(value=_hint(lang, limit)),
                gr.update(label=labels["scope"]),
                gr.update(value=labels["ask"]),
                gr.update(value=_crosswalk(lang, engine)),
                gr.update(label=labels["proposal"]),
                gr.update(value=_upload(lang)),
                gr.update(value=""),
                gr.update(value=labels["analyse"]),
                gr.update(label=labels["document"]),
                gr.update(value=render_outline(engine, doc_id, lang) if doc_id else ""),
            ]
            if example_box is not None:
                updates.append(gr.update(label=labels["examples"]))
            return updates

        def on_ask(text: str, lang_choice: str, before: str | None, chosen: list[str]) -> list[Any]:
            # The conversation keeps only the previous question, so a follow-up can refer back to it.
            lang = _ui_language(lang_choice, text)
            try:
                if not chosen:
                    raise BadInput(LABELS["en"]["no_scope"])
                everything = len(chosen) == len(documents)
                with admission.slot():
                    result = engine.ask(text, previous_question=before, docs=None if everything else chosen)
            except (BadInput, Busy, StoreUnavailable) as exc:
                return [_error(str(exc), lang), "", before, lang]
            lang = lang_choice if lang_choice != "auto" else result["language"]
            remembered = question_to_remember(result, before)
            return [render_answer(result, lang), render_citations(result, lang), remembered, lang]

        def sync_labels(wanted: str, shown: str, doc_id: str | None) -> list[Any]:
            """Relabel the page when its language changed; otherwise leave every label as it is."""
            if wanted == shown:
                return [gr.skip()] * (1 + len(relabelled))
            return [wanted, *relabel(wanted, doc_id)]

        def on_analyse(text: str, data_url: str, lang_choice: str) -> tuple[str, Any]:
            # The proposal stays in memory: never written, never logged. The upload is used once
            # (cleared afterwards), so a later pasted text is not shadowed by an old file.
            lang = _ui_language(lang_choice, text)
            pasted = text
            try:
                if data_url:
                    text = proposal_text(upload_bytes(data_url), upload_source(data_url))
                with admission.slot():
                    result = engine.align(text)
            except (Busy, StoreUnavailable) as exc:  # the chosen file stays for the retry
                return _error(str(exc), lang), gr.skip()
            except ProposalError as exc:
                return _error(str(exc), lang), ""
            lang = lang_choice if lang_choice != "auto" else result["language"]
            source = (upload_source(data_url) or LABELS[lang]["upload_fallback"]) if data_url else None
            word = alignment_docx(result, engine.strategy_documents(), source or LABELS[lang]["pasted"], lang)
            ignored = bool(data_url) and bool(pasted.strip())  # said on the page: the file won over the text
            return render_alignment(result, lang, word, source, engine.strategy_documents(), ignored), ""

        wanted, shown = gr.State("sv"), gr.State("sv")  # the UI language asked for, and the one on screen
        asked = [question, language, previous, scope]
        answered = [answer, citations, previous, wanted]
        relabel_args = {"fn": sync_labels, "inputs": [wanted, shown, document], "outputs": [shown, *relabelled]}
        quiet: dict[str, Any] = {"show_progress": "hidden", "api_visibility": "private", "queue": False}
        ask_events = [
            ask_button.click(on_ask, asked, answered, api_name="ask", concurrency_id="ask", show_progress_on=answer),
            question.submit(
                on_ask, asked, answered, api_visibility="private", concurrency_id="ask", show_progress_on=answer
            ),
        ]
        if example_box is not None:  # clicking an example asks it
            ask_events.append(
                example_box.load_input_event.then(
                    on_ask, asked, answered, api_visibility="private", concurrency_id="ask", show_progress_on=answer
                )
            )
        for event in ask_events:
            event.then(**relabel_args, **quiet).then(None, js=SCROLL_TO_ANSWER)
        # The result starts with its summary: bring it into view (a long pasted text pushes it below the fold).
        analyse_button.click(
            on_analyse,
            [proposal, upload_data, language],
            [alignment, upload_data],
            api_name="analyse",
            concurrency_limit=1,
            show_progress_on=alignment,
        ).then(None, js=SCROLL_TO_RESULT)
        language.change(_ui_language, [language, question], wanted, **quiet).then(**relabel_args, **quiet)
        document.change(
            lambda doc, lang: render_outline(engine, doc, lang), [document, shown], outline, api_visibility="private"
        )
    return blocks


def _ui_language(choice: str, text: str) -> str:
    """The language the reader chose, or (automatic) the question's; Swedish before anything is typed."""
    if choice in ("sv", "en"):
        return choice
    return detect_language(text) if text and text.strip() else "sv"


def _error(message: str, lang: str) -> str:
    return render("error.html", message=localise(message, lang))


def _hint(lang: str, limit: int) -> str:
    labels = LABELS[lang]
    return render(
        "hint.html",
        more_tabs=labels["more_tabs"],
        enter=labels["enter_hint"],
        followup=labels["followup_hint"],
        limit=limit,
        unit=labels["characters"],
    )


def _upload(lang: str) -> str:
    labels = LABELS[lang]
    too_big = localise("The file is larger than 10 MB; send a shorter document.", lang)
    return render(
        "upload.html", label=labels["upload"], max_bytes=MAX_UPLOAD_BYTES, too_big=too_big, clear=labels["clear_file"]
    )


def _crosswalk(lang: str, engine: Engine) -> str:
    return render_crosswalk(engine.crosswalk, lang)


def _header(lang: str, documents: Sequence[DocumentInfo]) -> str:
    """The title and the documents it answers from, as the manifest names them."""
    labels = LABELS[lang]
    names = [f"*{d.title}* ({d.publisher} {d.year})" for d in documents]
    listed = ", ".join(names[:-1]) + f" {labels['and']} {names[-1]}" if len(names) > 1 else "".join(names)
    return f"# {labels['title']}\n{labels['subtitle'].format(documents=listed)}"
