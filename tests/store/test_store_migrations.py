"""Opening the file: creation, PRAGMAs, migrations from each version, newer versions refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.engine.model import Player
from bot.store import Store, StoreError
from bot.store.migrations import LATEST, migrate
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
    async with await Store.open(db_path, now=T0):
        pass
    assert db_path.is_file()
    assert _version(db_path) == LATEST == 2
    assert {"games", "answers", "totals", "players", "guild_settings"} <= _tables(db_path)
    assert _tables(db_path) >= V2_TABLES


async def test_open_sets_wal_and_foreign_keys(store: Store) -> None:
    async with store._read() as db:
        modes = [
            (await db.execute_fetchall(f"PRAGMA {p}"))
            for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        ]
    values = [next(iter(m))[0] for m in modes]
    assert values == ["wal", 1, 2, 5000]  # synchronous 2 = FULL


async def test_reopening_applies_nothing_and_keeps_data(db_path: Path) -> None:
    async with await Store.open(db_path, now=T0) as s:
        await s.set_meta("k", "v")
    async with await Store.open(db_path, now=T0) as s:
        assert await s.get_meta("k") == "v"
    assert _version(db_path) == LATEST


async def test_v1_database_with_data_is_migrated_and_keeps_it(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as conn:
        assert await migrate(conn, target=1) == [1]
    assert _version(db_path) == 1
    assert not V2_TABLES & _tables(db_path)

    # fill the v1 database through the store's v1 operations, on a raw v1 connection
    raw = await aiosqlite.connect(db_path, isolation_level=None)
    v1 = Store(raw, db_path)
    v1._names, v1._periods = {}, {}
    game = await v1.create_game(7, 70, ["main"], "choice", Player(1, "Ann"), T0)
    await v1.record_question(
        game, 7, [rec(1, True, 900, streak=1, name="Ann"), rec(2, False, 0)], T0 + 20
    )
    await v1.finish_game(game, "completed", T0 + 30, 1)
    await v1.update_settings(7, seconds=30)
    await v1.close()

    async with await Store.open(db_path, now=T0 + 100) as s:
        assert _version(db_path) == 2
        assert _tables(db_path) >= V2_TABLES
        page = await s.leaderboard(7, "all", T0 + 100)
        assert [(r.name, r.points) for r in page.rows] == [("Ann", 900), ("user2", 0)]
        assert (await s.get_settings(7)).seconds == 30
        [summary] = await s.recent_games(7, 5)
        assert (summary.status, summary.asked, summary.players) == ("completed", 1, 2)
        # the new tables work on the migrated file
        await s.add_report(7, "main/q1", 2, "typo", T0 + 101)
        assert [g.question_key for g in await s.open_reports(7)] == ["main/q1"]


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
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as err:
        await Store.open(db_path, now=T0)
    assert str(err.value) == (
        "database schema version 7 is newer than this bot understands (2); upgrade the bot"
    )
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


async def test_a_file_that_is_not_sqlite_is_a_clear_error(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        await Store.open(db_path, now=T0)
