"""Test glue: point discord.py at the fake, run a bot against it, run the fake in a thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import pytest
import yarl
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord


def point_discord_at(monkeypatch: pytest.MonkeyPatch, fake: FakeDiscord) -> None:
    """Send discord.py's REST calls and gateway connection to `fake` (undone after the test)."""
    monkeypatch.setattr(Route, "BASE", fake.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))


@asynccontextmanager
async def connect(
    bot: commands.Bot, fake: FakeDiscord, *, token: str | None = None, timeout: float = 5.0
) -> AsyncIterator[commands.Bot]:
    """Start `bot` against `fake`, wait until it is ready with every guild, close it on exit.

    Build the bot with `guild_ready_timeout=0.05` (discord.py waits that long after the
    last GUILD_CREATE before `on_ready`). If the bot fails to start, its exception is raised."""
    running = asyncio.create_task(bot.start(token or fake.token), name="fake-bot")
    ready = asyncio.create_task(_ready_with_guilds(bot, fake))
    try:
        done, _ = await asyncio.wait(
            {running, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if running in done:
            running.result()
            raise AssertionError("the bot stopped before it was ready")
        if ready not in done:
            raise AssertionError(f"the bot was not ready within {timeout}s")
        yield bot
    finally:
        ready.cancel()
        if not bot.is_closed():
            await bot.close()
        if not running.done():
            await asyncio.wait_for(running, timeout)


async def _ready_with_guilds(bot: commands.Bot, fake: FakeDiscord) -> None:
    await bot.wait_until_ready()

    def missing() -> list[int]:
        return [
            g.id
            for g in fake.world.guilds
            if (found := bot.get_guild(g.id)) is None or found.unavailable
        ]

    # a GUILD_CREATE that arrived after on_ready still counts: wait for its event
    while missing():
        await bot.wait_for("guild_available")


@contextmanager
def fake_in_thread(fake: FakeDiscord | None = None) -> Iterator[FakeDiscord]:
    """Run a FakeDiscord in its own thread and loop, for code that calls asyncio.run itself."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-discord", daemon=True)
    thread.start()
    server = fake
    try:
        server = asyncio.run_coroutine_threadsafe(_started(fake), loop).result(10)
        yield server
    finally:
        if server is not None:
            asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


async def _started(fake: FakeDiscord | None) -> FakeDiscord:
    server = fake or FakeDiscord()
    await server.start()
    return server
