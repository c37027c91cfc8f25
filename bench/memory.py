"""Memory: resident size with many games waiting mid-question, in a fresh process."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from bench.common import Result, now

FULL = {"games": 1000, "answered": 5}
QUICK = {"games": 20, "answered": 3}


def rss_kb() -> int:
    """This process's resident set size (VmRSS) in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def _games(questions: list, games: int, answered: int) -> dict[str, int]:
    """Start ``games`` games on the real loop and clock, a few answers each; measure; stop."""
    from bot.engine.config import GameConfig
    from bot.engine.events import Event
    from bot.engine.game import new_game
    from bot.engine.model import Player
    from bot.runner import GameRegistry

    registry = GameRegistry()
    last: dict[int, Event] = {}

    def sink_for(channel: int):
        async def sink(event: Event) -> None:
            # a front end keeps what it needs to edit the question's message
            last[channel] = event

        return sink

    config = GameConfig(questions=10, seconds=120.0, mode="choice")
    runners = []
    for g in range(games):
        # the starter has not answered yet, so the question stays open for the others
        starter = Player(10**9 + g, f"starter {g}")
        game = new_game(questions, replace(config, seed=g), starter=starter)
        runners.append(registry.start(g % 50 + 1, 10_000 + g, game, sink_for(g)))
    # let every runner start and ask its first question
    for _ in range(5):
        await asyncio.sleep(0)
    for g, runner in enumerate(runners):
        for p in range(answered):
            await runner.answer(Player(g * 100 + p, f"player {g}-{p}"), p % 4)
    gc.collect()
    with_games = rss_kb()
    waiting = sum(1 for r in runners if r.game.phase == "open")
    await registry.stop_all()
    return {"with_games_kb": with_games, "waiting": waiting}


def child(games: int, answered: int) -> dict[str, int]:
    """Run in the fresh process: baseline after imports and the bank, then the games."""
    import discord  # noqa: F401 - the bot process has discord.py loaded too

    import bot.chat.client
    import bot.recording
    import bot.runner  # noqa: F401
    from bot.bank import load_bank

    root = Path(__file__).resolve().parent.parent
    bank = load_bank([root / "questions"])
    questions = bank.questions(choice_only=True)
    gc.collect()
    baseline = rss_kb()
    out = asyncio.run(_games(questions, games, answered))
    # (ru_maxrss is not reported: after fork it counts the parent's pages, not this process's)
    return {"baseline_kb": baseline, **out, "games": games}


def run(quick: bool = False) -> Result:
    """Measure in a fresh subprocess, so the baseline holds only what the bot imports."""
    size = QUICK if quick else FULL
    t = now()
    result = Result("memory", size=dict(size))
    proc = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--child", str(size["games"]),
         "--answered", str(size["answered"])],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    base, full = data["baseline_kb"] / 1024, data["with_games_kb"] / 1024
    per_game = (data["with_games_kb"] - data["baseline_kb"]) / data["games"]
    result.add("RSS baseline (imports + shipped bank)", base, "MiB", reference="fresh process")
    result.add(f"RSS with {data['games']} games mid-question", full, "MiB",
               reference=f"{data['waiting']} still open", goal="< 200 MiB",
               met=full < 200)  # fmt: skip
    result.add("per waiting game", per_game, "KiB")
    result.seconds = now() - t
    return result


def main() -> None:
    """``python -m bench.memory --child N``: the measured process; prints its JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=int, required=True)
    parser.add_argument("--answered", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(child(args.child, args.answered)))


if __name__ == "__main__":
    main()
