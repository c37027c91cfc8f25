"""Games and their answers: the write path, crash recovery and the recent-games queries."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.engine.model import AnswerRecord, Player
from bot.store.errors import StoreError
from bot.store.periods import month_start, week_start
from bot.store.rows import game_summary
from bot.store.sqlite.db import Database
from bot.store.types import GAME_STATUSES, GameStatus, GameSummary, Recovery

CREATE_GAME = """
INSERT INTO games (guild_id, channel_id, packs, mode, started_by_id, started_by_name,
                   started_at, status)
VALUES (?, ?, ?, ?, ?, ?, ?, 'running')
"""

# inserts nothing unless the game is this guild's and still running; returns the new round's
# id and the last answer id, so the statements after the insert find this question's answers
# (id > it: one transaction inserts them together, so they are contiguous)
INSERT_ROUND = """
INSERT INTO rounds (game_id, guild_id, channel_id, question_key, asked_at, pack, category)
SELECT id, guild_id, channel_id, ?, ?, ?, ? FROM games
WHERE id = ? AND guild_id = ? AND status = 'running'
RETURNING id, (SELECT coalesce(max(id), 0) FROM answers)
"""

SET_ROUND_ANSWERS = "UPDATE rounds SET first_answer = ?, last_answer = ? WHERE id = ?"

# narrow: what the answers of a question share is in its round
INSERT_ANSWER = """
INSERT INTO answers (round_id, user_id, correct, points, ms, streak) VALUES (?, ?, ?, ?, ?, ?)
"""

#: Whether a question's answers are each player's first in the game (adds a game to totals):
#: known from the game's players seen so far ("all" or "none"), else looked up per answer.
First = Literal["all", "none", "lookup"]
_FIRST_SQL: dict[str, str] = {
    "all": "1",
    "none": "0",
    "lookup": "NOT EXISTS (SELECT 1 FROM game_players AS g"
    " WHERE g.game_id = :game AND g.user_id = a.user_id)",
}

_PERIOD_COLUMNS = ("points", "right", "answered")


def _period_set(period: str) -> str:
    """SET clauses adding an answer to the row's month or week (restarted in a later one).

    Used only when the answer is in the guild's latest period (or a later one): every row's
    period is then the answer's or an earlier one, so one comparison tells add from restart.
    An answer in an earlier period than the guild's leaves these columns alone (that period is
    summed from answers).
    """
    same = f"{period}_start = excluded.{period}_start"
    return (
        "".join(
            f"    {period}_{c} = iif({same}, {period}_{c}, 0) + excluded.{period}_{c},\n"
            for c in _PERIOD_COLUMNS
        )
        # The member's first answer of a new period counts its game there, even when the game
        # began in the period before (a game across midnight on Sunday is in both weeks).
        + f"    {period}_games = iif({same}, {period}_games + excluded.{period}_games, 1),\n"
        + f"    {period}_start = excluded.{period}_start,\n"
    )


def _totals_sql(first: str, month: bool, week: bool) -> str:
    """The totals rollup filled from the answers just inserted, inside SQLite."""
    sets = (_period_set("month") if month else "") + (_period_set("week") if week else "")
    return f"""
INSERT INTO totals (guild_id, user_id, points, right_answers, answered, games, best_streak,
                    month_start, month_points, month_right, month_answered, month_games,
                    week_start, week_points, week_right, week_answered, week_games)
SELECT :guild, user_id, points, correct, 1, first, streak,
       :month, points, correct, 1, first,
       :week, points, correct, 1, first
FROM (SELECT a.user_id, a.points, a.correct, a.streak,
             {_FIRST_SQL[first]} AS first
      FROM answers AS a WHERE a.id > :after)
WHERE true
ON CONFLICT (guild_id, user_id) DO UPDATE SET
{sets}    points = points + excluded.points,
    right_answers = right_answers + excluded.right_answers,
    answered = answered + 1,
    games = games + excluded.games,
    best_streak = max(best_streak, excluded.best_streak)
"""


# (first, answer in the latest month or later, in the latest week or later) -> statement
ADD_TO_TOTALS = {
    (first, month, week): _totals_sql(first, month, week)
    for first in _FIRST_SQL
    for month in (False, True)
    for week in (False, True)
}

ADD_TO_CATEGORIES = """
INSERT INTO category_totals (guild_id, user_id, category, right_answers)
SELECT ?, user_id, ?, 1 FROM answers WHERE id > ? AND correct = 1
ON CONFLICT (guild_id, user_id, category) DO UPDATE SET right_answers = right_answers + 1
"""

GET_PERIODS = "SELECT month_start, week_start FROM guild_periods WHERE guild_id = ?"

ADD_PERIODS = """
INSERT INTO guild_periods (guild_id, month_start, week_start) VALUES (?, ?, ?)
ON CONFLICT (guild_id) DO UPDATE SET
    month_start = max(month_start, excluded.month_start),
    week_start = max(week_start, excluded.week_start)
"""

ADD_GAME_PLAYERS = """
INSERT OR IGNORE INTO game_players (game_id, user_id) SELECT ?, user_id FROM answers
WHERE id > ?
"""

UPSERT_NAME = """
INSERT INTO players (guild_id, user_id, name, seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, user_id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at
"""

FINISH_GAME = """
UPDATE games SET status = ?, ended_at = ?, asked = ? WHERE id = ? AND status = 'running'
"""

SET_GAME_MESSAGE = "UPDATE games SET message_id = ? WHERE id = ?"

RECOVER = "UPDATE games SET status = 'interrupted', ended_at = ? WHERE status = 'running'"


def recovery_sql(which: Recovery) -> tuple[str, list[object]]:
    """The statement (and its parameters after ``ended_at``) marking ``which`` games interrupted."""
    sql, args = RECOVER, list[object]()
    if which.guild_id is not None:
        sql += " AND guild_id = ?"
        args.append(which.guild_id)
    if which.skip_guild_id is not None:
        sql += " AND guild_id != ?"
        args.append(which.skip_guild_id)
    if which.shard_ids is not None:
        # a guild's Discord shard: (guild_id >> 22) % shard_count
        marks = ", ".join("?" * len(which.shard_ids))
        sql += f" AND ((guild_id >> 22) % ?) IN ({marks or 'NULL'})"
        args += [which.shard_count, *which.shard_ids]
    return sql + " RETURNING id", args


RECENT_GAMES = """
SELECT g.id, g.guild_id, g.channel_id, g.packs, g.mode, g.started_by_id, g.started_by_name,
       g.started_at, g.ended_at, g.status, g.asked,
       (SELECT count(*) FROM game_players AS p WHERE p.game_id = g.id), g.message_id
FROM games AS g
WHERE g.guild_id = ?
ORDER BY g.started_at DESC, g.id DESC
LIMIT ?
"""

GET_GAME = RECENT_GAMES.replace("WHERE g.guild_id = ?", "WHERE g.id = ?")

RECENT_QUESTION_KEYS = """
SELECT question_key FROM rounds WHERE guild_id = ? AND channel_id = ? ORDER BY id DESC LIMIT ?
"""

#: Remember at most this many names per guild before starting its cache afresh.
_NAME_CACHE_SIZE = 200_000
#: Remember the players of at most this many games (a game left running is forgotten here).
_GAMES_TRACKED = 10_000


class GamesMixin(Database):
    """Create games, record each question's answers, finish and recover games."""

    #: the last name written per guild and member
    _names: dict[int, dict[int, str]]
    #: the members recorded so far in each game this process started (None: not known)
    _game_players: dict[int, set[int]]
    #: per guild, per removed member (None: everyone), the newest game at the removal
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
        if len(self._game_players) >= _GAMES_TRACKED:
            self._game_players.clear()  # forgotten games look their players up instead
        self._game_players[game_id] = set()
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
        """Write one closed question's answers, totals and names in one transaction.

        Returns once it is committed. Questions closing while another write is in progress are
        committed together (each in its own savepoint: one that fails is rolled back alone).
        """
        key = question_key
        if key is None and records:
            key = records[0].question_key
        if key is None:
            raise StoreError("record_question needs a question_key when there are no records")
        packs = {r.pack for r in records}
        question = _Question(
            game_id=game_id,
            guild_id=guild_id,
            key=key,
            at=at,
            pack=next(iter(packs)) if len(packs) == 1 else None,
            category=records[0].category if records else None,
            # the round id goes in front once the round is inserted
            rows=[(r.user_id, 1 if r.correct else 0, r.points, r.ms, r.streak) for r in records],
            # cut to the new or changed names when the write starts (_plan_names)
            names={r.user_id: r.name for r in records},
            users={r.user_id for r in records},
        )
        await self._shielded(self._group_write(question))

    async def _group_write(self, question: _Question) -> None:
        """Queue ``question`` for the next group commit and wait for its outcome."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((question, done))
        if self._flusher is None:
            self._flusher = asyncio.ensure_future(self._flush())
        await done

    async def _flush(self) -> None:
        """Write every queued question, as many per transaction as are waiting."""
        try:
            while self._queue:
                async with self._lock:
                    batch, self._queue = self._queue, []
                    questions = [q for q, _ in batch]
                    try:
                        # planning is inside the try: a fault in it fails the batch, never
                        # leaves its callers waiting
                        self._drop_removed(questions)
                        self._plan_first(questions)
                        self._plan_names(questions)
                        errors = await self._in_thread(_write_questions, questions)
                    except BaseException as exc:  # the whole transaction failed
                        for _, done in batch:
                            if not done.done():
                                done.set_exception(exc)
                        if not isinstance(exc, Exception):
                            raise
                        continue
                for (question, done), error in zip(batch, errors, strict=True):
                    if error is None:
                        self._committed(question)
                    if not done.done():
                        if error is None:
                            done.set_result(None)
                        else:
                            done.set_exception(error)
        finally:
            self._flusher = None

    def _drop_removed(self, questions: list[_Question]) -> None:
        """Drop the answers of members removed (or reset) after their game started.

        Decided under the lock, when the write starts: a removal that committed while the
        question waited wins, and the member is not written back.
        """
        for q in questions:
            removed = self._removed.get(q.guild_id)
            if not removed:
                continue
            everyone = removed.get(None, 0) >= q.game_id
            gone = {u for u in q.users if everyone or removed.get(u, 0) >= q.game_id}
            if gone:
                q.rows = [r for r in q.rows if r[0] not in gone]  # (user_id, correct, ...)
                q.names = {u: n for u, n in q.names.items() if u not in gone}
                q.users -= gone

    def _plan_first(self, questions: list[_Question]) -> None:
        """Tell each question whether its answers are their players' first in the game."""
        batched: set[int] = set()
        for q in questions:
            seen = self._game_players.get(q.game_id)
            if seen is None or q.game_id in batched:
                q.first = "lookup"
            elif not q.users & seen:
                q.first = "all"
            elif q.users <= seen:
                q.first = "none"
            else:
                q.first = "lookup"
            batched.add(q.game_id)

    def _plan_names(self, questions: list[_Question]) -> None:
        """Keep only the names that are new or changed: most questions write none.

        Decided under the lock, when the write starts: a removal that ran while the question
        waited has dropped the stored name, and the name must then be written again.
        """
        for q in questions:
            cached = self._names.setdefault(q.guild_id, {})
            if q.names.items() <= cached.items():  # the common case, checked in C
                q.names = {}
            else:
                q.names = {u: name for u, name in q.names.items() if cached.get(u) != name}

    def _committed(self, question: _Question) -> None:
        """Remember what a committed question wrote: names, and the game's players."""
        # only after the commit: a rolled-back name must be written again next time
        names = self._names[question.guild_id]
        if len(names) + len(question.names) > _NAME_CACHE_SIZE:
            names.clear()
        names.update(question.names)
        seen = self._game_players.get(question.game_id)
        if seen is not None:
            seen |= question.users

    async def finish_game(self, game_id: int, status: GameStatus, at: float, asked: int) -> None:
        """Mark a running game as ended with ``status``; a game already ended is left alone."""
        if status not in GAME_STATUSES or status == "running":
            raise StoreError(f"cannot finish a game as {status!r}")
        await self._shielded(self._finish_game(game_id, status, at, asked))

    async def _finish_game(self, game_id: int, status: str, at: float, asked: int) -> None:
        async with self._write() as db:
            await db.execute(FINISH_GAME, (status, at, asked, game_id))
        self._game_players.pop(game_id, None)

    async def set_game_message(self, game_id: int, message_id: int) -> None:
        """Remember the message that shows the game's current question (for crash recovery)."""
        async with self._write() as db:
            await db.execute(SET_GAME_MESSAGE, (message_id, game_id))

    async def recover_interrupted(self, at: float, which: Recovery | None = None) -> list[int]:
        """Mark games left running by a previous process as interrupted; return their ids."""
        if which is None:
            return []
        sql, args = recovery_sql(which)
        async with self._write() as db, db.execute(sql, (at, *args)) as cur:
            rows = await cur.fetchall()
        return sorted(int(r[0]) for r in rows)

    async def get_game(self, game_id: int) -> GameSummary | None:
        """One game by id, or None."""
        async with self._read() as db, db.execute(GET_GAME, (game_id, 1)) as cur:
            row = await cur.fetchone()
        return game_summary(row) if row else None

    async def recent_games(self, guild_id: int, limit: int = 10) -> list[GameSummary]:
        """This guild's last ``limit`` games, newest first."""
        async with self._read() as db, db.execute(RECENT_GAMES, (guild_id, limit)) as cur:
            rows = await cur.fetchall()
        return [game_summary(r) for r in rows]

    async def recent_question_keys(self, guild_id: int, channel_id: int, limit: int) -> list[str]:
        """The keys of the last ``limit`` questions asked in a channel, most recent first."""
        async with (
            self._read() as db,
            db.execute(RECENT_QUESTION_KEYS, (guild_id, channel_id, limit)) as cur,
        ):
            rows = await cur.fetchall()
        return [str(r[0]) for r in rows]


@dataclass(slots=True)
class _Question:
    """One closed question waiting to be written."""

    game_id: int
    guild_id: int
    key: str
    at: float
    pack: str | None
    category: str | None
    rows: list[tuple[Any, ...]]
    names: dict[int, str]
    users: set[int]
    first: First = "lookup"


def _write_questions(
    conn: sqlite3.Connection, questions: list[_Question]
) -> list[Exception | None]:
    """Write ``questions`` in one transaction, in aiosqlite's thread; each one's error or None."""
    errors: list[Exception | None] = []
    many = len(questions) > 1
    conn.execute("BEGIN IMMEDIATE")
    try:
        for question in questions:
            if many:
                conn.execute("SAVEPOINT question")
            try:
                _write_question(conn, question)
            except Exception as exc:
                if not many:
                    raise
                conn.execute("ROLLBACK TO question")
                errors.append(exc)
            else:
                errors.append(None)
            if many:
                conn.execute("RELEASE question")
        conn.execute("COMMIT")
    except BaseException:
        # also after a failed COMMIT, so the next BEGIN does not find it still open
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return errors


def _write_question(conn: sqlite3.Connection, q: _Question) -> None:
    """One question's round, answers, rollups and names (inside the caller's transaction)."""
    found = conn.execute(
        INSERT_ROUND, (q.key, q.at, q.pack, q.category, q.game_id, q.guild_id)
    ).fetchone()
    if found is None:
        raise StoreError(f"game {q.game_id} is not a running game of guild {q.guild_id}")
    round_id, after = found
    if q.rows:
        conn.executemany(INSERT_ANSWER, [(round_id, *row) for row in q.rows])
        conn.execute(SET_ROUND_ANSWERS, (after + 1, after + len(q.rows), round_id))
        month, week = month_start(q.at), week_start(q.at)
        latest = conn.execute(GET_PERIODS, (q.guild_id,)).fetchone()
        in_month = latest is None or month >= latest[0]
        in_week = latest is None or week >= latest[1]
        # totals before game_players: the first-answer lookup reads game_players
        conn.execute(
            ADD_TO_TOTALS[q.first, in_month, in_week],
            {"guild": q.guild_id, "game": q.game_id, "month": month, "week": week, "after": after},
        )
        conn.execute(ADD_TO_CATEGORIES, (q.guild_id, q.category, after))
        if q.first != "none":
            conn.execute(ADD_GAME_PLAYERS, (q.game_id, after))
        if latest is None or month > latest[0] or week > latest[1]:
            conn.execute(ADD_PERIODS, (q.guild_id, month, week))
    if q.names:
        conn.executemany(UPSERT_NAME, [(q.guild_id, u, name, q.at) for u, name in q.names.items()])
