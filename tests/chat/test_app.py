"""`trivia-bot run`: a missing or bad token is one line on stderr; a signal shuts down cleanly."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from fakediscord import TOKEN, FakeDiscord, point_discord_at
from fakediscord.harness import fake_in_thread

from bot.chat.app import MISSING_INTENT, MISSING_TOKEN, run
from bot.chat.client import TriviaBot
from bot.config import Settings

from .conftest import MemoryStore


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """run() configures logging for a real process; put the test process's back afterwards."""
    root, library = logging.getLogger(), logging.getLogger("discord")
    saved = (root.handlers[:], root.level, library.level)
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    library.setLevel(saved[2])


@pytest.fixture
def threaded_fake(monkeypatch: pytest.MonkeyPatch, restore_logging: None) -> Iterator[FakeDiscord]:
    """A fake Discord on its own thread, because run() owns its event loop."""
    with fake_in_thread() as fake:
        point_discord_at(monkeypatch, fake)
        yield fake


class Opened:
    """A test opener: a TriviaBot on a memory store, recording what happened to it."""

    def __init__(self) -> None:
        self.closed_store = False
        self.hook_ran_while_connected: bool | None = None

    @asynccontextmanager
    async def __call__(self, settings: Settings) -> AsyncIterator[TriviaBot]:
        try:
            async with TriviaBot(
                settings, store=MemoryStore(), bank=None, guild_ready_timeout=0.05
            ) as bot:
                yield bot
        finally:
            self.closed_store = True


def test_run_without_a_token_prints_one_line_and_fails(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN" and not k.startswith("TRIVIA_")
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stderr.splitlines() == [MISSING_TOKEN]


def test_run_with_a_rejected_token_prints_one_line_and_fails(
    threaded_fake: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = Opened()
    status = run(Settings(discord_token="not-the-token"), opener=opened)
    lines = capsys.readouterr().err.splitlines()
    assert status == 1
    assert len(lines) == 1 and lines[0].startswith("Discord rejected DISCORD_TOKEN: ")
    assert opened.closed_store


def test_run_refused_the_message_content_intent_prints_how_to_enable_it(
    threaded_fake: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    threaded_fake.allow_privileged = False
    status = run(Settings(discord_token=TOKEN, trivia_typed_answers=True), opener=Opened())
    assert status == 1
    assert capsys.readouterr().err.splitlines()[-1] == MISSING_INTENT
    assert threaded_fake.close_codes == [4014]


def test_sigterm_runs_the_shutdown_hooks_while_connected_then_exits_0(
    threaded_fake: FakeDiscord,
) -> None:
    channel = threaded_fake.world.guild("Soundtrack Fans").channel("trivia")
    opened = Opened()

    @asynccontextmanager
    async def opener(settings: Settings) -> AsyncIterator[TriviaBot]:
        async with opened(settings) as bot:

            async def end_games() -> None:
                target = bot.get_channel(channel.id)
                assert target is not None
                await target.send("The game was stopped: the bot is restarting.")  # type: ignore[union-attr]

            async def signal_when_ready() -> None:
                os.kill(os.getpid(), signal.SIGTERM)

            bot.add_shutdown_hook(end_games)
            bot.add_listener(signal_when_ready, "on_ready")
            yield bot

    status = run(Settings(discord_token=TOKEN), opener=opener)
    assert status == 0
    assert [m.content for m in threaded_fake.channel_messages(channel.id)] == [
        "The game was stopped: the bot is restarting."
    ]
    assert opened.closed_store


def test_run_with_a_broken_question_folder_prints_one_line_and_fails(
    threaded_fake: FakeDiscord, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "questions").mkdir()
    settings = Settings(
        discord_token=TOKEN,
        trivia_db=str(tmp_path / "t.sqlite3"),
        trivia_questions=str(tmp_path / "questions"),
        trivia_shipped_packs=False,
    )
    assert run(settings) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cannot start: ")
    assert threaded_fake.requests == []
