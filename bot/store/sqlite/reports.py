"""Players' reports of wrong questions, and the questions a guild has disabled."""

from __future__ import annotations

from bot.store.errors import AlreadyReported, StoreError
from bot.store.sqlite.db import Database
from bot.store.types import RESOLUTIONS, Report, ReportGroup, Resolution

ADD_REPORT = """
INSERT INTO reports (guild_id, question_key, user_id, reason, created_at) VALUES (?, ?, ?, ?, ?)
"""

#: a member's open report on a question, if any (one each: the second is refused)
OWN_OPEN_REPORT = """
SELECT 1 FROM reports
WHERE guild_id = ? AND question_key = ? AND user_id = ? AND status = 'open' LIMIT 1
"""

OPEN_REPORTS = """
SELECT id, guild_id, question_key, user_id, reason, created_at, status
FROM reports WHERE guild_id = ? AND status = 'open'
ORDER BY id
"""

RESOLVE = """
UPDATE reports SET status = ?, resolved_by = ?, resolved_at = ?
WHERE guild_id = ? AND question_key = ? AND status = 'open'
"""

DISABLE = """
INSERT INTO disabled_questions (guild_id, question_key, disabled_by, disabled_at)
VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, question_key) DO NOTHING
"""

ENABLE = "DELETE FROM disabled_questions WHERE guild_id = ? AND question_key = ?"

DISABLED = "SELECT question_key FROM disabled_questions WHERE guild_id = ?"


class ReportsMixin(Database):
    """Store reports, list the open ones grouped by question, resolve them."""

    async def add_report(
        self, guild_id: int, question_key: str, user_id: int, reason: str, at: float
    ) -> int:
        """Store a player's report; return its id (AlreadyReported if theirs is still open)."""
        async with self._write() as db:
            # checked in the same write transaction: two quick reports cannot both pass
            async with db.execute(OWN_OPEN_REPORT, (guild_id, question_key, user_id)) as found:
                if await found.fetchone() is not None:
                    raise AlreadyReported("You already reported this question.")
            cur = await db.execute(ADD_REPORT, (guild_id, question_key, user_id, reason, at))
            report_id = cur.lastrowid
        assert report_id is not None
        return report_id

    async def open_reports(self, guild_id: int) -> list[ReportGroup]:
        """A guild's open reports grouped by question, the oldest-reported question first."""
        async with self._read() as db, db.execute(OPEN_REPORTS, (guild_id,)) as cur:
            rows = await cur.fetchall()
        groups: dict[str, list[Report]] = {}
        for r in rows:
            report = Report(
                id=r[0],
                guild_id=r[1],
                question_key=r[2],
                user_id=r[3],
                reason=r[4],
                created_at=r[5],
                status=r[6],
            )
            groups.setdefault(report.question_key, []).append(report)
        return [ReportGroup(key, tuple(reports)) for key, reports in groups.items()]

    async def resolve_reports(
        self,
        guild_id: int,
        question_key: str,
        resolution: Resolution,
        by_user_id: int,
        at: float,
    ) -> int:
        """Close a question's open reports (disabling it if asked); return how many closed."""
        if resolution not in RESOLUTIONS:
            raise StoreError(f"unknown resolution {resolution!r}")
        async with self._write() as db:
            cur = await db.execute(RESOLVE, (resolution, by_user_id, at, guild_id, question_key))
            count = cur.rowcount
            if resolution == "disabled":
                await db.execute(DISABLE, (guild_id, question_key, by_user_id, at))
        return count

    async def disabled_questions(self, guild_id: int) -> set[str]:
        """The keys of the questions this guild disabled."""
        async with self._read() as db, db.execute(DISABLED, (guild_id,)) as cur:
            rows = await cur.fetchall()
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
                await db.execute(ENABLE, (guild_id, question_key))
            else:
                await db.execute(DISABLE, (guild_id, question_key, by_user_id, at))
