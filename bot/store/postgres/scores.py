"""Leaderboards and player stats in PostgreSQL: the totals rollup, or the answers for a pack
or a past period."""

from __future__ import annotations

import asyncpg

from bot.store.periods import period_bounds, period_start
from bot.store.postgres.db import Database
from bot.store.rows import check_period, leaderboard_row
from bot.store.types import PERIODS, LeaderboardPage, LeaderboardRow, Period, PlayerStats

# Column names per period come only from this fixed table, never from a caller.
_COLUMNS: dict[str, tuple[str, str, str, str, str]] = {
    # period: (points, right, answered, games, filter on the period's start ($2))
    "all": ("points", "right_answers", "answered", "games", ""),
    "month": ("month_points", "month_right", "month_answered", "month_games",
              " AND {t}month_start = $2"),
    "week": ("week_points", "week_right", "week_answered", "week_games",
             " AND {t}week_start = $2"),
}  # fmt: skip


def _page_sql(period: str) -> str:
    """A page of the rollup ($1 guild, [$2 start], then limit and offset); RANK() shares ties."""
    pts, right, ans, games, where = _COLUMNS[period]
    n = 3 if where else 2
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games, t.rnk,
       t.total
FROM (SELECT user_id, {pts} AS points, {right} AS right_answers, {ans} AS answered,
             {games} AS games, RANK() OVER (ORDER BY {pts} DESC) AS rnk,
             count(*) OVER () AS total
      FROM totals
      WHERE guild_id = $1{where.format(t="")}
      ORDER BY {pts} DESC, user_id
      LIMIT ${n} OFFSET ${n + 1}) AS t
LEFT JOIN players AS p ON p.guild_id = $1 AND p.user_id = t.user_id
ORDER BY t.points DESC, t.user_id
"""


def _count_sql(period: str) -> str:
    """How many members the rollup ranks for a period."""
    return f"SELECT count(*) FROM totals WHERE guild_id = $1{_COLUMNS[period][4].format(t='')}"


def _row_sql(period: str) -> str:
    """One member's rollup row with their rank ($1 guild, [$2 start], then the user)."""
    pts, right, ans, games, where = _COLUMNS[period]
    user = 3 if where else 2
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.{pts}, t.{right}, t.{ans}, t.{games},
       (SELECT count(*) FROM totals AS o
        WHERE o.guild_id = t.guild_id{where.format(t="o.")} AND o.{pts} > t.{pts}) + 1,
       t.best_streak
FROM totals AS t
LEFT JOIN players AS p ON p.guild_id = t.guild_id AND p.user_id = t.user_id
WHERE t.guild_id = $1 AND t.user_id = ${user}{where.format(t="t.")}
"""


PAGE_FROM_TOTALS = {period: _page_sql(period) for period in PERIODS}
COUNT_TOTALS = {period: _count_sql(period) for period in PERIODS}
ROW_FROM_TOTALS = {period: _row_sql(period) for period in PERIODS}


def _agg(pack: bool) -> str:
    """Totals summed from a guild's rounds and their answers ($1 guild, $2 low, $3 high,
    [$4 pack]): one pack, or a past month or week."""
    where = " AND r.pack = $4" if pack else ""
    return f"""
WITH agg AS (
    SELECT a.user_id, sum(a.points) AS points, sum(a.correct::int) AS right_answers,
           count(*) AS answered, count(DISTINCT r.game_id) AS games
    FROM rounds AS r JOIN answers AS a ON a.round_id = r.id
    WHERE r.guild_id = $1 AND r.asked_at >= $2 AND r.asked_at < $3{where}
    GROUP BY a.user_id
)
"""


def _page_from_agg(pack: bool) -> str:
    n = 5 if pack else 4
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games, t.rnk,
       t.total
FROM (SELECT user_id, points, right_answers, answered, games,
             RANK() OVER (ORDER BY points DESC) AS rnk, count(*) OVER () AS total
      FROM agg
      ORDER BY points DESC, user_id
      LIMIT ${n} OFFSET ${n + 1}) AS t
LEFT JOIN players AS p ON p.guild_id = $1 AND p.user_id = t.user_id
ORDER BY t.points DESC, t.user_id
"""


def _row_from_agg(pack: bool) -> str:
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games,
       (SELECT count(*) FROM agg AS o WHERE o.points > t.points) + 1
FROM agg AS t
LEFT JOIN players AS p ON p.guild_id = $1 AND p.user_id = t.user_id
WHERE t.user_id = ${5 if pack else 4}
"""


PAGE_FROM_AGG = {pack: _agg(pack) + _page_from_agg(pack) for pack in (False, True)}
COUNT_AGG = {pack: _agg(pack) + "SELECT count(*) FROM agg" for pack in (False, True)}
ROW_FROM_AGG = {pack: _agg(pack) + _row_from_agg(pack) for pack in (False, True)}

LATEST_PERIODS = "SELECT month_start, week_start FROM guild_periods WHERE guild_id = $1"

FAVOURITE_CATEGORY = """
SELECT category FROM category_totals
WHERE guild_id = $1 AND user_id = $2
ORDER BY right_answers DESC, category
LIMIT 1
"""


async def _plan(
    db: asyncpg.Connection, guild_id: int, period: Period, now: float, pack: str | None
) -> tuple[bool, list[object]]:
    """Where a query reads from (True: the totals rollup) and its leading parameters."""
    if pack is None:
        if period == "all":
            return True, [guild_id]
        start = period_start(period, now)
        latest = await db.fetchrow(LATEST_PERIODS, guild_id)
        if latest is None or start >= latest[0 if period == "month" else 1]:
            return True, [guild_id, start]
    low, high = period_bounds(period, now)
    args: list[object] = [guild_id, low, high]
    if pack is not None:
        args.append(pack)
    return False, args


class ScoresMixin(Database):
    """Leaderboards per guild, period and pack, and one player's stats."""

    async def leaderboard(
        self,
        guild_id: int,
        period: Period,
        now: float,
        pack: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> LeaderboardPage:
        """One page of a guild's leaderboard for ``period`` around ``now``, optionally one pack."""
        period = check_period(period)
        if offset < 0 or limit < 1:
            raise ValueError("offset must be >= 0 and limit >= 1")
        async with self._read() as db:
            rollup, args = await _plan(db, guild_id, period, now, pack)
            if rollup:
                page_sql, count_sql = PAGE_FROM_TOTALS[period], COUNT_TOTALS[period]
            else:
                page_sql, count_sql = PAGE_FROM_AGG[pack is not None], COUNT_AGG[pack is not None]
            rows = await db.fetch(page_sql, *args, limit, offset)
            # past the last page the window count comes back with no rows
            total = int(rows[0][7]) if rows else int(await db.fetchval(count_sql, *args) or 0)
        return LeaderboardPage(
            period=period,
            pack=pack,
            offset=offset,
            limit=limit,
            total=total,
            rows=tuple(leaderboard_row(r) for r in rows),
        )

    async def player_rank(
        self, guild_id: int, user_id: int, period: Period, now: float, pack: str | None = None
    ) -> LeaderboardRow | None:
        """A player's own leaderboard row (for the footer), or None if they have none."""
        period = check_period(period)
        async with self._read() as db:
            return await _player_row(db, guild_id, user_id, period, now, pack)

    async def player_stats(self, guild_id: int, user_id: int, now: float) -> PlayerStats | None:
        """A member's all-time stats in a guild, or None if they never played there."""
        async with self._read() as db:
            row = await db.fetchrow(ROW_FROM_TOTALS["all"], guild_id, user_id)
            if row is None:
                return None
            fav = await db.fetchval(FAVOURITE_CATEGORY, guild_id, user_id)
            month = await _player_row(db, guild_id, user_id, "month", now, None)
            week = await _player_row(db, guild_id, user_id, "week", now, None)
        base = leaderboard_row(row)
        return PlayerStats(
            user_id=base.user_id,
            name=base.name,
            points=base.points,
            rank=base.rank,
            right=base.right,
            answered=base.answered,
            best_streak=int(row[7]),
            favourite_category=str(fav) if fav is not None else None,
            games=base.games,
            month_points=month.points if month else 0,
            week_points=week.points if week else 0,
        )


async def _player_row(
    db: asyncpg.Connection,
    guild_id: int,
    user_id: int,
    period: Period,
    now: float,
    pack: str | None,
) -> LeaderboardRow | None:
    rollup, args = await _plan(db, guild_id, period, now, pack)
    sql = ROW_FROM_TOTALS[period] if rollup else ROW_FROM_AGG[pack is not None]
    row = await db.fetchrow(sql, *args, user_id)
    return leaderboard_row(row) if row else None
