"""PostgreSQL: the answer path against asyncpg's own bulk writes, and leaderboards at 1,000,000."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import asyncpg

from bench import leaderboard
from bench.answer_path import Reference, isolated
from bench.common import NOW, Result, now, pct
from bench.pgserver import ThrowAwayServer, start_server
from bench.writers import writers
from bot.startup import freeze_startup_objects
from bot.store import open_store
from bot.store.postgres import PostgresStore
from bot.store.transfer import migrate_db

# the reference: the same columns the SQLite ceiling writes, no secondary index
PLAIN_TABLE = """
CREATE TABLE plain (
    id BIGSERIAL PRIMARY KEY, game_id BIGINT NOT NULL, guild_id BIGINT NOT NULL,
    question_key TEXT NOT NULL, pack TEXT NOT NULL, category TEXT NOT NULL,
    user_id BIGINT NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL, ms INTEGER,
    streak INTEGER NOT NULL, answered_at DOUBLE PRECISION NOT NULL)
"""
COLUMNS = ("game_id", "guild_id", "question_key", "pack", "category", "user_id", "correct",
           "points", "ms", "streak", "answered_at")  # fmt: skip
PLAIN_INSERT = (f"INSERT INTO plain ({', '.join(COLUMNS)}) "
                f"VALUES ({', '.join(f'${i}' for i in range(1, 12))})")  # fmt: skip

FULL = {"players": 1000, "closes": 40, "writer_questions": 30, "writer_answers": 500}
QUICK = {"players": 20, "closes": 3, "writer_questions": 3, "writer_answers": 20}


def pg_references(conn: asyncpg.Connection) -> dict[str, Reference]:
    """The PostgreSQL ceilings: asyncpg executemany and COPY, one transaction per question."""

    async def executemany(rows: list[tuple]) -> float:
        t = now()
        async with conn.transaction():
            await conn.executemany(PLAIN_INSERT, rows)
        return now() - t

    async def copy(rows: list[tuple]) -> float:
        t = now()
        async with conn.transaction():
            await conn.copy_records_to_table("plain", records=rows, columns=COLUMNS)
        return now() - t

    return {"asyncpg executemany, 1 txn": executemany,
            "asyncpg copy_records_to_table, 1 txn": copy}  # fmt: skip


async def new_database(server: ThrowAwayServer, name: str) -> str:
    """Create an empty database on the server; its URL."""
    conn = await asyncpg.connect(server.admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return server.url_for(name)


async def _answers(server: ThrowAwayServer, size: dict[str, int], result: Result) -> None:
    url = await new_database(server, "answers")
    store = await open_store(url, now=NOW)
    plain = await asyncpg.connect(await new_database(server, "plain"))
    try:
        await plain.execute(PLAIN_TABLE)
        freeze_startup_objects()
        await isolated(store, pg_references(plain), size, result, prefix="PG ", goal=False)
    finally:
        await plain.close()
        await store.close()


async def _leaderboards(server: ThrowAwayServer, quick: bool, result: Result) -> None:
    """Leaderboards and stats on the leaderboard benchmark's data, copied in by migrate-db."""
    size = leaderboard.QUICK if quick else leaderboard.FULL
    source = leaderboard.db_path(size)
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        built = await leaderboard.generate(source, size)
        meta = source.with_suffix(".json")
        meta.write_text(json.dumps({"seconds": built, "size": size}))
    url = await new_database(server, "leaderboard")
    t = now()
    await migrate_db(source, url)
    result.add("PG build: migrate-db (COPY) of the leaderboard DB", now() - t, "s",
               reference=f"{size['answers']:,} answers")  # fmt: skip
    store = await open_store(url, now=NOW)
    assert isinstance(store, PostgresStore)
    try:
        async with store._pool.acquire() as conn:
            await conn.execute("ANALYZE")
        calls = {
            "asyncpg round trip (SELECT 1)": lambda g, u: store._pool.fetchval("SELECT 1"),
            "leaderboard all-time, page 1": lambda g, u: store.leaderboard(g, "all", NOW),
            "leaderboard month, page 1": lambda g, u: store.leaderboard(g, "month", NOW),
            "leaderboard week, page 1": lambda g, u: store.leaderboard(g, "week", NOW),
            "leaderboard pack, page 1": lambda g, u: store.leaderboard(g, "all", NOW,
                                                                       pack="pack1"),
            "player stats": lambda g, u: store.player_stats(g, u, NOW),
            leaderboard.SEASON_ROW: lambda g, u: leaderboard.season_board(store, g, u),
        }  # fmt: skip
        await leaderboard.timed(calls, {**size, "queries": 5})
        timings = await leaderboard.timed(calls, size)
    finally:
        await store.close()
    for name, values in timings.items():
        floor = name.startswith("asyncpg")
        p50, p99 = pct(values, 0.5) * 1000, pct(values, 0.99) * 1000
        result.add(f"PG {name}, p50", p50, "ms", reference="floor of any query" if floor else "")
        if floor:
            result.add(f"PG {name}, p99", p99, "ms")
        else:
            result.add(f"PG {name}, p99", p99, "ms", goal="< 10 ms", met=p99 < 10)


async def _run(server: ThrowAwayServer, size: dict[str, int], quick: bool, folder: Path
               ) -> Result:  # fmt: skip
    result = Result("postgres", size=dict(size))
    await _answers(server, size, result)
    await _leaderboards(server, quick, result)
    return result


def run(quick: bool = False) -> Result:
    """Start a throw-away server, measure, stop it."""
    import tempfile

    size = QUICK if quick else FULL
    t = now()
    server = start_server(prefix="trivia-bench-pg-")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
            result = asyncio.run(_run(server, size, quick, Path(tmp)))
            writers(server, size, quick, Path(tmp), result)
    finally:
        server.stop()
    result.seconds = now() - t
    return result
