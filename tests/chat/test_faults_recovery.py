"""A game killed mid-question: at the next start its channel is told and its question closed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fakediscord import FakeDiscord

from bot.chat.trivia.recovery import CLOSED
from bot.engine.model import Player
from bot.session.identity import LOCAL_GUILD_ID
from bot.store import Recovery, Store, open_store
from bot.store.types import GameSummary

from .faults_support import every_interaction_within_3_s
from .trivia_helpers import Table, table


async def kill(t: Table) -> None:
    """Stop a bot's games the way SIGKILL does: nothing more is sent or written."""
    service = t.bot.get_cog("Trivia")._service  # type: ignore[union-attr]
    sessions = service.sessions
    tasks = [r.task for r in sessions.registry._runners.values() if r.task is not None]
    tasks += [s._task for s in sessions._screens.values() if s._task is not None]
    tasks += [r._task for r in sessions._recorders.values() if r._task is not None]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    async def nothing() -> int:
        return 0

    service.shutdown = nothing  # type: ignore[method-assign]


async def stored_message(store: Store, guild_id: int, message_id: int) -> GameSummary:
    """The guild's last game, once the store holds ``message_id`` as its question's message."""

    async def poll() -> GameSummary:
        while True:
            game = (await store.recent_games(guild_id))[0]
            if game.message_id == message_id:
                return game
            await asyncio.sleep(0.005)  # the sink stores it just after the post

    return await asyncio.wait_for(poll(), 5)


async def test_an_interrupted_game_is_closed_in_public_at_the_next_start(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    path = tmp_path / "trivia.sqlite3"
    first_store = await open_store(path, recover=Recovery(skip_guild_id=LOCAL_GUILD_ID))
    async with table(fake_discord, first_store) as t:
        await t.start("alice", pack="test", questions=4, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.advance(20)
        await t.revealed(first)
        await t.advance(5)
        second = await t.question(2)
        game = await stored_message(first_store, t.guild.id, second.id)
        await kill(t)
    await first_store.close()
    assert game.status == "running" and game.message_id == second.id

    store = await open_store(path, recover=Recovery(skip_guild_id=LOCAL_GUILD_ID))
    try:
        assert store.recovered == [game.id]
        async with table(fake_discord, store) as t:
            notice = await fake_discord.wait_for_message(
                lambda m: m.channel_id == t.channel().id and "interrupted" in m.content
            )
            assert notice.content == (
                "⚠️ The trivia game in this channel was interrupted by a restart. Its scores "
                "for question 1 are kept. Start a new one with `/trivia start`."
            )
            await fake_discord.wait_until(lambda: second.edits > 0, what="the closing edit")
            assert all(b["disabled"] for b in second.buttons())
            fields = {f["name"]: f["value"] for f in second.embeds[0]["fields"]}
            assert fields["Time"] == CLOSED
            assert second.embeds[0]["title"] == "Question 2/4"
            # a click on the old question (were it possible) is refused privately
            late = await t.click(second, "bob", custom_id=second.buttons()[0]["custom_id"])
            assert (late.ephemeral, late.content) == (True, "This game is over.")
        summary = await store.get_game(game.id)
        assert summary is not None and (summary.status, summary.asked) == ("interrupted", 1)
    finally:
        await store.close()


async def test_a_gone_channel_is_logged_and_skipped(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    path = tmp_path / "trivia.sqlite3"
    store = await open_store(path)
    guild = fake_discord.world.guild("Soundtrack Fans")
    starter = guild.member("alice")
    gone = await store.create_game(
        guild.id, 424242, ["test"], "choice", Player(starter.id, "a"), 1.0
    )
    here = await store.create_game(
        guild.id, guild.channel("general").id, ["test"], "choice", Player(starter.id, "a"), 1.0
    )
    await store.close()
    store = await open_store(path, recover=Recovery(skip_guild_id=LOCAL_GUILD_ID))
    try:
        assert store.recovered == [gone, here]
        async with table(fake_discord, store):
            notice = await fake_discord.wait_for_message(lambda m: "interrupted" in m.content)
            assert notice.channel_id == guild.channel("general").id
            assert "before any question was finished" in notice.content
    finally:
        await store.close()


__all__ = ["every_interaction_within_3_s"]
