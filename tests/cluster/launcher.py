"""Test-only launcher: `trivia-bot run` pointed at the stand-in for Discord, on a fast clock.

The cluster test starts real bot processes with ``python -m tests.cluster.launcher``. The
shipped bot has no setting for another Discord: this module, which only the tests run, points
discord.py's REST base and gateway at the URLs in the environment, makes game time pass
``TRIVIA_TEST_CLOCK_SPEED`` times faster (a 20 s question lasts 2 s at 10), then runs the
real ``trivia-bot run``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable
from typing import Any

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.__main__ import main
from bot.chat import client

API_ENV = "TRIVIA_TEST_DISCORD_API"
GATEWAY_ENV = "TRIVIA_TEST_DISCORD_GATEWAY"
SPEED_ENV = "TRIVIA_TEST_CLOCK_SPEED"


def install(environ: dict[str, str]) -> None:
    """Point discord.py at the stand-in and put every TriviaBot on the fast clock."""
    Route.BASE = environ[API_ENV]
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(environ[GATEWAY_ENV])
    speed = float(environ.get(SPEED_ENV, "1"))
    original = client.TriviaBot.__init__

    def fast_init(self: client.TriviaBot, *args: Any, **options: Any) -> None:
        # ready soon after the last GUILD_CREATE (discord.py waits 2 s by default)
        options.setdefault("guild_ready_timeout", 0.1)
        original(self, *args, **options)
        start = time.monotonic()
        self.clock = lambda: start + (time.monotonic() - start) * speed

        def sleep(delay: float) -> Awaitable[None]:
            return asyncio.sleep(delay / speed)

        self.sleep = sleep

    client.TriviaBot.__init__ = fast_init  # type: ignore[method-assign]


if __name__ == "__main__":
    install(dict(os.environ))
    sys.exit(main(["run"]))
