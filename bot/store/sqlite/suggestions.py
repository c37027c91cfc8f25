"""Fans' suggested questions in SQLite: the queue, the reviews, and the declines to tell."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store import community_sql as sql
from bot.store.daily_types import StoredSuggestion, suggestion_from_row
from bot.store.sqlite.db import Database


class SuggestionsMixin(Database):
    """Add, list, edit and review suggestions."""

    async def add_suggestion(
        self,
        guild_id: int,
        user_id: int,
        user_name: str,
        fields: tuple[str, str, Sequence[str], str],
        at: float,
    ) -> int:
        """Store a checked suggestion (question, answer, wrong answers, source); its id."""
        question, answer, wrong, source = fields
        args = (guild_id, user_id, user_name, question, answer, "\n".join(wrong), source, at)
        async with self._write() as db, db.execute(sql.ADD_SUGGESTION, args) as cur:
            row = await cur.fetchone()
        assert row is not None
        return int(row[0])

    async def suggestion_times(self, guild_id: int, user_id: int, since: float) -> list[float]:
        """When a member sent their suggestions after ``since`` (for the daily limit)."""
        args = (guild_id, user_id, since)
        async with self._read() as db, db.execute(sql.SUGGESTION_TIMES, args) as cur:
            return [float(r[0]) for r in await cur.fetchall()]

    async def pending_suggestions(
        self, guild_id: int, offset: int = 0, limit: int = 1
    ) -> tuple[list[StoredSuggestion], int]:
        """One page of the queue, oldest first, and how many are waiting."""
        async with self._read() as db:
            async with db.execute(sql.PENDING, (guild_id, limit, offset)) as cur:
                rows = await cur.fetchall()
            async with db.execute(sql.PENDING_COUNT, (guild_id,)) as cur:
                count = await cur.fetchone()
        return [suggestion_from_row(tuple(r)) for r in rows], int(count[0]) if count else 0

    async def get_suggestion(self, guild_id: int, suggestion_id: int) -> StoredSuggestion | None:
        """One suggestion of a server, or None."""
        args = (guild_id, suggestion_id)
        async with self._read() as db, db.execute(sql.GET_SUGGESTION, args) as cur:
            row = await cur.fetchone()
        return None if row is None else suggestion_from_row(tuple(row))

    async def edit_suggestion(
        self, guild_id: int, suggestion_id: int, fields: tuple[str, str, Sequence[str], str]
    ) -> bool:
        """Replace a pending suggestion's fields; False if it is no longer pending."""
        question, answer, wrong, source = fields
        args = (question, answer, "\n".join(wrong), source, guild_id, suggestion_id)
        async with self._write() as db, db.execute(sql.EDIT_SUGGESTION, args) as cur:
            return await cur.fetchone() is not None

    async def review_suggestion(
        self,
        guild_id: int,
        suggestion_id: int,
        *,
        approved: bool,
        by_user_id: int,
        at: float,
        reason: str | None = None,
        pack: str | None = None,
        question_key: str | None = None,
    ) -> bool:
        """Approve or decline a pending suggestion; False if someone reviewed it already."""
        status = "approved" if approved else "declined"
        args = (status, by_user_id, at, reason, pack, question_key, guild_id, suggestion_id)
        async with self._write() as db, db.execute(sql.REVIEW_SUGGESTION, args) as cur:
            return await cur.fetchone() is not None

    async def untold_declines(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's declined suggestions they were not told about yet."""
        args = (guild_id, user_id)
        async with self._read() as db, db.execute(sql.UNTOLD_DECLINES, args) as cur:
            return [suggestion_from_row(tuple(r)) for r in await cur.fetchall()]

    async def mark_told(self, guild_id: int, suggestion_ids: Sequence[int], at: float) -> None:
        """Remember that the suggester was told about these declines."""
        async with self._write() as db:
            for sid in suggestion_ids:
                await db.execute(sql.MARK_TOLD, (at, guild_id, sid))

    async def approved_suggestions(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's approved suggestions (their credits to remove with their data)."""
        args = (guild_id, user_id)
        async with self._read() as db, db.execute(sql.APPROVED_OF_USER, args) as cur:
            return [suggestion_from_row(tuple(r)) for r in await cur.fetchall()]
