"""Settings, reports, disabled questions, server packs and meta in PostgreSQL."""

from __future__ import annotations

from bot.store.errors import AlreadyReported, StoreError
from bot.store.postgres.db import Database
from bot.store.rows import stored_pack
from bot.store.settings import column_changes, from_row
from bot.store.types import RESOLUTIONS, GuildSettings, Report, ReportGroup, Resolution, StoredPack

GET_SETTINGS = """
SELECT default_mode, seconds, questions, moderator_role_id, allowed_channel_ids, max_games,
       streak_bonus, start_cooldown
FROM guild_settings WHERE guild_id = $1
"""
ENSURE_SETTINGS = (
    "INSERT INTO guild_settings (guild_id) VALUES ($1) ON CONFLICT (guild_id) DO NOTHING"
)

ADD_REPORT = """
INSERT INTO reports (guild_id, question_key, user_id, reason, created_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id
"""
#: a member's open report on a question, if any (one each: the second is refused)
OWN_OPEN_REPORT = """
SELECT 1 FROM reports
WHERE guild_id = $1 AND question_key = $2 AND user_id = $3 AND status = 'open' LIMIT 1
"""
OPEN_REPORTS = """
SELECT id, guild_id, question_key, user_id, reason, created_at, status
FROM reports WHERE guild_id = $1 AND status = 'open'
ORDER BY id
"""
RESOLVE = """
UPDATE reports SET status = $1, resolved_by = $2, resolved_at = $3
WHERE guild_id = $4 AND question_key = $5 AND status = 'open'
"""
DISABLE = """
INSERT INTO disabled_questions (guild_id, question_key, disabled_by, disabled_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (guild_id, question_key) DO NOTHING
"""
ENABLE = "DELETE FROM disabled_questions WHERE guild_id = $1 AND question_key = $2"
DISABLED = "SELECT question_key FROM disabled_questions WHERE guild_id = $1"

SAVE_PACK = """
INSERT INTO server_packs (guild_id, slug, title, yaml_text, question_count, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (guild_id, slug) DO UPDATE SET
    title = excluded.title, yaml_text = excluded.yaml_text,
    question_count = excluded.question_count, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
"""
_PACK_COLUMNS = "guild_id, slug, title, yaml_text, question_count, updated_by, updated_at"
GET_PACK = f"SELECT {_PACK_COLUMNS} FROM server_packs WHERE guild_id = $1 AND slug = $2"
LIST_PACKS = f"SELECT {_PACK_COLUMNS} FROM server_packs WHERE guild_id = $1 ORDER BY slug"
ALL_PACKS = f"SELECT {_PACK_COLUMNS} FROM server_packs ORDER BY guild_id, slug"
DELETE_PACK = "DELETE FROM server_packs WHERE guild_id = $1 AND slug = $2 RETURNING 1"

GET_META = "SELECT value FROM meta WHERE key = $1"
SET_META = """
INSERT INTO meta (key, value) VALUES ($1, $2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value
"""


def _affected(status: str) -> int:
    """The row count of a command status such as ``UPDATE 3``."""
    return int(status.rsplit(" ", 1)[-1])


class AdminMixin(Database):
    """A guild's settings, reports, disabled questions and packs; bot-wide meta values."""

    async def get_settings(self, guild_id: int) -> GuildSettings:
        """A guild's settings (the defaults for a guild that never changed any)."""
        async with self._read() as db:
            row = await db.fetchrow(GET_SETTINGS, guild_id)
        return from_row(tuple(row) if row else None)

    async def update_settings(self, guild_id: int, **changes: object) -> GuildSettings:
        """Change some settings (None puts one back to its default); return the new settings."""
        columns, values = column_changes(changes)
        if columns:
            sets = ", ".join(f"{c} = ${i}" for i, c in enumerate(columns, start=2))
            async with self._write() as db:
                await db.execute(ENSURE_SETTINGS, guild_id)
                await db.execute(
                    f"UPDATE guild_settings SET {sets} WHERE guild_id = $1", guild_id, *values
                )
        return await self.get_settings(guild_id)

    async def add_report(
        self, guild_id: int, question_key: str, user_id: int, reason: str, at: float
    ) -> int:
        """Store a player's report; return its id (AlreadyReported if theirs is still open)."""
        async with self._write() as db:
            # checked in the same write transaction: two quick reports cannot both pass
            if await db.fetchval(OWN_OPEN_REPORT, guild_id, question_key, user_id) is not None:
                raise AlreadyReported("You already reported this question.")
            return int(await db.fetchval(ADD_REPORT, guild_id, question_key, user_id, reason, at))

    async def open_reports(self, guild_id: int) -> list[ReportGroup]:
        """A guild's open reports grouped by question, the oldest-reported question first."""
        async with self._read() as db:
            rows = await db.fetch(OPEN_REPORTS, guild_id)
        groups: dict[str, list[Report]] = {}
        for r in rows:
            report = Report(*r)
            groups.setdefault(report.question_key, []).append(report)
        return [ReportGroup(key, tuple(reports)) for key, reports in groups.items()]

    async def resolve_reports(
        self, guild_id: int, question_key: str, resolution: Resolution, by_user_id: int, at: float
    ) -> int:
        """Close a question's open reports (disabling it if asked); return how many closed."""
        if resolution not in RESOLUTIONS:
            raise StoreError(f"unknown resolution {resolution!r}")
        async with self._write() as db:
            status = await db.execute(RESOLVE, resolution, by_user_id, at, guild_id, question_key)
            if resolution == "disabled":
                await db.execute(DISABLE, guild_id, question_key, by_user_id, at)
        return _affected(status)

    async def disabled_questions(self, guild_id: int) -> set[str]:
        """The keys of the questions this guild disabled."""
        async with self._read() as db:
            rows = await db.fetch(DISABLED, guild_id)
        return {str(r[0]) for r in rows}

    async def set_question_enabled(
        self,
        guild_id: int,
        question_key: str,
        enabled: bool,
        by_user_id: int | None = None,
        at: float | None = None,
    ) -> None:
        """Disable a question in a guild, or enable it again."""
        async with self._write() as db:
            if enabled:
                await db.execute(ENABLE, guild_id, question_key)
            else:
                await db.execute(DISABLE, guild_id, question_key, by_user_id, at)

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
        async with self._write() as db:
            await db.execute(
                SAVE_PACK, guild_id, slug, title, yaml_text, question_count, by_user_id, at
            )

    async def get_pack(self, guild_id: int, slug: str) -> StoredPack | None:
        """A guild's pack by slug, or None."""
        async with self._read() as db:
            row = await db.fetchrow(GET_PACK, guild_id, slug)
        return stored_pack(row) if row else None

    async def list_packs(self, guild_id: int) -> list[StoredPack]:
        """A guild's packs, by slug."""
        async with self._read() as db:
            rows = await db.fetch(LIST_PACKS, guild_id)
        return [stored_pack(r) for r in rows]

    async def all_packs(self) -> list[StoredPack]:
        """Every guild's packs (to load them all when the bot starts)."""
        async with self._read() as db:
            rows = await db.fetch(ALL_PACKS)
        return [stored_pack(r) for r in rows]

    async def delete_pack(self, guild_id: int, slug: str) -> bool:
        """Delete a guild's pack; return whether it existed."""
        async with self._write() as db:
            return await db.fetchval(DELETE_PACK, guild_id, slug) is not None

    async def get_meta(self, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        async with self._read() as db:
            value = await db.fetchval(GET_META, key)
        return str(value) if value is not None else None

    async def set_meta(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing any earlier value."""
        async with self._write() as db:
            await db.execute(SET_META, key, value)
