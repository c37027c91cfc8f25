"""1, 2 and 4 writer processes on one database, each recording questions of its own games."""

from __future__ import annotations

import asyncio
import multiprocessing
import random
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from bench.common import NOW, Result, now, pct
from bench.pgserver import ThrowAwayServer
from bot.engine.model import AnswerRecord, Player
from bot.store import open_store

#: how many writer processes each row runs
PROCESSES = (1, 2, 4)
QUICK_PROCESSES = (1, 2)


def _records(index: int, q: int, answers: int, rng: random.Random) -> list[AnswerRecord]:
    key = f"bench/p{index}q{q}"
    return [
        AnswerRecord(key, "bench", "cast", index * 1_000_000 + u, f"member {u}", ok,
                     rng.randint(500, 1500) if ok else 0, rng.randint(300, 20_000), 1 if ok else 0)
        for u in range(answers)
        for ok in (rng.random() < 0.6,)
    ]  # fmt: skip


async def _write(target: str, index: int, questions: int, answers: int, barrier: Barrier
                 ) -> tuple[list[float], float, float]:  # fmt: skip
    """One process: open the store, start a game in its own guild, record its questions."""
    rng = random.Random(index)
    guild = 500 + index
    # recover=None: a process never marks another one's games interrupted
    store = await open_store(target, now=NOW, recover=None)
    try:
        starter = Player(index * 1_000_000, "starter")
        batches = [_records(index, q, answers, rng) for q in range(questions)]
        game_id = await store.create_game(guild, 1, ["bench"], "choice", starter, NOW)
        barrier.wait()
        times = []
        start = now()
        for q, records in enumerate(batches):
            if q and q % 10 == 0:  # a game asks ten questions, then the process starts another
                await store.finish_game(game_id, "completed", NOW, 10)
                game_id = await store.create_game(guild, 1, ["bench"], "choice", starter, NOW)
            t = now()
            key = records[0].question_key
            await store.record_question(game_id, guild, records, NOW + q, question_key=key)
            times.append(now() - t)
        return times, start, now()
    finally:
        await store.close()


def _process(target: str, index: int, size: dict[str, int], barrier: Barrier, out: Any) -> None:
    """The body of one writer process."""
    try:
        out.put(asyncio.run(_write(target, index, size["writer_questions"],
                                   size["writer_answers"], barrier)))  # fmt: skip
    except Exception as exc:  # reported by the parent, not lost in a child's stderr
        barrier.abort()
        out.put(repr(exc))


def _round(target: str, count: int, size: dict[str, int]) -> tuple[float, float, float]:
    """``count`` processes at once: (answers/s over the whole run, p99, worst) of a question."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(count)
    out = ctx.Queue()
    procs = [ctx.Process(target=_process, args=(target, i, size, barrier, out))
             for i in range(count)]  # fmt: skip
    for p in procs:
        p.start()
    got = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [g for g in got if isinstance(g, str)]
    if errors:
        raise RuntimeError(f"a writer process failed: {errors[0]}")
    times = [t for g in got for t in g[0]]
    span = max(g[2] for g in got) - min(g[1] for g in got)
    answers = count * size["writer_questions"] * size["writer_answers"]
    return answers / span, pct(times, 0.99) * 1000, max(times) * 1000


def writers(server: ThrowAwayServer, size: dict[str, int], quick: bool, folder: Path,
            result: Result) -> None:  # fmt: skip
    """Each backend, each process count, a fresh database: answers/s and p99 of a write."""
    counts = QUICK_PROCESSES if quick else PROCESSES
    for backend in ("PostgreSQL", "SQLite"):
        base = 0.0
        for count in counts:
            if backend == "SQLite":
                target = str(folder / f"writers-{count}.sqlite3")
            else:
                target = asyncio.run(_database(server, f"writers_{count}"))
            # created and migrated once here: the processes then only open it (SQLite's
            # migration does not re-check the version under its lock, so two first opens at
            # once can both try to create the tables)
            asyncio.run(_migrate(target))
            rate, p99, worst = _round(target, count, size)
            base = base or rate
            label = f"{backend}, {count} writer process{'es' if count > 1 else ''}"
            result.add(f"{label}: answers/s", rate, "answers/s",
                       reference=f"{rate / base:.2f}x one process")  # fmt: skip
            result.add(f"{label}: p99 of a question's write", p99, "ms",
                       reference=f"worst {worst:.0f} ms")  # fmt: skip


async def _migrate(target: str) -> None:
    store = await open_store(target, now=NOW, recover=None)
    await store.close()


async def _database(server: ThrowAwayServer, name: str) -> str:
    from bench.postgres import new_database

    return await new_database(server, name)
