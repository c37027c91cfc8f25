"""The daily question in SQLite: schedules, posted days, and members' answers."""

from __future__ import annotations

from datetime import date

from bot.community.daily import DailySchedule
from bot.store import community_sql as sql
from bot.store.daily_types import (
    DailyPost,
    StoredDaily,
    day_text,
    from_row,
    post_from_row,
    schedule_row,
)
from bot.store.sqlite.db import Database


class DailyMixin(Database):
    """Read and write the daily question's tables."""

    async def get_daily(self, guild_id: int) -> StoredDaily | None:
        """A server's daily schedule, or None if it never set one."""
        async with self._read() as db, db.execute(sql.GET_DAILY, (guild_id,)) as cur:
            row = await cur.fetchone()
        return None if row is None else from_row(guild_id, tuple(row))

    async def set_daily(
        self, guild_id: int, schedule: DailySchedule, by_user_id: int | None, at: float
    ) -> None:
        """Store a server's schedule (replacing any), which also ends a pause."""
        async with self._write() as db:
            await db.execute(sql.SET_DAILY, (guild_id, *schedule_row(schedule), by_user_id, at))

    async def pause_daily(self, guild_id: int, reason: str, at: float) -> None:
        """Pause a server's daily, saying why (a moderator's next change resumes it)."""
        async with self._write() as db:
            await db.execute(sql.PAUSE_DAILY, (reason, at, guild_id))

    async def running_dailies(self) -> list[StoredDaily]:
        """Every schedule that is enabled and not paused."""
        async with self._read() as db, db.execute(sql.RUNNING_DAILIES) as cur:
            rows = await cur.fetchall()
        return [from_row(int(r[0]), tuple(r[1:])) for r in rows]

    async def daily_posts(self, guild_id: int) -> list[DailyPost]:
        """A server's posted days, oldest first."""
        async with self._read() as db, db.execute(sql.DAILY_POSTS, (guild_id,)) as cur:
            rows = await cur.fetchall()
        return [post_from_row(tuple(r)) for r in rows]

    async def claim_daily_post(
        self, guild_id: int, day: date, question_key: str, channel_id: int, at: float
    ) -> bool:
        """Record ``day`` as posted before sending it; False if it already was (no double post)."""
        args = (guild_id, day_text(day), question_key, channel_id, at)
        async with self._write() as db, db.execute(sql.CLAIM_POST, args) as cur:
            return await cur.fetchone() is not None

    async def set_daily_message(self, guild_id: int, day: date, message_id: int | None) -> None:
        """Remember the message showing a day's question (None: the send failed)."""
        async with self._write() as db:
            await db.execute(sql.SET_MESSAGE, (message_id, guild_id, day_text(day)))

    async def record_daily_answer(
        self, guild_id: int, day: date, user_id: int, choice: int, correct: bool, at: float
    ) -> bool:
        """Store a member's answer to a day's question; False if they had answered already."""
        args = (guild_id, day_text(day), user_id, choice, correct, at)
        async with self._write() as db, db.execute(sql.RECORD_ANSWER, args) as cur:
            return await cur.fetchone() is not None

    async def daily_results(self, guild_id: int, user_id: int) -> dict[date, bool]:
        """A member's answers in a server: right or not, by day."""
        async with self._read() as db, db.execute(sql.RESULTS, (guild_id, user_id)) as cur:
            rows = await cur.fetchall()
        return {date.fromisoformat(str(r[0])): bool(r[1]) for r in rows}

    async def daily_tally(self, guild_id: int, day: date) -> tuple[int, int]:
        """How many answered a day's question right, and how many answered it."""
        async with self._read() as db, db.execute(sql.TALLY, (guild_id, day_text(day))) as cur:
            row = await cur.fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)
