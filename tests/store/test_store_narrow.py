"""Schema v5 (narrow answers): a v4 database full of data migrates without losing a row, and
every leaderboard and stat reads the same afterwards."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import aiosqlite

from bot.store import open_store
from bot.store.sqlite.migrations import LATEST, migrate
from tests.store.snapshot import fill, snapshot
from tests.store.store_helpers import T0

# tables whose v4 and v5 columns are the same
SAME = {
    "games": "id, guild_id, channel_id, packs, mode, started_by_id, started_by_name, started_at,"
    " ended_at, status, asked, message_id",
    "players": "guild_id, user_id, name, seen_at",
    "game_players": "game_id, user_id",
    "totals": "*",
    "category_totals": "*",
    "guild_periods": "*",
    "guild_settings": "*",
    "reports": "*",
    "disabled_questions": "*",
    "server_packs": "*",
    "meta": "*",
}

# the v4 layout of the same data: each answer repeats its question's facts
V4_ROUNDS = """
INSERT INTO rounds (id, game_id, guild_id, channel_id, question_key, asked_at, pack,
                    first_answer, last_answer)
SELECT id, game_id, guild_id, channel_id, question_key, asked_at, pack, first_answer, last_answer
FROM v5.rounds
"""
V4_ANSWERS = """
INSERT INTO answers (id, game_id, guild_id, question_key, pack, category, user_id, correct,
                     points, ms, streak, answered_at)
SELECT a.id, r.game_id, r.guild_id, r.question_key, r.pack, r.category, a.user_id, a.correct,
       a.points, a.ms, a.streak, r.asked_at
FROM v5.answers AS a JOIN v5.rounds AS r ON r.id = a.round_id
"""


async def _as_v4(source: Path, target: Path) -> None:
    """Write ``source``'s data into a new database built by the v1-v4 migrations."""
    async with aiosqlite.connect(target, isolation_level=None) as conn:
        await migrate(conn, target=4)
        await conn.execute(f"ATTACH DATABASE '{source}' AS v5")
        await conn.execute("BEGIN")
        # rounds before games: v4's trigger counts a game's rounds into its games row
        await conn.execute(V4_ROUNDS)
        await conn.execute(V4_ANSWERS)
        for table, columns in SAME.items():
            cols = "" if columns == "*" else f" ({columns})"
            await conn.execute(f"INSERT INTO {table}{cols} SELECT {columns} FROM v5.{table}")
        await conn.execute("COMMIT")
        await conn.execute("DETACH DATABASE v5")


def _count(path: Path, sql: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(sql).fetchone()[0])


async def test_a_v4_database_with_data_migrates_to_narrow_answers_unchanged(
    tmp_path: Path,
) -> None:
    v5 = tmp_path / "v5.sqlite3"
    async with await open_store(v5, now=T0) as s:
        games = await fill(s)
        expected = await snapshot(s, games)
    v4 = tmp_path / "v4.sqlite3"
    await _as_v4(v5, v4)
    answers = _count(v4, "SELECT count(*) FROM answers")
    assert answers == _count(v5, "SELECT count(*) FROM answers") > 50
    assert _count(v4, "PRAGMA user_version") == 4

    async with await open_store(v4, now=T0, recover=None) as s:
        assert await snapshot(s, games) == expected
    assert _count(v4, "PRAGMA user_version") == LATEST
    assert _count(v4, "SELECT count(*) FROM answers") == answers
    # the answers table is narrow now: the question's facts live in its round
    with contextlib.closing(sqlite3.connect(v4)) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(answers)")]
    assert columns == ["id", "round_id", "user_id", "correct", "points", "ms", "streak"]
