"""Leaderboards and player stats: the totals rollup for current periods, answers otherwise."""

from __future__ import annotations

import aiosqlite

from bot.store.periods import period_bounds, period_start
from bot.store.rows import check_period, leaderboard_row
from bot.store.sqlite.db import Database
from bot.store.types import PERIODS, LeaderboardPage, LeaderboardRow, Period, PlayerStats

# Column names per period come only from this fixed table, never from a caller.
_COLUMNS: dict[str, tuple[str, str, str, str, str]] = {
    # period: (points, right, answered, games, filter on the period's start)
    "all": ("points", "right_answers", "answered", "games", ""),
    "month": (
        "month_points",
        "month_right",
        "month_answered",
        "month_games",
        " AND {t}month_start = :start",
    ),
    "week": (
        "week_points",
        "week_right",
        "week_answered",
        "week_games",
        " AND {t}week_start = :start",
    ),
}


def _page_sql(period: str) -> str:
    """A page of the totals rollup; RANK() gives ties one rank (1, 1, 3) before the page is cut."""
    pts, right, ans, games, where = _COLUMNS[period]
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games, t.rnk,
       t.total
FROM (SELECT user_id, {pts} AS points, {right} AS right_answers, {ans} AS answered,
             {games} AS games, RANK() OVER (ORDER BY {pts} DESC) AS rnk,
             count(*) OVER () AS total
      FROM totals
      WHERE guild_id = :guild{where.format(t="")}
      ORDER BY {pts} DESC, user_id
      LIMIT :limit OFFSET :offset) AS t
LEFT JOIN players AS p ON p.guild_id = :guild AND p.user_id = t.user_id
ORDER BY t.points DESC, t.user_id
"""


def _count_sql(period: str) -> str:
    """How many members the rollup ranks for a period."""
    where = _COLUMNS[period][4].format(t="")
    return f"SELECT count(*) FROM totals WHERE guild_id = :guild{where}"


def _row_sql(period: str) -> str:
    """One member's rollup row with their rank."""
    pts, right, ans, games, where = _COLUMNS[period]
    return f"""
SELECT t.user_id, coalesce(p.name, ''), t.{pts}, t.{right}, t.{ans}, t.{games},
       (SELECT count(*) FROM totals AS o
        WHERE o.guild_id = t.guild_id{where.format(t="o.")} AND o.{pts} > t.{pts}) + 1,
       t.best_streak
FROM totals AS t
LEFT JOIN players AS p ON p.guild_id = t.guild_id AND p.user_id = t.user_id
WHERE t.guild_id = :guild AND t.user_id = :user{where.format(t="t.")}
"""


PAGE_FROM_TOTALS = {period: _page_sql(period) for period in PERIODS}
COUNT_TOTALS = {period: _count_sql(period) for period in PERIODS}
ROW_FROM_TOTALS = {period: _row_sql(period) for period in PERIODS}


def _agg(pack: bool) -> str:
    """Totals summed from the answers of the guild's rounds: one pack, or a past month or week.

    Each round knows the rowid range of its answers, so this reads them by range; the check
    on the round id keeps out any answer that reused an id after a deletion.
    """
    where = " AND r.pack = :pack" if pack else ""
    return f"""
WITH agg AS (
    SELECT a.user_id, sum(a.points) AS points, sum(a.correct) AS right_answers,
           count(*) AS answered, count(DISTINCT r.game_id) AS games
    FROM rounds AS r
    JOIN answers AS a ON a.id BETWEEN r.first_answer AND r.last_answer
    WHERE r.guild_id = :guild AND r.asked_at >= :low AND r.asked_at < :high{where}
      AND a.round_id = r.id
    GROUP BY a.user_id
)
"""


_PAGE_FROM_AGG = """
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games, t.rnk,
       t.total
FROM (SELECT user_id, points, right_answers, answered, games,
             RANK() OVER (ORDER BY points DESC) AS rnk, count(*) OVER () AS total
      FROM agg
      ORDER BY points DESC, user_id
      LIMIT :limit OFFSET :offset) AS t
LEFT JOIN players AS p ON p.guild_id = :guild AND p.user_id = t.user_id
ORDER BY t.points DESC, t.user_id
"""

_ROW_FROM_AGG = """
SELECT t.user_id, coalesce(p.name, ''), t.points, t.right_answers, t.answered, t.games,
       (SELECT count(*) FROM agg AS o WHERE o.points > t.points) + 1
FROM agg AS t
LEFT JOIN players AS p ON p.guild_id = :guild AND p.user_id = t.user_id
WHERE t.user_id = :user
"""

PAGE_FROM_AGG = {pack: _agg(pack) + _PAGE_FROM_AGG for pack in (False, True)}
COUNT_AGG = {pack: _agg(pack) + "SELECT count(*) FROM agg" for pack in (False, True)}
ROW_FROM_AGG = {pack: _agg(pack) + _ROW_FROM_AGG for pack in (False, True)}

LATEST_PERIODS = "SELECT month_start, week_start FROM guild_periods WHERE guild_id = ?"

# most right answers, ties to the alphabetically first category
FAVOURITE_CATEGORY = """
SELECT category FROM category_totals
WHERE guild_id = ? AND user_id = ?
ORDER BY right_answers DESC, category
LIMIT 1
"""


async def _plan(
    db: aiosqlite.Connection, guild_id: int, period: Period, now: float, pack: str | None
) -> tuple[bool, dict[str, object]]:
    """Where a query reads from (True: the totals rollup) and its parameters."""
    if pack is None:
        if period == "all":
            return True, {"guild": guild_id}
        start = period_start(period, now)
        async with db.execute(LATEST_PERIODS, (guild_id,)) as cur:
            latest = await cur.fetchone()
        # the rollup holds each member's latest month and week: good for the guild's latest
        # period (or a later, still empty one); an earlier one is summed from the answers
        if latest is None or start >= latest[0 if period == "month" else 1]:
            return True, {"guild": guild_id, "start": start}
    low, high = period_bounds(period, now)
    args: dict[str, object] = {"guild": guild_id, "low": low, "high": high}
    if pack is not None:
        args["pack"] = pack
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
            page_args = {**args, "limit": limit, "offset": offset}
            if rollup:
                page_sql, count_sql = PAGE_FROM_TOTALS[period], COUNT_TOTALS[period]
            else:
                page_sql, count_sql = PAGE_FROM_AGG[pack is not None], COUNT_AGG[pack is not None]
            async with db.execute(page_sql, page_args) as cur:
                rows = list(await cur.fetchall())
            if rows:
                total = int(rows[0][7])
            else:
                # past the last page the window count comes back with no rows
                async with db.execute(count_sql, args) as cur:
                    found = await cur.fetchone()
                total = int(found[0]) if found else 0
        return LeaderboardPage(
            period=period,
            pack=pack,
            offset=offset,
            limit=limit,
            total=total,
            rows=tuple(leaderboard_row(r) for r in rows),
        )

    async def player_rank(
        self,
        guild_id: int,
        user_id: int,
        period: Period,
        now: float,
        pack: str | None = None,
    ) -> LeaderboardRow | None:
        """A player's own leaderboard row (for the footer), or None if they have none."""
        period = check_period(period)
        async with self._read() as db:
            return await self._player_row(db, guild_id, user_id, period, now, pack)

    async def _player_row(
        self,
        db: aiosqlite.Connection,
        guild_id: int,
        user_id: int,
        period: Period,
        now: float,
        pack: str | None,
    ) -> LeaderboardRow | None:
        rollup, args = await _plan(db, guild_id, period, now, pack)
        sql = ROW_FROM_TOTALS[period] if rollup else ROW_FROM_AGG[pack is not None]
        async with db.execute(sql, {**args, "user": user_id}) as cur:
            row = await cur.fetchone()
        return leaderboard_row(row) if row else None

    async def player_stats(self, guild_id: int, user_id: int, now: float) -> PlayerStats | None:
        """A member's all-time stats in a guild, or None if they never played there."""
        async with self._read() as db:
            args = {"guild": guild_id, "user": user_id}
            async with db.execute(ROW_FROM_TOTALS["all"], args) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            async with db.execute(FAVOURITE_CATEGORY, (guild_id, user_id)) as cur:
                fav = await cur.fetchone()
            month = await self._player_row(db, guild_id, user_id, "month", now, None)
            week = await self._player_row(db, guild_id, user_id, "week", now, None)
        base = leaderboard_row(row)
        return PlayerStats(
            user_id=base.user_id,
            name=base.name,
            points=base.points,
            rank=base.rank,
            right=base.right,
            answered=base.answered,
            best_streak=int(row[7]),
            favourite_category=str(fav[0]) if fav else None,
            games=base.games,
            month_points=month.points if month else 0,
            week_points=week.points if week else 0,
        )
