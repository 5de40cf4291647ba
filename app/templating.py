"""The web app's HTML: Jinja2 templates (``app/templates``) with autoescape, behaviour in one static script
(``app/static/strategiqa.js``) that acts on ``data-sq`` attributes — no HTML built by string formatting,
no inline event handlers."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT_URL = "/static/strategiqa.js"
STYLESHEET_URL = "/static/strategiqa.css"


def render(name: str, **context: Any) -> str:
    """A template rendered with autoescape. ``$`` and backticks become entities too: Gradio's HTML component
    would otherwise read them as template syntax."""
    return _environment().get_template(name).render(**context).replace("$", "&#36;").replace("`", "&#96;")


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup, escape

    def nl2br(text: str) -> Markup:
        """Escaped text whose line breaks show as line breaks."""
        return Markup("<br>").join(escape(line) for line in str(text).split("\n"))

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=False,
    )

    def attribute(text: str) -> Markup:
        """Escaped for an attribute value, line breaks as ``&#10;``: copied text pastes with its lines."""
        return Markup(str(escape(str(text))).replace("\n", "&#10;"))

    env.filters["nl2br"] = nl2br
    env.filters["attribute"] = attribute
    return env
