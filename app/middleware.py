"""HTTP middleware: admission control, security headers, one access-log line per request.

Pure ASGI, so streaming responses (Gradio's event stream) pass through untouched.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from typing import Any

from .admission import BUSY, Admission
from .messages import localise, preferred_language

log = logging.getLogger("strategiqa.access")

# A CSP that the Gradio front end tolerates: its bundle is served from this origin, it uses inline
# styles and a websocket/event stream back to the same host; nothing may load from elsewhere. Scripts:
# this origin's files, and inline scripts only with the response's nonce — Gradio's page carries its
# configuration in inline <script> elements, which get the nonce; any other inline script (or an
# injected handler) does not run. ('unsafe-eval' stays: Gradio's bundle compiles templates at run time.)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; media-src 'self' blob: data:; worker-src 'self' blob:; "
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_SCRIPT_TAG = re.compile(rb"<script(?=[\s>])", re.IGNORECASE)


Scope = dict[str, Any]
App = Any


class AdmissionControl:
    """API requests go through ``admission`` (shared with the web app's events): at most its limit run at
    once; others wait, then get a 503 with Retry-After and one sentence in the client's language."""

    def __init__(self, app: App, admission: Admission, retry_after_s: int = 2) -> None:
        self.app, self.admission, self.retry_after_s = app, admission, retry_after_s

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/") or scope["path"] == "/api/health":
            await self.app(scope, receive, send)
            return
        if not await self.admission.acquire_async():
            await send_unavailable(scope, send, BUSY, self.retry_after_s)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.admission.release()


async def send_unavailable(scope: Scope, send: Any, message: str, retry_after_s: int) -> None:
    """503 with Retry-After and ``message`` in the client's language (``Accept-Language``)."""
    headers = dict(scope.get("headers") or [])
    language = preferred_language(headers.get(b"accept-language", b"").decode("latin-1"))
    body = json.dumps({"detail": localise(message, language)}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(retry_after_s).encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HeadAsGet:
    """HEAD answered as GET without the body (RFC 9110 §9.3.2), on every route: FastAPI registers GET only."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SecurityAndAccessLog:
    """Adds security headers to every response and logs method, path, status and latency — never
    a query string or body, which may hold a confidential proposal."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        nonce = secrets.token_urlsafe(16)
        policy = CONTENT_SECURITY_POLICY.format(nonce=nonce).encode()
        held: dict[str, Any] | None = None  # an HTML page's start message, sent once its body is complete
        body = b""

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal status, held, body
            if message["type"] == "http.response.start":
                status = message["status"]
                existing = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value)
                    for name, value in [*SECURITY_HEADERS, (b"content-security-policy", policy)]
                    if name not in existing
                ]
                if _is_html(message["headers"]):
                    held = message
                    return
            elif message["type"] == "http.response.body" and held is not None:
                body += message.get("body", b"")
                if message.get("more_body", False):
                    return
                # Every inline script of the page gets this response's nonce (see CONTENT_SECURITY_POLICY).
                body = _SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', body)
                held["headers"] = [(k, v) for k, v in held["headers"] if k.lower() != b"content-length"] + [
                    (b"content-length", str(len(body)).encode())
                ]
                await send(held)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, (time.perf_counter() - started) * 1000)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    """An HTML page (not a stream, not compressed): its inline scripts can be given the nonce."""
    values = {k.lower(): v.lower() for k, v in headers}
    return values.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in values
