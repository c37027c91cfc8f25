"""Games and their answers in PostgreSQL: the write path, recovery and recent-games queries."""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg

from bot.engine.model import AnswerRecord, Player
from bot.store.errors import StoreError
from bot.store.periods import month_start, week_start
from bot.store.postgres.db import Database
from bot.store.rows import game_summary
from bot.store.types import GAME_STATUSES, GameStatus, GameSummary, Recovery

CREATE_GAME = """
INSERT INTO games (guild_id, channel_id, packs, mode, started_by_id, started_by_name,
                   started_at, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'running') RETURNING id
"""

# inserts nothing unless the game is this guild's and still running
INSERT_ROUND = """
INSERT INTO rounds (game_id, guild_id, channel_id, question_key, pack, category, asked_at)
SELECT id, guild_id, channel_id, $1, $2, $3, $4 FROM games
WHERE id = $5 AND guild_id = $6 AND status = 'running'
RETURNING id
"""
COUNT_ASKED = "UPDATE games SET asked = asked + 1 WHERE id = $1"

# one statement for all of a question's answers: arrays, one element per player
INSERT_ANSWERS = """
INSERT INTO answers (round_id, user_id, correct, points, ms, streak)
SELECT $1, u, c, p, m, s
FROM unnest($2::bigint[], $3::boolean[], $4::integer[], $5::integer[], $6::integer[])
     AS t (u, c, p, m, s)
"""

# the members new to the game come back: their answer counts a game played
ADD_GAME_PLAYERS = """
INSERT INTO game_players (game_id, user_id) SELECT $1, unnest($2::bigint[])
ON CONFLICT DO NOTHING RETURNING user_id
"""

GET_PERIODS = "SELECT month_start, week_start FROM guild_periods WHERE guild_id = $1"

ADD_PERIODS = """
INSERT INTO guild_periods (guild_id, month_start, week_start) VALUES ($1, $2, $3)
ON CONFLICT (guild_id) DO UPDATE SET
    month_start = greatest(guild_periods.month_start, excluded.month_start),
    week_start = greatest(guild_periods.week_start, excluded.week_start)
"""

_PERIOD_COLUMNS = ("points", "right", "answered")


def _period_set(period: str) -> str:
    """SET clauses adding an answer to the row's month or week (restarted in a later one)."""
    same = f"t.{period}_start = excluded.{period}_start"
    return (
        "".join(
            f"    {period}_{c} = CASE WHEN {same} THEN t.{period}_{c} ELSE 0 END"
            f" + excluded.{period}_{c},\n"
            for c in _PERIOD_COLUMNS
        )
        # the member's first answer of a new period counts its game there
        + f"    {period}_games = CASE WHEN {same} THEN t.{period}_games + excluded.{period}_games"
        " ELSE 1 END,\n" + f"    {period}_start = excluded.{period}_start,\n"
    )


def _totals_sql(month: bool, week: bool) -> str:
    """The totals rollup for one question's answers (arrays), by whether it is in the latest
    month and week the guild's rows hold (an earlier period is summed from answers)."""
    sets = (_period_set("month") if month else "") + (_period_set("week") if week else "")
    return f"""
INSERT INTO totals AS t (guild_id, user_id, points, right_answers, answered, games, best_streak,
                    month_start, month_points, month_right, month_answered, month_games,
                    week_start, week_points, week_right, week_answered, week_games)
SELECT $1, u, p, c::int, 1, f, s, $2, p, c::int, 1, f, $3, p, c::int, 1, f
FROM unnest($4::bigint[], $5::integer[], $6::boolean[], $7::integer[], $8::integer[])
     AS a (u, p, c, s, f)
ON CONFLICT (guild_id, user_id) DO UPDATE SET
{sets}    points = t.points + excluded.points,
    right_answers = t.right_answers + excluded.right_answers,
    answered = t.answered + 1,
    games = t.games + excluded.games,
    best_streak = greatest(t.best_streak, excluded.best_streak)
"""


ADD_TO_TOTALS = {(m, w): _totals_sql(m, w) for m in (False, True) for w in (False, True)}

ADD_TO_CATEGORIES = """
INSERT INTO category_totals (guild_id, user_id, category, right_answers)
SELECT $1, unnest($2::bigint[]), $3, 1
ON CONFLICT (guild_id, user_id, category) DO UPDATE SET
    right_answers = category_totals.right_answers + 1
"""

UPSERT_NAMES = """
INSERT INTO players (guild_id, user_id, name, seen_at)
SELECT $1, u, n, $4 FROM unnest($2::bigint[], $3::text[]) AS t (u, n)
ON CONFLICT (guild_id, user_id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at
"""

FINISH_GAME = """
UPDATE games SET status = $1, ended_at = $2, asked = $3 WHERE id = $4 AND status = 'running'
"""

SET_GAME_MESSAGE = "UPDATE games SET message_id = $1 WHERE id = $2"

RECOVER = "UPDATE games SET status = 'interrupted', ended_at = $1 WHERE status = 'running'"

RECENT_GAMES = """
SELECT g.id, g.guild_id, g.channel_id, g.packs, g.mode, g.started_by_id, g.started_by_name,
       g.started_at, g.ended_at, g.status, g.asked,
       (SELECT count(*) FROM game_players AS p WHERE p.game_id = g.id), g.message_id
FROM games AS g
WHERE g.guild_id = $1
ORDER BY g.started_at DESC, g.id DESC
LIMIT $2
"""

GET_GAME = RECENT_GAMES.replace("WHERE g.guild_id = $1", "WHERE g.id = $1")

RECENT_QUESTION_KEYS = """
SELECT question_key FROM rounds WHERE guild_id = $1 AND channel_id = $2 ORDER BY id DESC LIMIT $3
"""


def recovery_sql(which: Recovery) -> tuple[str, list[object]]:
    """The statement and parameters (``ended_at`` first) marking ``which`` games interrupted."""
    sql, args = RECOVER, list[object]()
    if which.guild_id is not None:
        args.append(which.guild_id)
        sql += f" AND guild_id = ${len(args) + 1}"
    if which.skip_guild_id is not None:
        args.append(which.skip_guild_id)
        sql += f" AND guild_id != ${len(args) + 1}"
    if which.shard_ids is not None:
        # a guild's Discord shard: (guild_id >> 22) % shard_count
        args += [which.shard_count, list(which.shard_ids)]
        sql += f" AND ((guild_id >> 22) % ${len(args)}) = ANY(${len(args) + 1}::bigint[])"
    return sql + " RETURNING id", args


class GamesMixin(Database):
    """Create games, record each question's answers, finish and recover games."""

    #: see PlayersMixin._removed
    _removed: dict[int, dict[int | None, int]]

    async def create_game(
        self,
        guild_id: int,
        channel_id: int,
        packs: Sequence[str],
        mode: str,
        started_by: Player,
        at: float,
    ) -> int:
        """Store a new running game; return its id."""
        packs_json = json.dumps(list(packs), ensure_ascii=False)
        async with self._write() as db:
            game_id = await db.fetchval(
                CREATE_GAME,
                guild_id,
                channel_id,
                packs_json,
                mode,
                started_by.user_id,
                started_by.name,
                at,
            )
        return int(game_id)

    async def record_question(
        self,
        game_id: int,
        guild_id: int,
        records: Sequence[AnswerRecord],
        at: float,
        *,
        question_key: str | None = None,
    ) -> None:
        """Write one closed question's round, answers, totals and names in one transaction."""
        key = question_key
        if key is None and records:
            key = records[0].question_key
        if key is None:
            raise StoreError("record_question needs a question_key when there are no records")
        await self._shielded(self._record(game_id, guild_id, key, list(records), at))

    async def _record(
        self, game_id: int, guild_id: int, key: str, records: list[AnswerRecord], at: float
    ) -> None:
        pack = records[0].pack if records else None
        category = records[0].category if records else None
        async with self._write() as db:
            # decided under the write lock: a removal that committed while this question
            # waited wins, and the member is not written back
            records = self._without_removed(game_id, guild_id, records)
            round_id = await db.fetchval(INSERT_ROUND, key, pack, category, at, game_id, guild_id)
            if round_id is None:
                raise StoreError(f"game {game_id} is not a running game of guild {guild_id}")
            await db.execute(COUNT_ASKED, game_id)
            if records:
                await _write_answers(db, game_id, guild_id, round_id, records, at)

    def _without_removed(
        self, game_id: int, guild_id: int, records: list[AnswerRecord]
    ) -> list[AnswerRecord]:
        """Drop the answers of members removed (or reset) after this game started."""
        removed = self._removed.get(guild_id)
        if not removed:
            return records
        if removed.get(None, 0) >= game_id:
            return []
        return [r for r in records if removed.get(r.user_id, 0) < game_id]

    async def finish_game(self, game_id: int, status: GameStatus, at: float, asked: int) -> None:
        """Mark a running game as ended with ``status``; a game already ended is left alone."""
        if status not in GAME_STATUSES or status == "running":
            raise StoreError(f"cannot finish a game as {status!r}")
        await self._shielded(self._finish_game(game_id, status, at, asked))

    async def _finish_game(self, game_id: int, status: str, at: float, asked: int) -> None:
        async with self._write() as db:
            await db.execute(FINISH_GAME, status, at, asked, game_id)

    async def set_game_message(self, game_id: int, message_id: int) -> None:
        """Remember the message that shows the game's current question (for crash recovery)."""
        async with self._write() as db:
            await db.execute(SET_GAME_MESSAGE, message_id, game_id)

    async def recover_interrupted(self, at: float, which: Recovery | None = None) -> list[int]:
        """Mark games left running by a previous process as interrupted; return their ids."""
        if which is None:
            return []
        sql, args = recovery_sql(which)
        async with self._write() as db:
            rows = await db.fetch(sql, at, *args)
        return sorted(int(r[0]) for r in rows)

    async def get_game(self, game_id: int) -> GameSummary | None:
        """One game by id, or None."""
        async with self._read() as db:
            row = await db.fetchrow(GET_GAME, game_id, 1)
        return game_summary(row) if row else None

    async def recent_games(self, guild_id: int, limit: int = 10) -> list[GameSummary]:
        """This guild's last ``limit`` games, newest first."""
        async with self._read() as db:
            rows = await db.fetch(RECENT_GAMES, guild_id, limit)
        return [game_summary(r) for r in rows]

    async def recent_question_keys(self, guild_id: int, channel_id: int, limit: int) -> list[str]:
        """The keys of the last ``limit`` questions asked in a channel, most recent first."""
        async with self._read() as db:
            rows = await db.fetch(RECENT_QUESTION_KEYS, guild_id, channel_id, limit)
        return [str(r[0]) for r in rows]


async def _write_answers(
    db: asyncpg.Connection,
    game_id: int,
    guild_id: int,
    round_id: int,
    records: list[AnswerRecord],
    at: float,
) -> None:
    """A question's answers, rollups and names (inside the caller's transaction)."""
    users = [r.user_id for r in records]
    correct = [r.correct for r in records]
    points = [r.points for r in records]
    streaks = [r.streak for r in records]
    await db.execute(
        INSERT_ANSWERS, round_id, users, correct, points, [r.ms for r in records], streaks
    )
    new = {int(r[0]) for r in await db.fetch(ADD_GAME_PLAYERS, game_id, users)}
    month, week = month_start(at), week_start(at)
    latest = await db.fetchrow(GET_PERIODS, guild_id)
    in_month = latest is None or month >= latest[0]
    in_week = latest is None or week >= latest[1]
    first = [1 if u in new else 0 for u in users]
    await db.execute(
        ADD_TO_TOTALS[in_month, in_week], guild_id, month, week, users, points, correct,
        streaks, first,
    )  # fmt: skip
    right = [r.user_id for r in records if r.correct]
    if right:
        await db.execute(ADD_TO_CATEGORIES, guild_id, right, records[0].category)
    if latest is None or month > latest[0] or week > latest[1]:
        await db.execute(ADD_PERIODS, guild_id, month, week)
    await db.execute(UPSERT_NAMES, guild_id, users, [r.name for r in records], at)
