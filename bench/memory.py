"""Memory: the real bot (client and every cog) with a realistic guild cache and 1,000 waiting
games, each size measured in a fresh process connected to the stand-in Discord."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Result, VirtualClock, now

#: guild cache sizes measured (each in its own process), and the games started in each
FULL: dict[str, Any] = {"guilds": (0, 1000, 10_000), "games": 1000, "answered": 5}
QUICK: dict[str, Any] = {"guilds": (0, 200, 400), "games": 50, "answered": 3}
CHANNELS, ROLES = 30, 15
ROOT = Path(__file__).resolve().parent.parent


def rss_kb() -> int:
    """This process's resident set size (VmRSS) in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _settled_kb() -> int:
    gc.collect()
    return rss_kb()


async def _games(bot: Any, count: int, answered: int) -> int:
    """Start ``count`` choice games through the cog's service, a few answers each; still open."""
    from bot.chat.trivia.games import StartOptions, service_of
    from bot.engine.model import Player

    service = service_of(bot)
    runners = []
    for g in range(count):
        guild_id, channel_id = 1_000 + g, 2_000_000 + g  # one game per (uncached) guild
        starter = Player(10**9 + g, f"starter {g}")  # has not answered: the question stays open
        options = StartOptions(mode="choice", questions=10, seconds=120)
        prepared = await service.prepare(guild_id, channel_id, starter, options)
        channel = bot.get_partial_messageable(channel_id, guild_id=guild_id)
        runners.append(service.launch(prepared, channel))
    for _ in range(200):  # until every game has asked its first question
        if all(r.game.phase.name == "OPEN" for r in runners):
            break
        await asyncio.sleep(0.01)
    for g, runner in enumerate(runners):
        for p in range(answered):
            await runner.answer(Player(g * 100 + p, f"player {g}-{p}"), p % 4)
    return sum(1 for r in runners if r.game.phase.name == "OPEN")


async def _child(guilds: int, games: int, answered: int) -> dict[str, Any]:
    import discord  # noqa: F401 - loaded before the baseline, as in the bot

    from bench.click_path import connected, standin
    from bot.bank import load_bank
    from bot.chat.client import EXTENSIONS, TriviaBot
    from bot.chat.trivia.games import service_of
    from bot.config import Settings
    from bot.startup import freeze_startup_objects
    from bot.store import open_store

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        store = await open_store(Path(tmp) / "memory.sqlite3")
        bank = load_bank([ROOT / "questions"])
        bot = TriviaBot(Settings(), store=store, bank=bank, extensions=EXTENSIONS,
                        guild_ready_timeout=0.05)  # fmt: skip
        clock = VirtualClock()
        bot.clock, bot.sleep = clock, clock.sleep
        try:
            async with standin() as fake:
                spec = {"count": guilds, "channels": CHANNELS, "roles": ROLES}
                await fake.call("/bench/guilds", spec)
                t = now()
                async with connected(bot):
                    while len(bot.guilds) < guilds or any(g.unavailable for g in bot.guilds):
                        await asyncio.sleep(0.05)
                    ready_s = now() - t
                    freeze_startup_objects()
                    connected_kb = _settled_kb()
                    waiting = await _games(bot, games, answered)
                    with_games_kb = _settled_kb()
                    await service_of(bot).shutdown()
        finally:
            await store.close()
    return {"guilds": guilds, "games": games, "waiting": waiting, "ready_s": ready_s,
            "connected_kb": connected_kb, "with_games_kb": with_games_kb}  # fmt: skip


def _measure(guilds: int, games: int, answered: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--guilds", str(guilds), "--games", str(games),
         "--answered", str(answered)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def run(quick: bool = False) -> Result:
    """Each guild-cache size in a fresh process, so each figure holds only what the bot holds."""
    size = QUICK if quick else FULL
    t = now()
    result = Result("memory", size={k: list(v) if isinstance(v, tuple) else v
                                    for k, v in size.items()})  # fmt: skip
    runs = [_measure(g, size["games"], size["answered"]) for g in size["guilds"]]
    empty = runs[0]
    base = empty["connected_kb"]
    result.add("RSS: bot connected, no guild (imports, shipped bank, client, cogs)",
               base / 1024, "MiB", reference="fresh process")  # fmt: skip
    games = size["games"]
    for data in runs[1:]:
        g = data["guilds"]
        per_guild = (data["connected_kb"] - base) / g
        result.add(f"RSS: {g:,} guilds cached ({CHANNELS} channels, {ROLES} roles each)",
                   data["connected_kb"] / 1024, "MiB",
                   reference=f"GUILD_CREATE over the gateway, {data['ready_s']:.1f} s")  # fmt: skip
        result.add(f"  per guild ({g:,} cached)", per_guild, "KiB")
        full = data["with_games_kb"] / 1024
        result.add(f"RSS: {g:,} guilds + {games:,} games waiting mid-question", full, "MiB",
                   reference=f"{data['waiting']} still open", goal="< 200 MiB",
                   met=full < 200)  # fmt: skip
    for data in runs:
        per_game = (data["with_games_kb"] - data["connected_kb"]) / data["games"]
        result.add(f"  per waiting game ({data['guilds']:,} guilds cached)", per_game, "KiB",
                   reference="real cog, sink and runner")  # fmt: skip
    result.seconds = now() - t
    return result


def main() -> None:
    """``python -m bench.memory --guilds N --games M``: the measured process; prints its JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--guilds", type=int, required=True)
    parser.add_argument("--games", type=int, required=True)
    parser.add_argument("--answered", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(_child(args.guilds, args.games, args.answered))))


if __name__ == "__main__":
    main()
