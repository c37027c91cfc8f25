"""Rough store figures (not a test): ``python -m bot.store.measure [answers [guilds]]``.

Prints the rate of ``record_question`` against a plain ``executemany`` of the same rows
(measured alternately in the same run), the time to make a 1,000-answer question durable,
and leaderboard / stats latency on a generated database.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.engine.model import AnswerRecord, Player
from bot.store.db import connect
from bot.store.store import Store

_PLAIN_TABLE = """
CREATE TABLE IF NOT EXISTS plain (
    id INTEGER PRIMARY KEY, game_id INTEGER, guild_id INTEGER, question_key TEXT, pack TEXT,
    category TEXT, user_id INTEGER, correct INTEGER, points INTEGER, ms INTEGER,
    streak INTEGER, answered_at REAL)
"""
_PLAIN_INSERT = """
INSERT INTO plain (game_id, guild_id, question_key, pack, category, user_id, correct, points,
                   ms, streak, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_DAY = 86_400.0
_NOW = 1_767_225_600.0 + 75 * _DAY  # mid-March 2026


def _records(question: int, user_ids: list[int], rng: random.Random) -> list[AnswerRecord]:
    """One question's answers by ``user_ids``."""
    cats = ("cast", "characters", "story", "production", "soundtrack-1")
    out = []
    for u in user_ids:
        correct = rng.random() < 0.6
        out.append(
            AnswerRecord(
                question_key=f"pack{question // 7 % 5}/q{question}",
                pack=f"pack{question // 7 % 5}",
                category=cats[question % 5],
                user_id=u,
                name=f"player {u}",
                correct=correct,
                points=rng.randint(500, 1500) if correct else 0,
                ms=rng.randint(300, 20_000),
                streak=rng.randint(0, 5) if correct else 0,
            )
        )
    return out


def _pct(values: list[float], q: float) -> float:
    """The q-th quantile of ``values`` (0..1), in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def write_rate(folder: Path, questions: int = 30, players: int = 1000) -> dict[str, float]:
    """record_question against plain executemany of the same rows, alternating each round."""
    rng = random.Random(1)
    store = await Store.open(folder / "write.sqlite3", now=_NOW)
    plain = await connect(folder / "plain.sqlite3")
    await plain.execute(_PLAIN_TABLE)
    game = await store.create_game(1, 1, ["pack0"], "choice", Player(1, "a"), _NOW)
    ours: list[float] = []
    ref: list[float] = []
    for q in range(questions):
        records = _records(q, list(range(1, players + 1)), rng)
        rows = [
            (
                game,
                1,
                r.question_key,
                r.pack,
                r.category,
                r.user_id,
                int(r.correct),
                r.points,
                r.ms,
                r.streak,
                _NOW,
            )
            for r in records
        ]
        t = time.perf_counter()
        await plain.execute("BEGIN IMMEDIATE")
        await plain.executemany(_PLAIN_INSERT, rows)
        await plain.execute("COMMIT")
        ref.append(time.perf_counter() - t)
        t = time.perf_counter()
        await store.record_question(game, 1, records, _NOW + q)
        ours.append(time.perf_counter() - t)
    await plain.close()
    await store.close()
    # the first question also writes every player's name; later ones are the steady state
    steady = ours[1:]
    return {
        "plain_rows_per_s": players / statistics.median(ref),
        "store_rows_per_s": players / statistics.median(steady),
        "ratio": statistics.median(ref) / statistics.median(steady),
        "close_1000_p50_ms": _pct(steady, 0.5),
        "close_1000_p99_ms": _pct(steady, 0.99),
        "first_question_ms": ours[0] * 1000,
    }


async def read_latency(
    folder: Path, answers: int, guilds: int = 10, players_per_guild: int = 1000
) -> dict[str, float]:
    """Leaderboard and stats latency on a generated database of about ``answers`` answers."""
    rng = random.Random(2)
    store = await Store.open(folder / "read.sqlite3", now=_NOW)
    per_question = 100
    questions = answers // per_question
    games: dict[int, int] = {}
    for q in range(questions):
        guild = q % guilds + 1
        if guild not in games or q % 200 < guilds:
            games[guild] = await store.create_game(
                guild, 1, ["pack0"], "choice", Player(1, "a"), _NOW
            )
        base = guild * 100_000
        users = rng.sample(range(base, base + players_per_guild), per_question)
        # spread over the 90 days before now, so weeks and months hold part of the data
        at = _NOW - 90 * _DAY * (1 - q / questions)
        await store.record_question(games[guild], guild, _records(q, users, rng), at)
    timings: dict[str, list[float]] = {"all": [], "month": [], "week": [], "pack": [], "stats": []}
    calls: dict[str, Callable[[int, int], Awaitable[object]]] = {
        "all": lambda g, u: store.leaderboard(g, "all", _NOW),
        "month": lambda g, u: store.leaderboard(g, "month", _NOW),
        "week": lambda g, u: store.leaderboard(g, "week", _NOW),
        "pack": lambda g, u: store.leaderboard(g, "all", _NOW, pack="pack1"),
        "stats": lambda g, u: store.player_stats(g, u, _NOW),
    }
    for _ in range(200):
        guild = rng.randint(1, guilds)
        user = guild * 100_000 + rng.randrange(players_per_guild)
        for name, call in calls.items():
            t = time.perf_counter()
            await call(guild, user)
            timings[name].append(time.perf_counter() - t)
    await store.close()
    out: dict[str, float] = {"answers": float(questions * per_question)}
    for name, values in timings.items():
        out[f"{name}_p50_ms"] = _pct(values, 0.5)
        out[f"{name}_p99_ms"] = _pct(values, 0.99)
    return out


async def main(answers: int = 200_000, guilds: int = 10) -> None:
    """Run both measurements in a temporary folder and print the figures."""
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for name, value in (await write_rate(Path(tmp))).items():
            print(f"write  {name:22} {value:12.2f}")
        for name, value in (await read_latency(Path(tmp), answers, guilds)).items():
            print(f"read   {name:22} {value:12.2f}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    asyncio.run(main(*args))
