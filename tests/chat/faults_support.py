"""Shared by the fault tests: a bot with /trivia and /trivia-admin on the fake clock, row counts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from fakediscord import FakeDiscord

from bot.bank import Bank
from bot.chat.client import TriviaBot
from bot.config import Settings
from bot.store import Store
from bot.store.postgres.store import PostgresStore

from .admin_support import Admin
from .trivia_helpers import GameTime, Table, small_bank

#: every table that holds something about a member, and the column naming them
MEMBER_TABLES = {
    "answers": "user_id",
    "totals": "user_id",
    "category_totals": "user_id",
    "players": "user_id",
    "game_players": "user_id",
    "reports": "user_id",
}


def full_bot(
    store: Store, time: GameTime, settings: Settings | None = None, bank: Bank | None = None
) -> TriviaBot:
    """A TriviaBot with /trivia and /trivia-admin, on the fake clock."""
    bot = TriviaBot(
        settings or Settings(),
        store=store,
        bank=bank or small_bank(),
        extensions=("bot.chat.trivia", "bot.chat.admin"),
        guild_ready_timeout=0.05,
    )
    bot.clock = time.clock
    bot.sleep = time.sleep
    bot.wallclock = time.wallclock
    return bot


def admin_of(t: Table) -> Admin:
    """The /trivia-admin shortcuts for a table's bot."""
    return Admin(t.fake, t.bot, t.store)


async def recorded(t: Table, timeout: float = 5.0) -> None:
    """Wait until every running game's recorder has written all it was given and is idle.

    The screen is told of a closed question while its write is still queued, so a test that
    reads the database right after a reveal waits for the write first (on PostgreSQL the write
    takes a few round trips, on SQLite it is usually already done). A recorder is idle when its
    queue is empty and its worker waits on it for the next event.
    """
    service = t.bot.get_cog("Trivia")._service  # type: ignore[union-attr]
    recorders = list(service.sessions._recorders.values())

    def idle() -> bool:
        return all(r._task is None or r._task.done() or (r._queue.empty() and r._queue._getters)
                   for r in recorders)  # fmt: skip

    async def wait() -> None:
        while not idle():
            await asyncio.sleep(0.005)

    await asyncio.wait_for(wait(), timeout)


async def rows_about(store: Store, user_id: int) -> dict[str, int]:
    """How many rows of each table name this member (on either backend)."""
    counts = {}
    async with store._read() as db:
        for table, column in MEMBER_TABLES.items():
            if isinstance(store, PostgresStore):
                value = await db.fetchval(f"SELECT count(*) FROM {table} WHERE {column} = $1",
                                          user_id)  # fmt: skip
            else:
                async with db.execute(
                    f"SELECT count(*) FROM {table} WHERE {column} = ?", (user_id,)
                ) as c:
                    row = await c.fetchone()
                value = row[0] if row else 0
            counts[table] = int(value)
    return counts


@pytest.fixture(autouse=True)
async def every_interaction_within_3_s(fake_discord: FakeDiscord) -> AsyncIterator[None]:
    """After each fault test: Discord's deadline held for every interaction it sent."""
    yield
    assert fake_discord.slow_interactions(3.0) == []
