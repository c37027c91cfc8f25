"""Discord test fixtures: the fake Discord, an in-memory meta store, a real Store, a bot factory.

Every test that uses the real Store (``db``, or ``db_location`` directly) runs twice: on a
SQLite file and on the session's PostgreSQL. A test about SQLite itself (its write lock, its
error classes) is marked ``@pytest.mark.sqlite_only`` and runs on SQLite alone; so is a test
marked ``@pytest.mark.one_backend``: one whose subject is decided before anything is stored
(permission checks, pack validation), run once to keep the suite fast.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
from fakediscord.fixtures import fake_discord

from bot.chat.client import EXTENSIONS, TriviaBot
from bot.config import Settings
from bot.store import Store, open_store
from tests.pg import PostgresServer, postgres_server

__all__ = ["fake_discord", "postgres_server"]

#: the backends a storage test runs on
BACKENDS = ("sqlite", "postgres")

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


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker."""
    config.addinivalue_line("markers", "sqlite_only: a chat test about SQLite itself")
    config.addinivalue_line(
        "markers", "one_backend: a chat test decided before storage, run on SQLite only"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each storage test on both backends (SQLite alone when marked sqlite_only)."""
    if "db_location" in metafunc.fixturenames:
        marks = ("sqlite_only", "one_backend")
        only = any(metafunc.definition.get_closest_marker(m) is not None for m in marks)
        metafunc.parametrize("db_location", ("sqlite",) if only else BACKENDS, indirect=True)


@pytest.fixture
async def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where the test's database lives: a SQLite file path, or a fresh PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "trivia.sqlite3"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return await server.new_database()


@pytest.fixture
async def db(db_location: str | Path) -> AsyncIterator[Store]:
    """A real Store on the test's backend, closed after the test."""
    store = await open_store(db_location)
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
