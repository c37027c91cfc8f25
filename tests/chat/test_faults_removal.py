"""Removal means gone: a member removed during a game is not written back by that game."""

from __future__ import annotations

from fakediscord import FakeDiscord

from bot.engine.model import AnswerRecord, Player
from bot.store import Store

from .faults_support import admin_of, every_interaction_within_3_s, full_bot, recorded, rows_about
from .trivia_helpers import table

NONE = dict.fromkeys(("answers", "totals", "category_totals", "players", "game_players"), 0)


async def test_a_removed_player_is_not_written_back_by_the_running_game(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db, make=full_bot) as t:
        bob = t.member("bob")
        await t.start("alice", pack="test", questions=4, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.click(first, "alice", label="Wrong 1")
        await t.advance(20)
        await t.revealed(first)
        await recorded(t)
        assert (await rows_about(db, bob.id))["answers"] == 1

        admin = admin_of(t)
        _, prompt = await admin.run("remove-player", member=bob)
        result = await admin.click(prompt, "Remove their data")
        assert result.startswith("Removed all data about")
        assert await rows_about(db, bob.id) == {**NONE, "reports": 0}

        for number in (2, 3, 4):
            await t.advance(5)
            message = await t.question(number)
            # alice is now the only player: her answer closes the question
            await t.click(message, "alice", label="Right")
            await t.revealed(message)
        final = await t.final()
        assert "bob" not in final.embeds[0]["description"]
        assert "alice" in final.embeds[0]["description"]
        assert await rows_about(db, bob.id) == {**NONE, "reports": 0}
        games = await db.recent_games(t.guild.id)
        assert [(g.status, g.asked, g.players) for g in games] == [("completed", 4, 1)]


async def test_reset_scores_drops_the_member_from_the_running_game(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db, make=full_bot) as t:
        bob = t.member("bob")
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        _, prompt = await admin_of(t).run("reset-scores", member=bob)
        await admin_of(t).click(prompt, "Reset scores")
        await t.click(first, "alice", label="Right")
        await t.advance(20)
        await t.revealed(first)
        await t.advance(5)
        second = await t.question(2)
        await t.click(second, "alice", label="Right")
        await t.final()
        counts = await rows_about(db, bob.id)
        assert (counts["answers"], counts["totals"], counts["game_players"]) == (0, 0, 0)


async def test_a_write_racing_a_removal_loses(db: Store) -> None:
    # the game's write was queued before the removal and reaches the store after it
    game = await db.create_game(1, 2, ["test"], "choice", Player(7, "alice"), 1000.0)
    await db.remove_player(8, 1)
    records = [
        AnswerRecord("test/q1", "test", "story", uid, name, True, 900, 100, 1)
        for uid, name in ((7, "alice"), (8, "bob"))
    ]
    await db.record_question(game, 1, records, 1001.0)
    assert (await rows_about(db, 8))["answers"] == 0
    assert (await rows_about(db, 8))["players"] == 0
    assert (await rows_about(db, 7))["answers"] == 1
    # a game started after the removal records the member again: they chose to play
    later = await db.create_game(1, 2, ["test"], "choice", Player(8, "bob"), 1002.0)
    await db.record_question(later, 1, records, 1003.0)
    assert (await rows_about(db, 8))["answers"] == 1


__all__ = ["every_interaction_within_3_s"]
