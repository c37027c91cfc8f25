"""Seasons on both backends: boards summed from game and daily answers by time, across a
month boundary, kept after the end, and emptied by a data removal."""

from __future__ import annotations

from datetime import date

import pytest

from bot.community.daily import DAILY_POINTS
from bot.community.season import Season
from bot.engine.model import Player
from bot.store import Store
from tests.store.store_helpers import rec, write_errors

G = 10
#: 2025-01-25 00:00 UTC, 2025-02-01 00:00 UTC (a month boundary), 2025-02-08 00:00 UTC
JAN_25, FEB_1, FEB_8 = 1_737_763_200.0, 1_738_368_000.0, 1_738_972_800.0
DAY = 86_400.0


async def _question(store: Store, at: float, *records: object) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), at)
    await store.record_question(game, G, list(records), at + 1)  # type: ignore[arg-type]
    await store.finish_game(game, "completed", at + 2, 1)


async def _daily(store: Store, day: date, at: float, user: int, correct: bool) -> None:
    await store.claim_daily_post(G, day, "main/d", 100, at)
    await store.record_daily_answer(G, day, user, 0, correct, at + 60)


async def test_a_season_board_spans_a_month_boundary_with_games_and_dailies(
    store: Store,
) -> None:
    winter = Season("Winter", JAN_25 + 3 * DAY, FEB_1 + 3 * DAY)  # Jan 28 to Feb 3
    await store.add_season(G, winter, 7)
    await store.add_season(G, Season("Spring", FEB_8), 7)
    assert await store.seasons(G) == [winter, Season("Spring", FEB_8)]

    await _question(store, JAN_25, rec(1, True, 900), rec(2, True, 800))  # before: not counted
    await _question(store, JAN_25 + 4 * DAY, rec(1, True, 700), rec(2, False, 0))  # Jan 29
    await _question(store, FEB_1 + DAY, rec(2, True, 950), rec(3, True, 600))  # Feb 2
    await _daily(store, date(2025, 1, 30), JAN_25 + 5 * DAY, 3, True)
    await _daily(store, date(2025, 2, 3), FEB_1 + 2 * DAY, 1, True)
    await _daily(store, date(2025, 2, 3), FEB_1 + 2 * DAY, 2, False)
    await _question(store, FEB_1 + 5 * DAY, rec(3, True, 1000))  # after it ended

    rows, total = await store.season_board(G, winter)
    assert total == 3
    table = [(r.rank, r.user_id, r.points, r.right, r.answered, r.games) for r in rows]
    assert table == [
        (1, 1, 700 + DAILY_POINTS, 2, 2, 1),
        (2, 3, 600 + DAILY_POINTS, 2, 2, 1),
        (3, 2, 950, 1, 3, 2),
    ]
    mine = await store.season_rank(G, winter, 2)
    assert mine is not None and (mine.rank, mine.points) == (3, 950)
    second, total = await store.season_board(G, winter, offset=2, limit=2)
    assert ([r.user_id for r in second], total) == ([2], 3)
    assert await store.season_board(G, winter, offset=5) == ([], 3)

    # an open season counts everything from its start on
    running = Season("Open", FEB_1 + 4 * DAY)
    rows, _ = await store.season_board(G, running)
    assert [(r.user_id, r.points) for r in rows] == [(3, 1000)]

    # ending keeps the board; a removal takes the member off it
    await store.end_season(G, "spring", FEB_8 + DAY)
    assert (await store.seasons(G))[1] == Season("Spring", FEB_8, FEB_8 + DAY)
    assert await store.unposted_finals(G, FEB_8 + DAY) == ["Winter", "Spring"]
    assert await store.unposted_finals(G, FEB_8) == ["Winter"]
    await store.set_season_final(G, "Winter", 100, FEB_8)
    assert await store.unposted_finals(G, FEB_8 + DAY) == ["Spring"]
    await store.remove_player(1, G)
    rows, total = await store.season_board(G, winter)
    assert ([r.user_id for r in rows], total) == ([3, 2], 2)


async def test_season_names_are_unique_per_guild_in_any_case(store: Store) -> None:
    await store.add_season(G, Season("Winter", JAN_25), None)
    await store.add_season(G + 1, Season("Winter", JAN_25), None)
    with pytest.raises(write_errors()):
        await store.add_season(G, Season("WINTER", FEB_8), None)
