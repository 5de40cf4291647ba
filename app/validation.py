"""Input checks shared by every entry point: one sentence saying what to change (``BadInput``)."""

from __future__ import annotations

import unicodedata

from strategiqa.retrieval.language import other_language
from strategiqa.retrieval.search import MODES

from .settings import Settings


class BadInput(ValueError):
    """The user's input cannot be used; the message says what to change."""


def validate_request(
    settings: Settings, question: object, top_k: int | None = None, mode: str | None = None
) -> tuple[str, int, str]:
    """Question, top_k and mode with defaults filled in; BadInput for anything unusable."""
    question = validate_question(question, settings.max_question_chars)
    if other_language(question):  # the model would match it, but answers, refusals and labels are sv/en only
        raise BadInput("Ställ frågan på svenska eller engelska. Please ask in Swedish or English.")
    mode = mode or settings.default_mode
    if mode not in MODES:
        raise BadInput(f"Unknown mode {mode!r}; use one of {', '.join(MODES)}.")
    top_k = settings.top_k if top_k is None else top_k
    if not 1 <= top_k <= 20:
        raise BadInput("top_k must be between 1 and 20.")
    return question, top_k, mode


def validate_question(question: object, max_chars: int) -> str:
    """The question, stripped; BadInput for anything that is not a usable question."""
    if not isinstance(question, str):
        raise BadInput("The question must be text.")
    if any(unicodedata.category(c) == "Cs" for c in question):  # undecodable bytes (surrogate escapes)
        raise BadInput("The question is not valid UTF-8 text; send it as UTF-8.")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t\r" for c in question):
        raise BadInput("The question contains control characters; send plain text.")
    question = question.strip()
    if not question:
        raise BadInput("The question is empty; write a question about the strategy documents.")
    if not any(c.isalnum() for c in question):
        raise BadInput("The question has no words; write a question about the strategy documents.")
    if len(question) > max_chars:
        raise BadInput(f"The question is {len(question)} characters long; the limit is {max_chars}.")
    return question
