"""Recovery scoped to the shards a process holds, and the PostgreSQL schema version."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from bot.engine.model import Player
from bot.store import Recovery, StoreError, open_store
from bot.store.postgres.schema import LATEST
from tests.pg import PostgresServer
from tests.store.store_helpers import T0, rec

ANN = Player(1, "Ann")


def guild_on(shard: int, count: int, n: int = 1) -> int:
    """A guild id that Discord puts on ``shard`` of ``count``: (id >> 22) % count == shard."""
    return ((n * count + shard) << 22) | 12345


async def test_two_processes_recover_only_their_own_shards(db: str | Path) -> None:
    """Two stores on one database, shards 0 and 1 of 2: opening one leaves the other's
    running game alone, and that game's next question still records."""
    first = await open_store(db, now=T0, recover=Recovery(shard_ids=(0,), shard_count=2))
    mine = await first.create_game(guild_on(0, 2), 5, ["main"], "choice", ANN, T0)
    crashed = await open_store(db, now=T0, recover=None)
    theirs = await crashed.create_game(guild_on(1, 2), 6, ["main"], "choice", ANN, T0)
    await crashed.close()  # shard 1's process died with its game running

    second = await open_store(db, now=T0 + 5, recover=Recovery(shard_ids=(1,), shard_count=2))
    assert second.recovered == [theirs]
    # the first process's game was not touched: its next question records as usual
    await first.record_question(mine, guild_on(0, 2), [rec(1, True, 10)], T0 + 6)
    game = await first.get_game(mine)
    assert game is not None and (game.status, game.asked) == ("running", 1)
    await first.close()
    await second.close()


async def test_recovery_takes_the_guilds_of_its_shard_set_or_of_every_shard(
    db: str | Path,
) -> None:
    s = await open_store(db, now=T0, recover=None)
    games = [await s.create_game(guild_on(k, 4), 5, ["p"], "choice", ANN, T0) for k in range(4)]
    await s.close()
    half = await open_store(db, now=T0 + 1, recover=Recovery(shard_ids=(2, 3), shard_count=4))
    assert half.recovered == games[2:]
    await half.close()
    # the default (one process holding every shard) takes whatever is left
    rest = await open_store(db, now=T0 + 2)
    assert rest.recovered == games[:2]
    await rest.close()


def test_shard_ids_outside_the_count_are_refused() -> None:
    with pytest.raises(ValueError, match="shard ids"):
        Recovery(shard_ids=(2,), shard_count=2)
    with pytest.raises(ValueError, match="shard_count"):
        Recovery(shard_count=0)


async def test_postgres_records_its_schema_version_and_refuses_a_newer_one(
    postgres_server: PostgresServer,
) -> None:
    url = await postgres_server.new_database()
    async with await open_store(url, now=T0) as s:
        await s.set_meta("k", "v")
    conn = await asyncpg.connect(url)
    try:
        assert await conn.fetchval("SELECT max(version) FROM schema_version") == LATEST
        await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", LATEST + 1)
    finally:
        await conn.close()
    with pytest.raises(StoreError, match="newer than this bot understands"):
        await open_store(url, now=T0)


async def test_an_unreachable_postgres_is_a_clear_error(postgres_server: PostgresServer) -> None:
    url = postgres_server.url_for("no_such_database")
    with pytest.raises(StoreError, match="cannot open database"):
        await open_store(url, now=T0)
