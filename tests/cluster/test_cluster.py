"""Two real `trivia-bot run` processes (shards 0 and 1 of 2) on one PostgreSQL and the stand-in.

Games run in a server on each shard at once; the process of shard 0 is killed (SIGKILL)
mid-game and started again: the other process's game goes on and finishes, stored as
completed, and the restarted process closes in public only its own interrupted game.
Game time: the test-only launcher runs the bots' game clock 10 times faster than real time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from fakediscord import FakeDiscord, StoredMessage
from fakediscord.world import Guild, sharded_world

from bot.store import open_store
from bot.store.types import GameSummary
from tests.cluster.launcher import API_ENV, GATEWAY_ENV, SPEED_ENV
from tests.pg import PostgresServer, postgres_server

__all__ = ["postgres_server"]

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
SHARDS = 2
SPEED = 10
#: bounds for each wait (real seconds); the whole test takes about 15 s
START = 20.0
STEP = 15.0


class BotProcess:
    """One `trivia-bot run` process holding one shard, its stderr in a log file."""

    def __init__(self, fake: FakeDiscord, db: str, shard: int, folder: Path) -> None:
        self.fake, self.db, self.shard, self.folder = fake, db, shard, folder
        self.proc: asyncio.subprocess.Process | None = None
        self.starts = 0

    @property
    def log(self) -> Path:
        """The current run's stderr."""
        return self.folder / f"shard{self.shard}-run{self.starts}.log"

    async def start(self) -> None:
        """Start the process (it connects to the stand-in by itself)."""
        self.starts += 1
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIVIA_", "DISCORD_"))}
        env.update(
            DISCORD_TOKEN=self.fake.token,
            TRIVIA_DB=self.db,
            TRIVIA_SHARD_COUNT=str(SHARDS),
            TRIVIA_SHARDS=str(self.shard),
            LOG_LEVEL="INFO",
            PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
            **{
                API_ENV: self.fake.api_base,
                GATEWAY_ENV: self.fake.gateway_url,
                SPEED_ENV: str(SPEED),
            },
        )
        with self.log.open("wb") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.cluster.launcher",
                cwd=self.folder,  # no .env here: only the settings above
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.proc is not None and self.proc.returncode is None

    async def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, its game stays marked running."""
        if self.running:
            assert self.proc is not None
            self.proc.send_signal(signal.SIGKILL)
            await asyncio.wait_for(self.proc.wait(), STEP)

    async def stop(self) -> None:
        """SIGTERM (a clean shutdown), killed if it does not exit in time."""
        if not self.running:
            return
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), STEP)
        except TimeoutError:
            await self.kill()

    def tail(self) -> str:
        """The end of the current run's log, for failure messages."""
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@asynccontextmanager
async def cluster(db: str, folder: Path) -> AsyncIterator[tuple[FakeDiscord, list[BotProcess]]]:
    """The stand-in (in this process) and one bot process per shard, all stopped on exit."""
    fake = FakeDiscord(sharded_world(SHARDS))
    await fake.start()
    bots = [BotProcess(fake, db, shard, folder) for shard in range(SHARDS)]
    try:
        for bot in bots:
            await bot.start()
        yield fake, bots
    except BaseException:
        for bot in bots:
            print(f"--- shard {bot.shard} (run {bot.starts}) ---\n{bot.tail()}", file=sys.stderr)
        raise
    finally:
        for bot in bots:
            await bot.stop()
        await fake.close()


def question(fake: FakeDiscord, guild: Guild, number: int) -> StoredMessage | None:
    """Question ``number``'s message in the guild's #trivia, if posted."""
    return next(
        (
            m
            for m in fake.channel_messages(guild.channel("trivia").id)
            if m.embeds and m.embeds[0].get("title", "").startswith(f"Question {number}/")
        ),
        None,
    )


def has_message(fake: FakeDiscord, guild: Guild, test: Callable[[StoredMessage], bool]) -> bool:
    """Whether the guild's #trivia has a message passing ``test``."""
    return any(test(m) for m in fake.channel_messages(guild.channel("trivia").id))


def interrupted_notice(message: StoredMessage) -> bool:
    """The restart's notice (bot/chat/trivia/recovery.py)."""
    return "interrupted by a restart" in (message.content or "")


def final_ranking(message: StoredMessage) -> bool:
    """A game's final ranking."""
    return bool(message.embeds) and message.embeds[0].get("title") == "Final ranking"


async def start_game(fake: FakeDiscord, guild: Guild, **options: Any) -> None:
    """alice runs /trivia start; the bot must accept (a public response)."""
    sent = await fake.slash("trivia start", member=guild.member("alice"), **options)
    answer = await fake.wait_for_callback(sent, STEP)
    assert not answer.ephemeral, answer


async def only_game(db: str, guild: Guild) -> GameSummary:
    """The guild's one stored game, as the database has it now."""
    store = await open_store(db, recover=None)
    try:
        games = await store.recent_games(guild.id)
    finally:
        await store.close()
    assert len(games) == 1, games
    return games[0]


async def poll(check: Callable[[], Any], what: str, timeout: float = STEP) -> Any:
    """Await ``check()`` (a coroutine function) until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = await check()
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.05)  # real time: the bots are other processes


async def test_a_killed_shard_recovers_only_its_games_and_the_other_plays_on(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    db = await postgres_server.new_database()
    async with cluster(db, tmp_path) as (fake, (zero, one)):
        first, second = fake.world.guilds  # on shards 0 and 1
        everyone = {(0, SHARDS), (1, SHARDS)}
        await fake.wait_until(
            lambda: fake.shards_online() == everyone and fake.syncs,
            START,
            "both shards online and the commands synced",
        )
        # each process identified with its own shard, and only shard 0's synced the commands
        assert sorted(i["shard"] for i in fake.identifies) == [[0, SHARDS], [1, SHARDS]]
        assert len(fake.syncs) == 1

        # a long game on shard 0 (6 s a question), a short one on shard 1 (3 s a question)
        await start_game(fake, first, questions=10, seconds=60)
        await start_game(fake, second, questions=4, seconds=30)
        shown = await fake.wait_until(lambda: question(fake, first, 1), STEP, "shard 0's Q1")
        await fake.click(shown, member=first.member("bob"), label=shown.buttons()[0]["label"])
        theirs = await fake.wait_until(lambda: question(fake, second, 1), STEP, "shard 1's Q1")
        await fake.click(theirs, member=second.member("bob"), label=theirs.buttons()[0]["label"])
        # the question on screen is stored before the kill, so the restart can close it
        await poll(lambda: _message_stored(db, first), "shard 0's question message to be stored")

        await zero.kill()
        assert (await only_game(db, first)).status == "running"  # killed: nothing closed it
        await zero.start()

        # the restarted process closes its own game in public...
        await fake.wait_until(
            lambda: has_message(fake, first, interrupted_notice), START, "the restart's notice"
        )
        await fake.wait_until(
            lambda: all(b.get("disabled") for b in shown.buttons()), STEP, "Q1's buttons disabled"
        )
        assert (await only_game(db, first)).status == "interrupted"
        # ...while shard 1's game, live all along, was left alone
        assert (await only_game(db, second)).status == "running"
        assert one.running

        await fake.wait_until(
            lambda: has_message(fake, second, final_ranking), START, "shard 1's final ranking"
        )
        done = await poll(lambda: _finished(db, second), "shard 1's game to be stored")
        assert (done.status, done.asked) == ("completed", 4)
        assert not has_message(fake, second, interrupted_notice)
        assert one.running and zero.running
        # the restart found the commands unchanged: still the one sync
        assert len(fake.syncs) == 1


async def _message_stored(db: str, guild: Guild) -> bool:
    return (await only_game(db, guild)).message_id is not None


async def _finished(db: str, guild: Guild) -> GameSummary | None:
    game = await only_game(db, guild)
    return game if game.status != "running" else None
