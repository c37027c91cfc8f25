"""Helpers for the /trivia tests: a small bank, a bot on a fake clock, and a table to drive it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fakediscord import Callback, FakeDiscord, Member, StoredMessage, connect
from fakediscord.world import Channel, Guild

from bot.bank import Bank
from bot.chat.client import TriviaBot
from bot.config import Settings
from bot.engine.model import Pack
from bot.store import Store
from tests.engine.engine_fakes import SOURCE, FakeTime, make_question

#: the wall-clock time the fake clock's zero stands for (a Monday in June 2025, UTC)
WALL_ZERO = 1_750_000_000.0 - 1000.0


class GameTime(FakeTime):
    """FakeTime that lets a test wait until some game is sleeping on it."""

    def __init__(self, start: float = 1000.0) -> None:
        super().__init__(start)
        self._slept = asyncio.Event()

    async def sleep(self, delay: float) -> None:
        """A fake sleep that also wakes ``until_sleeping``."""
        self._slept.set()
        await super().sleep(delay)

    def wallclock(self) -> float:
        """Unix time matching the fake clock."""
        return WALL_ZERO + self.now

    async def until_sleeping(self, timeout: float = 5.0) -> None:
        """Wait (bounded) until at least one fake sleep is pending."""

        async def wait() -> None:
            while self.pending == 0:
                self._slept.clear()
                await self._slept.wait()

        await asyncio.wait_for(wait(), timeout)


def small_bank() -> Bank:
    """Two packs: "test" (8 spoiler-free questions, answer "Right") and "late" (episode 8)."""
    test = Pack(
        slug="test",
        title="Test Pack",
        description="Questions for the tests.",
        questions=tuple(make_question(f"q{i}", category="story") for i in range(1, 9)),
    )
    late = Pack(
        slug="late",
        title="Late Episodes",
        questions=tuple(
            make_question(f"l{i}", pack="late", episode=8, category="twists") for i in range(1, 4)
        ),
    )
    return Bank(packs={"test": test, "late": late}, sources={SOURCE.id: SOURCE})


def trivia_bot(
    store: Store, time: GameTime, settings: Settings | None = None, bank: Bank | None = None
) -> TriviaBot:
    """A TriviaBot with only the /trivia extension, on the fake clock."""
    bot = TriviaBot(
        settings or Settings(),
        store=store,
        bank=bank or small_bank(),
        extensions=("bot.chat.trivia",),
        guild_ready_timeout=0.05,
    )
    bot.clock = time.clock
    bot.sleep = time.sleep
    bot.wallclock = time.wallclock
    return bot


class Table:
    """One connected bot, its fake Discord and clock, and shortcuts for a guild's members."""

    def __init__(self, fake: FakeDiscord, bot: TriviaBot, time: GameTime, store: Store) -> None:
        self.fake = fake
        self.bot = bot
        self.time = time
        self.store = store
        self.guild: Guild = fake.world.guild("Soundtrack Fans")

    def member(self, name: str) -> Member:
        """A member of the main guild."""
        return self.guild.member(name)

    def channel(self, name: str = "trivia") -> Channel:
        """A channel of the main guild."""
        return self.guild.channel(name)

    async def command(self, command: str, member: str | Member, **options: Any) -> Callback:
        """Run a slash command and return the bot's response."""
        who = self.member(member) if isinstance(member, str) else member
        sent = await self.fake.slash(command, member=who, **options)
        return await self.fake.wait_for_callback(sent)

    async def start(self, member: str | Member = "alice", **options: Any) -> Callback:
        """/trivia start; the response."""
        return await self.command("trivia start", member, **options)

    async def click(
        self,
        message: StoredMessage,
        member: str,
        *,
        label: str | None = None,
        custom_id: str | None = None,
    ) -> Callback:
        """Click a button and return the bot's response."""
        sent = await self.fake.click(
            message, member=self.member(member), label=label, custom_id=custom_id
        )
        return await self.fake.wait_for_callback(sent)

    async def question(self, number: int, channel: Channel | None = None) -> StoredMessage:
        """The message of question ``number`` in a channel, once posted."""
        where = (channel or self.channel()).id
        return await self.fake.wait_until(
            lambda: next(
                (
                    m
                    for m in self.fake.channel_messages(where)
                    if m.embeds and m.embeds[0].get("title", "").startswith(f"Question {number}/")
                ),
                None,
            ),
            what=f"question {number}",
        )

    async def final(self, channel: Channel | None = None) -> StoredMessage:
        """The final ranking message in a channel, once posted."""
        where = (channel or self.channel()).id
        return await self.fake.wait_until(
            lambda: next(
                (
                    m
                    for m in self.fake.channel_messages(where)
                    if m.embeds and m.embeds[0].get("title") == "Final ranking"
                ),
                None,
            ),
            what="the final ranking",
        )

    async def revealed(self, message: StoredMessage) -> StoredMessage:
        """``message`` once it shows the reveal."""
        return await self.fake.wait_until(
            lambda: message if len(message.embeds) == 2 else None, what="the reveal"
        )

    async def advance(self, seconds: float) -> None:
        """Let ``seconds`` of game time pass, once a game is waiting on the clock."""
        await self.time.settle()
        await self.time.until_sleeping()
        await self.time.advance(seconds)


def labels(message: StoredMessage) -> list[str]:
    """Every button label on a message."""
    return [b.get("label", "") for b in message.buttons()]


@asynccontextmanager
async def table(
    fake: FakeDiscord,
    store: Store,
    *,
    settings: Settings | None = None,
    bank: Bank | None = None,
    make: Callable[..., TriviaBot] = trivia_bot,
) -> AsyncIterator[Table]:
    """A connected bot on a fake clock, as a Table."""
    time = GameTime()
    bot = make(store, time, settings, bank)
    async with connect(bot, fake):
        yield Table(fake, bot, time, store)


#: a small pack a server imports (used by the catalog and board tests)
FAN_PACK = """\
pack: fan-made
title: Fan Made
questions:
  - id: one
    question: "Who wrote this pack?"
    answer: The fans
    wrong_answers: [Nobody, A robot, The cast]
    category: fandom
"""
