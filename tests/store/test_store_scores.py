"""Leaderboards and stats against hand-computed expectations."""

from __future__ import annotations

import pytest

from bot.engine.model import Player
from bot.store import LeaderboardRow, Store
from tests.store.store_helpers import T0, rec

G = 10
#: Monday 2025-01-20 00:00 UTC and Saturday 2025-02-01 00:00 UTC
MONDAY = 1_737_331_200.0
FEB_1 = 1_738_368_000.0


async def _play(store: Store, *questions: list, guild: int = G, at: float = T0) -> int:
    """One game in ``guild`` with each list of records as one question; return its id."""
    game = await store.create_game(guild, 100, ["main"], "choice", Player(1, "u1"), at)
    for i, records in enumerate(questions):
        await store.record_question(game, guild, records, at + i + 1)
    await store.finish_game(game, "completed", at + 60, len(questions))
    return game


async def _scenario(store: Store) -> None:
    """Five players, three questions (two packs); totals u1 1800, u2 1800, u4 1600, ..."""
    await _play(
        store,
        [
            rec(1, True, 1000, streak=1, category="cast"),
            rec(2, True, 900, streak=1, category="cast"),
            rec(3, False, 0, category="cast"),
            rec(4, True, 1000, streak=1, category="cast"),
            rec(5, False, 0, category="cast", ms=None),
        ],
        [
            rec(1, True, 800, key="main/q2", streak=2, category="story"),
            rec(2, False, 0, key="main/q2", category="story"),
            rec(3, True, 700, key="main/q2", streak=1, category="story"),
            rec(4, False, 0, key="main/q2", category="story"),
        ],
        [
            rec(1, False, 0, key="extra/q1", category="story"),
            rec(2, True, 900, key="extra/q1", streak=1, category="story"),
            rec(3, True, 500, key="extra/q1", streak=2, category="story"),
            rec(4, True, 600, key="extra/q1", streak=1, category="story"),
        ],
    )


def _table(rows: tuple[LeaderboardRow, ...]) -> list[tuple[int, int, int, int, int]]:
    return [(r.rank, r.user_id, r.points, r.right, r.answered) for r in rows]


async def test_all_time_leaderboard_shares_ranks_for_ties(store: Store) -> None:
    await _scenario(store)
    page = await store.leaderboard(G, "all", T0 + 100)
    assert _table(page.rows) == [
        (1, 1, 1800, 2, 3),
        (1, 2, 1800, 2, 3),
        (3, 4, 1600, 2, 3),
        (4, 3, 1200, 2, 3),
        (5, 5, 0, 0, 1),
    ]
    assert page.total == 5
    assert [r.games for r in page.rows] == [1] * 5
    assert page.rows[0].accuracy == pytest.approx(2 / 3)
    assert page.rows[4].accuracy == 0.0
    assert page.rows[0].name == "user1"


async def test_paging_keeps_ranks_and_total(store: Store) -> None:
    await _scenario(store)
    pages = [await store.leaderboard(G, "all", T0 + 100, offset=o, limit=2) for o in (0, 2, 4, 6)]
    assert [_table(p.rows) for p in pages] == [
        [(1, 1, 1800, 2, 3), (1, 2, 1800, 2, 3)],
        [(3, 4, 1600, 2, 3), (4, 3, 1200, 2, 3)],
        [(5, 5, 0, 0, 1)],
        [],
    ]
    assert [p.total for p in pages] == [5, 5, 5, 5]
    assert [(p.has_previous, p.has_next) for p in pages[:3]] == [
        (False, True),
        (True, True),
        (True, False),
    ]


async def test_own_rank_when_off_the_page(store: Store) -> None:
    await _scenario(store)
    page = await store.leaderboard(G, "all", T0 + 100, limit=2)
    assert 3 not in {r.user_id for r in page.rows}
    own = await store.player_rank(G, 3, "all", T0 + 100)
    assert own is not None
    assert (own.rank, own.points, own.right, own.answered, own.name) == (4, 1200, 2, 3, "user3")
    assert await store.player_rank(G, 99, "all", T0 + 100) is None


async def test_per_pack_leaderboard_and_own_rank(store: Store) -> None:
    await _scenario(store)
    extra = await store.leaderboard(G, "all", T0 + 100, pack="extra")
    assert _table(extra.rows) == [
        (1, 2, 900, 1, 1),
        (2, 4, 600, 1, 1),
        (3, 3, 500, 1, 1),
        (4, 1, 0, 0, 1),
    ]
    main = await store.leaderboard(G, "week", T0 + 100, pack="main", offset=1, limit=2)
    assert _table(main.rows) == [(2, 4, 1000, 1, 2), (3, 2, 900, 1, 2)]
    assert main.total == 5
    own = await store.player_rank(G, 3, "all", T0 + 100, pack="main")
    assert own is not None and (own.rank, own.points) == (4, 700)
    assert (await store.leaderboard(G, "all", T0, pack="nope")).total == 0


async def test_player_stats(store: Store) -> None:
    await _scenario(store)
    s1 = await store.player_stats(G, 1, T0 + 100)
    assert s1 is not None
    assert (s1.name, s1.points, s1.rank, s1.right, s1.answered, s1.games) == (
        "user1",
        1800,
        1,
        2,
        3,
        1,
    )
    assert s1.accuracy == pytest.approx(2 / 3)
    assert s1.best_streak == 2
    # one right answer in cast and one in story: the tie goes to the alphabetically first
    assert s1.favourite_category == "cast"
    assert (s1.month_points, s1.week_points) == (1800, 1800)
    s3 = await store.player_stats(G, 3, T0 + 100)
    assert s3 is not None and (s3.favourite_category, s3.best_streak, s3.rank) == ("story", 2, 4)
    s5 = await store.player_stats(G, 5, T0 + 100)
    assert s5 is not None and (s5.favourite_category, s5.accuracy, s5.rank) == (None, 0.0, 5)
    assert await store.player_stats(G, 42, T0) is None


async def test_week_starts_monday_midnight_utc(store: Store) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), MONDAY - 60)
    await store.record_question(game, G, [rec(1, True, 500)], MONDAY - 0.001)
    await store.record_question(
        game, G, [rec(1, True, 300, key="main/q2"), rec(2, True, 700, key="main/q2")], MONDAY
    )
    this_week = await store.leaderboard(G, "week", MONDAY + 3600)
    assert [(r.user_id, r.points, r.answered) for r in this_week.rows] == [(2, 700, 1), (1, 300, 1)]
    # the week before is no longer in the rollup: it is summed from the answers
    last_week = await store.leaderboard(G, "week", MONDAY - 10)
    assert [(r.user_id, r.points, r.games) for r in last_week.rows] == [(1, 500, 1)]
    last_own = await store.player_rank(G, 1, "week", MONDAY - 10)
    assert last_own is not None and (last_own.rank, last_own.points) == (1, 500)
    assert await store.player_rank(G, 2, "week", MONDAY - 10) is None
    # a week with no answers yet is empty
    assert (await store.leaderboard(G, "week", MONDAY + 7 * 86_400)).total == 0
    month = await store.leaderboard(G, "month", MONDAY + 3600)
    assert [(r.user_id, r.points) for r in month.rows] == [(1, 800), (2, 700)]
    stats = await store.player_stats(G, 1, MONDAY + 3600)
    assert stats is not None and (stats.week_points, stats.month_points) == (300, 800)


async def test_a_game_across_the_week_boundary_counts_in_both_weeks(store: Store) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), MONDAY - 60)
    await store.record_question(game, G, [rec(1, True, 500)], MONDAY - 10)
    await store.record_question(game, G, [rec(1, True, 300, key="main/q2")], MONDAY + 10)
    await store.finish_game(game, "completed", MONDAY + 20, 2)
    # this week comes from the rollup, last week from the answers: both count the game once
    this_week = await store.leaderboard(G, "week", MONDAY + 3600)
    last_week = await store.leaderboard(G, "week", MONDAY - 3600)
    assert [(r.points, r.answered, r.games) for r in this_week.rows] == [(300, 1, 1)]
    assert [(r.points, r.answered, r.games) for r in last_week.rows] == [(500, 1, 1)]
    own = await store.player_rank(G, 1, "week", MONDAY + 3600)
    assert own is not None and own.games == 1
    # a later game in the same week is a second game there
    await _play(store, [rec(1, True, 100, key="main/q3")], at=MONDAY + 100)
    again = await store.leaderboard(G, "week", MONDAY + 3600)
    assert [(r.points, r.games) for r in again.rows] == [(400, 2)]


async def test_a_game_across_the_month_boundary_counts_in_both_months(store: Store) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), FEB_1 - 60)
    await store.record_question(game, G, [rec(1, True, 500)], FEB_1 - 10)
    await store.record_question(game, G, [rec(1, True, 300, key="main/q2")], FEB_1 + 10)
    feb = await store.leaderboard(G, "month", FEB_1 + 3600)
    jan = await store.leaderboard(G, "month", FEB_1 - 3600)
    assert [(r.points, r.games) for r in feb.rows] == [(300, 1)]
    assert [(r.points, r.games) for r in jan.rows] == [(500, 1)]


async def test_month_starts_on_the_first_midnight_utc(store: Store) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), FEB_1 - 60)
    await store.record_question(game, G, [rec(1, True, 500), rec(2, True, 100)], FEB_1 - 1)
    await store.record_question(game, G, [rec(2, True, 400, key="main/q2")], FEB_1)
    feb = await store.leaderboard(G, "month", FEB_1 + 10)
    assert [(r.rank, r.user_id, r.points) for r in feb.rows] == [(1, 2, 400)]
    jan = await store.leaderboard(G, "month", FEB_1 - 100)
    assert [(r.rank, r.user_id, r.points) for r in jan.rows] == [(1, 1, 500), (2, 2, 100)]
    # 2025-02-01 is a Saturday: the week holds both questions
    week = await store.leaderboard(G, "week", FEB_1 + 10)
    assert sorted((r.user_id, r.points) for r in week.rows) == [(1, 500), (2, 500)]
    assert [r.rank for r in week.rows] == [1, 1]
    everything = await store.leaderboard(G, "all", FEB_1 + 10)
    assert [(r.user_id, r.points) for r in everything.rows] == [(1, 500), (2, 500)]


async def test_a_late_answer_for_an_earlier_week_does_not_disturb_this_week(
    store: Store,
) -> None:
    game = await store.create_game(G, 100, ["main"], "choice", Player(1, "u1"), MONDAY)
    await store.record_question(game, G, [rec(1, True, 300)], MONDAY + 10)
    await store.record_question(game, G, [rec(1, True, 200, key="main/q2")], MONDAY - 10)
    now = await store.player_rank(G, 1, "week", MONDAY + 20)
    before = await store.player_rank(G, 1, "week", MONDAY - 20)
    total = await store.player_rank(G, 1, "all", MONDAY + 20)
    assert (now and now.points, before and before.points, total and total.points) == (
        300,
        200,
        500,
    )


async def test_the_last_name_seen_is_shown(store: Store) -> None:
    await _play(store, [rec(1, True, 100, name="Old name")])
    await _play(store, [rec(1, True, 100, name="New name")], at=T0 + 100)
    [row] = (await store.leaderboard(G, "all", T0 + 200)).rows
    assert (row.name, row.points, row.games) == ("New name", 200, 2)


async def test_guilds_never_see_each_others_scores(store: Store) -> None:
    await _scenario(store)
    await _play(store, [rec(1, True, 5), rec(7, True, 50)], guild=20)
    other = await store.leaderboard(20, "all", T0 + 100)
    assert [(r.user_id, r.points) for r in other.rows] == [(7, 50), (1, 5)]
    assert (await store.leaderboard(G, "all", T0 + 100)).total == 5
    assert await store.player_stats(G, 7, T0 + 100) is None
    s = await store.player_stats(20, 1, T0 + 100)
    assert s is not None and (s.points, s.rank, s.games) == (5, 2, 1)
    assert (await store.leaderboard(20, "all", T0, pack="extra")).total == 0


async def test_unknown_period_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown period"):
        await store.leaderboard(G, "year", T0)  # type: ignore[arg-type]
