"""Leaderboards and player stats on a big generated database (1,000,000 answers)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.common import CACHE_DIR, NOW, Result, now, pct
from bot.community.season import Season, season_for_board
from bot.engine.model import AnswerRecord, Player
from bot.store import community_sql
from bot.store.port import Store
from bot.store.sqlite import SqliteStore
from bot.store.sqlite.migrations import LATEST, MIGRATIONS

FULL = {"answers": 1_000_000, "players": 50_000, "guilds": 50, "per_question": 500,
        "queries": 200}  # fmt: skip
QUICK = {"answers": 20_000, "players": 2_000, "guilds": 10, "per_question": 200, "queries": 20}
#: bump when the generated data changes, so an old cached file is not reused
GENERATOR = 2
_DAY = 86_400.0
#: answers spread over this many days before NOW: the current week and month hold part of them
SPAN_DAYS = 90
QUESTIONS_PER_GAME = 10
#: members answering each server's daily question each day (50 x 90 x 30 = 135,000 at full size)
DAILY_PER_DAY = 30
#: every server has a season running, started this many days before NOW (open-ended)
SEASON_DAYS = 30
SEASON = Season("bench season", NOW - SEASON_DAYS * _DAY)
#: the figure's name in both backends' tables
SEASON_ROW = f"season board ({SEASON_DAYS} days), page 1 + own rank"
CATEGORIES = ("cast", "characters", "story", "production", "soundtrack-1")


def db_path(size: dict[str, int]) -> Path:
    """The cached database for this size (and schema and generator version).

    The schema part is a digest of the migrations' text, not only their count: a migration
    edited in place (while a branch is under way) must not reuse a file built by the old one.
    """
    schema = hashlib.sha256("\0".join(MIGRATIONS).encode()).hexdigest()[:10]
    name = (f"leaderboard-{size['answers']}a-{size['players']}p-{size['guilds']}g-"
            f"{size['per_question']}q-s{LATEST}-{schema}-g{GENERATOR}.sqlite3")  # fmt: skip
    return CACHE_DIR / name


def _members(size: dict[str, int], guild: int) -> list[int]:
    per_guild = size["players"] // size["guilds"]
    return [guild * 1_000_000 + i for i in range(per_guild)]


async def generate(path: Path, size: dict[str, int]) -> float:
    """Fill a new database through the store's own ``record_question``; seconds it took."""
    t = now()
    rng = random.Random(3)
    tmp = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    store = await SqliteStore.open(tmp, now=NOW - SPAN_DAYS * _DAY)
    questions = size["answers"] // size["per_question"]
    games: dict[int, tuple[int, int]] = {}  # guild -> (game id, questions asked)
    streaks: dict[int, int] = {}
    for q in range(questions):
        guild = q % size["guilds"] + 1
        at = NOW - SPAN_DAYS * _DAY * (1 - (q + 1) / questions)
        game = games.get(guild)
        if game is None or game[1] >= QUESTIONS_PER_GAME:
            if game is not None:
                await store.finish_game(game[0], "completed", at, game[1])
            starter = Player(guild * 1_000_000, "starter")
            game = (await store.create_game(guild, 1, ["bench"], "choice", starter, at), 0)
        games[guild] = (game[0], game[1] + 1)
        pack = f"pack{q % 3}"
        key = f"{pack}/q{q}"
        records = []
        for user in rng.sample(_members(size, guild), size["per_question"]):
            correct = rng.random() < 0.6
            streak = streaks.get(user, 0) + 1 if correct else 0
            streaks[user] = streak
            records.append(
                AnswerRecord(key, pack, CATEGORIES[q % 5], user, f"member {user}", correct,
                             rng.randint(500, 1500) if correct else 0,
                             rng.randint(300, 20_000), streak)
            )  # fmt: skip
        await store.record_question(game[0], guild, records, at, question_key=key)
    for game_id, asked in games.values():
        await store.finish_game(game_id, "completed", NOW - 60, asked)
    await _dailies_and_seasons(store, size, rng)
    await store.close()
    tmp.rename(path)
    return now() - t


async def _dailies_and_seasons(store: SqliteStore, size: dict[str, int], rng: random.Random
                               ) -> None:  # fmt: skip
    """A daily question a day in every server (``DAILY_PER_DAY`` answers each) and a season.

    Written in one transaction with the store's own SQL: 135,000 one-row commits would take
    minutes and measure nothing this benchmark reports.
    """
    posts, answers = [], []
    for guild in range(1, size["guilds"] + 1):
        members = _members(size, guild)
        for d in range(SPAN_DAYS):
            posted = NOW - (SPAN_DAYS - d) * _DAY
            day = datetime.fromtimestamp(posted, UTC).date().isoformat()
            posts.append((guild, day, f"pack0/q{d}", guild, posted))
            for user in rng.sample(members, min(DAILY_PER_DAY, len(members))):
                at = posted + rng.uniform(0, _DAY - 1)
                answers.append((guild, day, user, rng.randint(0, 3), rng.random() < 0.6, at))
    insert_answer = community_sql.RECORD_ANSWER.replace(" RETURNING 1", "")
    insert_post = community_sql.CLAIM_POST.replace(" RETURNING 1", "")
    async with store._write() as db:
        await db.executemany(insert_post, posts)
        await db.executemany(insert_answer, answers)
    for guild in range(1, size["guilds"] + 1):
        await store.add_season(guild, SEASON, None)


async def season_board(store: Store, guild: int, user: int) -> None:
    """The store calls of ``/trivia leaderboard period:season`` (bot/chat/seasons/commands.py).

    The running season, the server's time zone (its daily schedule), page 1 and the caller's
    own row: the whole sequence before the embed is built.
    """
    season = season_for_board(await store.seasons(guild), None, NOW)
    await store.get_daily(guild)
    await store.season_board(guild, season, 0, 10)
    await store.season_rank(guild, season, user)


async def timed(calls: dict[str, Callable[[int, int], Awaitable[object]]], size: dict[str, int]
                 ) -> dict[str, list[float]]:  # fmt: skip
    """Each call ``queries`` times on random guilds and members, interleaved."""
    rng = random.Random(4)
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(size["queries"]):
        guild = rng.randint(1, size["guilds"])
        user = rng.choice(_members(size, guild))
        for name, call in calls.items():
            t = now()
            await call(guild, user)
            timings[name].append(now() - t)
    return timings


async def _run(size: dict[str, int]) -> Result:
    result = Result("leaderboard", size=dict(size))
    path = db_path(size)
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        built = json.loads(meta.read_text())["seconds"]
        how = "cached"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        built = await generate(path, size)
        meta.write_text(json.dumps({"seconds": built, "size": size}))
        how = "built now"
    result.add("generate DB via record_question", built, "s",
               reference=f"{size['answers']:,} answers ({how})")  # fmt: skip
    result.add("  generation rate", size["answers"] / built, "answers/s")
    store = await SqliteStore.open(path, now=NOW)
    try:
        calls: dict[str, Callable[[int, int], Awaitable[object]]] = {
            "aiosqlite round trip (SELECT 1)": lambda g, u: store._conn.execute_fetchall(
                "SELECT 1"
            ),
            "leaderboard all-time, page 1": lambda g, u: store.leaderboard(g, "all", NOW),
            "leaderboard month, page 1": lambda g, u: store.leaderboard(g, "month", NOW),
            "leaderboard week, page 1": lambda g, u: store.leaderboard(g, "week", NOW),
            "player stats": lambda g, u: store.player_stats(g, u, NOW),
            SEASON_ROW: lambda g, u: season_board(store, g, u),
        }
        # warm the page cache the way a running bot has it, then measure
        await timed(calls, {**size, "queries": 5})
        timings = await timed(calls, size)
        page = await store.leaderboard(1, "week", NOW)
        result.notes.append(f"guild 1 has {page.total} members ranked this week")
    finally:
        await store.close()
    for name, values in timings.items():
        reference = name.startswith("aiosqlite")
        p50, p99 = pct(values, 0.5) * 1000, pct(values, 0.99) * 1000
        result.add(f"{name}, p50", p50, "ms",
                   reference="floor of any query" if reference else "")  # fmt: skip
        if reference:
            result.add(f"{name}, p99", p99, "ms")
        else:
            result.add(f"{name}, p99", p99, "ms", goal="< 10 ms", met=p99 < 10)
    return result


def run(quick: bool = False) -> Result:
    """Measure leaderboard and stats latency (building the cached database if needed)."""
    size = QUICK if quick else FULL
    t = now()
    result = asyncio.run(_run(size))
    result.seconds = now() - t
    return result
