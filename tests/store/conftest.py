"""Store fixtures: a real SQLite file in a temporary folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Store, open_store
from tests.store.store_helpers import T0


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file lives (a folder that does not exist yet)."""
    return tmp_path / "data" / "trivia.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    """A freshly created store."""
    s = await open_store(db_path, now=T0)
    yield s
    await s.close()
