"""Click path, end to end: compressed gateway frames from a stand-in Discord in another process,
through discord.py's real websocket and the bot's handlers, to the HTTP response it receives."""

from __future__ import annotations

import asyncio
import importlib
import itertools
import json
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bench import extras
from bench.common import Result, VirtualClock, median, pct, run_in_tmp
from bench.standin import APP_ID, PERMISSIONS, TIMESTAMP, TOKEN
from bot.bank import load_bank
from bot.chat.client import TriviaBot
from bot.config import Settings
from bot.engine.model import Player
from bot.startup import freeze_startup_objects
from bot.store import open_store

FULL = {"sizes": (100, 1000), "repeats": 3}
QUICK = {"sizes": (10, 20), "repeats": 1}
ROOT = Path(__file__).resolve().parent.parent
GUILD_CHANNELS, GUILD_ROLES = 30, 15
_ids = itertools.count(1_300_000_000_000_000_000)


def click_payload(
    guild_id: int, channel_id: int, user_id: int, custom_id: str, message: dict[str, Any]
) -> dict[str, Any]:
    """An INTERACTION_CREATE for a button click, with the fields Discord sends."""
    iid = next(_ids)
    return {
        "id": str(iid), "application_id": str(APP_ID), "type": 3,
        "data": {"custom_id": custom_id, "component_type": 2},
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "channel_id": str(channel_id),
        "channel": {"id": str(channel_id), "type": 0, "guild_id": str(guild_id),
                    "name": "trivia", "position": 0, "permission_overwrites": [],
                    "nsfw": False, "parent_id": None, "rate_limit_per_user": 0, "flags": 0},
        "member": {
            "user": {"id": str(user_id), "username": f"fan{user_id % 100_000}",
                     "discriminator": "0", "avatar": None, "global_name": f"Fan {user_id}"},
            "nick": None, "avatar": None, "roles": [], "joined_at": TIMESTAMP, "deaf": False,
            "mute": False, "flags": 0, "pending": False, "permissions": PERMISSIONS,
        },
        "token": f"interaction-token-{iid}", "version": 1, "message": message,
        "app_permissions": PERMISSIONS, "locale": "en-US", "guild_locale": "en-US",
        "entitlements": [], "authorizing_integration_owners": {"0": str(guild_id)},
        "context": 0, "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip


class FloorButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"floor:(?P<n>\d+)"):
    """The reference: a bare discord.py button that does nothing but answer."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="floor", custom_id=f"floor:{n}"))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FloorButton:
        """Rebuild from the clicked custom_id."""
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Answer privately, like the real button."""
        await interaction.response.send_message("ok", ephemeral=True)


class StandInProcess:
    """``python -m bench.standin`` in a child process, and a client for its control routes."""

    def __init__(self, port: int, proc: subprocess.Popen[str], session: aiohttp.ClientSession):
        self.port, self.proc, self.session = port, proc, session
        self.base = f"http://127.0.0.1:{port}"

    async def call(self, path: str, body: Any = None) -> Any:
        """POST (or GET without a body) to a control route; its JSON answer."""
        if body is None:
            async with self.session.get(self.base + path) as resp:
                return await resp.json()
        data = json.dumps(body).encode()
        async with self.session.post(self.base + path, data=data) as resp:
            return await resp.json()


@asynccontextmanager
async def standin() -> AsyncIterator[StandInProcess]:
    """Start the stand-in, point discord.py at it; stop it and undo the pointing on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.standin"], cwd=ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdin is not None
    port = int(await asyncio.to_thread(proc.stdout.readline))
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = f"http://127.0.0.1:{port}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/gw")
    session = aiohttp.ClientSession()
    try:
        yield StandInProcess(port, proc, session)
    finally:
        await session.close()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved
        proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@asynccontextmanager
async def connected(bot: discord.Client) -> AsyncIterator[None]:
    """The bot logged in to the stand-in with every guild; closed on exit."""
    running = asyncio.create_task(bot.start(TOKEN))
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({running, ready}, timeout=600, return_when="FIRST_COMPLETED")
    if ready not in done:
        ready.cancel()
        if running.done():
            running.result()
        raise RuntimeError("the bot did not get ready against the stand-in")
    try:
        yield
    finally:
        await bot.close()
        await asyncio.wait_for(running, 30)


def _games_module() -> Any:
    """bot.chat.trivia.games as loaded now: closing a bot unloads its extensions' modules, and
    the next bot imports them again (with new classes)."""
    return importlib.import_module("bot.chat.trivia.games")


async def _start_game(bot: TriviaBot, fake: StandInProcess, guild: discord.Guild, n: int) -> Any:
    """A real choice game in the guild's n-th channel; its runner and question message."""
    games = _games_module()
    service = games.service_of(bot)
    channel = guild.text_channels[n]
    starter = Player(guild.id * 10 + n, "starter")
    options = games.StartOptions(mode="choice", questions=5, seconds=120)
    prepared = await service.prepare(guild.id, channel.id, starter, options)
    before = len(await fake.call("/bench/messages"))
    runner = service.launch(prepared, channel)
    for _ in range(2000):
        messages = await fake.call("/bench/messages")
        if len(messages) > before:
            return prepared.game_id, runner, channel, messages[before]
        await asyncio.sleep(0.005)
    raise RuntimeError("the game posted no question")


async def _burst(fake: StandInProcess, payloads: list[dict[str, Any]]) -> tuple[list[float], float]:
    """Send the clicks at once through the stand-in; latencies (s) and this process's CPU (s)."""
    await fake.call("/bench/load", payloads)
    cpu = time.process_time()
    answer = await fake.call("/bench/fire", {})
    cpu = time.process_time() - cpu
    if answer["missing"]:
        raise RuntimeError(f"{answer['missing']} clicks got no response within 60 s")
    return answer["latencies"], cpu


KINDS = ("bot", "bare", "cpu", "bare_cpu")


async def _round(
    bot: TriviaBot,
    fake: StandInProcess,
    guild: discord.Guild,
    r: int,
    clicks: int,
    got: dict[str, list[float]],
    first_size: bool,
) -> bool:
    """One game, one burst of bare clicks and one of game clicks; were all clicks taken?"""
    game_id, runner, channel, message = await _start_game(bot, fake, guild, r)
    users = [guild.id * 10_000 + i for i in range(clicks)]
    # the reference clicks the same message, its four buttons renamed floor:0..3
    floor = json.loads(re.sub(r"trivia:[0-9]+:[0-9]+:([0-3])", r"floor:\1", json.dumps(message)))

    def clicking(ids: list[int], name: str, msg: dict[str, Any]) -> list[dict[str, Any]]:
        return [click_payload(guild.id, channel.id, u, name.format(n % 4), msg)
                for n, u in enumerate(ids)]  # fmt: skip

    if first_size and r == 0:  # warm-up: the connections to the stand-in opened
        await _burst(fake, clicking(users[:50], "floor:{}", floor))
    bare = clicking(users, "floor:{}", floor)
    real = clicking(users, f"trivia:{game_id}:1:{{}}", message)
    # alternate which goes first, so neither always finds the warmer caches
    order = [("bare", bare), ("bot", real)]
    for kind, burst in order if r % 2 == 0 else order[::-1]:
        lat, cpu = await _burst(fake, burst)
        got[kind] += lat
        got["cpu" if kind == "bot" else "bare_cpu"].append(cpu / clicks)
    # every click must have been taken by the game (the starter has not answered)
    return len(runner.game.players) == clicks + 1


async def _session(
    sizes: tuple[int, ...], repeats: int, folder: Path, orjson: bool = False, zstd: bool = False
) -> tuple[dict[int, dict[str, list[float]]], bool]:
    """A fresh bot and stand-in; bursts of each size; the figures and whether all were taken."""
    store = await open_store(folder / f"clicks-{orjson}-{zstd}.sqlite3")
    bank = load_bank([ROOT / "questions"])
    figures: dict[int, dict[str, list[float]]] = {}
    answered_ok = True
    try:
        with extras.speed(orjson=orjson, zstd=zstd):
            bot = TriviaBot(Settings(), store=store, bank=bank, extensions=("bot.chat.trivia",),
                            guild_ready_timeout=0.05)  # fmt: skip
            clock = VirtualClock()
            bot.clock, bot.sleep = clock, clock.sleep
            bot.add_dynamic_items(FloorButton)
            async with standin() as fake:
                spec = {"count": len(sizes) * repeats, "channels": GUILD_CHANNELS,
                        "roles": GUILD_ROLES}  # fmt: skip
                await fake.call("/bench/guilds", spec)
                async with connected(bot):
                    freeze_startup_objects()  # what `trivia-bot run` does once it is set up
                    guilds = sorted(bot.guilds, key=lambda g: g.id)
                    for s, clicks in enumerate(sizes):
                        got = figures.setdefault(clicks, {k: [] for k in KINDS})
                        for r in range(repeats):
                            guild = guilds[s * repeats + r]
                            answered_ok &= await _round(bot, fake, guild, r, clicks, got, s == 0)
                    await _games_module().service_of(bot).shutdown()
    finally:
        await store.close()
    return figures, answered_ok


async def _run(size: dict[str, Any], folder: Path) -> Result:
    sizes: tuple[int, ...] = tuple(size["sizes"])
    repeats: int = size["repeats"]
    result = Result("click path", size={"sizes": list(sizes), "repeats": repeats})
    figures, answered_ok = await _session(sizes, repeats, folder)
    for clicks, got in figures.items():
        bot_p50, bot_p99 = pct(got["bot"], 0.5) * 1000, pct(got["bot"], 0.99) * 1000
        bare_p50, bare_p99 = pct(got["bare"], 0.5) * 1000, pct(got["bare"], 0.99) * 1000
        ref = f"{repeats} bursts, frame sent -> response received"
        result.add(f"{clicks} clicks at once: bot, p50", bot_p50, "ms", reference=ref)
        goal = "< 500 ms" if clicks >= 1000 else ""
        result.add(f"{clicks} clicks at once: bot, p99", bot_p99, "ms", goal=goal,
                   met=bot_p99 < 500 if goal else None)  # fmt: skip
        result.add(f"{clicks} clicks at once: bare discord.py button, p50", bare_p50, "ms",
                   reference="same run, same message")  # fmt: skip
        result.add(f"{clicks} clicks at once: bare discord.py button, p99", bare_p99, "ms")
        result.add(f"{clicks} clicks at once: bot / bare, p50", bot_p50 / bare_p50, "x")
        result.add(f"{clicks} clicks at once: bot / bare, p99", bot_p99 / bare_p99, "x",
                   goal="<= 1.0", met=bot_p99 <= bare_p99)  # fmt: skip
        result.add(f"{clicks} clicks at once: bot CPU per click", median(got["cpu"]) * 1e6, "us",
                   reference=f"bare: {median(got['bare_cpu']) * 1e6:.0f} us")  # fmt: skip
    # the same bot with discord.py[speed]'s parts (orjson; zstd-stream), at the largest size
    clicks = sizes[-1]
    for name, orjson, zstd in (("orjson", True, False), ("orjson + zstd", True, True)):
        if not (extras.available("orjson") and (not zstd or extras.available("zstandard"))):
            result.notes.append(f"{name} not installed: no rows for it")
            continue
        speedy, ok = await _session((clicks,), repeats, folder, orjson=orjson, zstd=zstd)
        answered_ok &= ok
        got = speedy[clicks]
        ref = "fresh bot, same run"
        result.add(f"{clicks} clicks, with {name}: bot, p50", pct(got["bot"], 0.5) * 1000,
                   "ms", reference=ref)  # fmt: skip
        result.add(f"{clicks} clicks, with {name}: bot, p99", pct(got["bot"], 0.99) * 1000, "ms")
        result.add(f"{clicks} clicks, with {name}: bot CPU per click", median(got["cpu"]) * 1e6,
                   "us", reference=f"bare: {median(got['bare_cpu']) * 1e6:.0f} us")  # fmt: skip
    if not answered_ok:
        result.notes.append("not every click was recorded by the game: check the handler")
    result.add("all clicks taken by the game", float(answered_ok), "bool")
    return result


def run(quick: bool = False) -> Result:
    """Measure the click path end to end."""
    size = QUICK if quick else FULL
    return run_in_tmp("bench-clicks-", lambda tmp: _run(size, tmp))
