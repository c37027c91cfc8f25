"""Store fixtures: every store test runs on a real SQLite file and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Store, open_store
from tests.pg import db, postgres_server
from tests.store.store_helpers import T0

__all__ = ["db", "postgres_server"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a SQLite-only test's database file lives (a folder that does not exist yet)."""
    return tmp_path / "data" / "trivia.sqlite3"


@pytest.fixture
async def store(db: str | Path) -> AsyncIterator[Store]:
    """A freshly created store on each backend."""
    s = await open_store(db, now=T0)
    yield s
    await s.close()
