"""The daily question's tables on both backends: schedules, posts claimed once, answers, removal."""

from __future__ import annotations

from datetime import date, time

from bot.community.daily import DailySchedule
from bot.store import Store
from tests.store.store_helpers import T0

D1, D2 = date(2025, 1, 15), date(2025, 1, 16)
SCHEDULE = DailySchedule(
    channel_id=55, at=time(9, 5), timezone="Asia/Seoul", packs=("a", "b"), up_to_episode=3
)


async def test_schedule_is_stored_paused_and_resumed(store: Store) -> None:
    assert await store.get_daily(1) is None
    await store.set_daily(1, SCHEDULE, 7, T0)
    stored = await store.get_daily(1)
    assert stored is not None and stored.schedule == SCHEDULE and stored.running
    assert [d.guild_id for d in await store.running_dailies()] == [1]

    await store.pause_daily(1, "The channel is gone.", T0 + 1)
    paused = await store.get_daily(1)
    assert paused is not None and paused.paused_reason == "The channel is gone."
    assert await store.running_dailies() == []

    off = DailySchedule(channel_id=56, at=time(21, 30), enabled=False)
    await store.set_daily(1, off, 7, T0 + 2)
    again = await store.get_daily(1)
    assert again is not None and again.paused_reason is None and again.schedule == off
    assert await store.running_dailies() == []


async def test_a_day_is_claimed_once_and_answers_once_per_member(store: Store) -> None:
    assert await store.claim_daily_post(1, D1, "p/q1", 55, T0)
    assert not await store.claim_daily_post(1, D1, "p/q2", 55, T0 + 5)
    assert await store.claim_daily_post(2, D1, "p/q9", 66, T0)
    await store.set_daily_message(1, D1, 1234)
    assert await store.claim_daily_post(1, D2, "p/q2", 55, T0 + 86400)
    posts = await store.daily_posts(1)
    assert [(p.day, p.question_key, p.message_id) for p in posts] == [
        (D1, "p/q1", 1234),
        (D2, "p/q2", None),
    ]
    assert posts[0].posted_at == T0

    assert await store.record_daily_answer(1, D1, 10, 2, True, T0 + 1)
    assert not await store.record_daily_answer(1, D1, 10, 1, False, T0 + 2)
    assert await store.record_daily_answer(1, D1, 11, 1, False, T0 + 3)
    assert await store.record_daily_answer(1, D2, 10, 0, False, T0 + 86401)
    assert await store.daily_results(1, 10) == {D1: True, D2: False}
    assert await store.daily_tally(1, D1) == (1, 2)
    assert await store.daily_tally(2, D1) == (0, 0)


async def test_removing_a_member_deletes_their_daily_answers(store: Store) -> None:
    await store.set_daily(1, SCHEDULE, 10, T0)
    await store.claim_daily_post(1, D1, "p/q1", 55, T0)
    await store.record_daily_answer(1, D1, 10, 2, True, T0 + 1)
    await store.record_daily_answer(1, D1, 11, 2, True, T0 + 1)
    await store.record_daily_answer(2, D1, 10, 2, True, T0 + 1)
    await store.remove_player(10, 1)
    assert await store.daily_results(1, 10) == {}
    assert await store.daily_results(1, 11) == {D1: True}
    assert await store.daily_results(2, 10) == {D1: True}
    await store.remove_player(10)
    assert await store.daily_results(2, 10) == {}
    assert await store.get_daily(1) is not None


async def test_a_score_reset_forgets_daily_answers_too(store: Store) -> None:
    await store.claim_daily_post(1, D1, "p/q1", 55, T0)
    for user in (10, 11):
        await store.record_daily_answer(1, D1, user, 2, True, T0 + 1)
    await store.record_daily_answer(2, D1, 10, 2, True, T0 + 1)
    await store.reset_scores(1, 10)
    assert await store.daily_results(1, 10) == {}
    assert await store.daily_results(1, 11) == {D1: True}
    await store.reset_scores(1)
    assert await store.daily_tally(1, D1) == (0, 0)
    assert await store.daily_results(2, 10) == {D1: True}
    assert len(await store.daily_posts(1)) == 1  # the days posted stay
