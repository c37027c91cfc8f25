"""The recording sink: a game run by the runner leaves every closed question in the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.engine.config import GameConfig
from bot.engine.events import Event, GameFinished, QuestionAsked, QuestionClosed
from bot.engine.game import Game
from bot.recording import RETRY_DELAYS, GameRecorder, RetryingRecorder, chain, lost_message
from bot.runner import GameRunner
from bot.store import open_store
from tests.engine.engine_fakes import ALICE, BOB, FakeTime, Recorder, make_questions
from tests.pg import db, postgres_server

__all__ = ["db", "postgres_server"]  # each test runs on SQLite and on PostgreSQL

GUILD, CHANNEL = 7, 70


async def test_recorder_writes_each_closed_question_and_the_end(db: str | Path) -> None:
    time = FakeTime()
    store = await open_store(db)
    try:
        questions = make_questions(3)
        config = GameConfig(questions=3, seconds=10, reveal_seconds=0, seed=1)
        game = Game(questions, config, players=(ALICE, BOB))
        game_id = await store.create_game(GUILD, CHANNEL, ["test"], "choice", ALICE, at=0.0)
        seen = Recorder()
        recorder = GameRecorder(store, game_id, GUILD, wallclock=lambda: 1_700_000_000.0)
        runner = GameRunner(game, chain(recorder, seen), clock=time.clock, sleep=time.sleep)
        runner.start()
        await time.settle()
        for _ in range(3):
            asked = seen.of(QuestionAsked)[-1]
            right = asked.options.index(asked.question.answer)
            await runner.answer(ALICE, right)
            await runner.answer(BOB, (right + 1) % 4)
            await time.settle()
        await time.run(runner.wait())

        assert len(seen.of(QuestionClosed)) == 3
        finished = seen.of(GameFinished)[0]
        summary = await store.get_game(game_id)
        assert summary is not None
        assert (summary.status, summary.asked) == ("completed", finished.asked)
        page = await store.leaderboard(GUILD, "all", now=1_700_000_000.0)
        by_name = {row.name: row for row in page.rows}
        assert by_name["Alice"].right == 3 and by_name["Bob"].right == 0
        assert by_name["Alice"].points == finished.ranking[0].points
        assert by_name["Bob"].points == 0
    finally:
        await store.close()


async def test_a_crash_on_a_reveal_stores_no_round_for_the_question_never_shown(
    db: str | Path,
) -> None:
    # With no reveal pause, closing question 1 and asking question 2 come in one batch.
    time = FakeTime()
    store = await open_store(db)
    try:
        config = GameConfig(questions=3, seconds=10, reveal_seconds=0, seed=1)
        game = Game(make_questions(3), config, players=(ALICE,))
        game_id = await store.create_game(GUILD, CHANNEL, ["test"], "choice", ALICE, at=0.0)
        recorder = GameRecorder(store, game_id, GUILD, wallclock=lambda: 1_700_000_000.0)
        seen = Recorder()

        async def flaky(event: Event) -> None:
            if isinstance(event, QuestionClosed) and event.index == 1:
                raise RuntimeError("disk I/O error")

        runner = GameRunner(game, chain(flaky, recorder, seen), clock=time.clock, sleep=time.sleep)
        runner.start()
        await time.advance(10)
        # the store's writes are real I/O: wait for them, not for virtual time
        await runner.wait()

        assert [e.index for e in seen.of(QuestionAsked)] == [1]
        assert seen.of(QuestionClosed) == []
        finished = seen.of(GameFinished)[0]
        assert finished.reason == "error" and finished.asked == 1
        assert [row.right_of_asked for row in finished.ranking] == ["0/1"]
        assert await store.recent_question_keys(GUILD, CHANNEL, 10) == []
        summary = await store.get_game(game_id)
        assert summary is not None and (summary.status, summary.asked) == ("error", 1)
    finally:
        await store.close()


async def test_the_retrying_recorder_never_holds_up_the_game_and_names_what_it_lost(
    tmp_path: Path,
) -> None:
    time = FakeTime()
    store = await open_store(tmp_path / "t.sqlite3")
    try:
        config = GameConfig(questions=2, seconds=10, reveal_seconds=0, seed=1)
        game = Game(make_questions(2), config, players=(ALICE,))
        game_id = await store.create_game(GUILD, CHANNEL, ["test"], "choice", ALICE, at=0.0)
        told: list[str] = []
        calls: list[str] = []
        original = store.record_question

        async def first_always_full(*args: object, **kwargs: object) -> None:
            key = str(kwargs["question_key"])
            calls.append(key)
            if key == calls[0]:
                raise sqlite3.OperationalError("database or disk is full")
            await original(*args, **kwargs)  # type: ignore[arg-type]

        store.record_question = first_always_full  # type: ignore[method-assign]

        async def tell(text: str) -> None:
            told.append(text)

        recorder = RetryingRecorder(
            store, game_id, GUILD, sleep=time.sleep, wallclock=lambda: 1_700_000_000.0, notify=tell
        )
        seen = Recorder()
        runner = GameRunner(game, chain(recorder, seen), clock=time.clock, sleep=time.sleep)
        runner.start()
        await time.advance(10)
        await time.advance(10)
        # the game has finished although question 1 is still being retried
        assert seen.of(GameFinished) and recorder.pending
        for delay in RETRY_DELAYS:
            await time.advance(delay)
        assert await recorder.settled() == (1,)
        assert told == [lost_message(1)]
        assert calls.count(calls[0]) == 1 + len(RETRY_DELAYS)
        summary = await store.get_game(game_id)
        assert summary is not None and (summary.status, summary.asked) == ("completed", 2)
        assert await store.recent_question_keys(GUILD, CHANNEL, 10) == [calls[-1]]
    finally:
        await store.close()
