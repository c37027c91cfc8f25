"""Seasons in PostgreSQL: the named spans, and their boards summed from the stored answers."""

from __future__ import annotations

from bot.community.daily import DAILY_POINTS
from bot.community.season import Season
from bot.store import community_sql as sql
from bot.store.community_sql import numbered
from bot.store.postgres.db import Database
from bot.store.postgres.scores import _page_from_agg, _row_from_agg
from bot.store.rows import leaderboard_row
from bot.store.types import LeaderboardRow

# $1 guild, $2 low, $3 high, $4 points of a right daily answer (then $5, $6: limit and offset,
# or $5: the member), as the pack boards number them
SEASON_AGG = """
WITH agg AS (
    SELECT user_id, sum(points) AS points, sum(right_answers) AS right_answers,
           sum(answered) AS answered, sum(games) AS games
    FROM (
        SELECT a.user_id, sum(a.points) AS points, sum(a.correct::int) AS right_answers,
               count(*) AS answered, count(DISTINCT r.game_id) AS games
        FROM rounds AS r JOIN answers AS a ON a.round_id = r.id
        WHERE r.guild_id = $1 AND r.asked_at >= $2 AND r.asked_at < $3
        GROUP BY a.user_id
        UNION ALL
        SELECT d.user_id, sum(CASE WHEN d.correct THEN $4::int ELSE 0 END),
               sum(CASE WHEN d.correct THEN 1 ELSE 0 END), count(*), 0
        FROM daily_answers AS d
        WHERE d.guild_id = $1 AND d.answered_at >= $2 AND d.answered_at < $3
        GROUP BY d.user_id
    ) AS parts
    GROUP BY user_id
)
"""

SEASON_PAGE = SEASON_AGG + _page_from_agg(True)
SEASON_COUNT = SEASON_AGG + "SELECT count(*) FROM agg"
SEASON_ROW = SEASON_AGG + _row_from_agg(True)

SEASONS = numbered(sql.SEASONS)
ADD_SEASON = numbered(sql.ADD_SEASON)
END_SEASON = numbered(sql.END_SEASON)
SEASON_FINAL = numbered(sql.SEASON_FINAL)
UNPOSTED_FINALS = numbered(sql.UNPOSTED_FINALS)


def _args(season: Season) -> tuple[float, float, int]:
    low, high = season.bounds
    return low, high, DAILY_POINTS


class SeasonsMixin(Database):
    """Add, end and list seasons; rank a season's points."""

    async def seasons(self, guild_id: int) -> list[Season]:
        """A server's seasons, oldest first."""
        async with self._read() as db:
            rows = await db.fetch(SEASONS, guild_id)
        return [Season(str(n), float(s), None if e is None else float(e)) for n, s, e in rows]

    async def add_season(self, guild_id: int, season: Season, by_user_id: int | None) -> None:
        """Store a new season (the rules in bot.community.season were checked first)."""
        async with self._write() as db:
            await db.execute(
                ADD_SEASON,
                guild_id,
                season.name,
                season.name.casefold(),
                season.start,
                season.end,
                by_user_id,
            )

    async def end_season(self, guild_id: int, name: str, end: float) -> None:
        """Set a season's end (its board stays, computed from the answers)."""
        async with self._write() as db:
            await db.execute(END_SEASON, end, guild_id, name.casefold())

    async def set_season_final(self, guild_id: int, name: str, channel_id: int, at: float) -> None:
        """Remember where and when a season's final board was posted."""
        async with self._write() as db:
            await db.execute(SEASON_FINAL, channel_id, at, guild_id, name.casefold())

    async def unposted_finals(self, guild_id: int, now: float) -> list[str]:
        """Names of the seasons ended by ``now`` whose final board was not posted, oldest first."""
        async with self._read() as db:
            rows = await db.fetch(UNPOSTED_FINALS, guild_id, now)
        return [str(r[0]) for r in rows]

    async def season_board(
        self, guild_id: int, season: Season, offset: int = 0, limit: int = 10
    ) -> tuple[list[LeaderboardRow], int]:
        """One page of a season's board (games and dailies), and how many it ranks."""
        args = (guild_id, *_args(season))
        async with self._read() as db:
            rows = await db.fetch(SEASON_PAGE, *args, limit, offset)
            total = int(rows[0][7]) if rows else int(await db.fetchval(SEASON_COUNT, *args) or 0)
        return [leaderboard_row(r) for r in rows], total

    async def season_rank(
        self, guild_id: int, season: Season, user_id: int
    ) -> LeaderboardRow | None:
        """A member's row on a season's board, or None."""
        async with self._read() as db:
            row = await db.fetchrow(SEASON_ROW, guild_id, *_args(season), user_id)
        return leaderboard_row(row) if row else None
