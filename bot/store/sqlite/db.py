"""Opening the SQLite file with its PRAGMAs, and the transaction helpers every store part uses."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

import aiosqlite

from bot.store.errors import StoreError
from bot.store.sqlite.migrations import LATEST, newer_schema_message, schema_version

#: How long a statement waits for another connection's lock before failing.
BUSY_TIMEOUT_MS = 5_000

T = TypeVar("T")

# synchronous=FULL: each commit waits for the WAL to reach the disk, so a finished question
# survives an OS crash or power loss too, not just a killed process. On this machine that
# fsync costs under 1 ms a commit, and the bot commits once per question, not per answer.
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA temp_store = MEMORY",
    # 32 MiB of page cache keeps the rollups and indexes of a big database in memory
    "PRAGMA cache_size = -32768",
)


async def connect(path: Path) -> aiosqlite.Connection:
    """Open ``path`` (creating it and its folder), refuse a newer schema, then set the PRAGMAs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # isolation_level=None: the store issues BEGIN/COMMIT itself, nothing is implicit
        conn = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        # reading user_version writes nothing, so a newer database is refused untouched
        # (switching to WAL would already change its header)
        version = await schema_version(conn)
        if version > LATEST:
            raise StoreError(newer_schema_message(version))
        for pragma in _PRAGMAS:
            await conn.execute(pragma)
        async with conn.execute("PRAGMA journal_mode") as cur:
            row = await cur.fetchone()
        if row is None or str(row[0]).lower() != "wal":
            raise StoreError(f"cannot switch {path} to WAL mode")
    except sqlite3.DatabaseError as exc:
        await conn.close()
        raise StoreError(f"{path} is not a usable SQLite database: {exc}") from exc
    except BaseException:
        await conn.close()
        raise
    return conn


class Database:
    """The connection, and the lock that keeps each task's transaction to itself."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # one connection is shared by every coroutine; without this lock a statement from one
        # task could land inside another task's open transaction
        self._lock = asyncio.Lock()
        self._pending: set[asyncio.Task[object]] = set()
        self._closed = False
        # questions waiting for the next group commit, and the task writing them
        self._queue: list[tuple[Any, asyncio.Future[None]]] = []
        self._flusher: asyncio.Future[None] | None = None

    async def _in_thread(self, fn: Callable[..., T], *args: object) -> T:
        """Run ``fn(raw sqlite3 connection, *args)`` in aiosqlite's thread: one round trip.

        A whole transaction of many statements costs one hop to the connection's thread
        instead of one per statement (~0.1 ms each). aiosqlite (0.22) has no public way to
        do this: ``Connection._execute`` queues a callable on its thread and ``_conn`` is the
        sqlite3 connection; this is the one place the store uses them.
        """
        conn = self._conn
        result: T = await conn._execute(lambda: fn(conn._conn, *args))
        return result

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed on success, rolled back on any error."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                # also after a failed COMMIT, so the next BEGIN does not find it still open
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[aiosqlite.Connection]:
        """Reads, one task at a time, never inside another task's transaction."""
        async with self._lock:
            yield self._conn

    async def _shielded(self, coro: Coroutine[object, object, T]) -> T:
        """Run a write to its end even if the caller is cancelled (a game shutting down)."""
        task: asyncio.Task[T] = asyncio.ensure_future(coro)
        self._pending.add(task)  # type: ignore[arg-type]
        task.add_done_callback(self._pending.discard)  # type: ignore[arg-type]
        return await asyncio.shield(task)

    async def close(self) -> None:
        """Finish the writes in flight, then close the connection."""
        if self._closed:
            return
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        async with self._lock:
            self._closed = True
            await self._conn.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
