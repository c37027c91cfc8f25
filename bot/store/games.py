"""Games and their answers: the write path, crash recovery and the recent-games queries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from bot.engine.model import AnswerRecord, Player
from bot.store.db import Database
from bot.store.errors import StoreError
from bot.store.periods import month_start, week_start
from bot.store.types import GAME_STATUSES, GameStatus, GameSummary

CREATE_GAME = """
INSERT INTO games (guild_id, channel_id, packs, mode, started_by_id, started_by_name,
                   started_at, status)
VALUES (?, ?, ?, ?, ?, ?, ?, 'running')
"""

# inserts nothing unless the game is this guild's and still running; returns the last answer
# id, so the statements after the insert can find this question's answers (id > it)
INSERT_ROUND = """
INSERT INTO rounds (game_id, guild_id, channel_id, question_key, asked_at)
SELECT id, guild_id, channel_id, ?, ? FROM games
WHERE id = ? AND guild_id = ? AND status = 'running'
RETURNING (SELECT coalesce(max(id), 0) FROM answers)
"""

INSERT_ANSWER = """
INSERT INTO answers (game_id, guild_id, question_key, pack, category, user_id, correct, points,
                     ms, streak, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

# the rollups are filled from the rows just inserted, inside SQLite, so the per-row Python
# work stays that of one plain executemany. A player's first answer in a game adds a game.
# A month or week column is added to when the answer is in the row's month or week, restarted
# when the answer is in a later one, and left alone for an earlier one (summed from answers).
# (In SQLite every SET expression reads the row as it was before the update.)
ADD_TO_TOTALS = """
INSERT INTO totals (guild_id, user_id, points, right_answers, answered, games, best_streak,
                    month_start, month_points, month_right, month_answered, month_games,
                    week_start, week_points, week_right, week_answered, week_games)
SELECT guild_id, user_id, points, correct, 1, first, streak,
       :month, points, correct, 1, first,
       :week, points, correct, 1, first
FROM (SELECT a.guild_id, a.user_id, a.points, a.correct, a.streak,
             NOT EXISTS (SELECT 1 FROM game_players AS g
                         WHERE g.game_id = a.game_id AND g.user_id = a.user_id) AS first
      FROM answers AS a WHERE a.id > :after)
WHERE true
ON CONFLICT (guild_id, user_id) DO UPDATE SET
    points = points + excluded.points,
    right_answers = right_answers + excluded.right_answers,
    answered = answered + 1,
    games = games + excluded.games,
    best_streak = max(best_streak, excluded.best_streak),
    month_points = CASE WHEN excluded.month_start = month_start
        THEN month_points + excluded.month_points
        WHEN excluded.month_start > month_start THEN excluded.month_points
        ELSE month_points END,
    month_right = CASE WHEN excluded.month_start = month_start
        THEN month_right + excluded.month_right
        WHEN excluded.month_start > month_start THEN excluded.month_right
        ELSE month_right END,
    month_answered = CASE WHEN excluded.month_start = month_start THEN month_answered + 1
        WHEN excluded.month_start > month_start THEN 1
        ELSE month_answered END,
    month_games = CASE WHEN excluded.month_start = month_start
        THEN month_games + excluded.month_games
        WHEN excluded.month_start > month_start THEN excluded.month_games
        ELSE month_games END,
    month_start = max(month_start, excluded.month_start),
    week_points = CASE WHEN excluded.week_start = week_start
        THEN week_points + excluded.week_points
        WHEN excluded.week_start > week_start THEN excluded.week_points
        ELSE week_points END,
    week_right = CASE WHEN excluded.week_start = week_start
        THEN week_right + excluded.week_right
        WHEN excluded.week_start > week_start THEN excluded.week_right
        ELSE week_right END,
    week_answered = CASE WHEN excluded.week_start = week_start THEN week_answered + 1
        WHEN excluded.week_start > week_start THEN 1
        ELSE week_answered END,
    week_games = CASE WHEN excluded.week_start = week_start
        THEN week_games + excluded.week_games
        WHEN excluded.week_start > week_start THEN excluded.week_games
        ELSE week_games END,
    week_start = max(week_start, excluded.week_start)
"""

ADD_TO_CATEGORIES = """
INSERT INTO category_totals (guild_id, user_id, category, right_answers)
SELECT guild_id, user_id, category, 1 FROM answers WHERE id > ? AND correct = 1
ON CONFLICT (guild_id, user_id, category) DO UPDATE SET right_answers = right_answers + 1
"""

ADD_PERIODS = """
INSERT INTO guild_periods (guild_id, month_start, week_start) VALUES (?, ?, ?)
ON CONFLICT (guild_id) DO UPDATE SET
    month_start = max(month_start, excluded.month_start),
    week_start = max(week_start, excluded.week_start)
"""

ADD_GAME_PLAYERS = """
INSERT OR IGNORE INTO game_players (game_id, user_id) SELECT game_id, user_id FROM answers
WHERE id > ?
"""

UPSERT_NAME = """
INSERT INTO players (guild_id, user_id, name, seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, user_id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at
"""

FINISH_GAME = """
UPDATE games SET status = ?, ended_at = ?, asked = ? WHERE id = ? AND status = 'running'
"""

#: The guild id the terminal game records under (Discord ids are never 0).
LOCAL_GUILD_ID = 0

#: Which running games a process may claim as interrupted when it opens the store: the
#: Discord bot must not touch a terminal game running beside it on the same file, nor a
#: terminal game the bot's games.
RECOVER = {
    "all": "UPDATE games SET status = 'interrupted', ended_at = ? "
    "WHERE status = 'running' RETURNING id",
    "discord": "UPDATE games SET status = 'interrupted', ended_at = ? "
    f"WHERE status = 'running' AND guild_id != {LOCAL_GUILD_ID} RETURNING id",
    "local": "UPDATE games SET status = 'interrupted', ended_at = ? "
    f"WHERE status = 'running' AND guild_id = {LOCAL_GUILD_ID} RETURNING id",
}
Recovery = Literal["all", "discord", "local", "none"]

RECENT_GAMES = """
SELECT g.id, g.guild_id, g.channel_id, g.packs, g.mode, g.started_by_id, g.started_by_name,
       g.started_at, g.ended_at, g.status, g.asked,
       (SELECT count(*) FROM game_players AS p WHERE p.game_id = g.id)
FROM games AS g
WHERE g.guild_id = ?
ORDER BY g.started_at DESC, g.id DESC
LIMIT ?
"""

GET_GAME = RECENT_GAMES.replace("WHERE g.guild_id = ?", "WHERE g.id = ?")

RECENT_QUESTION_KEYS = """
SELECT question_key FROM rounds WHERE guild_id = ? AND channel_id = ? ORDER BY id DESC LIMIT ?
"""

#: Remember at most this many names before starting the cache afresh.
_NAME_CACHE_SIZE = 200_000


class GamesMixin(Database):
    """Create games, record each question's answers, finish and recover games."""

    _names: dict[tuple[int, int], str]
    #: the month and week last written to guild_periods, per guild
    _periods: dict[int, tuple[int, int]]

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
        row = (
            guild_id,
            channel_id,
            json.dumps(list(packs), ensure_ascii=False),
            mode,
            started_by.user_id,
            started_by.name,
            at,
        )
        async with self._write() as db:
            cur = await db.execute(CREATE_GAME, row)
            game_id = cur.lastrowid
        assert game_id is not None
        return game_id

    async def record_question(
        self,
        game_id: int,
        guild_id: int,
        records: Sequence[AnswerRecord],
        at: float,
        *,
        question_key: str | None = None,
    ) -> None:
        """Write one closed question's answers, totals and names in one transaction."""
        key = question_key
        if key is None and records:
            key = records[0].question_key
        if key is None:
            raise StoreError("record_question needs a question_key when there are no records")
        await self._shielded(self._record_question(game_id, guild_id, records, at, key))

    async def _record_question(
        self,
        game_id: int,
        guild_id: int,
        records: Sequence[AnswerRecord],
        at: float,
        key: str,
    ) -> None:
        rows = [
            (
                game_id,
                guild_id,
                r.question_key,
                r.pack,
                r.category,
                r.user_id,
                1 if r.correct else 0,
                r.points,
                r.ms,
                r.streak,
                at,
            )
            for r in records
        ]
        # names are written only when new or changed: most questions write none
        names = {
            (guild_id, r.user_id): r.name
            for r in records
            if self._names.get((guild_id, r.user_id)) != r.name
        }
        periods = (month_start(at), week_start(at))
        new_periods = rows and self._periods.get(guild_id) != periods
        # every await is a trip to aiosqlite's thread (~0.1 ms): one statement each, no cursors
        async with self._write() as db:
            found = await db.execute_fetchall(INSERT_ROUND, (key, at, game_id, guild_id))
            if not found:
                raise StoreError(f"game {game_id} is not a running game of guild {guild_id}")
            after = next(iter(found))[0]
            if rows:
                await db.executemany(INSERT_ANSWER, rows)
                month, week = periods
                # totals before game_players: the first-answer test reads game_players
                await db.execute(ADD_TO_TOTALS, {"month": month, "week": week, "after": after})
                await db.execute(ADD_TO_CATEGORIES, (after,))
                await db.execute(ADD_GAME_PLAYERS, (after,))
            if new_periods:
                await db.execute(ADD_PERIODS, (guild_id, *periods))
            if names:
                await db.executemany(
                    UPSERT_NAME, [(g, u, name, at) for (g, u), name in names.items()]
                )
        # only after the commit: a rolled-back name must be written again next time
        if len(self._names) + len(names) > _NAME_CACHE_SIZE:
            self._names.clear()
        self._names.update(names)
        if new_periods:
            self._periods[guild_id] = periods

    async def finish_game(self, game_id: int, status: GameStatus, at: float, asked: int) -> None:
        """Mark a running game as ended with ``status``; a game already ended is left alone."""
        if status not in GAME_STATUSES or status == "running":
            raise StoreError(f"cannot finish a game as {status!r}")
        await self._shielded(self._finish_game(game_id, status, at, asked))

    async def _finish_game(self, game_id: int, status: str, at: float, asked: int) -> None:
        async with self._write() as db:
            await db.execute(FINISH_GAME, (status, at, asked, game_id))

    async def recover_interrupted(self, at: float, which: Recovery = "all") -> list[int]:
        """Mark games left running by a previous process as interrupted; return their ids."""
        if which == "none":
            return []
        async with self._write() as db, db.execute(RECOVER[which], (at,)) as cur:
            rows = await cur.fetchall()
        return sorted(int(r[0]) for r in rows)

    async def get_game(self, game_id: int) -> GameSummary | None:
        """One game by id, or None."""
        async with self._read() as db, db.execute(GET_GAME, (game_id, 1)) as cur:
            row = await cur.fetchone()
        return _summary(row) if row else None

    async def recent_games(self, guild_id: int, limit: int = 10) -> list[GameSummary]:
        """This guild's last ``limit`` games, newest first."""
        async with self._read() as db, db.execute(RECENT_GAMES, (guild_id, limit)) as cur:
            rows = await cur.fetchall()
        return [_summary(r) for r in rows]

    async def recent_question_keys(self, guild_id: int, channel_id: int, limit: int) -> list[str]:
        """The keys of the last ``limit`` questions asked in a channel, most recent first."""
        async with (
            self._read() as db,
            db.execute(RECENT_QUESTION_KEYS, (guild_id, channel_id, limit)) as cur,
        ):
            rows = await cur.fetchall()
        return [str(r[0]) for r in rows]


def _summary(row: Any) -> GameSummary:
    """A games row (as selected by RECENT_GAMES) as a GameSummary."""
    by_id, by_name = row[5], row[6]
    return GameSummary(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        packs=tuple(json.loads(row[3])),
        mode=row[4],
        started_by=Player(by_id, by_name or "") if by_id is not None else None,
        started_at=row[7],
        ended_at=row[8],
        status=row[9],
        asked=row[10],
        players=row[11],
    )
