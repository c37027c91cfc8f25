"""Discord test fixtures: the fake Discord, an in-memory meta store, a real Store, a bot factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
from fakediscord.fixtures import fake_discord

from bot.chat.client import EXTENSIONS, TriviaBot
from bot.config import Settings
from bot.store import Store, open_store

__all__ = ["fake_discord"]

#: the test-only cog: /fail and /demo commands exercising every path of the harness
HARNESS_COG = "chat.harness_cog"


class MemoryStore:
    """Just the store's key/value part, in memory."""

    def __init__(self) -> None:
        self.meta: dict[str, str] = {}

    async def get_meta(self, key: str) -> str | None:
        """The stored value or None."""
        return self.meta.get(key)

    async def set_meta(self, key: str, value: str) -> None:
        """Store a value."""
        self.meta[key] = value


BotFactory = Callable[..., TriviaBot]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Store]:
    """A real Store on a SQLite file in tmp_path, closed after the test."""
    store = await open_store(tmp_path / "trivia.sqlite3")
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
def store() -> MemoryStore:
    """A fresh in-memory meta store."""
    return MemoryStore()


@pytest.fixture
def make_bot(store: MemoryStore) -> BotFactory:
    """Build a TriviaBot for the fake Discord (default: the shared store, ping + harness cogs)."""

    def make(
        settings: Settings | None = None,
        *,
        extensions: Sequence[str] = (*EXTENSIONS, HARNESS_COG),
        meta: MemoryStore | None = None,
    ) -> TriviaBot:
        return TriviaBot(
            settings or Settings(),
            store=meta or store,
            bank=None,
            extensions=extensions,
            guild_ready_timeout=0.05,
        )

    return make
