"""A per-client request limit: a token bucket for each client address, as ASGI middleware.

Each client may make `per_minute` requests in a burst, and regains one every
60/per_minute seconds. A request over the limit gets 429 with Retry-After.
The app's own scripts and styles (/static/) are not counted: a page load
should cost one request, not four. The clock is passed in, so tests step it
instead of sleeping.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["RateLimit"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_MAX_CLIENTS = 10_000  # forget full buckets beyond this many clients


class RateLimit:
    def __init__(self, app: ASGIApp, *, per_minute: int, clock: Callable[[], float], exempt: tuple[str, ...] = ("/static/",)) -> None:
        if per_minute < 1:
            raise ValueError(f"per_minute={per_minute} must be at least 1 (leave the middleware out for no limit)")
        self.app = app
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self.exempt = exempt
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.take(client[0] if client else "unknown")
        if wait is None:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        per_minute = int(self.capacity)
        body = json.dumps({"detail": f"too many requests: at most {per_minute} a minute from one client; try again in {seconds} s"}).encode()
        await send({"type": "http.response.start", "status": 429,
                    "headers": [(b"content-type", b"application/json"), (b"retry-after", str(seconds).encode()),
                                (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})

    def take(self, client: str) -> float | None:
        """Spend one token of `client`'s bucket: None if there was one, else the seconds until there is."""
        with self._lock:
            now = self.clock()
            tokens, when = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - when) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                self._forget(now)
                return None
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget(self, now: float) -> None:
        if len(self._buckets) <= _MAX_CLIENTS:
            return
        for client, (tokens, when) in list(self._buckets.items()):
            if tokens + (now - when) * self.rate >= self.capacity:
                del self._buckets[client]  # a full bucket is what a new client gets anyway
