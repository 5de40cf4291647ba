"""Several API processes over one PostgreSQL index: each follows the database's active version.

Every request first asks the database which version is active (one indexed row). When it changed, the
request loads the new version and answers from it; requests already running finish on the version they
started with, so an answer always comes from one complete version. While the database is unreachable,
API requests get 503 with Retry-After and one sentence; the connection pool reconnects by itself.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from starlette.concurrency import run_in_threadpool
from strategiqa.retrieval.postgres import UNAVAILABLE, Database, PostgresVectorStore, StoreUnavailable

from .engine import Engine
from .middleware import send_unavailable

log = logging.getLogger(__name__)


class ActiveVersionEngine:
    """Stands in for an ``Engine``: attribute reads go to the engine of the version in use, which
    ``refresh`` replaces when the database's active version changed. A caller that holds a method
    (``engine.ask``) keeps that version's engine for the whole call."""

    def __init__(self, engine: Engine) -> None:
        store = engine.index.passage_store
        if not isinstance(store, PostgresVectorStore):
            raise TypeError("ActiveVersionEngine follows an index loaded from PostgreSQL")
        self.database: Database = store.database
        self._engine = engine
        self._loading = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    @property
    def current(self) -> Engine:
        return self._engine

    def refresh(self) -> bool:
        """Switch to the active version if it changed; True when it did. Raises StoreUnavailable."""
        active = self.database.active_id()
        if active is None or active == self._engine.index.database_version:
            return False
        # One loader per process; meanwhile other requests answer from the version in use.
        if not self._loading.acquire(blocking=False):
            return False
        try:
            if active == self._engine.index.database_version:
                return False
            index = self.database.load_version(active)
            self._engine = Engine(self._engine.settings, index, self._engine.embedder)
            log.info("Now serving index version %s", active)
            return True
        finally:
            self._loading.release()


class FollowActiveVersion:
    """ASGI middleware: ``engine.refresh()`` before each request. While the database is unreachable,
    ``/api/`` requests get 503 + Retry-After; pages and assets are served from memory as before."""

    def __init__(self, app: Any, engine: ActiveVersionEngine, retry_after_s: int) -> None:
        self.app, self.engine, self.retry_after_s = app, engine, retry_after_s

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            try:
                await run_in_threadpool(self.engine.refresh)
            except StoreUnavailable as exc:
                log.warning("Index database unreachable: %s", exc.reason)
                if scope["path"].startswith("/api/"):
                    await send_unavailable(scope, send, UNAVAILABLE, self.retry_after_s)
                    return
        await self.app(scope, receive, send)
