"""The runner and registry on a virtual clock: whole games in milliseconds, crashes contained."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "engine"))
from engine_fakes import ALICE, BOB, CARA, FakeTime, Recorder, make_questions

from bot.engine.config import GameConfig
from bot.engine.errors import AlreadyAnswered, ChannelBusy, NotAllowed, QuestionNotOpen
from bot.engine.events import (
    AnswerLocked,
    Event,
    GameFinished,
    GameStarted,
    HintRevealed,
    PlayerJoined,
    QuestionAsked,
    QuestionClosed,
)
from bot.engine.game import Game
from bot.runner import GameCrashed, GameRegistry, GameRunner


def _game(n: int = 3, players=(), **config: object) -> Game:
    settings = {"seed": 1, "seconds": 20, "reveal_seconds": 5, **config}
    return Game(
        make_questions(n),
        GameConfig(questions=n, **settings),  # type: ignore[arg-type]
        players=players,
    )


def _runner(fake: FakeTime, game: Game, sink: Recorder) -> GameRunner:
    return GameRunner(game, sink, clock=fake.clock, sleep=fake.sleep, name="test")


def _types(events: list[Event]) -> list[type]:
    return [type(e) for e in events]


async def test_a_ten_question_game_runs_in_virtual_time() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(10, players=(ALICE, BOB, CARA)), sink)
    background: set[asyncio.Task[None]] = set()

    async def play(event: Event) -> None:
        assert isinstance(event, QuestionAsked)
        right = event.options.index("Right")

        async def alice() -> None:
            await fake.sleep(2)
            await runner.answer(ALICE, right)

        async def bob() -> None:
            await fake.sleep(5)
            await runner.answer(BOB, (right + 1) % 4)

        # Cara never answers, so every question runs to its deadline.
        for player in (alice, bob):
            task = asyncio.create_task(player())
            background.add(task)
            task.add_done_callback(background.discard)

    sink.hooks[QuestionAsked] = play
    started = time.perf_counter()
    runner.start()
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 2

    finished = sink.events[-1]
    assert isinstance(finished, GameFinished) and finished.reason == "completed"
    assert fake.now == 10 * 20 + 9 * 5
    assert [(r.player.name, r.points, r.right_of_asked) for r in finished.ranking] == [
        # 2 s of 20: 950, plus the streak bonus (+100 a step, capped at +500)
        ("Alice", 950 + 1050 + 1150 + 1250 + 1350 + 1450 * 5, "10/10"),
        ("Bob", 0, "0/10"),
        ("Cara", 0, "0/10"),
    ]
    assert [e.closed_at for e in sink.of(QuestionClosed)] == [20.0 + 25 * i for i in range(10)]
    assert len(sink.of(AnswerLocked)) == 20
    assert runner.done and fake.pending == 0


async def test_an_early_close_moves_on_without_waiting_for_the_deadline() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(2, players=(ALICE, BOB)), sink)
    runner.start()
    await fake.advance(1)
    await runner.answer(ALICE, 0)
    await fake.advance(1)
    events = await runner.answer(BOB, 0)
    assert _types(events) == [AnswerLocked, QuestionClosed]
    await fake.advance(5)
    asked = sink.of(QuestionAsked)
    assert [q.asked_at for q in asked] == [0.0, 7.0]
    await runner.stop(ALICE, allowed=True)


async def test_typed_hints_arrive_at_their_times() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(1, mode="typed", seconds=30), sink)
    runner.start()
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert [(h.at, h.level) for h in sink.of(HintRevealed)] == [(10.0, 1), (20.0, 2)]
    assert sink.of(QuestionClosed)[0].closed_at == 30.0


async def test_the_sink_is_awaited_in_order_before_the_game_moves_on() -> None:
    fake, log = FakeTime(start=0.0), []

    async def slow_sink(event: Event) -> None:
        log.append(type(event).__name__)
        if isinstance(event, QuestionClosed):
            for _ in range(5):
                await asyncio.sleep(0)
            log.append("written")

    runner = GameRunner(_game(2), slow_sink, clock=fake.clock, sleep=fake.sleep)
    runner.start()
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert log == [
        "GameStarted",
        "QuestionAsked",
        "QuestionClosed",
        "written",
        "QuestionAsked",
        "QuestionClosed",
        "written",
        "GameFinished",
    ]


async def test_commands_return_their_events_and_refusals_emit_nothing() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(2, players=(BOB,)), sink)
    runner.start()
    await fake.settle()
    events = await runner.answer(ALICE, 0)
    assert _types(events) == [PlayerJoined, AnswerLocked]
    assert sink.events[-2:] == events
    count = len(sink.events)
    with pytest.raises(AlreadyAnswered):
        await runner.answer(ALICE, 1)
    with pytest.raises(NotAllowed):
        await runner.skip(BOB, allowed=False)
    with pytest.raises(NotAllowed):
        await runner.stop(BOB, allowed=False)
    assert len(sink.events) == count
    await fake.advance(20)
    with pytest.raises(QuestionNotOpen):
        await runner.answer(BOB, 0)
    await runner.stop(ALICE, allowed=True)


async def test_stop_and_skip_through_the_runner() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(3), sink)
    runner.start()
    await fake.advance(2)
    skipped = await runner.skip(ALICE, allowed=True)
    assert skipped[0].reason == "skipped"  # type: ignore[union-attr]
    await fake.advance(5)
    assert len(sink.of(QuestionAsked)) == 2
    events = await runner.stop(ALICE, allowed=True)
    assert _types(events) == [QuestionClosed, GameFinished]
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert runner.done and sink.events[-1].reason == "stopped"  # type: ignore[union-attr]


async def test_a_crashing_sink_ends_its_game_and_not_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeTime(start=0.0)
    registry = GameRegistry(clock=fake.clock, sleep=fake.sleep)
    broken, healthy = Recorder(), Recorder()

    async def explode(event: Event) -> None:
        if isinstance(event, QuestionAsked) and event.index == 2:
            raise RuntimeError("database is locked")

    broken.hooks[QuestionAsked] = explode
    a = registry.start(1, 10, _game(3), broken)
    b = registry.start(1, 11, _game(3), healthy)
    with caplog.at_level(logging.ERROR, logger="bot.runner"):
        await fake.run(a.task, b.task)  # type: ignore[arg-type]

    last = broken.events[-1]
    assert isinstance(last, GameFinished) and last.reason == "error"
    assert last.asked == 2
    assert healthy.events[-1].reason == "completed"  # type: ignore[union-attr]
    assert len(healthy.of(QuestionClosed)) == 3
    crash = [r for r in caplog.records if "crashed" in r.getMessage()]
    assert crash and crash[0].exc_info and "database is locked" in str(crash[0].exc_info[1])
    assert len(registry) == 0


async def test_a_sink_crash_on_a_reveal_never_reveals_the_next_unseen_question() -> None:
    # No reveal pause: question 1 closes and question 2 is asked in the same batch.
    fake, sink = FakeTime(start=0.0), Recorder()

    async def explode(event: Event) -> None:
        if isinstance(event, QuestionClosed) and event.index == 1:
            raise RuntimeError("disk I/O error")

    sink.hooks[QuestionClosed] = explode
    runner = _runner(fake, _game(3, players=(ALICE,), reveal_seconds=0), sink)
    runner.start()
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert _types(sink.events) == [GameStarted, QuestionAsked, QuestionClosed, GameFinished]
    assert [e.index for e in sink.of(QuestionClosed)] == [1]
    finished = sink.events[-1]
    assert isinstance(finished, GameFinished) and finished.reason == "error"
    assert finished.asked == 1 and [r.asked for r in finished.ranking] == [1]


async def test_an_exception_from_tick_ends_the_game_with_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    game = _game(3)

    def broken_tick(now: float) -> list[Event]:
        raise ValueError("bug in tick")

    game.tick = broken_tick  # type: ignore[method-assign]
    runner = _runner(fake, game, sink)
    runner.start()
    with caplog.at_level(logging.ERROR, logger="bot.runner"):
        await fake.run(runner.task)  # type: ignore[arg-type]
    assert _types(sink.events) == [GameStarted, QuestionAsked, QuestionClosed, GameFinished]
    assert sink.events[-1].reason == "error"  # type: ignore[union-attr]
    assert any(r.exc_info for r in caplog.records)


async def test_a_sink_crash_during_a_command_tells_the_caller() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()

    async def explode(event: Event) -> None:
        raise RuntimeError("discord is down")

    sink.hooks[AnswerLocked] = explode
    runner = _runner(fake, _game(3, players=(BOB,)), sink)
    runner.start()
    await fake.settle()
    with pytest.raises(GameCrashed):
        await runner.answer(ALICE, 0)
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert sink.events[-1].reason == "error"  # type: ignore[union-attr]
    with pytest.raises(GameCrashed):
        await runner.answer(BOB, 0)


async def test_the_registry_refuses_a_second_game_in_a_busy_channel() -> None:
    fake = FakeTime(start=0.0)
    registry = GameRegistry(clock=fake.clock, sleep=fake.sleep)
    first = registry.start(1, 10, _game(1), Recorder())
    with pytest.raises(ChannelBusy, match="already running in this channel"):
        registry.start(1, 10, _game(1), Recorder())
    others = [
        registry.start(1, 11, _game(1), Recorder()),
        registry.start(2, 10, _game(1), Recorder()),
    ]
    assert registry.busy(1, 10) and registry.get(1, 10) is first
    assert len(registry.in_guild(1)) == 2 and len(registry) == 3
    await fake.run(first.task, *(r.task for r in others))  # type: ignore[arg-type]
    assert not registry.busy(1, 10) and len(registry) == 0
    again = registry.start(1, 10, _game(1), Recorder())
    await fake.run(again.task)  # type: ignore[arg-type]


async def test_stop_all_ends_every_game_through_its_sink() -> None:
    fake = FakeTime(start=0.0)
    registry = GameRegistry(clock=fake.clock, sleep=fake.sleep)
    sinks = [Recorder(), Recorder(), Recorder()]
    for channel, sink in enumerate(sinks):
        registry.start(1, channel, _game(5), sink)
    await fake.advance(3)
    assert await registry.stop_all("shutdown") == 3
    for sink in sinks:
        assert _types(sink.events)[-2:] == [QuestionClosed, GameFinished]
        assert sink.events[-1].reason == "shutdown"  # type: ignore[union-attr]
    await fake.settle()
    assert len(registry) == 0 and fake.pending == 0


async def test_stop_all_right_after_start_still_ends_cleanly() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    registry = GameRegistry(clock=fake.clock, sleep=fake.sleep)
    runner = registry.start(1, 1, _game(2), sink)
    assert await registry.stop_all() == 1
    assert sink.events[-1].reason == "shutdown"  # type: ignore[union-attr]
    assert runner.done and len(registry) == 0


async def test_a_game_ended_before_its_task_runs_never_starts() -> None:
    fake, sink = FakeTime(start=0.0), Recorder()
    runner = _runner(fake, _game(2), sink)
    runner.start()
    await runner.end("shutdown")
    await fake.run(runner.task)  # type: ignore[arg-type]
    assert _types(sink.events) == [GameFinished]
    assert await runner.wait() == sink.events[-1]


async def test_stop_all_finishes_even_when_the_sink_fails_on_every_end_event(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A broken store at shutdown must not leave the game asleep until its deadline."""
    fake, sink = FakeTime(start=0.0), Recorder()
    registry = GameRegistry(clock=fake.clock, sleep=fake.sleep)

    async def refuse(event: Event) -> None:
        raise RuntimeError("disk I/O error")

    runner = registry.start(1, 1, _game(3, seconds=120), sink)
    await fake.advance(1)  # question 1 is open, its deadline 119 s away
    sink.hooks[QuestionClosed] = refuse
    sink.hooks[GameFinished] = refuse
    with caplog.at_level(logging.ERROR, logger="bot.runner"):
        assert await registry.stop_all("shutdown") == 1
    assert runner.done and len(registry) == 0
    assert fake.now == 1  # nobody had to wait for the deadline
    assert isinstance(sink.events[-1], GameFinished)
    assert sink.events[-1].reason == "error"
