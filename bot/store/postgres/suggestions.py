"""Fans' suggested questions in PostgreSQL: the queue, the reviews, and the declines to tell."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store import community_sql as sql
from bot.store.community_sql import numbered
from bot.store.daily_types import StoredSuggestion, suggestion_from_row
from bot.store.postgres.db import Database

ADD_SUGGESTION = numbered(sql.ADD_SUGGESTION)
SUGGESTION_TIMES = numbered(sql.SUGGESTION_TIMES)
PENDING = numbered(sql.PENDING)
PENDING_COUNT = numbered(sql.PENDING_COUNT)
GET_SUGGESTION = numbered(sql.GET_SUGGESTION)
EDIT_SUGGESTION = numbered(sql.EDIT_SUGGESTION)
REVIEW_SUGGESTION = numbered(sql.REVIEW_SUGGESTION)
UNTOLD_DECLINES = numbered(sql.UNTOLD_DECLINES)
MARK_TOLD = numbered(sql.MARK_TOLD)
APPROVED_OF_USER = numbered(sql.APPROVED_OF_USER)


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
        async with self._write() as db:
            return int(await db.fetchval(ADD_SUGGESTION, *args))

    async def suggestion_times(self, guild_id: int, user_id: int, since: float) -> list[float]:
        """When a member sent their suggestions after ``since`` (for the daily limit)."""
        async with self._read() as db:
            rows = await db.fetch(SUGGESTION_TIMES, guild_id, user_id, since)
        return [float(r[0]) for r in rows]

    async def pending_suggestions(
        self, guild_id: int, offset: int = 0, limit: int = 1
    ) -> tuple[list[StoredSuggestion], int]:
        """One page of the queue, oldest first, and how many are waiting."""
        async with self._read() as db:
            rows = await db.fetch(PENDING, guild_id, limit, offset)
            count = await db.fetchval(PENDING_COUNT, guild_id)
        return [suggestion_from_row(tuple(r)) for r in rows], int(count or 0)

    async def get_suggestion(self, guild_id: int, suggestion_id: int) -> StoredSuggestion | None:
        """One suggestion of a server, or None."""
        async with self._read() as db:
            row = await db.fetchrow(GET_SUGGESTION, guild_id, suggestion_id)
        return None if row is None else suggestion_from_row(tuple(row))

    async def edit_suggestion(
        self, guild_id: int, suggestion_id: int, fields: tuple[str, str, Sequence[str], str]
    ) -> bool:
        """Replace a pending suggestion's fields; False if it is no longer pending."""
        question, answer, wrong, source = fields
        args = (question, answer, "\n".join(wrong), source, guild_id, suggestion_id)
        async with self._write() as db:
            return await db.fetchval(EDIT_SUGGESTION, *args) is not None

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
        async with self._write() as db:
            return await db.fetchval(REVIEW_SUGGESTION, *args) is not None

    async def untold_declines(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's declined suggestions they were not told about yet."""
        async with self._read() as db:
            rows = await db.fetch(UNTOLD_DECLINES, guild_id, user_id)
        return [suggestion_from_row(tuple(r)) for r in rows]

    async def mark_told(self, guild_id: int, suggestion_ids: Sequence[int], at: float) -> None:
        """Remember that the suggester was told about these declines."""
        async with self._write() as db:
            for sid in suggestion_ids:
                await db.execute(MARK_TOLD, at, guild_id, sid)

    async def approved_suggestions(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's approved suggestions (their credits to remove with their data)."""
        async with self._read() as db:
            rows = await db.fetch(APPROVED_OF_USER, guild_id, user_id)
        return [suggestion_from_row(tuple(r)) for r in rows]
