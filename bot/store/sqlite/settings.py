"""Per-guild settings in SQLite (the rules are in bot.store.settings)."""

from __future__ import annotations

from bot.store.settings import column_changes, from_row
from bot.store.sqlite.db import Database
from bot.store.types import GuildSettings

GET_SETTINGS = """
SELECT default_mode, seconds, questions, moderator_role_id, allowed_channel_ids, max_games,
       streak_bonus, start_cooldown
FROM guild_settings WHERE guild_id = ?
"""

ENSURE_ROW = "INSERT INTO guild_settings (guild_id) VALUES (?) ON CONFLICT (guild_id) DO NOTHING"


class SettingsMixin(Database):
    """Read and change a guild's settings."""

    async def get_settings(self, guild_id: int) -> GuildSettings:
        """A guild's settings (the defaults for a guild that never changed any)."""
        async with self._read() as db, db.execute(GET_SETTINGS, (guild_id,)) as cur:
            row = await cur.fetchone()
        return from_row(tuple(row) if row else None)

    async def update_settings(self, guild_id: int, **changes: object) -> GuildSettings:
        """Change some settings (None puts one back to its default); return the new settings."""
        columns, values = column_changes(changes)
        if columns:
            sql = "UPDATE guild_settings SET " + ", ".join(f"{c} = ?" for c in columns)
            async with self._write() as db:
                await db.execute(ENSURE_ROW, (guild_id,))
                await db.execute(sql + " WHERE guild_id = ?", (*values, guild_id))
        return await self.get_settings(guild_id)
