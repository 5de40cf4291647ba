"""The HTTP API (FastAPI; OpenAPI at /docs). The Gradio app is mounted on the same app at /.

Every error is JSON ``{"detail": "one sentence"}`` with a 4xx status; an unexpected failure is a
500 without a traceback or file path.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictStr

from .engine import BadInput, Engine
from .proposals import MAX_UPLOAD_BYTES, ProposalError, check_text, proposal_text
from .settings import Settings

log = logging.getLogger("strategiqa.api")
Mode = Literal["hybrid", "dense", "bm25"]


class AskRequest(BaseModel):
    question: StrictStr = Field(description="The question, in Swedish or English (at most 2,000 characters).")
    top_k: int | None = Field(None, ge=1, le=20, description="How many passages to return (default 5).")
    mode: Mode | None = Field(None, description="Retrieval mode (default hybrid).")


class CitationOut(BaseModel):
    n: int
    passage_id: str
    quote: str = Field(description="The exact sentence(s) used, verbatim from the passage.")
    doc_title: str
    section_number: str | None
    section_title: str
    page: int | None
    reference: str = Field(description="A ready-to-paste reference line.")
    quote_start: int = Field(description="Offset of the quote in the passage text.")
    quote_end: int


class PassageOut(BaseModel):
    passage_id: str
    doc_id: str
    doc_title: str
    doc_kind: str
    section_number: str | None
    section_title: str
    section_path: list[str]
    page: int | None
    text: str
    score: float | None = None
    reference: str | None = None


class AskResponse(BaseModel):
    question: str
    language: str
    mode: str
    answer: str = Field(description="Answer text with citation markers [1], [2] …")
    abstained: bool = Field(description="True when the documents do not address the question.")
    confidence: float
    citations: list[CitationOut]
    passages: list[PassageOut]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    short_title: str
    publisher: str
    year: int
    kind: str
    language: str
    passages: int


class SectionOut(BaseModel):
    id: str
    number: str | None
    title: str
    level: int
    passages: list[str] = Field(description="Ids of the passages of this section's own text.")
    children: list[SectionOut]


class OutlineOut(BaseModel):
    doc_id: str
    title: str
    kind: str
    sections: list[SectionOut]


class VerifyRequest(BaseModel):
    passage_id: StrictStr
    quote: StrictStr = Field(min_length=1, max_length=10_000)


class VerifyResponse(BaseModel):
    passage_id: str
    verified: bool = Field(
        description="The quote stands verbatim in the passage (whitespace, line breaks and soft hyphens normalised)."
    )
    start: int | None = Field(description="Offset of the quote in the passage text, when verified.")
    end: int | None


class EvidencePair(BaseModel):
    regional_passage_id: str
    regional_quote: str = Field(description="A sentence of the focus area, verbatim.")
    national_passage_id: str
    national_quote: str = Field(description="A sentence of the objective, verbatim.")
    score: float


class CrosswalkObjective(BaseModel):
    number: str
    title: str
    score: float = Field(description="Combined standardised score; higher is a stronger link.")
    linked: bool = Field(description="The score reaches the clear-link threshold.")
    signals: dict[str, float]
    evidence: list[EvidencePair]


class CrosswalkArea(BaseModel):
    number: str
    title: str
    objectives: list[CrosswalkObjective] = Field(description="All national objectives, strongest first.")


class CrosswalkOut(BaseModel):
    areas: list[CrosswalkArea]
    link_threshold: float | None = None


class AlignRequest(BaseModel):
    text: StrictStr = Field(description="The proposal text (at most 200,000 characters).")


class AlignEvidence(BaseModel):
    proposal_quote: str
    strategy_quote: str = Field(description="A sentence of the strategy, verbatim.")
    passage_id: str
    score: float


class AlignItem(BaseModel):
    number: str
    title: str
    score: float
    covered: bool = Field(description="The proposal clearly supports this area or objective.")
    evidence: list[AlignEvidence]


class Uncovered(BaseModel):
    number: str
    title: str
    score: float


class AlignResponse(BaseModel):
    language: str
    sentences: int
    regional: list[AlignItem]
    national: list[AlignItem]
    uncovered_regional: list[Uncovered]
    uncovered_national: list[Uncovered]


class HealthOut(BaseModel):
    status: str
    model: str
    passages: int
    documents: int
    built_at: str
    fingerprint: str


def create_app(settings: Settings, engine: Engine | None = None, ui: bool = True) -> FastAPI:
    """The API with its engine loaded; with ``ui``, the Gradio app mounted at /."""
    engine = engine or Engine.open(settings)
    app = FastAPI(
        title="strategiqa",
        description="Cited answers from the West Swedish life-science agenda and the national strategy.",
        version="0.1.0",
    )
    _add_error_handlers(app)

    @app.post("/api/ask", response_model=AskResponse)
    def ask(request: AskRequest) -> dict[str, Any]:
        return engine.ask(request.question, request.top_k, request.mode)

    @app.get("/api/documents", response_model=list[DocumentOut])
    def documents() -> list[dict[str, Any]]:
        counts = {d["doc_id"]: d["passages"] for d in engine.index.manifest.documents}
        return [
            {
                "doc_id": d.info.doc_id,
                "title": d.info.title,
                "short_title": d.info.short_title,
                "publisher": d.info.publisher,
                "year": d.info.year,
                "kind": d.info.kind,
                "language": d.info.language,
                "passages": counts.get(d.info.doc_id, 0),
            }
            for d in engine.index.documents
        ]

    @app.get("/api/documents/{doc_id}/outline", response_model=OutlineOut)
    def outline(doc_id: str) -> dict[str, Any]:
        found = engine.document_outline(doc_id)
        if found is None:
            raise HTTPException(404, f"No document with id {doc_id!r}; GET /api/documents lists them.")
        return found

    @app.get("/api/passages/{passage_id}", response_model=PassageOut)
    def passage(passage_id: str) -> dict[str, Any]:
        found = engine.passage(passage_id)
        if found is None:
            raise HTTPException(404, f"No passage with id {passage_id!r}.")
        return found

    @app.post("/api/verify", response_model=VerifyResponse)
    def verify(request: VerifyRequest) -> dict[str, Any]:
        found = engine.passage(request.passage_id)
        if found is None:
            raise HTTPException(404, f"No passage with id {request.passage_id!r}.")
        span = locate_quote(found["text"], request.quote)
        return {
            "passage_id": request.passage_id,
            "verified": span is not None,
            "start": span[0] if span else None,
            "end": span[1] if span else None,
        }

    @app.post(
        "/api/align",
        response_model=AlignResponse,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": AlignRequest.model_json_schema()},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    },
                },
            }
        },
    )
    async def align(request: Request) -> dict[str, Any]:
        """Rank focus areas and objectives for a proposal: JSON ``{text}`` or a multipart ``file`` upload.

        The proposal is processed in memory and never stored or logged.
        """
        text = await _proposal_from_request(request)
        return await run_in_threadpool(engine.align, text)

    @app.get("/api/crosswalk", response_model=CrosswalkOut)
    def crosswalk() -> dict[str, Any]:
        return engine.index.crosswalk

    @app.get("/api/health", response_model=HealthOut)
    def health() -> dict[str, Any]:
        m = engine.index.manifest
        return {
            "status": "ok",
            "model": m.model_id,
            "passages": m.passage_count,
            "documents": len(m.documents),
            "built_at": m.created_at,
            "fingerprint": m.fingerprint,
        }

    @app.middleware("http")
    async def access_log(request: Request, call_next: Any) -> Any:
        # One line per request: never the body (it may hold a confidential proposal).
        started = time.perf_counter()
        response = await call_next(request)
        log.info(
            "%s %s %s %.1fms",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

    if ui:
        from .ui import mount_ui

        app = mount_ui(app, engine)
    return app


async def _proposal_from_request(request: Request) -> str:
    """The proposal text from a JSON body or a multipart upload, read in memory with a size limit."""
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_UPLOAD_BYTES + 64 * 1024:
            raise ProposalError("The upload is larger than 10 MB; send a shorter document.", status=413)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            payload = json.loads(bytes(body))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ProposalError("The request body is not valid JSON.", status=400) from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ProposalError("Send JSON with a string field 'text', or upload a file as multipart field 'file'.")
        return check_text(payload["text"])
    if content_type.startswith("multipart/form-data"):
        return proposal_text(_multipart_file(bytes(body), content_type))
    raise ProposalError("Send JSON {\"text\": …} or a multipart upload with a field 'file'.", status=415)


def _multipart_file(body: bytes, content_type: str) -> bytes:
    """The bytes of the form field ``file``, parsed in memory (never spooled to disk)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise ProposalError("The multipart upload could not be read; send the file as field 'file'.", status=400)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else b""
    raise ProposalError("The upload has no field 'file'; send the proposal as multipart field 'file'.")


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``, ignoring differences of whitespace, line breaks and soft hyphens."""
    norm_text, positions = _normalise_with_positions(text)
    norm_quote, _ = _normalise_with_positions(quote)
    if not norm_quote:
        return None
    at = norm_text.find(norm_quote)
    if at < 0:
        return None
    return positions[at], positions[at + len(norm_quote) - 1] + 1


def _normalise_with_positions(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space, drop soft hyphens and hyphens that end a line."""
    out: list[str] = []
    positions: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\u00ad":
            i += 1
            continue
        if ch == "-" and re.match(r"-[ \t]*\n", text[i:]):
            i = text.index("\n", i) + 1
            while i < len(text) and text[i] in " \t":
                i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                positions.append(i)
            i += 1
            continue
        out.append(ch)
        positions.append(i)
        i += 1
    while out and out[0] == " ":
        out.pop(0)
        positions.pop(0)
    while out and out[-1] == " ":
        out.pop()
        positions.pop()
    return "".join(out), positions


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"detail": "The request body is not valid JSON."}, status_code=400)
        first = errors[0] if errors else {}
        field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        message = str(first.get("msg", "is invalid")).rstrip(".")
        return JSONResponse({"detail": f"Field '{field}': {message}."}, status_code=422)

    @app.exception_handler(ProposalError)
    async def bad_proposal(request: Request, exc: ProposalError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal error; the request was not processed."}, status_code=500)
