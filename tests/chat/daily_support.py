"""Helpers for the daily question's tests: a bot with the daily cog on a fake clock shared
across restarts, the /trivia-admin daily command with a channel option, and moving the days."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fakediscord import FakeDiscord, StoredMessage, connect, payloads
from fakediscord.actions import APPLICATION_COMMAND
from fakediscord.world import Channel

from bot.chat.client import TriviaBot
from bot.config import Settings
from bot.store import Store

from .trivia_helpers import GameTime, Table, small_bank

CHANNEL_OPTION = 7
EXTENSIONS = ("bot.chat.trivia", "bot.chat.admin", "bot.chat.daily", "bot.chat.suggestions")


def daily_bot(store: Store, time: GameTime) -> TriviaBot:
    """A TriviaBot with /trivia, /trivia-admin and the daily question, on the fake clock."""
    bot = TriviaBot(
        Settings(), store=store, bank=small_bank(), extensions=EXTENSIONS, guild_ready_timeout=0.05
    )
    bot.clock = time.clock
    bot.sleep = time.sleep
    bot.wallclock = time.wallclock
    return bot


@asynccontextmanager
async def running(fake: FakeDiscord, store: Store, time: GameTime) -> AsyncIterator[Table]:
    """One run of the bot (leaving the block stops it: a restart is a second block)."""
    bot = daily_bot(store, time)
    async with connect(bot, fake):
        table = Table(fake, bot, time, store)
        await scheduler_asleep(table)
        yield table


def utc(text: str) -> float:
    """Unix time of ``YYYY-MM-DD HH:MM`` UTC."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC).timestamp()


async def scheduler_asleep(t: Table) -> None:
    """Wait (bounded, in real time) until the scheduler is done and sleeping on the clock."""
    await t.time.settle()
    await t.time.until_sleeping()


async def pass_until(t: Table, when: float) -> None:
    """Move the wall clock to ``when``, letting the scheduler finish each wake-up first."""
    target = t.time.now + (when - t.time.wallclock())
    while True:
        await scheduler_asleep(t)
        timer = t.time._next_timer()
        if timer is None or timer[0] > target:
            await t.time.advance_to(target)
            await scheduler_asleep(t)
            return
        await t.time.advance_to(timer[0])


async def with_channel(
    t: Table, words: str, channel: Channel, who: str = "manager", **options: Any
) -> dict[str, Any]:
    """A ``/trivia-admin`` subcommand with a ``channel`` option (the fake's ``slash`` resolves
    members and roles only); returns the interaction sent."""
    member = t.member(who)
    definition = t.fake.registered_command("trivia-admin", member.guild.id)
    path = words.split()
    data = payloads.command_data(definition, path, options)
    inner = data["options"][0]
    if len(path) == 2:  # a subcommand of a group
        inner = inner["options"][0]
    inner.setdefault("options", []).insert(
        0, {"name": "channel", "type": CHANNEL_OPTION, "value": str(channel.id)}
    )
    resolved: dict[str, Any] = {**channel.payload(), "permissions": str((1 << 41) - 1)}
    data["resolved"] = {"channels": {str(channel.id): resolved}}
    return await t.fake._interact(APPLICATION_COMMAND, member, None, data)


async def set_daily(t: Table, channel: Channel, who: str = "manager", **options: Any) -> str:
    """``/trivia-admin daily`` with ``channel`` and ``options``; the reply's text."""
    sent = await with_channel(t, "daily", channel, who, **options)
    reply = await t.fake.wait_for_callback(sent)
    return str(reply.content)


def dailies(t: Table) -> list[StoredMessage]:
    """The daily question messages in #trivia, oldest first."""
    return [
        m
        for m in t.fake.channel_messages(t.channel().id)
        if m.embeds and m.embeds[0].get("title", "").startswith("Daily question")
    ]


async def daily_of(t: Table, day: str) -> StoredMessage:
    """The daily question message of ``day`` (YYYY-MM-DD), once posted."""
    title = f"Daily question · {day}"
    return await t.fake.wait_until(
        lambda: next((m for m in dailies(t) if m.embeds[0]["title"] == title), None),
        what=f"the daily of {day}",
    )
