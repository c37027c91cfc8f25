"""`trivia-bot migrate-db` also moves the daily question, seasons and suggestions."""

from __future__ import annotations

import asyncio
from datetime import date, time
from pathlib import Path
from typing import Any

from bot.__main__ import main
from bot.community.daily import DailySchedule
from bot.community.season import Season
from bot.store import Store, open_store
from tests.pg import PostgresServer
from tests.store.store_helpers import T0

G = 5
DAY = date(2025, 1, 15)


async def _everything(store: Store) -> dict[str, Any]:
    winter = (await store.seasons(G))[0]
    return {
        "daily": await store.get_daily(G),
        "posts": await store.daily_posts(G),
        "results": await store.daily_results(G, 1),
        "tally": await store.daily_tally(G, DAY),
        "seasons": await store.seasons(G),
        "board": await store.season_board(G, winter),
        "pending": await store.pending_suggestions(G, 0, 10),
        "declined": await store.untold_declines(G, 2),
    }


async def test_the_community_tables_move_to_postgres(
    db_path: Path, postgres_server: PostgresServer
) -> None:
    async with await open_store(db_path, now=T0) as s:
        schedule = DailySchedule(channel_id=3, at=time(9, 0), timezone="Asia/Seoul", packs=("a",))
        await s.set_daily(G, schedule, 7, T0)
        await s.claim_daily_post(G, DAY, "a/q1", 3, T0)
        await s.set_daily_message(G, DAY, 99)
        await s.record_daily_answer(G, DAY, 1, 2, True, T0 + 5)
        await s.record_daily_answer(G, DAY, 2, 1, False, T0 + 6)
        await s.add_season(G, Season("Winter", T0 - 100, T0 + 100), 7)
        await s.add_suggestion(G, 1, "alice", ("Q?", "A", ("x", "y", "z"), "quote"), T0)
        declined = await s.add_suggestion(G, 2, "bob", ("Q2?", "B", ("x", "y", "z"), "q"), T0)
        await s.review_suggestion(G, declined, approved=False, by_user_id=7, at=T0, reason="No.")
        before = await _everything(s)
    url = await postgres_server.new_database()
    assert await asyncio.to_thread(main, ["migrate-db", str(db_path), url]) == 0
    async with await open_store(url, now=T0, recover=None) as pg:
        assert await _everything(pg) == before
        # a new suggestion gets an id after the copied ones
        assert await pg.add_suggestion(G, 3, "carol", ("Q3?", "C", ("x", "y", "z"), "q"), T0) == 3
