"""Scripted faults for the fake: rate limits, server errors, held or slow responses.

A 429 is shaped as Discord documents it: a JSON body ``{message, retry_after, global}``
(plus ``code`` on some limits) and the ``Retry-After`` and ``X-RateLimit-*`` headers
(``Limit``, ``Remaining``, ``Reset``, ``Reset-After``, ``Bucket``, ``Scope``, and ``Global``
for a global limit). discord.py also wants the ``Via`` header Discord's front end adds:
without it a 429 reads as a Cloudflare ban.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Fault:
    """What to do to the next ``times`` requests matching ``method`` and ``path``."""

    method: str
    path: re.Pattern[str]
    times: int = 1
    #: answer with this status instead of handling the request (0: handle it)
    status: int = 0
    #: for a 429: seconds the client must wait, and whether the limit is global
    retry_after: float = 0.0
    is_global: bool = False
    #: wait this many real seconds before handling the request
    delay: float = 0.0
    #: hold the request until this event is set
    hold: asyncio.Event | None = None
    #: how many requests this fault caught
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request (and has uses left)."""
        return self.times > 0 and method == self.method and bool(self.path.search(path))


@dataclass
class Faults:
    """The scripted faults of one fake, consumed in the order they were added."""

    scripted: list[Fault] = field(default_factory=list)

    def add(self, fault: Fault) -> Fault:
        """Script one more fault."""
        self.scripted.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault for this request, with one use spent."""
        for fault in self.scripted:
            if fault.matches(method, path):
                fault.times -= 1
                fault.hits += 1
                return fault
        return None

    async def apply(self, fault: Fault) -> web.Response | None:
        """Wait as scripted; the scripted error response, or None to handle the request."""
        if fault.hold is not None:
            await fault.hold.wait()
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 429:
            return rate_limited(fault.retry_after, is_global=fault.is_global)
        if fault.status:
            return server_error(fault.status)
        return None


def rate_limited(retry_after: float, *, is_global: bool = False) -> web.Response:
    """A 429 as Discord sends it."""
    body = {
        "message": "You are being rate limited.",
        "retry_after": retry_after,
        "global": is_global,
    }
    headers = {
        "Content-Type": "application/json",
        "Via": "1.1 google",
        "Retry-After": str(max(1, round(retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": "fake-bucket",
        "X-RateLimit-Scope": "global" if is_global else "user",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    return web.Response(body=json.dumps(body).encode(), status=429, headers=headers)


def server_error(status: int) -> web.Response:
    """A Discord-style error (5xx as its front end sends them, 4xx with a JSON error)."""
    messages = {403: (50001, "Missing Access"), 404: (10003, "Unknown Channel")}
    code, message = messages.get(status, (0, f"{status}: Server Error"))
    body = {"message": message, "code": code}
    return web.Response(
        body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class FaultScripting:
    """FakeDiscord's methods for scripting faults and checking Discord's 3 s deadline."""

    faults: Faults
    interactions: dict[int, Any]
    _sockets: list[Any]

    def slow_interactions(self, deadline: float = 3.0) -> list[tuple[int, float | None]]:
        """Interactions not answered within `deadline` s of being sent (None: never answered)."""
        slow: list[tuple[int, float | None]] = []
        for iid, state in self.interactions.items():
            took = None if state.answered_at is None else state.answered_at - state.sent_at
            if took is None or took > deadline:
                slow.append((iid, took))
        return slow

    def script(
        self,
        method: str,
        path: str,
        *,
        status: int = 0,
        times: int = 1,
        retry_after: float = 0.0,
        is_global: bool = False,
        delay: float = 0.0,
        hold: asyncio.Event | None = None,
    ) -> Fault:
        """Make the next `times` requests `method path` (a regex on the path after /api/v10)
        fail with `status` (429: rate limited for `retry_after` s), wait `delay` s, or wait
        until `hold` is set."""
        return self.faults.add(
            Fault(
                method,
                re.compile(path),
                times=times,
                status=status,
                retry_after=retry_after,
                is_global=is_global,
                delay=delay,
                hold=hold,
            )
        )

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close every gateway connection as a network fault would (the client reconnects)."""
        for socket in list(self._sockets):
            await socket.ws.close(code=code)
