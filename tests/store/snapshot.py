"""A database full of varied data, and everything the store answers about it, for comparing
two databases (after a migration or a move between backends)."""

from __future__ import annotations

from typing import Any

from bot.engine.model import Player
from bot.store import PERIODS, Store
from tests.store.store_helpers import T0, rec

DAY = 86_400.0
GUILDS = (1, 2)
USERS = (1, 2, 3, 4)
PACKS = ("main", "extra")
#: times spanning last month, last week and now (T0 is a Wednesday in mid-January)
TIMES = (T0 - 40 * DAY, T0 - 8 * DAY, T0 - 1 * DAY, T0)


async def fill(store: Store) -> list[int]:
    """Games in two guilds over two months, ties, a mixed game, reports, packs, settings,
    a removed player and a reset member; the games' ids."""
    games: list[int] = []
    for g, guild in enumerate(GUILDS):
        for t, at in enumerate(TIMES):
            game = await store.create_game(guild, 10 + t, list(PACKS), "choice", Player(1, "a"), at)
            games.append(game)
            for q in range(3):
                pack = PACKS[(q + t) % 2]
                records = [
                    rec(
                        u,
                        (u + q + t + g) % 3 != 0,
                        100 * ((u + q) % 3),
                        key=f"{pack}/q{q}",
                        category=("cast", "plot", "music")[(u + q) % 3],
                        streak=q,
                        name=f"user{u}-{t}",
                    )
                    for u in USERS[: 2 + (q + t) % 3]
                ]
                await store.record_question(game, guild, records, at + 10 * (q + 1))
            await store.set_game_message(game, 5000 + game)
            if t < 3:
                await store.finish_game(game, "completed", at + 100, 3)
        await store.record_question(games[-1], guild, [], T0 + 50, question_key="main/none")
    await store.add_report(1, "main/q1", 2, "wrong", T0)
    await store.add_report(1, "main/q2", 3, "typo", T0 + 1)
    await store.resolve_reports(1, "main/q2", "disabled", 1, T0 + 2)
    await store.save_pack(2, "fan", "Fan pack", "pack: fan\n# kept\n", 4, 3, T0)
    await store.update_settings(1, seconds=30, allowed_channel_ids=[7, 8], streak_bonus=False)
    await store.set_meta("commands", "abc")
    await store.remove_player(4, guild_id=2)
    await store.reset_scores(2, 3)
    return games


async def snapshot(store: Store, games: list[int]) -> dict[str, Any]:
    """Every leaderboard (periods, packs, pages), stat, game, report, pack and setting."""
    out: dict[str, Any] = {}
    for guild in GUILDS:
        for now in TIMES:
            for period in PERIODS:
                for pack in (None, *PACKS):
                    for offset in (0, 2):
                        page = await store.leaderboard(guild, period, now + 60, pack, offset, 2)
                        out[f"board {guild} {now} {period} {pack} {offset}"] = page
                    for user in USERS:
                        row = await store.player_rank(guild, user, period, now + 60, pack)
                        out[f"rank {guild} {now} {period} {pack} {user}"] = row
            for user in USERS:
                out[f"stats {guild} {now} {user}"] = await store.player_stats(guild, user, now)
        out[f"games {guild}"] = await store.recent_games(guild, 20)
        out[f"recent {guild}"] = await store.recent_question_keys(guild, 13, 50)
        out[f"reports {guild}"] = await store.open_reports(guild)
        out[f"disabled {guild}"] = await store.disabled_questions(guild)
        out[f"packs {guild}"] = await store.list_packs(guild)
        out[f"settings {guild}"] = await store.get_settings(guild)
    out["games"] = [await store.get_game(g) for g in games]
    out["meta"] = await store.get_meta("commands")
    return out
