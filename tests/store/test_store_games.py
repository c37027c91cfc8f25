"""Games: creating, recording questions, finishing, recovery after a crash, recent lists."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.engine.model import Player
from bot.session.identity import LOCAL_GUILD_ID
from bot.store import Recovery, Store, StoreError, open_store
from tests.store.store_helpers import T0, rec, write_errors

ANN = Player(1, "Ann")


async def test_a_finished_game_is_summarised(store: Store) -> None:
    game = await store.create_game(10, 100, ["main", "extra"], "choice", ANN, T0)
    await store.record_question(game, 10, [rec(1, True, 900), rec(2, False, 0)], T0 + 20)
    await store.record_question(game, 10, [rec(1, True, 800, key="main/q2")], T0 + 40)
    await store.finish_game(game, "completed", T0 + 50, 2)
    [summary] = await store.recent_games(10, 5)
    assert summary.id == game
    assert (summary.guild_id, summary.channel_id) == (10, 100)
    assert summary.packs == ("main", "extra")
    assert summary.started_by == ANN
    assert (summary.started_at, summary.ended_at) == (T0, T0 + 50)
    assert (summary.status, summary.asked, summary.players) == ("completed", 2, 2)


async def test_recent_games_are_newest_first_limited_and_per_guild(store: Store) -> None:
    ids = [await store.create_game(10, 100, ["main"], "choice", ANN, T0 + i) for i in range(4)]
    await store.create_game(11, 100, ["main"], "choice", ANN, T0 + 99)
    assert [g.id for g in await store.recent_games(10, 3)] == ids[::-1][:3]
    assert [g.guild_id for g in await store.recent_games(11, 10)] == [11]


async def test_recent_question_keys_per_channel_most_recent_first(store: Store) -> None:
    g1 = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    g2 = await store.create_game(10, 200, ["main"], "choice", ANN, T0)
    await store.record_question(g1, 10, [rec(1, True, 900, key="main/a")], T0 + 1)
    await store.record_question(g2, 10, [rec(1, True, 900, key="main/x")], T0 + 2)
    # a question nobody answered still counts as seen in this channel
    await store.record_question(g1, 10, [], T0 + 3, question_key="main/b")
    await store.record_question(g1, 10, [rec(2, False, 0, key="main/c")], T0 + 4)
    assert await store.recent_question_keys(10, 100, 10) == ["main/c", "main/b", "main/a"]
    assert await store.recent_question_keys(10, 100, 2) == ["main/c", "main/b"]
    assert await store.recent_question_keys(10, 200, 10) == ["main/x"]
    assert await store.recent_question_keys(99, 100, 10) == []


async def test_no_records_and_no_key_is_an_error(store: Store) -> None:
    game = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    with pytest.raises(StoreError, match="question_key"):
        await store.record_question(game, 10, [], T0)


async def test_recording_into_a_finished_game_is_refused_and_writes_nothing(
    store: Store,
) -> None:
    game = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    await store.finish_game(game, "stopped", T0 + 5, 0)
    with pytest.raises(StoreError, match="not a running game"):
        await store.record_question(game, 10, [rec(1, True, 900)], T0 + 10)
    assert await store.player_stats(10, 1, T0) is None
    assert await store.recent_question_keys(10, 100, 5) == []


async def test_recording_under_another_guild_is_refused(store: Store) -> None:
    game = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    with pytest.raises(StoreError, match="not a running game of guild 11"):
        await store.record_question(game, 11, [rec(1, True, 900)], T0 + 10)
    assert (await store.leaderboard(11, "all", T0)).total == 0
    assert (await store.leaderboard(10, "all", T0)).total == 0


@pytest.mark.parametrize("status", ["running", "finished", ""])
async def test_finishing_with_an_unknown_status_is_refused(store: Store, status: str) -> None:
    game = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    with pytest.raises(StoreError):
        await store.finish_game(game, status, T0, 0)  # type: ignore[arg-type]


async def test_games_played_counts_each_game_once(store: Store) -> None:
    for g in range(2):
        game = await store.create_game(10, 100, ["main"], "choice", ANN, T0 + g * 100)
        for q in range(3):
            await store.record_question(
                game, 10, [rec(1, True, 100, key=f"main/q{q}")], T0 + g * 100 + q
            )
        await store.finish_game(game, "completed", T0 + g * 100 + 50, 3)
    stats = await store.player_stats(10, 1, T0 + 500)
    assert stats is not None
    assert (stats.games, stats.answered, stats.points) == (2, 6, 600)


async def test_a_game_left_running_is_interrupted_on_open_and_keeps_points(
    db: str | Path,
) -> None:
    async with await open_store(db, now=T0) as s:
        done = await s.create_game(10, 100, ["main"], "choice", ANN, T0)
        await s.finish_game(done, "completed", T0 + 10, 0)
        left = await s.create_game(10, 200, ["main"], "typed", ANN, T0 + 20)
        await s.record_question(left, 10, [rec(1, True, 700, streak=1)], T0 + 40)
        await s.record_question(left, 10, [rec(1, True, 600, key="main/q2", streak=2)], T0 + 60)
        # closed without finish_game: as if the process had died
    async with await open_store(db, now=T0 + 1000) as s:
        assert s.recovered == [left]
        games = {g.id: g for g in await s.recent_games(10, 10)}
        assert (games[left].status, games[left].ended_at, games[left].asked) == (
            "interrupted",
            T0 + 1000,
            2,
        )
        assert (games[done].status, games[done].ended_at) == ("completed", T0 + 10)
        stats = await s.player_stats(10, 1, T0 + 1000)
        assert stats is not None
        assert (stats.points, stats.right, stats.best_streak) == (1300, 2, 2)
    async with await open_store(db, now=T0 + 2000) as s:
        assert s.recovered == []


async def test_a_cancelled_caller_does_not_lose_the_question(db: str | Path) -> None:
    s = await open_store(db, now=T0)
    game = await s.create_game(10, 100, ["main"], "choice", ANN, T0)
    task = asyncio.create_task(s.record_question(game, 10, [rec(1, True, 900)], T0 + 20))
    await asyncio.sleep(0)  # let it start, then cancel it mid-write
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await s.close()
    async with await open_store(db, now=T0 + 30) as s:
        stats = await s.player_stats(10, 1, T0 + 30)
        assert stats is not None and stats.points == 900


async def test_a_question_that_fails_half_way_writes_nothing(store: Store) -> None:
    game = await store.create_game(10, 100, ["main"], "choice", ANN, T0)
    bad = rec(2, True, None, key="main/q1")  # type: ignore[arg-type]
    with pytest.raises(write_errors()):
        await store.record_question(game, 10, [rec(1, True, 900), bad], T0 + 1)
    assert await store.recent_question_keys(10, 100, 5) == []
    assert (await store.leaderboard(10, "all", T0)).total == 0
    # the store is still usable and the game still running
    await store.record_question(game, 10, [rec(1, True, 900)], T0 + 2)
    [summary] = await store.recent_games(10, 1)
    assert (summary.asked, summary.status) == (1, "running")


async def test_open_recovers_only_the_games_of_its_own_kind(db: str | Path) -> None:
    """The bot does not claim a terminal game running beside it, nor the terminal the bot's."""

    path = db
    store = await open_store(path)
    someone = Player(1, "Mina")
    local = await store.create_game(LOCAL_GUILD_ID, 0, ["p"], "choice", someone, at=1.0)
    discord = await store.create_game(42, 420, ["p"], "choice", someone, at=1.0)
    await store.close()

    looker = await open_store(path, recover=None)
    assert looker.recovered == []
    await looker.close()
    bot = await open_store(path, recover=Recovery(skip_guild_id=LOCAL_GUILD_ID))
    assert bot.recovered == [discord]
    await bot.close()
    terminal = await open_store(path, recover=Recovery(guild_id=LOCAL_GUILD_ID))
    assert terminal.recovered == [local]
    await terminal.close()


async def test_questions_closing_together_commit_together_and_a_bad_one_alone_fails(
    store: Store,
) -> None:
    games = [await store.create_game(10, 100 + i, ["main"], "choice", ANN, T0) for i in range(3)]
    await store.finish_game(games[1], "stopped", T0 + 1, 0)
    results = await asyncio.gather(
        *(
            store.record_question(g, 10, [rec(1, True, 100), rec(2 + i, True, 10)], T0 + 5)
            for i, g in enumerate(games)
        ),
        # the guild check holds inside a shared transaction too
        store.record_question(games[2], 11, [rec(9, True, 1)], T0 + 5),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], StoreError) and isinstance(results[3], StoreError)
    page = await store.leaderboard(10, "all", T0 + 10)
    assert [(r.user_id, r.points, r.answered, r.games) for r in page.rows] == [
        (1, 200, 2, 2),
        (2, 10, 1, 1),
        (4, 10, 1, 1),
    ]
    assert [g.players for g in await store.recent_games(10, 5)] == [2, 0, 2]
    assert (await store.leaderboard(11, "all", T0 + 10)).total == 0


async def test_games_count_once_per_player_with_late_joiners_and_a_reopened_store(
    db: str | Path,
) -> None:
    async with await open_store(db, now=T0) as s:
        game = await s.create_game(10, 100, ["main"], "choice", ANN, T0)
        await s.record_question(game, 10, [rec(1, True, 1)], T0 + 1)
        # player 2 joins late (some answers new, some not), then everyone is known
        await s.record_question(game, 10, [rec(1, True, 1), rec(2, True, 1)], T0 + 2)
        await s.record_question(game, 10, [rec(1, True, 1), rec(2, True, 1)], T0 + 3)
        # a reset wins over the running game: player 1's answers there are dropped, and
        # their next game counts again
        await s.reset_scores(10, 1)
        await s.record_question(game, 10, [rec(1, True, 1), rec(2, True, 1)], T0 + 4)
        later = await s.create_game(10, 100, ["main"], "choice", ANN, T0 + 4)
        await s.record_question(later, 10, [rec(1, True, 1)], T0 + 4)
        await s.record_question(game, 10, [rec(3, True, 1)], T0 + 5)
        page = await s.leaderboard(10, "all", T0 + 10)
        assert [(r.user_id, r.answered, r.games) for r in page.rows] == [
            (2, 3, 1),
            (1, 1, 1),
            (3, 1, 1),
        ]
    # a store that did not create the game looks its players up
    async with await open_store(db, now=T0, recover=None) as s:
        await s.record_question(game, 10, [rec(2, True, 1), rec(4, True, 1)], T0 + 6)
        page = await s.leaderboard(10, "all", T0 + 10)
        assert [(r.user_id, r.answered, r.games) for r in page.rows] == [
            (2, 4, 1),
            (1, 1, 1),
            (3, 1, 1),
            (4, 1, 1),
        ]


async def test_a_games_question_message_is_remembered_for_recovery(db: str | Path) -> None:
    async with await open_store(db, now=0.0) as store:
        game_id = await store.create_game(5, 6, ["p"], "choice", Player(1, "a"), 1.0)
        assert (await store.get_game(game_id)).message_id is None  # type: ignore[union-attr]
        await store.set_game_message(game_id, 987654321)
        got = await store.get_game(game_id)
    assert got is not None and got.message_id == 987654321
