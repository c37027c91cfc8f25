"""The connection pool and the transaction helpers every PostgreSQL store part uses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Self, TypeVar

import asyncpg

from bot.store.errors import StoreError

T = TypeVar("T")

#: Connections per process: the bot's writes are one transaction per closed question.
POOL_MIN, POOL_MAX = 1, 10


async def connect(url: str) -> asyncpg.Pool:
    """A connection pool to ``url``, or StoreError saying why not."""
    try:
        pool = await asyncpg.create_pool(url, min_size=POOL_MIN, max_size=POOL_MAX)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
        raise StoreError(f"cannot open database {_safe(url)}: {exc}") from exc
    return pool


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"


class Database:
    """The pool, and the shielding that lets a started write finish."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self.url = url
        self._pending: set[asyncio.Task[object]] = set()
        self._closed = False
        # one write at a time per process, in call order, as on SQLite: a removal asked before
        # a question's answers is applied before them (other processes still write in parallel)
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[asyncpg.Connection]:
        """A write transaction: committed on success, rolled back on any error."""
        try:
            async with self._write_lock, self._pool.acquire() as conn, conn.transaction():
                yield conn
        except asyncpg.CharacterNotInRepertoireError as exc:
            # PostgreSQL text cannot hold U+0000 (SQLite can); Discord and YAML never send it
            raise StoreError(f"text the database cannot store: {exc}") from exc

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[asyncpg.Connection]:
        """A connection for reads (one consistent snapshot)."""
        async with self._pool.acquire() as conn, conn.transaction(readonly=True):
            yield conn

    async def _shielded(self, coro: Coroutine[object, object, T]) -> T:
        """Run a write to its end even if the caller is cancelled (a game shutting down)."""
        task: asyncio.Task[T] = asyncio.ensure_future(coro)
        self._pending.add(task)  # type: ignore[arg-type]
        task.add_done_callback(self._pending.discard)  # type: ignore[arg-type]
        return await asyncio.shield(task)

    async def close(self) -> None:
        """Finish the writes in flight, then close the pool."""
        if self._closed:
            return
        self._closed = True
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self._pool.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
