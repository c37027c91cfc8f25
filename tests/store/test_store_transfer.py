"""`trivia-bot migrate-db`: a SQLite database's data moved into PostgreSQL, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.engine.model import Player
from bot.store import open_store
from tests.pg import PostgresServer
from tests.store.snapshot import fill, snapshot
from tests.store.store_helpers import T0, rec


async def test_every_answer_of_a_sqlite_database_moves_to_postgres(
    db_path: Path, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    async with await open_store(db_path, now=T0) as s:
        games = await fill(s)
        before = await snapshot(s, games)
    url = await postgres_server.new_database()
    # run as the command line does (it calls asyncio.run, so in a thread of its own)
    import asyncio

    status = await asyncio.to_thread(main, ["migrate-db", str(db_path), url])
    assert status == 0
    assert "answers: " in capsys.readouterr().out
    async with await open_store(url, now=T0, recover=None) as pg:
        after = await snapshot(pg, games)
        assert after == before
        # new rows get fresh ids after the copied ones
        game = await pg.create_game(1, 9, ["main"], "choice", Player(1, "a"), T0 + 500)
        assert game > max(games)
        await pg.record_question(game, 1, [rec(1, True, 5)], T0 + 501)
        assert await pg.add_report(1, "main/q1", 1, "again", T0 + 502) == 3


async def test_a_target_holding_data_is_refused_and_left_alone(
    db_path: Path, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    async with await open_store(db_path, now=T0) as s:
        await s.set_meta("k", "sqlite")
    url = await postgres_server.new_database()
    async with await open_store(url, now=T0) as pg:
        await pg.set_meta("k", "postgres")
    import asyncio

    assert await asyncio.to_thread(main, ["migrate-db", str(db_path), url]) == 1
    assert "already holds data" in capsys.readouterr().err
    async with await open_store(url, now=T0) as pg:
        assert await pg.get_meta("k") == "postgres"


@pytest.mark.parametrize("args", [["missing.sqlite3", "postgresql://x/y"], ["{db}", "other.db"]])
def test_wrong_arguments_are_one_clear_line(
    db_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    argv = [a.format(db=db_path) for a in args]
    assert main(["migrate-db", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("migrate-db: ") and err.count("\n") == 1
