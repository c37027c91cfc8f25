"""Opening the file: creation, PRAGMAs, migrations from each version, newer versions refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.engine.model import Player
from bot.store import StoreError, open_store
from bot.store.sqlite import SqliteStore
from bot.store.sqlite.migrations import LATEST, migrate
from tests.store.store_helpers import T0, rec

V2_TABLES = {"reports", "disabled_questions", "server_packs", "meta"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


async def test_open_creates_folder_and_file_at_latest_version(db_path: Path) -> None:
    assert not db_path.parent.exists()
    async with await open_store(db_path, now=T0):
        pass
    assert db_path.is_file()
    assert _version(db_path) == LATEST == 6
    assert {"games", "answers", "totals", "players", "guild_settings"} <= _tables(db_path)
    assert _tables(db_path) >= V2_TABLES


async def test_open_sets_wal_and_foreign_keys(db_path: Path) -> None:
    store = await SqliteStore.open(db_path, now=T0)
    async with store._read() as db:
        modes = [
            (await db.execute_fetchall(f"PRAGMA {p}"))
            for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        ]
    await store.close()
    values = [next(iter(m))[0] for m in modes]
    assert values == ["wal", 1, 2, 5000]  # synchronous 2 = FULL


async def test_reopening_applies_nothing_and_keeps_data(db_path: Path) -> None:
    async with await open_store(db_path, now=T0) as s:
        await s.set_meta("k", "v")
    async with await open_store(db_path, now=T0) as s:
        assert await s.get_meta("k") == "v"
    assert _version(db_path) == LATEST


async def test_v1_database_with_data_is_migrated_and_keeps_it(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as conn:
        assert await migrate(conn, target=1) == [1]
    assert _version(db_path) == 1
    assert not V2_TABLES & _tables(db_path)

    # fill the v1 database as the v1 store wrote it, on a raw v1 connection
    async with aiosqlite.connect(db_path, isolation_level=None) as raw:
        game = await _old_game(raw, 7, T0)
        await _old_question(raw, game, 7, "main/q1", [(1, 1, 900, 1), (2, 0, 0, 0)], T0 + 20)
        await raw.execute(
            "UPDATE games SET status = 'completed', ended_at = ?, asked = 1 WHERE id = ?",
            (T0 + 30, game),
        )
        await raw.execute("INSERT INTO guild_settings (guild_id, seconds) VALUES (7, 30)")

    async with await open_store(db_path, now=T0 + 100) as s:
        assert _version(db_path) == LATEST
        assert _tables(db_path) >= V2_TABLES
        page = await s.leaderboard(7, "all", T0 + 100)
        assert [(r.name, r.points) for r in page.rows] == [("Ann", 900), ("user2", 0)]
        assert (await s.get_settings(7)).seconds == 30
        [summary] = await s.recent_games(7, 5)
        assert (summary.status, summary.asked, summary.players) == ("completed", 1, 2)
        # the new tables work on the migrated file
        await s.add_report(7, "main/q1", 2, "typo", T0 + 101)
        assert [g.question_key for g in await s.open_reports(7)] == ["main/q1"]


async def _old_game(raw: aiosqlite.Connection, guild: int, at: float) -> int:
    """A running game as v1 and v2 stored it."""
    cur = await raw.execute(
        "INSERT INTO games (guild_id, channel_id, packs, mode, started_by_id, started_by_name,"
        " started_at) VALUES (?, 70, '[\"main\"]', 'choice', 1, 'Ann', ?)",
        (guild, at),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def _old_question(
    raw: aiosqlite.Connection,
    game: int,
    guild: int,
    key: str,
    answers: list[tuple[int, int, int, int]],
    at: float,
    category: str = "cast",
) -> None:
    """One question's round, answers and rollups as v1 and v2 wrote them (before v3)."""
    pack = key.split("/")[0]
    await raw.execute("BEGIN")
    await raw.execute(
        "INSERT INTO rounds (game_id, guild_id, channel_id, question_key, asked_at)"
        " VALUES (?, ?, 70, ?, ?)",
        (game, guild, key, at),
    )
    for user, correct, points, streak in answers:
        await raw.execute(
            "INSERT INTO answers (game_id, guild_id, question_key, pack, category, user_id,"
            " correct, points, ms, streak, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 900, ?, ?)",
            (game, guild, key, pack, category, user, correct, points, streak, at),
        )
        first = not await raw.execute_fetchall(
            "SELECT 1 FROM game_players WHERE game_id = ? AND user_id = ?", (game, user)
        )
        await raw.execute(
            "INSERT INTO totals VALUES (?, ?, ?, ?, 1, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"
            " ON CONFLICT (guild_id, user_id) DO UPDATE SET points = points + excluded.points,"
            " right_answers = right_answers + excluded.right_answers, answered = answered + 1,"
            " games = games + excluded.games,"
            " best_streak = max(best_streak, excluded.best_streak)",
            (guild, user, points, correct, int(first), streak),
        )
        await raw.execute("INSERT OR IGNORE INTO game_players VALUES (?, ?)", (game, user))
        if correct:
            await raw.execute(
                "INSERT INTO category_totals VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE"
                " SET right_answers = right_answers + 1",
                (guild, user, category),
            )
        await raw.execute(
            "INSERT OR IGNORE INTO players VALUES (?, ?, ?, ?)",
            (guild, user, "Ann" if user == 1 else f"user{user}", at),
        )
    await raw.execute("COMMIT")


async def test_v2_database_with_data_is_migrated_and_keeps_it(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as raw:
        assert await migrate(raw, target=2) == [1, 2]
        # two games in guild 7: packs "main" and "extra", a round nobody answered, and the
        # same question key asked in both games
        g1 = await _old_game(raw, 7, T0)
        await _old_question(raw, g1, 7, "main/q1", [(1, 1, 900, 1), (2, 0, 0, 0)], T0 + 20)
        await _old_question(raw, g1, 7, "extra/q1", [(1, 0, 0, 0), (2, 1, 500, 1)], T0 + 40,
                            category="story")  # fmt: skip
        await _old_question(raw, g1, 7, "main/q2", [], T0 + 60)
        g2 = await _old_game(raw, 7, T0 + 100)
        await _old_question(raw, g2, 7, "main/q1", [(2, 1, 700, 2), (3, 1, 100, 1)], T0 + 120)
        # another guild's answers interleave with guild 7's ids
        g3 = await _old_game(raw, 8, T0)
        await _old_question(raw, g3, 8, "main/q1", [(1, 1, 50, 1)], T0 + 130)
        await raw.execute("UPDATE games SET status = 'completed', ended_at = ?", (T0 + 200,))
        await raw.execute("INSERT INTO meta VALUES ('k', 'v')")

    async with await open_store(db_path, now=T0 + 300) as s:
        assert _version(db_path) == LATEST == 6
        assert await s.get_meta("k") == "v"
        board = await s.leaderboard(7, "all", T0 + 300)
        assert [(r.user_id, r.points, r.right, r.answered, r.games) for r in board.rows] == [
            (2, 1200, 2, 3, 2),
            (1, 900, 1, 2, 1),
            (3, 100, 1, 1, 1),
        ]
        # per pack: summed from the old answers through the rounds' backfilled id ranges
        main = await s.leaderboard(7, "all", T0 + 300, pack="main")
        assert [(r.user_id, r.points, r.answered, r.games) for r in main.rows] == [
            (1, 900, 1, 1),
            (2, 700, 2, 2),
            (3, 100, 1, 1),
        ]
        extra = await s.leaderboard(7, "all", T0 + 300, pack="extra")
        assert [(r.user_id, r.points, r.answered) for r in extra.rows] == [(2, 500, 1), (1, 0, 1)]
        stats = await s.player_stats(7, 2, T0 + 300)
        assert stats is not None and stats.favourite_category == "cast"
        assert (stats.points, stats.best_streak) == (1200, 2)
        # and new questions are written and read through the v3 schema next to the old ones
        g4 = await s.create_game(7, 70, ["main"], "choice", Player(1, "Ann"), T0 + 400)
        await s.record_question(g4, 7, [rec(3, True, 5000, name="user3")], T0 + 410)
        main = await s.leaderboard(7, "all", T0 + 500, pack="main")
        assert [(r.user_id, r.points, r.games) for r in main.rows] == [
            (3, 5100, 2),
            (1, 900, 1),
            (2, 700, 2),
        ]
        assert [g.players for g in await s.recent_games(7, 5)] == [1, 2, 2]
    with sqlite3.connect(db_path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        rounds = conn.execute(
            "SELECT question_key, pack, first_answer, last_answer FROM rounds ORDER BY id"
        ).fetchall()
    conn.close()
    assert "answers_by_pack" not in indexes and "rounds_by_time" in indexes
    assert rounds == [
        ("main/q1", "main", 1, 2),
        ("extra/q1", "extra", 3, 4),
        ("main/q2", None, None, None),
        ("main/q1", "main", 5, 6),
        ("main/q1", "main", 7, 7),
        ("main/q1", "main", 8, 8),
    ]


async def test_failed_migration_rolls_back_to_previous_version(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as conn:
        await migrate(conn, target=1)
        # a table v2 wants to create already exists: v2 fails half way
        await conn.execute("CREATE TABLE meta (x)")
        with pytest.raises(StoreError, match="migration 2 failed"):
            await migrate(conn)
        assert not conn.in_transaction
    assert _version(db_path) == 1
    assert "reports" not in _tables(db_path)


async def test_newer_schema_is_refused_and_file_left_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("INSERT INTO future VALUES ('from a newer bot')")
        conn.execute("PRAGMA user_version = 9")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as err:
        await open_store(db_path, now=T0)
    assert str(err.value) == (
        "database schema version 9 is newer than this bot understands (6); upgrade the bot"
    )
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


async def test_a_file_that_is_not_sqlite_is_a_clear_error(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        await open_store(db_path, now=T0)


async def test_a_migration_another_process_applied_meanwhile_is_skipped(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two processes open a new file at once: both read version 0, the other one migrates
    # first, and ours then finds the tables already there
    await (await SqliteStore.open(db_path, now=T0)).close()
    from bot.store.sqlite import migrations

    real = migrations.schema_version
    reads = 0

    async def stale_first_read(conn: aiosqlite.Connection) -> int:
        nonlocal reads
        reads += 1
        return 0 if reads == 1 else await real(conn)

    monkeypatch.setattr(migrations, "schema_version", stale_first_read)
    async with aiosqlite.connect(db_path) as conn:
        assert await migrate(conn) == []
    assert _version(db_path) == LATEST
