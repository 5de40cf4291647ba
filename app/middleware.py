"""HTTP middleware: admission control, security headers, one access-log line per request.

Pure ASGI, so streaming responses (Gradio's event stream) pass through untouched.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

log = logging.getLogger("strategiqa.access")

# A CSP that the Gradio front end tolerates: its bundle is served from this origin, it uses
# inline styles and a websocket/event stream back to the same host; nothing may load from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; media-src 'self' blob: data:; worker-src 'self' blob:; "
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
]

Scope = dict[str, Any]
App = Any


class AdmissionControl:
    """At most ``limit`` API requests run at once; others wait up to ``wait_s`` seconds, then get a
    503 with Retry-After instead of piling up until clients time out."""

    def __init__(self, app: App, limit: int, wait_s: float, retry_after_s: int = 2) -> None:
        self.app, self.wait_s, self.retry_after_s = app, wait_s, retry_after_s
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/") or scope["path"] == "/api/health":
            await self.app(scope, receive, send)
            return
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self.wait_s)
        except TimeoutError:
            body = json.dumps({"detail": "The service is busy; retry in a few seconds."}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"retry-after", str(self.retry_after_s).encode()),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._slots.release()


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

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                existing = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in existing
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, (time.perf_counter() - started) * 1000)
