"""Reports, disabled questions, server packs, settings, meta, and data removal."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.engine.model import Player
from bot.store import GuildSettings, SettingsError, Store, StoreError
from bot.store.errors import AlreadyReported
from tests.store.store_helpers import T0, raw_count, rec

HOSTILE = [
    "'); DROP TABLE answers;--",
    "@everyone",
    "Robert'); DELETE FROM totals; --",
    "한국어 이름 🎶 " * 300 + "\u202e\u0000end",
    "%s ?1 :name $x",
]


async def test_reports_grouped_by_question_with_reasons(store: Store) -> None:
    a = await store.add_report(1, "main/q1", 11, "wrong year", T0)
    await store.add_report(1, "main/q2", 12, "typo", T0 + 1)
    b = await store.add_report(1, "main/q1", 13, "two answers fit", T0 + 2)
    await store.add_report(2, "main/q1", 14, "other guild", T0 + 3)
    groups = await store.open_reports(1)
    assert [(g.question_key, g.count, g.reasons) for g in groups] == [
        ("main/q1", 2, ("wrong year", "two answers fit")),
        ("main/q2", 1, ("typo",)),
    ]
    assert [r.id for r in groups[0].reports] == [a, b]
    assert groups[0].reports[1].user_id == 13
    assert groups[0].reports[1].created_at == T0 + 2


async def test_one_open_report_per_member_and_question(store: Store) -> None:
    attempts = [store.add_report(1, "p/q1", 7, f"reason {n}", T0 + n) for n in range(20)]
    results = await asyncio.gather(*attempts, return_exceptions=True)
    assert len([r for r in results if isinstance(r, int)]) == 1
    assert all(isinstance(r, AlreadyReported) for r in results if not isinstance(r, int))
    await store.add_report(1, "p/q1", 8, "another member", T0)
    await store.add_report(1, "p/q2", 7, "another question", T0)
    assert sorted(len(g.reports) for g in await store.open_reports(1)) == [1, 2]
    # once dismissed, the member may report the question again
    await store.resolve_reports(1, "p/q1", "dismissed", 99, T0)
    await store.add_report(1, "p/q1", 7, "still wrong", T0 + 50)


async def test_dismissing_closes_reports_without_disabling(store: Store) -> None:
    await store.add_report(1, "main/q1", 11, "wrong", T0)
    await store.add_report(1, "main/q1", 12, "wrong too", T0)
    assert await store.resolve_reports(1, "main/q1", "dismissed", 99, T0 + 5) == 2
    assert await store.open_reports(1) == []
    assert await store.disabled_questions(1) == set()
    # a new report of the same question opens a new group
    await store.add_report(1, "main/q1", 13, "still wrong", T0 + 6)
    assert [g.reasons for g in await store.open_reports(1)] == [("still wrong",)]


async def test_disabling_is_per_guild_and_can_be_undone(store: Store) -> None:
    await store.add_report(1, "main/q1", 11, "wrong", T0)
    await store.add_report(2, "main/q1", 11, "wrong", T0)
    assert await store.resolve_reports(1, "main/q1", "disabled", 99, T0 + 5) == 1
    assert await store.disabled_questions(1) == {"main/q1"}
    assert await store.disabled_questions(2) == set()
    assert [g.question_key for g in await store.open_reports(2)] == ["main/q1"]
    await store.set_question_enabled(1, "main/q1", True)
    assert await store.disabled_questions(1) == set()
    await store.set_question_enabled(1, "main/q9", False, by_user_id=5, at=T0)
    await store.set_question_enabled(1, "main/q9", False)
    assert await store.disabled_questions(1) == {"main/q9"}


async def test_unknown_resolution_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown resolution"):
        await store.resolve_reports(1, "main/q1", "deleted", 99, T0)  # type: ignore[arg-type]


async def test_server_pack_text_round_trips_byte_for_byte(store: Store) -> None:
    text = "\ufeff# mine\r\npack: mine\r\ntitle: 'Mine'\t \n\nquestions:\n  - q: \"é 🎶\"\n\n\n"
    await store.save_pack(1, "mine", "Mine", text, 1, 77, T0)
    pack = await store.get_pack(1, "mine")
    assert pack is not None
    assert pack.yaml_text.encode("utf-8") == text.encode("utf-8")
    assert (pack.guild_id, pack.slug, pack.title, pack.question_count, pack.updated_by) == (
        1,
        "mine",
        "Mine",
        1,
        77,
    )
    assert await store.get_pack(2, "mine") is None


async def test_server_packs_replace_list_and_delete(store: Store) -> None:
    await store.save_pack(1, "b", "B", "b: 1\n", 1, 7, T0)
    await store.save_pack(1, "a", "A", "a: 1\n", 2, 7, T0)
    await store.save_pack(2, "z", "Z", "z: 1\n", 3, 8, T0)
    await store.save_pack(1, "b", "B2", "b: 2\n", 5, 9, T0 + 10)
    assert [(p.slug, p.title, p.question_count) for p in await store.list_packs(1)] == [
        ("a", "A", 2),
        ("b", "B2", 5),
    ]
    replaced = await store.get_pack(1, "b")
    assert replaced is not None
    assert (replaced.yaml_text, replaced.updated_by, replaced.updated_at) == ("b: 2\n", 9, T0 + 10)
    assert [(p.guild_id, p.slug) for p in await store.all_packs()] == [(1, "a"), (1, "b"), (2, "z")]
    assert await store.delete_pack(1, "a") is True
    assert await store.delete_pack(1, "a") is False
    assert await store.delete_pack(1, "z") is False
    assert [p.slug for p in await store.list_packs(1)] == ["b"]
    assert [p.slug for p in await store.list_packs(2)] == ["z"]


async def test_settings_default_then_changed_then_reset(store: Store) -> None:
    assert await store.get_settings(1) == GuildSettings()
    changed = await store.update_settings(
        1,
        default_mode="typed",
        seconds=45,
        questions=25,
        moderator_role_id=555,
        allowed_channel_ids=[30, 10, 30],
        max_games=2,
        streak_bonus=False,
        start_cooldown=60,
    )
    assert changed == GuildSettings("typed", 45, 25, 555, (10, 30), 2, False, 60)
    assert await store.get_settings(1) == changed
    assert await store.get_settings(2) == GuildSettings()
    after = await store.update_settings(1, seconds=None, moderator_role_id=None)
    assert (after.seconds, after.moderator_role_id, after.questions) == (20, None, 25)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "unknown setting 'colour'"),
        ({"seconds = 5; DROP TABLE games; --": 1}, "unknown setting"),
        ({"seconds": 4}, "seconds must be a whole number from 5 to 120"),
        ({"seconds": True}, "seconds must be"),
        ({"questions": 51}, "questions must be"),
        ({"default_mode": "buzzer"}, "default_mode must be one of"),
        ({"moderator_role_id": -1}, "moderator_role_id must be a Discord id"),
        ({"allowed_channel_ids": "123"}, "allowed_channel_ids must be a list"),
        ({"allowed_channel_ids": [1, "x"]}, "allowed_channel_ids must be a Discord id"),
        ({"streak_bonus": 1}, "streak_bonus must be true or false"),
        ({"max_games": 0}, "max_games must be"),
    ],
)
async def test_bad_settings_are_clear_errors_and_change_nothing(
    store: Store, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        await store.update_settings(1, **{"start_cooldown": 30, **changes})
    assert await store.get_settings(1) == GuildSettings()


async def test_meta_values_are_replaced(store: Store) -> None:
    assert await store.get_meta("command-hash") is None
    await store.set_meta("command-hash", "abc")
    await store.set_meta("command-hash", "def")
    assert await store.get_meta("command-hash") == "def"


async def _two_guilds(store: Store) -> None:
    """Users 1 and 2 play in guild 1; user 1 also plays in guild 2."""
    for guild in (1, 2):
        game = await store.create_game(guild, 9, ["main"], "choice", Player(1, "one"), T0)
        records = [rec(1, True, 100, name="one"), rec(2, True, 50, name="two")]
        await store.record_question(game, guild, records if guild == 1 else records[:1], T0 + 1)
        await store.finish_game(game, "completed", T0 + 2, 1)


async def test_reset_scores_for_one_member(store: Store) -> None:
    await _two_guilds(store)
    await store.reset_scores(1, 1)
    assert [r.user_id for r in (await store.leaderboard(1, "all", T0)).rows] == [2]
    assert await store.player_stats(1, 1, T0) is None
    assert (await store.leaderboard(1, "all", T0, pack="main")).total == 1
    assert await store.player_stats(2, 1, T0) is not None


async def test_reset_scores_for_everyone_in_a_guild(store: Store) -> None:
    await _two_guilds(store)
    await store.reset_scores(1)
    for period in ("all", "month", "week"):
        assert (await store.leaderboard(1, period, T0)).total == 0  # type: ignore[arg-type]
    assert (await store.leaderboard(2, "all", T0)).total == 1
    # scores start again from nothing, games counted afresh
    game = await store.create_game(1, 9, ["main"], "choice", Player(2, "two"), T0 + 10)
    await store.record_question(game, 1, [rec(2, True, 70, name="two")], T0 + 11)
    stats = await store.player_stats(1, 2, T0 + 20)
    assert stats is not None and (stats.points, stats.games, stats.answered) == (70, 1, 1)


async def test_remove_player_everywhere(store: Store, db: str | Path) -> None:
    await _two_guilds(store)
    await store.add_report(1, "main/q1", 1, "mine", T0)
    await store.add_report(1, "main/q1", 2, "theirs", T0)
    await store.save_pack(2, "p", "P", "x: 1\n", 1, 1, T0)
    await store.remove_player(1)
    for guild in (1, 2):
        assert await store.player_stats(guild, 1, T0) is None
        assert all(g.started_by is None for g in await store.recent_games(guild, 5))
    assert [g.reasons for g in await store.open_reports(1)] == [("theirs",)]
    pack = await store.get_pack(2, "p")
    assert pack is not None and pack.updated_by is None
    assert [r.user_id for r in (await store.leaderboard(1, "all", T0)).rows] == [2]
    # nothing with user 1's id or name is left anywhere in the file
    for table in ("answers", "players", "game_players"):
        assert await raw_count(db, f"SELECT count(*) FROM {table} WHERE user_id = 1") == 0


async def test_remove_player_in_one_guild_only(store: Store) -> None:
    await _two_guilds(store)
    await store.remove_player(1, guild_id=1)
    assert await store.player_stats(1, 1, T0) is None
    kept = await store.player_stats(2, 1, T0)
    assert kept is not None and kept.name == "one"
    # a removed member who plays again is recorded afresh, name included
    game = await store.create_game(1, 9, ["main"], "choice", Player(2, "two"), T0 + 10)
    await store.record_question(game, 1, [rec(1, True, 10, name="one")], T0 + 11)
    back = await store.player_stats(1, 1, T0 + 20)
    assert back is not None and (back.name, back.points, back.games) == ("one", 10, 1)


async def test_an_answer_queued_behind_a_removal_is_dropped(store: Store) -> None:
    game = await store.create_game(1, 9, ["main"], "choice", Player(1, "one"), T0)
    await store.record_question(game, 1, [rec(1, True, 10, name="one")], T0 + 1)
    # the removal holds the database while the next question's answers wait for it
    removal = asyncio.ensure_future(store.remove_player(1, guild_id=1))
    await asyncio.sleep(0)
    await store.record_question(game, 1, [rec(1, True, 20, key="main/q2", name="one")], T0 + 2)
    await removal
    # the removal wins: the game started before it writes nothing more for the member
    assert not (await store.leaderboard(1, "all", T0 + 3)).rows
    assert await store.player_stats(1, 1, T0 + 3) is None


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_text_is_stored_and_returned_as_data(
    store: Store, db: str | Path, text: str
) -> None:
    if isinstance(db, str):
        # PostgreSQL text cannot hold U+0000: refused with a clear error, nothing written
        text = text.replace("\u0000", "")
    game = await store.create_game(1, 9, [text], "choice", Player(3, text), T0)
    await store.record_question(game, 1, [rec(3, True, 10, name=text, category=text)], T0 + 1)
    await store.add_report(1, "main/q1", 3, text, T0)
    await store.save_pack(1, "p", text, text, 1, 3, T0)
    await store.set_meta(text, text)
    [row] = (await store.leaderboard(1, "all", T0)).rows
    assert row.name == text
    stats = await store.player_stats(1, 3, T0)
    assert stats is not None and stats.favourite_category == text
    assert [g.reasons for g in await store.open_reports(1)] == [(text,)]
    pack = await store.get_pack(1, "p")
    assert pack is not None and (pack.title, pack.yaml_text) == (text, text)
    assert await store.get_meta(text) == text
    [summary] = await store.recent_games(1, 1)
    assert summary.packs == (text,) and summary.started_by == Player(3, text)
    # every table is still there
    assert (await store.leaderboard(1, "all", T0, pack="main")).total == 1


async def test_postgres_refuses_a_nul_character_clearly(store: Store, db: str | Path) -> None:
    if not isinstance(db, str):
        await store.set_meta("k", "a\u0000b")
        assert await store.get_meta("k") == "a\u0000b"
        return
    with pytest.raises(StoreError, match="cannot store"):
        await store.set_meta("k", "a\u0000b")
    assert await store.get_meta("k") is None
