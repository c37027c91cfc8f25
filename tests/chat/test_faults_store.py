"""The database locked or full while games run: nothing lost quietly, nothing claimed saved."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from fakediscord import Callback, FakeDiscord

from bot.session.identity import LOCAL_GUILD_ID
from bot.store import Recovery, Store, open_store

from .faults_support import admin_of, every_interaction_within_3_s, full_bot, rows_about
from .trivia_helpers import Table, table

#: every test here drives SQLite itself (its write lock, its busy timeout, its error classes)
pytestmark = pytest.mark.sqlite_only

#: Discord fails an interaction not answered within this many seconds
DEADLINE = 3.0


async def timed(call: Awaitable[Callback]) -> tuple[Callback, float]:
    """An interaction's response and how long it took (wall clock)."""
    start = time.perf_counter()
    answer = await call
    return answer, time.perf_counter() - start


async def hold_write_lock(store: Store) -> sqlite3.Connection:
    """A second connection holding the write lock (BEGIN EXCLUSIVE), as another program would."""
    locker = sqlite3.connect(store.path, isolation_level=None, timeout=2.0)
    for _ in range(100):
        try:
            locker.execute("BEGIN EXCLUSIVE")
            return locker
        except sqlite3.OperationalError:
            # SQLite may refuse at once while the bot's own write holds the lock
            await asyncio.sleep(0.01)
    raise AssertionError("could not take the write lock")


async def game_answers(store: Store, game_id: int) -> int:
    """How many answer rows a game has."""
    async with (
        store._read() as db,
        db.execute(
            "SELECT count(*) FROM answers JOIN rounds ON rounds.id = answers.round_id"
            " WHERE rounds.game_id = ?",
            (game_id,),
        ) as cur,
    ):
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def test_answers_wait_out_a_write_lock_and_are_saved(
    fake_discord: FakeDiscord, db: Store, tmp_path: Any
) -> None:
    # another program holds the write lock for longer than the store's busy timeout
    await db._conn.execute("PRAGMA busy_timeout = 200")
    async with table(fake_discord, db, make=full_bot) as t:
        await t.start("alice", pack="test", questions=3, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.click(first, "alice", label="Wrong 1")
        locker = await hold_write_lock(db)
        try:
            await t.advance(20)  # question 1 closes: its write is refused
            await t.revealed(first)
            await t.advance(5)
            second = await t.question(2)  # the game goes on
            for name in ("alice", "bob"):
                answer, took = await timed(t.click(second, name, label="Right"))
                assert answer.content.startswith("Locked in") and took < DEADLINE
            shown, took = await timed(admin_of(t).run("settings"))
            assert "settings" in shown[1].content and took < DEADLINE
            game_id = (await db.recent_games(t.guild.id))[0].id
            assert await game_answers(db, game_id) == 0
            await t.advance(5)
            third = await t.question(3)
            stopped, took = await timed(t.command("trivia stop", "alice"))
            assert stopped.content == "⏹️ You stopped the game." and took < DEADLINE
            assert third.embeds
        finally:
            locker.rollback()
            locker.close()
        # the lock is gone: the next retry saves everything, then the end is posted
        await advance_until(t, lambda: _has_final(fake_discord, t))
        final = await t.final()
        assert final.content.endswith("Scores so far are saved.")
        assert "could not be saved" not in final.content
        # alice and bob on questions 1, 2 and the stopped 3 (unscored, as before the lock)
        assert await game_answers(db, game_id) == 6
        games = await db.recent_games(t.guild.id)
        assert [(g.status, g.asked) for g in games] == [("stopped", 3)]


async def test_a_full_disk_is_told_exactly_and_never_claimed_saved(
    fake_discord: FakeDiscord, db: Store, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    original = db.record_question
    refused: list[str] = []

    async def full_for_question_1(*args: Any, **kwargs: Any) -> None:
        key = str(kwargs.get("question_key"))
        if not refused or key == refused[0]:  # the first question's writes fail
            refused.append(key)
            raise sqlite3.OperationalError("database or disk is full")
        await original(*args, **kwargs)

    async with table(fake_discord, db) as t:
        monkeypatch.setattr(db, "record_question", full_for_question_1)
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.advance(20)
        first = await t.revealed(first)
        await t.advance(5)
        second = await t.question(2)
        for name in ("alice", "bob"):
            await t.click(second, name, label="Right")
        # question 1 keeps being retried for about a minute; the game does not wait
        await advance_until(t, lambda: _has_final(fake_discord, t))
        notice = next(m for m in fake_discord.channel_messages(t.channel().id) if "⚠️" in m.content)
        assert notice.content.startswith("⚠️ Question 1's answers could not be saved")
        final = await t.final()
        assert "saved." not in final.content.split("\n")[0]
        assert final.content.endswith(
            "⚠️ The answers to question 1 could not be saved: the ranking below counts them, "
            "the leaderboard does not."
        )
        assert len(refused) == 9  # the first try and 8 retries
        game = (await db.recent_games(t.guild.id))[0]
        assert (game.status, await game_answers(db, game.id)) == ("completed", 2)
        assert (await rows_about(db, t.member("bob").id))["answers"] == 1
        assert "question 1 could not be saved after 9 attempt(s)" in caplog.text


async def test_a_game_whose_end_could_not_be_written_is_ended_at_the_next_start(
    fake_discord: FakeDiscord, db: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    async def full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    async with table(fake_discord, db) as t:
        monkeypatch.setattr(db, "finish_game", full)
        await t.start("alice", pack="test", questions=1, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await advance_until(t, lambda: _has_final(fake_discord, t))
        game = (await db.recent_games(t.guild.id))[0]
        assert game.status == "running"
    reopened = await open_store(db.path, recover=Recovery(skip_guild_id=LOCAL_GUILD_ID))
    try:
        assert reopened.recovered == [game.id]
        summary = await reopened.get_game(game.id)
        assert summary is not None and (summary.status, summary.asked) == ("interrupted", 1)
    finally:
        await reopened.close()


def _has_final(fake: FakeDiscord, t: Table) -> bool:
    return any(
        m.embeds and m.embeds[0].get("title") == "Final ranking"
        for m in fake.channel_messages(t.channel().id)
    )


async def advance_until(t: Table, done: Callable[[], bool], step: float = 15.0) -> None:
    """Let game time pass in steps, while something sleeps on it, until ``done()``."""
    for _ in range(20):
        if done():
            return
        await t.time.settle()
        if t.time.pending:
            await t.time.advance(step)
        else:
            # nothing waits on the clock: the bot is busy with real I/O (the database)
            await asyncio.sleep(0.01)
    await t.fake.wait_until(lambda: done() or None, what="the condition")


__all__ = ["every_interaction_within_3_s"]


async def test_a_start_that_waits_on_a_locked_database_is_deferred_in_time(
    fake_discord: FakeDiscord, db: Store
) -> None:
    await db._conn.execute("PRAGMA busy_timeout = 2500")
    async with table(fake_discord, db) as t:
        t.bot.defer_after = 0.3
        locker = await hold_write_lock(db)
        try:
            sent = await fake_discord.slash("trivia start", member=t.member("alice"), pack="test")
            first, took = await timed(fake_discord.wait_for_callback(sent))
            assert first.type == 5 and took < DEADLINE  # "thinking…" while the store waits
            reply = await fake_discord.wait_until(
                lambda: next(iter(fake_discord.followups(sent)), None), what="the answer"
            )
        finally:
            locker.rollback()
            locker.close()
        assert reply.ephemeral
        assert reply.content.startswith("The database is busy or full right now")
        assert await db.recent_games(t.guild.id) == []
        # with the lock gone the same command starts a game
        again = await t.start("alice", pack="test", questions=1)
        assert again.type == 4 and "alice" in again.content


async def test_a_confirmed_removal_waiting_on_a_locked_database_is_acknowledged_in_time(
    fake_discord: FakeDiscord, db: Store
) -> None:
    await db._conn.execute("PRAGMA busy_timeout = 4000")
    async with table(fake_discord, db, make=full_bot) as t:
        t.bot.defer_after = 0.3
        admin = admin_of(t)
        _, prompt = await admin.run("remove-player", member=t.member("bob"))
        locker = await hold_write_lock(db)
        try:
            sent = await fake_discord.click(
                prompt, member=t.member("manager"), label="Remove their data"
            )
            ack, took = await timed(fake_discord.wait_for_callback(sent))
            assert ack.type == 6 and took < DEADLINE  # the click is acknowledged at once
        finally:
            locker.rollback()  # the other program lets go: the removal goes through
            locker.close()
        await fake_discord.wait_until(
            lambda: prompt.content.startswith("Removed all data") or None, what="the result"
        )
        assert all(b["disabled"] for b in prompt.buttons())
