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
from strategiqa.retrieval.index import IndexProblem
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
        """Switch to the active version if it is newer; True when it did. Raises StoreUnavailable.

        Versions only move forward (ids grow), so a slow loader never takes a process back. A version
        that cannot be served (built with another model, unreadable) is logged and the current one kept.
        """
        active = self.database.active_id()
        if active is None or active <= self._current_version():
            return False
        # One loader per process; meanwhile other requests answer from the version in use.
        if not self._loading.acquire(blocking=False):
            return False
        try:
            version = self.database.active()  # read again: another thread may have switched meanwhile
            if version is None or version.version_id <= self._current_version():
                return False
            embedder = self._engine.embedder
            if (version.manifest.model_id, version.manifest.dim) != (embedder.model_id, embedder.dim):
                log.error(
                    "Index version %s was built with %s; this process embeds with %s: still serving version %s.",
                    version.version_id,
                    version.manifest.model_id,
                    embedder.model_id,
                    self._current_version(),
                )
                return False
            try:
                index = self.database.load_version(version.version_id)
            except IndexProblem as exc:  # pruned meanwhile: the next request finds the newer one
                log.warning("Index version %s could not be loaded: %s", version.version_id, exc)
                return False
            self._engine = Engine(self._engine.settings, index, embedder)
            log.info("Now serving index version %s", version.version_id)
            return True
        finally:
            self._loading.release()

    def _current_version(self) -> int:
        return self._engine.index.database_version or 0


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
