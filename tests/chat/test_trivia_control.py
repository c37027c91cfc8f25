"""/trivia stop and skip (starter or moderator), and every reason /trivia start says no."""

from __future__ import annotations

import discord
import pytest
from fakediscord import FakeDiscord

from bot.store import Store

from .trivia_helpers import labels, table

NOT_STOP = "Only the player who started the game or a moderator can stop it."
NOT_SKIP = "Only the player who started the game or a moderator can skip."


@pytest.mark.parametrize("who", ["alice", "manager", "owner"])
async def test_the_starter_or_a_manage_server_member_can_stop(
    fake_discord: FakeDiscord, db: Store, who: str
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=5)
        await t.question(1)
        reply = await t.command("trivia stop", who)
        assert (reply.ephemeral, reply.content) == (True, "⏹️ You stopped the game.")
        final = await t.final()
        assert final.content == f"⏹️ Game stopped by {who}. Scores so far are saved."
        assert [g.status for g in await db.recent_games(t.guild.id)] == ["stopped"]


async def test_the_configured_moderator_role_can_stop(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test")
        refused = await t.command("trivia stop", "mod")
        assert (refused.ephemeral, refused.content) == (True, NOT_STOP)
        # as /trivia-admin settings does it: the bot keeps the settings in memory
        await t.bot.guild_settings.update(
            t.guild.id, moderator_role_id=t.guild.role("Trivia Mod").id
        )
        reply = await t.command("trivia stop", "mod")
        assert reply.content == "⏹️ You stopped the game."


async def test_another_member_cannot_stop_or_skip(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2)
        message = await t.question(1)
        stop = await t.command("trivia stop", "bob")
        skip = await t.command("trivia skip", "bob")
        assert (stop.ephemeral, stop.content) == (True, NOT_STOP)
        assert (skip.ephemeral, skip.content) == (True, NOT_SKIP)
        assert len(message.embeds) == 1  # still open
        assert [g.status for g in await db.recent_games(t.guild.id)] == ["running"]


@pytest.mark.parametrize("who", ["alice", "manager"])
async def test_the_starter_or_a_moderator_can_skip(
    fake_discord: FakeDiscord, db: Store, who: str
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2)
        first = await t.question(1)
        reply = await t.command("trivia skip", who)
        assert (reply.ephemeral, reply.content) == (True, "⏭️ Skipped question 1.")
        first = await t.revealed(first)
        assert first.embeds[1]["description"].startswith("⏭️ Skipped.")
        await t.advance(5)
        await t.question(2)


async def test_stop_with_no_game_running_says_so(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        reply = await t.command("trivia stop", "alice")
        assert (reply.ephemeral, reply.content) == (True, "No game is running in this channel.")


async def test_a_second_start_in_a_busy_channel_is_refused(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test")
        await t.question(1)
        reply = await t.start("bob")
        assert reply.ephemeral and reply.content.startswith("A game is already running")
        assert len(await db.recent_games(t.guild.id)) == 1


async def test_the_servers_game_limit_is_enforced(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await db.update_settings(t.guild.id, max_games=1)
        await t.start("alice", pack="test")
        reply = await t.command("trivia start", "bob", channel=t.channel("general"))
        assert reply.ephemeral
        assert reply.content == (
            "This server already has 1 game running (its limit is 1): wait for one to end."
        )
        # the limit is per server: the other server may still play
        other = fake_discord.world.guild("Second Server")
        sent = await fake_discord.slash("trivia start", member=other.member("bob"), pack="test")
        assert not (await fake_discord.wait_for_callback(sent)).ephemeral


async def test_the_start_cooldown_is_per_channel(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await db.update_settings(t.guild.id, start_cooldown=30)
        await t.start("alice", pack="test")
        await t.question(1)
        await t.command("trivia stop", "alice")
        await t.final()
        refused = await t.start("alice", pack="test")
        assert (refused.ephemeral, refused.content) == (
            True,
            "A game was started here a moment ago: wait 30 s before starting another one.",
        )
        elsewhere = await t.command("trivia start", "alice", channel=t.channel("general"))
        assert not elsewhere.ephemeral
        await t.time.advance(30)
        again = await t.start("alice", pack="test")
        assert not again.ephemeral


async def test_a_channel_outside_the_allowed_ones_is_refused(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await db.update_settings(t.guild.id, allowed_channel_ids=[t.channel("general").id])
        reply = await t.start("alice")
        assert reply.ephemeral
        assert reply.content == (
            f"Games can't be started in this channel. Try: <#{t.channel('general').id}>."
        )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"pack": "nope"}, "There is no pack named “nope” here: `/trivia packs` lists them."),
        (
            {"pack": "test", "category": "cast"},
            "There is no category “cast” in that choice of packs. Categories: story.",
        ),
        (
            {"pack": "late", "up_to_episode": 2},
            "No questions left under the spoiler limit (up to episode 2).",
        ),
    ],
)
async def test_start_refuses_with_the_reason(
    fake_discord: FakeDiscord, db: Store, options: dict[str, object], expected: str
) -> None:
    async with table(fake_discord, db) as t:
        reply = await t.start("alice", **options)
        assert (reply.ephemeral, reply.content) == (True, expected)
        assert await db.recent_games(t.guild.id) == []


async def test_start_uses_the_servers_default_settings(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await db.update_settings(t.guild.id, questions=3, seconds=45, default_mode="typed")
        reply = await t.start("alice", pack="test")
        assert "3 questions" in reply.content and "45 s each" in reply.content
        message = await t.question(1)
        assert message.embeds[0]["title"] == "Question 1/3"
        assert labels(message) == ["Answer"]


async def test_start_is_refused_where_the_bot_cannot_post_its_questions(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        # e.g. a channel whose overwrites take Embed Links from the bot (and from everyone)
        for role in (t.guild.role(fake_discord.world.bot_name), t.guild.everyone):
            role.permissions &= ~discord.Permissions(embed_links=True).value
        refusal = await t.start("alice", pack="test")
        assert refusal.ephemeral
        assert refusal.content == (
            "I can't post questions in this channel: I need the View Channel, Send Messages "
            "and Embed Links permissions here."
        )
        assert await db.recent_games(t.guild.id) == []
        assert fake_discord.channel_messages(t.channel().id) == []
