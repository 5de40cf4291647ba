"""The HTTP API (FastAPI; OpenAPI at /docs). The Gradio app is mounted on the same app at /.

Every error is JSON ``{"detail": "one sentence"}`` with a 4xx status; an unexpected failure is a
500 without a traceback or file path.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from strategiqa.ingest.load import corpus_checksum, corpus_stamp
from strategiqa.retrieval.postgres import StoreUnavailable

from .admission import Admission
from .engine import Engine
from .messages import localise, preferred_language
from .middleware import AdmissionControl, HeadAsGet, SecurityAndAccessLog
from .pages import add_passage_page
from .proposals import MAX_UPLOAD_BYTES, ProposalError, check_text, proposal_text
from .quotes import locate_quote
from .replicas import ActiveVersionEngine, FollowActiveVersion
from .schemas import (
    AlignRequest,
    AlignResponse,
    AskRequest,
    AskResponse,
    CrosswalkOut,
    DocumentOut,
    HealthOut,
    OutlineOut,
    PassageOut,
    VerifyRequest,
    VerifyResponse,
)
from .settings import Settings
from .templating import STATIC
from .validation import BadInput

log = logging.getLogger("strategiqa.api")


def create_app(settings: Settings, engine: Engine | None = None, ui: bool = True) -> Any:
    """The API with its engine loaded; with ``ui``, the Gradio app mounted at /.

    On an index in PostgreSQL the engine follows the database's active version (``replicas``), so any
    number of these processes can serve one database and all pick up a new document.
    """
    engine = engine or Engine.open(settings)
    follower = ActiveVersionEngine(engine) if engine.index.database_version is not None else None
    if follower is not None:
        # Every attribute read reaches the active version's engine; the routes need not know.
        engine = cast(Engine, follower)
        app_closing = follower.database.close
    else:
        app_closing = None
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        title="strategiqa",
        description="Cited, verbatim answers from the strategy documents of the corpus (see GET /api/documents).",
        version="0.1.0",
    )
    _add_error_handlers(app, settings.database.retry_after_s)
    if app_closing is not None:
        app.router.on_shutdown.append(app_closing)

    @app.post("/api/ask", response_model=AskResponse)
    def ask(request: AskRequest) -> dict[str, Any]:
        return engine.ask(request.question, request.top_k, request.mode, request.previous_question, docs=request.docs)

    @app.get("/api/documents", response_model=list[DocumentOut])
    def documents() -> list[dict[str, Any]]:
        index = engine.index  # read once: one version's documents and counts
        counts = {d["doc_id"]: d["passages"] for d in index.manifest.documents}
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
            for d in index.documents
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
        return engine.crosswalk

    checked: dict[str, Any] = {}  # the last corpus stamp and whether the corpus then matched the index

    @app.get("/api/health", response_model=HealthOut)
    def health() -> dict[str, Any]:
        index = engine.index  # read once: one version's figures
        m = index.manifest
        # Hashing the corpus on every call is wasted work (and a load a monitor could cause): it is hashed
        # again only when a file's name, time or size changed.
        stamp = corpus_stamp(settings.corpus_dir)
        if checked.get("stamp") != stamp:
            try:
                match = corpus_checksum(settings.corpus_dir) == m.corpus_checksum
            except OSError:
                match = False
            checked.update(stamp=stamp, match=match)
        corpus_match = bool(checked["match"])
        return {
            "status": "ok" if corpus_match else "stale",
            "corpus_checksum_match": corpus_match,
            "model": m.model_id,
            "passages": m.passage_count,
            "documents": len(m.documents),
            "built_at": m.created_at,
            "fingerprint": m.fingerprint,
            "vector_store": m.vector_store,
            "index_version": index.version,
        }

    _add_docs(app)
    add_passage_page(app, engine)
    # The pages' one script (no inline handlers); mounted before Gradio's catch-all "/".
    app.mount("/static", StaticFiles(directory=STATIC), name="strategiqa-static")
    # Closed by default: an empty allow-list still installs the middleware, which also stops
    # Gradio from adding its own permissive CORS headers.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
    )
    # One admission control for the API and the web app's events, so neither can starve the other.
    admission = Admission(settings.max_concurrent_requests, settings.queue_timeout_s)
    if ui:
        from .ui import mount_ui

        app = mount_ui(app, engine, admission)
    if follower is not None:
        app.add_middleware(FollowActiveVersion, engine=follower, retry_after_s=settings.database.retry_after_s)
    app.add_middleware(AdmissionControl, admission=admission)
    # Outermost, so that even a 500 from Starlette's error middleware gets the security headers.
    app.add_middleware(HeadAsGet)
    return SecurityAndAccessLog(app)


def _add_docs(app: FastAPI) -> None:
    """Swagger UI (5.x, which reads the OpenAPI 3.1 schema FastAPI writes) at /docs and ReDoc at /redoc,
    both from the files the ``fastapi-offline`` package ships: the CDN FastAPI uses by default is
    unreachable offline, and nothing may be fetched from elsewhere."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    try:
        import fastapi_offline
    except ImportError:  # the API still works; only the documentation pages need the bundle
        return
    static = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/docs-static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="strategiqa API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="strategiqa API",
            redoc_js_url="/docs-static/redoc.standalone.js",
            redoc_favicon_url="/docs-static/favicon.png",
            with_google_fonts=False,
        )


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
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise ProposalError("The request body is not valid JSON.", status=400) from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ProposalError("Send JSON with a string field 'text', or upload a file as multipart field 'file'.")
        return check_text(payload["text"])
    if content_type.startswith("multipart/form-data"):
        return proposal_text(*_multipart_file(bytes(body), content_type))
    raise ProposalError("Send JSON {\"text\": …} or a multipart upload with a field 'file'.", status=415)


def _multipart_file(body: bytes, content_type: str) -> tuple[bytes, str | None]:
    """The bytes and file name of the form field ``file``, parsed in memory (never spooled to disk)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise ProposalError("The multipart upload could not be read; send the file as field 'file'.", status=400)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            payload = part.get_payload(decode=True)
            return (payload if isinstance(payload, bytes) else b""), part.get_filename()
    raise ProposalError("The upload has no field 'file'; send the proposal as multipart field 'file'.")


def _add_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"detail": "The request body is not valid JSON."}, status_code=400)
        first = errors[0] if errors else {}
        field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        message = str(first.get("msg", "is invalid")).rstrip(".")
        return JSONResponse({"detail": f"Field '{field}': {message}."}, status_code=422)

    # Bad input is answered in the client's language (Accept-Language: sv or en; English by default).
    @app.exception_handler(ProposalError)
    async def bad_proposal(request: Request, exc: ProposalError) -> JSONResponse:
        return JSONResponse({"detail": _in_client_language(str(exc), request)}, status_code=exc.status)

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> JSONResponse:
        return JSONResponse({"detail": _in_client_language(str(exc), request)}, status_code=422)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        log.warning("Index database unreachable during %s: %s", request.url.path, exc.reason)
        return JSONResponse(
            {"detail": _in_client_language(str(exc), request)},
            status_code=503,
            headers={"Retry-After": str(retry_after_s)},
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal error; the request was not processed."}, status_code=500)


def _in_client_language(message: str, request: Request) -> str:
    return localise(message, preferred_language(request.headers.get("accept-language", "")))
