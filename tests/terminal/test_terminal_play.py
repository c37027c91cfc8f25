"""`play` in-process: piped answers, a fake clock, and the scores in a real SQLite file."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

from bot.session.identity import LOCAL_GUILD_ID
from bot.store import open_store
from bot.terminal.input import StringSource
from bot.terminal.lock import terminal_games_lock
from bot.terminal.options import PlayOptions, local_player
from bot.terminal.play import play
from tests.engine.engine_fakes import FakeTime
from tests.pg import db, postgres_server
from tests.terminal.terminal_helpers import answer_key, plain_console, shipped_bank

__all__ = ["db", "postgres_server"]  # some tests run on SQLite and on PostgreSQL

#: a fixed wall-clock time for the store (2026-01-15 12:00 UTC)
WALL = 1_768_478_400.0
MINA = local_player("Mina")
T = TypeVar("T")


class Silence:
    """Input that never arrives (a player who walked away); ``reading`` is set once asked for."""

    def __init__(self) -> None:
        self.reading = asyncio.Event()

    async def read(self) -> str | None:
        self.reading.set()
        await asyncio.Event().wait()
        return None


async def _with_fake_time(fake: FakeTime, coro: Awaitable[T]) -> T:
    """Run ``coro``, moving the fake clock a second at a time whenever the game sleeps.

    The store works in aiosqlite's thread, so this waits (briefly, for real) on the task
    itself rather than only spinning the loop.
    """
    task = asyncio.ensure_future(coro)
    while not task.done():
        await asyncio.wait({task}, timeout=0.005)
        if not task.done() and fake.pending:
            await fake.advance(1.0)
    return task.result()


async def _play(
    db: str | Path,
    options: PlayOptions,
    text: str,
    *,
    fake: FakeTime | None = None,
    source: object = None,
    stop: asyncio.Event | None = None,
) -> tuple[int, str]:
    fake = fake or FakeTime()
    console, buffer = plain_console()
    status = await play(
        options,
        MINA,
        db_path=db,
        bank=shipped_bank(),
        source=source or StringSource(text),  # type: ignore[arg-type]
        console=console,
        clock=fake.clock,
        sleep=fake.sleep,
        wallclock=lambda: WALL,
        stop=stop,
    )
    return status, buffer.getvalue()


def _ranking_row(out: str, name: str = "Mina") -> list[str]:
    tail = out[out.index("Final ranking") :]
    return next(line for line in tail.splitlines() if f" {name} " in line).split()


async def _board(db: str | Path) -> list[tuple[str, int, int, int, int]]:
    store = await open_store(db, now=WALL)
    try:
        page = await store.leaderboard(LOCAL_GUILD_ID, "all", WALL)
    finally:
        await store.close()
    return [(r.name, r.points, r.right, r.answered, r.games) for r in page.rows]


async def _last_game_status(db: str | Path) -> tuple[str, int]:
    store = await open_store(db, now=WALL)
    try:
        (game,) = await store.recent_games(LOCAL_GUILD_ID, limit=1)
    finally:
        await store.close()
    return game.status, game.asked


async def test_choice_game_from_piped_lines_ranks_and_records(db: str | Path) -> None:
    """Also `TRIVIA_DB=postgresql://... trivia-bot play`: the same game on PostgreSQL."""
    options = PlayOptions(questions=3, seed=1, player="Mina")
    key = answer_key(options, MINA)
    # right, right (streak +100), wrong: answered at once, so 1000 + 1100
    lines = [key[0].right_letter, str(key[1].correct_option + 1), key[2].wrong_letter]  # type: ignore[operator]
    status, out = await _play(db, options, "\n".join(lines) + "\n")
    assert status == 0
    assert "Game over: 3 of 3 questions played." in out
    assert _ranking_row(out) == ["1", "Mina", "2100", "2/3", "2"]
    assert f"> {lines[0]}" in out and f"> {lines[2]}" in out
    assert "Mina: right, +1100 points (streak 2)" in out
    assert isinstance(db, str) or db.exists()
    assert await _board(db) == [("Mina", 2100, 2, 3, 1)]
    assert await _last_game_status(db) == ("completed", 3)


async def test_typed_game_takes_up_to_three_guesses(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    options = PlayOptions(questions=3, seed=5, mode="typed", player="Mina")
    key = answer_key(options, MINA)
    lines = [
        key[0].question.answer.upper(),  # right at once: 1000 + 200 first
        "definitely not it",
        key[1].question.answer,  # right on the 2nd guess: 1000 + 200 + 100 streak
        "nope",
        "still no",
        "give up",
    ]
    status, out = await _play(db, options, "\n".join(lines))
    assert status == 0
    assert "Not it. 2 guesses left." in out
    assert "Not it. No guesses left." in out
    assert _ranking_row(out) == ["1", "Mina", "2500", "2/3", "2"]
    assert await _board(db) == [("Mina", 2500, 2, 3, 1)]


async def test_invalid_lines_are_refused_without_using_the_answer(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    options = PlayOptions(questions=1, seed=2, player="Mina")
    (only,) = answer_key(options, MINA)
    status, out = await _play(db, options, f"E\n7\n\n{only.right_letter}\n")
    assert status == 0
    assert out.count("Answer with a letter A-D or a number 1-4.") == 3
    assert "> E\n" in out and "> 7\n" in out
    assert _ranking_row(out) == ["1", "Mina", "1000", "1/1", "1"]


async def test_end_of_input_stops_the_game_and_keeps_the_points(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    options = PlayOptions(questions=5, seed=3, player="Mina")
    key = answer_key(options, MINA)
    status, out = await _play(db, options, key[0].right_letter + "\n")
    assert status == 0
    assert "Input ended: stopping the game." in out
    assert "Game stopped after 2 of 5 questions." in out
    assert _ranking_row(out) == ["1", "Mina", "1000", "1/2", "1"]
    assert await _last_game_status(db) == ("stopped", 2)
    assert (await _board(db))[0][:3] == ("Mina", 1000, 1)


async def test_a_question_nobody_answers_closes_on_time(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    fake = FakeTime()
    options = PlayOptions(questions=2, seed=3, seconds=10, player="Mina")
    status, out = await _with_fake_time(fake, _play(db, options, "", fake=fake, source=Silence()))
    assert status == 0
    assert out.count("Time's up!") == 2
    assert "Mina: no answer" in out
    assert _ranking_row(out) == ["1", "Mina", "0", "0/2", "0"]
    assert fake.now == 1000.0 + 2 * 10


async def test_ctrl_c_stops_cleanly_with_status_130(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    stop = asyncio.Event()
    options = PlayOptions(questions=3, seed=1, player="Mina")
    silence = Silence()
    game = asyncio.ensure_future(_play(db, options, "", source=silence, stop=stop))
    # Ctrl-C while the first question waits for an answer
    await asyncio.wait_for(silence.reading.wait(), 5)
    stop.set()
    status, out = await asyncio.wait_for(game, 5)
    assert status == 130
    assert "Stopping the game." in out
    assert "Game stopped after 1 of 3 questions." in out
    assert _ranking_row(out) == ["1", "Mina", "0", "0/1", "0"]
    assert await _last_game_status(db) == ("stopped", 1)


async def test_scores_accumulate_per_name_across_games(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    options = PlayOptions(questions=1, seed=9, player="Mina")
    first = answer_key(options, MINA)[0]
    await _play(db, options, first.right_letter)
    store = await open_store(db, now=WALL)
    try:
        recent = tuple(await store.recent_question_keys(LOCAL_GUILD_ID, 0, 200))
    finally:
        await store.close()
    second = answer_key(options, MINA, recent=recent)[0]
    # the same seed does not repeat the question this "channel" just saw
    assert second.question.key != first.question.key
    status, out = await _play(db, options, second.right_letter)
    assert status == 0
    assert await _board(db) == [("Mina", 2000, 2, 2, 2)]
    assert re.search(r"Mina: right, \+1000 points", out)


async def _running_local_game(db: Path) -> int:
    """A local game left "running" (by a killed process, or by one still playing)."""
    store = await open_store(db, now=WALL, recover=None)
    try:
        return await store.create_game(LOCAL_GUILD_ID, 0, ["p"], "choice", MINA, WALL)
    finally:
        await store.close()


async def _status_of(db: Path, game_id: int) -> str:
    store = await open_store(db, now=WALL, recover=None)
    try:
        game = await store.get_game(game_id)
    finally:
        await store.close()
    assert game is not None
    return game.status


async def test_a_game_left_running_by_a_killed_process_is_marked_interrupted(
    tmp_path: Path,
) -> None:
    db = tmp_path / "trivia.sqlite3"
    left = await _running_local_game(db)
    await _play(db, PlayOptions(questions=1, seed=1, player="Mina"), "A\n")
    assert await _status_of(db, left) == "interrupted"


async def test_a_terminal_game_still_playing_beside_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    with terminal_games_lock(db) as alone:  # another terminal game, playing right now
        assert alone
        other = await _running_local_game(db)
        await _play(db, PlayOptions(questions=1, seed=1, player="Mina"), "A\n")
        assert await _status_of(db, other) == "running"


def test_the_lock_tells_a_game_whether_it_is_the_only_one(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    with terminal_games_lock(db) as first, terminal_games_lock(db) as second:
        assert (first, second) == (True, False)
    with terminal_games_lock(db) as later:
        assert later  # the others have ended (or were killed: the OS drops their locks)
