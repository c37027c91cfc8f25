"""A server's own packs, kept with the YAML text exactly as imported."""

from __future__ import annotations

from bot.store.rows import stored_pack
from bot.store.sqlite.db import Database
from bot.store.types import StoredPack

SAVE_PACK = """
INSERT INTO server_packs (guild_id, slug, title, yaml_text, question_count, updated_by, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (guild_id, slug) DO UPDATE SET
    title = excluded.title, yaml_text = excluded.yaml_text,
    question_count = excluded.question_count, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
"""

_COLUMNS = "guild_id, slug, title, yaml_text, question_count, updated_by, updated_at"
GET_PACK = f"SELECT {_COLUMNS} FROM server_packs WHERE guild_id = ? AND slug = ?"
LIST_PACKS = f"SELECT {_COLUMNS} FROM server_packs WHERE guild_id = ? ORDER BY slug"
ALL_PACKS = f"SELECT {_COLUMNS} FROM server_packs ORDER BY guild_id, slug"
DELETE_PACK = "DELETE FROM server_packs WHERE guild_id = ? AND slug = ?"


class PacksMixin(Database):
    """Save, read, list and delete a guild's packs."""

    async def save_pack(
        self,
        guild_id: int,
        slug: str,
        title: str,
        yaml_text: str,
        question_count: int,
        by_user_id: int | None,
        at: float,
    ) -> None:
        """Store a guild's pack, replacing one with the same slug."""
        row = (guild_id, slug, title, yaml_text, question_count, by_user_id, at)
        async with self._write() as db:
            await db.execute(SAVE_PACK, row)

    async def get_pack(self, guild_id: int, slug: str) -> StoredPack | None:
        """A guild's pack by slug, or None."""
        async with self._read() as db, db.execute(GET_PACK, (guild_id, slug)) as cur:
            row = await cur.fetchone()
        return stored_pack(tuple(row)) if row else None

    async def list_packs(self, guild_id: int) -> list[StoredPack]:
        """A guild's packs, by slug."""
        async with self._read() as db, db.execute(LIST_PACKS, (guild_id,)) as cur:
            rows = await cur.fetchall()
        return [stored_pack(tuple(r)) for r in rows]

    async def all_packs(self) -> list[StoredPack]:
        """Every guild's packs (to load them all when the bot starts)."""
        async with self._read() as db, db.execute(ALL_PACKS) as cur:
            rows = await cur.fetchall()
        return [stored_pack(tuple(r)) for r in rows]

    async def delete_pack(self, guild_id: int, slug: str) -> bool:
        """Delete a guild's pack; return whether it existed."""
        async with self._write() as db:
            cur = await db.execute(DELETE_PACK, (guild_id, slug))
            return cur.rowcount > 0
