"""Bot-wide key/value facts, such as the hash of the last synced command tree."""

from __future__ import annotations

from bot.store.sqlite.db import Database

GET_META = "SELECT value FROM meta WHERE key = ?"
SET_META = """
INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
"""


class MetaMixin(Database):
    """Read and write one value per key."""

    async def get_meta(self, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        async with self._read() as db, db.execute(GET_META, (key,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing any earlier value."""
        async with self._write() as db:
            await db.execute(SET_META, (key, value))
