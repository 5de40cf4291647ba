"""Pages outside the Gradio app: one page per passage (``/passage/{id}?q=QUOTE``), the stable link a
citation, an evidence pair or the outline points to, and that an official pastes into a memo."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from .engine import Engine
from .labels import LABELS
from .messages import preferred_language
from .quotes import locate_quote
from .templating import SCRIPT_URL, render
from .ui_render import english_path_line

MAX_QUOTE_CHARS = 10_000


def add_passage_page(app: FastAPI, engine: Engine) -> None:
    """``GET /passage/{passage_id}``: the passage with its document, section path, page and reference
    line, the quote ``q`` highlighted and a copy button. ``lang`` (sv, en; default: the browser's
    preferred of the two) picks the labels; in English the section path also shows its translation."""

    @app.get("/passage/{passage_id}", include_in_schema=False)
    def passage_page(request: Request, passage_id: str, q: str = "", lang: str = "") -> HTMLResponse:
        language = _page_language(lang, request.headers.get("accept-language", ""))
        labels = LABELS[language]
        found = engine.passage(passage_id)
        if found is None:
            body = render("passage.html", labels=labels, lang=language, missing=passage_id, script=SCRIPT_URL)
            return HTMLResponse(body, status_code=404)
        return HTMLResponse(render("passage.html", **_page_context(found, q, language), script=SCRIPT_URL))


def _page_context(found: dict[str, Any], quote: str, language: str) -> dict[str, Any]:
    labels = LABELS[language]
    text = found["text"]
    span = locate_quote(text, quote[:MAX_QUOTE_CHARS]) if quote.strip() else None
    a, b = span if span else (len(text), len(text))
    reference = found["reference"]
    quoted = text[a:b]
    return {
        "labels": labels,
        "lang": language,
        "missing": None,
        "doc_title": found["doc_title"],
        "path": " › ".join(found["section_path"]),
        "path_en": english_path_line(found["section_path"], found["section_path_en"], language),
        "page": found["page"],
        "before": text[:a],
        "quote": quoted,
        "after": text[b:],
        "quote_not_found": bool(quote.strip()) and span is None,
        "reference": reference,
        # What the copy button gives: the quote (when one is marked) and its reference line.
        "copy_text": f"”{' '.join(quoted.split())}” ({reference})" if quoted else reference,
        "passage_id": found["passage_id"],
    }


def _page_language(asked: str, accept_language: str) -> str:
    """``lang`` when given; else the browser's preferred of Swedish and English; Swedish when it names neither."""
    return asked if asked in LABELS else preferred_language(accept_language, default="sv")
