"""Answer path: many choice games answered at once, through the runner and the store's sink."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from bench.common import NOW, Result, VirtualClock, choice_questions, median, now, pct, run_in_tmp
from bot.engine.config import GameConfig
from bot.engine.events import Event, QuestionAsked, QuestionClosed
from bot.engine.game import Game
from bot.engine.model import AnswerRecord, Player
from bot.recording import GameRecorder, chain
from bot.runner import GameRegistry, GameRunner
from bot.startup import freeze_startup_objects
from bot.store import Store, open_store
from bot.store.sqlite.db import connect

# the reference: the answers table's columns, no secondary index, same PRAGMAs as the store
PLAIN_TABLE = """
CREATE TABLE IF NOT EXISTS plain (
    id INTEGER PRIMARY KEY, game_id INTEGER NOT NULL, guild_id INTEGER NOT NULL,
    question_key TEXT NOT NULL, pack TEXT NOT NULL, category TEXT NOT NULL,
    user_id INTEGER NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL, ms INTEGER,
    streak INTEGER NOT NULL, answered_at REAL NOT NULL)
"""
PLAIN_INSERT = """
INSERT INTO plain (game_id, guild_id, question_key, pack, category, user_id, correct, points,
                   ms, streak, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

#: the sizes: games at once, players per game, rounds measured, isolated closes timed
FULL = {"games": 100, "players": 1000, "rounds": 3, "closes": 40}
QUICK = {"games": 3, "players": 20, "rounds": 2, "closes": 3}
#: a game yields to the others after this many answers (clicks from many channels interleave)
BATCH = 50
#: how likely a player is to pick the right option
RIGHT = 0.6


@dataclass
class Probe:
    """A sink that remembers each game's open question and the records of its closes."""

    asked: QuestionAsked | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    closed: list[tuple[AnswerRecord, ...]] = field(default_factory=list)
    closed_at: list[float] = field(default_factory=list)

    async def before(self, event: Event) -> None:
        """Runs before the recorder: stamps the moment the engine closed the question."""
        if isinstance(event, QuestionClosed):
            self.closed_at.append(now())

    async def after(self, event: Event) -> None:
        """Runs after the recorder: remembers the question asked and the records written."""
        if isinstance(event, QuestionAsked):
            self.asked = event
            self.ready.set()
        elif isinstance(event, QuestionClosed):
            self.closed.append(event.results)


def _option(probe: Probe, rng: random.Random) -> int:
    """A player's pick: the right option with probability RIGHT, else a wrong one."""
    asked = probe.asked
    assert asked is not None
    right = asked.options.index(asked.question.answer)
    if rng.random() < RIGHT:
        return right
    return rng.choice([i for i in range(len(asked.options)) if i != right])


def _plain_rows(game_id: int, guild_id: int, records: tuple[AnswerRecord, ...]) -> list[tuple]:
    return [
        (game_id, guild_id, r.question_key, r.pack, r.category, r.user_id, int(r.correct),
         r.points, r.ms, r.streak, NOW)
        for r in records
    ]  # fmt: skip


async def _answer_all(
    runner: GameRunner,
    probe: Probe,
    players: list[Player],
    clock: VirtualClock,
    rng: random.Random,
    *,
    yield_every: int,
) -> tuple[float, float]:
    """Every player answers the open question in a random order; (t_last_click, t_durable)."""
    assert probe.asked is not None
    index = probe.asked.index
    order = players[:]
    rng.shuffle(order)
    last = len(order) - 1
    t0 = 0.0
    for i, player in enumerate(order):
        if i == last:
            t0 = now()
        # the last answer closes the question: its await returns once the recorder committed
        await runner.answer(player, _option(probe, rng), index=index)
        if yield_every and i % yield_every == yield_every - 1:
            clock.advance(0.001)
            await asyncio.sleep(0)
    return t0, now()


async def _plain_round(plain: aiosqlite.Connection, batches: list[list[tuple]]) -> float:
    """The reference: each question's rows by plain executemany, one transaction each."""
    t = now()
    for rows in batches:
        await plain.execute("BEGIN IMMEDIATE")
        await plain.executemany(PLAIN_INSERT, rows)
        await plain.execute("COMMIT")
    return now() - t


async def _concurrent(
    store: Store, plain: aiosqlite.Connection, size: dict[str, int], result: Result
) -> None:
    """``games`` games at once, every player answering each round; against the reference."""
    games, per_game, rounds = size["games"], size["players"], size["rounds"]
    rng = random.Random(6)
    clock = VirtualClock()
    registry = GameRegistry(clock=clock, sleep=clock.sleep)
    questions = choice_questions(rounds + 1)
    config = GameConfig(questions=rounds + 1, seconds=120.0, mode="choice", reveal_seconds=5.0)
    tables: list[tuple[GameRunner, Probe, list[Player], int, int]] = []
    for g in range(games):
        guild_id, channel_id = g % 10 + 1, 1000 + g
        players = [Player(guild_id * 10_000_000 + g * 10_000 + i, f"p{g}-{i}")
                   for i in range(per_game)]  # fmt: skip
        game = Game(questions, config, players=players)
        game_id = await store.create_game(guild_id, channel_id, ["bench"], "choice",
                                          players[0], NOW)  # fmt: skip
        recorder = GameRecorder(store, game_id, guild_id, wallclock=lambda: NOW)
        probe = Probe()
        runner = registry.start(guild_id, channel_id, game,
                                chain(probe.before, recorder, probe.after))  # fmt: skip
        tables.append((runner, probe, players, game_id, guild_id))
    ours: list[float] = []
    ref: list[float] = []
    closes: list[float] = []
    for _ in range(rounds):
        await asyncio.gather(*(p.ready.wait() for _, p, _, _, _ in tables))
        for _, probe, _, _, _ in tables:
            probe.ready.clear()
        t = now()
        spans = await asyncio.gather(
            *(_answer_all(r, p, pl, clock, random.Random(rng.random()), yield_every=BATCH)
              for r, p, pl, _, _ in tables)
        )  # fmt: skip
        ours.append(now() - t)
        closes.extend(t1 - t0 for t0, t1 in spans)
        batches = [_plain_rows(gid, guild, p.closed[-1]) for _, p, _, gid, guild in tables]
        ref.append(await _plain_round(plain, batches))
        # the reveal pause passes: every runner asks its next question
        clock.advance(config.reveal_seconds + 0.1)
    await registry.stop_all()
    answers = games * per_game
    ours_rate = [answers / s for s in ours]
    ref_rate = [answers / s for s in ref]
    ratios = [o / r for o, r in zip(ours_rate, ref_rate, strict=True)]
    ratio = median(ratios)
    result.add("answers recorded/s (engine+runner+store)", median(ours_rate), "answers/s",
               reference="plain executemany below")  # fmt: skip
    result.add("ceiling: plain executemany, 1 txn/question", median(ref_rate), "rows/s")
    result.add("end-to-end ratio to the ceiling (median of rounds)", ratio, "x",
               reference="same rows, same run")  # fmt: skip
    result.add(f"close->durable, {games} closing at once, p50", pct(closes, 0.5) * 1000, "ms",
               reference="last click to commit")  # fmt: skip
    result.add(f"close->durable, {games} closing at once, p99", pct(closes, 0.99) * 1000, "ms")


#: a reference: writes one question's rows (as ``_plain_rows`` gives them), returns seconds
Reference = Callable[[list[tuple]], Awaitable[float]]


def sqlite_reference(plain: aiosqlite.Connection) -> dict[str, Reference]:
    """The SQLite ceiling: plain executemany, one transaction per question."""

    async def executemany(rows: list[tuple]) -> float:
        return await _plain_round(plain, [rows])

    return {"same rows, plain executemany, 1 txn": executemany}


async def isolated(
    store: Store,
    references: dict[str, Reference],
    size: dict[str, int],
    result: Result,
    *,
    prefix: str = "",
    goal: bool = True,
) -> None:
    """One game alone: the time from its closing answer to the commit, question after question.

    After each close, the same rows go through each reference (alternating, same run).
    """
    per_game, closes = size["players"], size["closes"]
    rng = random.Random(7)
    clock = VirtualClock()
    registry = GameRegistry(clock=clock, sleep=clock.sleep)
    config = GameConfig(questions=min(50, closes + 1), seconds=120.0, mode="choice",
                        reveal_seconds=5.0)  # fmt: skip
    players = [Player(90_000_000 + i, f"solo {i}") for i in range(per_game)]
    spans: list[float] = []
    engine: list[float] = []
    clicks: list[float] = []
    stored: list[float] = []
    plain_times: dict[str, list[float]] = {name: [] for name in references}
    done = 0
    while done < closes:
        game = Game(choice_questions(config.questions, pack="solo"), config, players=players)
        game_id = await store.create_game(99, 99, ["solo"], "choice", players[0], NOW)
        recorder = GameRecorder(store, game_id, 99, wallclock=lambda: NOW)
        probe = Probe()
        runner = registry.start(99, 99, game, chain(probe.before, recorder, probe.after))
        for _ in range(min(closes - done, config.questions - 1)):
            await probe.ready.wait()
            probe.ready.clear()
            t = now()
            t0, t1 = await _answer_all(runner, probe, players, clock, rng, yield_every=0)
            clicks.append((t0 - t) / max(1, per_game - 1))
            spans.append(t1 - t0)
            engine.append(probe.closed_at[-1] - t0)
            # the store's share: from the engine's QuestionClosed to the commit; then the
            # same rows by plain executemany, right after (alternating, same run)
            stored.append(t1 - probe.closed_at[-1])
            rows = _plain_rows(game_id, 99, probe.closed[-1])
            for name, reference in references.items():
                plain_times[name].append(await reference(rows))
            clock.advance(config.reveal_seconds + 0.1)
            done += 1
        await registry.stop_all()
    p50, p99 = pct(spans, 0.5) * 1000, pct(spans, 0.99) * 1000
    met50, met99 = p50 < 50, p99 < 50
    result.add(f"{prefix}close->durable, one {per_game}-answer question, p50", p50, "ms",
               reference=f"{len(spans)} closes", goal="< 50 ms", met=met50)  # fmt: skip
    result.add(f"{prefix}close->durable, one {per_game}-answer question, p99", p99, "ms",
               goal="< 50 ms", met=met99)  # fmt: skip
    result.add(f"{prefix}  of which engine close (settle+ranking), p50",
               pct(engine, 0.5) * 1000, "ms")  # fmt: skip
    result.add(f"{prefix}  of which record_question to commit, p50",
               pct(stored, 0.5) * 1000, "ms")  # fmt: skip
    ours = per_game / median(stored)
    result.add(f"{prefix}store: answers recorded/s (record_question)", ours, "answers/s",
               reference="ceilings below")  # fmt: skip
    for name, times in plain_times.items():
        ref = per_game / median(times)
        result.add(f"{prefix}ceiling: {name}", ref, "rows/s")
        label = "store ratio to the ceiling" if goal else f"store ratio to {name}"
        met = ours / ref >= 0.5 if goal else None
        result.add(f"{prefix}{label}", ours / ref, "x", reference="same rows, same run",
                   goal=">= 0.5" if goal else "", met=met)  # fmt: skip
    if goal:
        result.add("one click through runner+engine, median", median(clicks) * 1e6, "us")


async def _run(size: dict[str, int], folder: Path) -> Result:
    result = Result("answer path", size=dict(size))
    store = await open_store(folder / "answers.sqlite3", now=NOW)
    plain = await connect(folder / "plain.sqlite3")
    try:
        await plain.execute(PLAIN_TABLE)
        # what `trivia-bot run` does once it is set up
        freeze_startup_objects()
        await _concurrent(store, plain, size, result)
        await isolated(store, sqlite_reference(plain), size, result)
    finally:
        await plain.close()
        await store.close()
    return result


def run(quick: bool = False) -> Result:
    """Measure the answer path at the full size (or the tiny one for the smoke test)."""
    size = QUICK if quick else FULL
    return run_in_tmp("bench-answers-", lambda tmp: _run(size, tmp))
