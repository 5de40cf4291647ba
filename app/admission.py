"""One admission control for every way in: at most ``limit`` requests (API calls and web-app events
alike) are processed at once; others wait up to ``wait_s`` seconds, then are told the service is busy
instead of piling up. Shared by the HTTP middleware (async) and the web app's handlers (threads)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

BUSY = "The service is busy; retry in a few seconds."
_POLL_S = 0.005
"""How often a waiting async request looks for a free slot (the slots are thread-level, shared with the
web app's worker threads, so an async waiter polls rather than blocks the event loop)."""


class Busy(RuntimeError):
    """No slot became free within the wait; the message says so (``BUSY``)."""

    def __init__(self) -> None:
        super().__init__(BUSY)


class Admission:
    """Slots shared by async callers (``acquire_async``) and worker threads (``slot``)."""

    def __init__(self, limit: int, wait_s: float) -> None:
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(limit)

    async def acquire_async(self) -> bool:
        """Take a slot, waiting at most ``wait_s``; False when none became free."""
        deadline = time.monotonic() + self.wait_s
        while not self._slots.acquire(blocking=False):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(_POLL_S)
        return True

    def release(self) -> None:
        self._slots.release()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a slot while the block runs (in a worker thread); ``Busy`` when none became free in time."""
        if not self._slots.acquire(timeout=self.wait_s):
            raise Busy()
        try:
            yield
        finally:
            self._slots.release()
