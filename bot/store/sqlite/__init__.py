"""The SQLite backend (aiosqlite): the embedded default, one file, nothing to install or start."""

from __future__ import annotations

from bot.store.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
