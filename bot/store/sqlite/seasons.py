"""Seasons in SQLite: the named spans, and their boards summed from the stored answers."""

from __future__ import annotations

import math

from bot.community.daily import DAILY_POINTS
from bot.community.season import Season
from bot.store import community_sql as sql
from bot.store.rows import leaderboard_row
from bot.store.sqlite.db import Database
from bot.store.sqlite.scores import _PAGE_FROM_AGG, _ROW_FROM_AGG
from bot.store.types import LeaderboardRow

# a season's totals: the game answers of the rounds asked in it (read through rounds_by_time,
# as past months are) and the daily answers given in it (through daily_answers_by_time)
SEASON_AGG = """
WITH agg AS (
    SELECT user_id, sum(points) AS points, sum(right_answers) AS right_answers,
           sum(answered) AS answered, sum(games) AS games
    FROM (
        SELECT a.user_id, sum(a.points) AS points, sum(a.correct) AS right_answers,
               count(*) AS answered, count(DISTINCT r.game_id) AS games
        FROM rounds AS r
        JOIN answers AS a ON a.id BETWEEN r.first_answer AND r.last_answer
        WHERE r.guild_id = :guild AND r.asked_at >= :low AND r.asked_at < :high
          AND a.round_id = r.id
        GROUP BY a.user_id
        UNION ALL
        SELECT d.user_id, sum(CASE WHEN d.correct THEN :daily ELSE 0 END),
               sum(CASE WHEN d.correct THEN 1 ELSE 0 END), count(*), 0
        FROM daily_answers AS d
        WHERE d.guild_id = :guild AND d.answered_at >= :low AND d.answered_at < :high
        GROUP BY d.user_id
    )
    GROUP BY user_id
)
"""

SEASON_PAGE = SEASON_AGG + _PAGE_FROM_AGG
SEASON_COUNT = SEASON_AGG + "SELECT count(*) FROM agg"
SEASON_ROW = SEASON_AGG + _ROW_FROM_AGG

#: SQLite REAL holds no infinity from a parameter reliably: an open season ends "never"
_NEVER = 1e300


def _args(guild_id: int, season: Season) -> dict[str, object]:
    low, high = season.bounds
    return {
        "guild": guild_id,
        "low": low,
        "high": _NEVER if math.isinf(high) else high,
        "daily": DAILY_POINTS,
    }


class SeasonsMixin(Database):
    """Add, end and list seasons; rank a season's points."""

    async def seasons(self, guild_id: int) -> list[Season]:
        """A server's seasons, oldest first."""
        async with self._read() as db, db.execute(sql.SEASONS, (guild_id,)) as cur:
            rows = await cur.fetchall()
        return [Season(str(n), float(s), None if e is None else float(e)) for n, s, e in rows]

    async def add_season(self, guild_id: int, season: Season, by_user_id: int | None) -> None:
        """Store a new season (the rules in bot.community.season were checked first)."""
        args = (guild_id, season.name, season.name.casefold(), season.start, season.end)
        async with self._write() as db:
            await db.execute(sql.ADD_SEASON, (*args, by_user_id))

    async def end_season(self, guild_id: int, name: str, end: float) -> None:
        """Set a season's end (its board stays, computed from the answers)."""
        async with self._write() as db:
            await db.execute(sql.END_SEASON, (end, guild_id, name.casefold()))

    async def set_season_final(self, guild_id: int, name: str, channel_id: int, at: float) -> None:
        """Remember where and when a season's final board was posted."""
        async with self._write() as db:
            await db.execute(sql.SEASON_FINAL, (channel_id, at, guild_id, name.casefold()))

    async def unposted_finals(self, guild_id: int, now: float) -> list[str]:
        """Names of the seasons ended by ``now`` whose final board was not posted, oldest first."""
        async with self._read() as db, db.execute(sql.UNPOSTED_FINALS, (guild_id, now)) as cur:
            return [str(r[0]) for r in await cur.fetchall()]

    async def season_board(
        self, guild_id: int, season: Season, offset: int = 0, limit: int = 10
    ) -> tuple[list[LeaderboardRow], int]:
        """One page of a season's board (games and dailies), and how many it ranks."""
        args = _args(guild_id, season)
        async with self._read() as db:
            page_args = {**args, "limit": limit, "offset": offset}
            async with db.execute(SEASON_PAGE, page_args) as cur:
                rows = list(await cur.fetchall())
            if rows:
                total = int(rows[0][7])
            else:
                async with db.execute(SEASON_COUNT, args) as cur:
                    found = await cur.fetchone()
                total = int(found[0]) if found else 0
        return [leaderboard_row(r) for r in rows], total

    async def season_rank(
        self, guild_id: int, season: Season, user_id: int
    ) -> LeaderboardRow | None:
        """A member's row on a season's board, or None."""
        args = {**_args(guild_id, season), "user": user_id}
        async with self._read() as db, db.execute(SEASON_ROW, args) as cur:
            row = await cur.fetchone()
        return leaderboard_row(row) if row else None
