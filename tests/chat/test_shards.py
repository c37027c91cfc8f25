"""Sharding in one process: every shard Discord recommends, or only some (a cluster's member)."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from fakediscord import FakeDiscord, connect
from fakediscord.gateway import shard_of
from fakediscord.world import sharded_world

from bot.chat.client import TriviaBot
from bot.config import Settings

from .conftest import BotFactory, MemoryStore


async def _no_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py waits 5 s between two shards' IDENTIFYs (Discord's rate); not in tests."""


@pytest.fixture
async def sharded(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A running stand-in whose world has one guild on each of 2 shards."""
    from fakediscord.harness import point_discord_at

    fake = FakeDiscord(sharded_world(2))
    await fake.start()
    point_discord_at(monkeypatch, fake)
    try:
        yield fake
    finally:
        await fake.close()


async def test_by_default_one_process_runs_every_shard_discord_recommends(
    sharded: FakeDiscord, make_bot: BotFactory
) -> None:
    sharded.recommended_shards = 2
    bot = make_bot()
    bot.before_identify_hook = _no_identify_wait  # type: ignore[method-assign]
    async with connect(bot, sharded):
        assert any(r.path == "/gateway/bot" for r in sharded.requests)
        assert (bot.shard_count, sorted(bot.shards)) == (2, [0, 1])
        assert sharded.shards_online() == {(0, 2), (1, 2)}
        for guild in sharded.world.guilds:
            found = bot.get_guild(guild.id)
            assert found is not None and found.shard_id == shard_of(guild.id, 2)
        assert bot.synced  # it holds shard 0


async def _started(bot: TriviaBot, fake: FakeDiscord, shard: int) -> asyncio.Task[None]:
    """Start a bot holding some shards; return once its shard's connection is ready."""
    running = asyncio.create_task(bot.start(fake.token))
    await fake.wait_until(lambda: (shard, 2) in fake.shards_online(), what=f"shard {shard}")
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    return running


async def test_two_processes_each_get_only_their_shards_guilds_and_only_shard_0_syncs(
    sharded: FakeDiscord, make_bot: BotFactory, store: MemoryStore
) -> None:
    first, second = sharded.world.guilds  # on shards 0 and 1
    bots = {
        shard: make_bot(Settings(trivia_shard_count=2, trivia_shards=(shard,)))
        for shard in (1, 0)  # shard 1 first: it must not sync
    }
    seen: dict[int, list[int | None]] = {0: [], 1: []}
    tasks = []
    try:
        for shard, bot in bots.items():

            async def record(interaction: discord.Interaction[Any], shard: int = shard) -> None:
                seen[shard].append(interaction.guild_id)

            bot.add_listener(record, "on_interaction")
            tasks.append(await _started(bot, sharded, shard))
            if shard == 1:
                assert sharded.syncs == [] and not bot.synced
        assert len(sharded.syncs) == 1 and bots[0].synced
        assert [i["shard"] for i in sharded.identifies] == [[1, 2], [0, 2]]
        assert [g.id for g in bots[0].guilds] == [first.id]
        assert [g.id for g in bots[1].guilds] == [second.id]

        for guild in (first, second):
            sent = await sharded.slash("ping", member=guild.member("alice"))
            await sharded.wait_for_callback(sent)
        assert seen == {0: [first.id], 1: [second.id]}
    finally:
        for bot in bots.values():
            await bot.close()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 5)


async def test_an_identify_with_an_impossible_shard_is_closed_with_4010(
    sharded: FakeDiscord,
) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session, session.ws_connect(sharded.gateway_url) as ws:
        await ws.receive_json()  # HELLO
        identify = {"token": sharded.token, "intents": 1, "shard": [2, 2], "properties": {}}
        await ws.send_json({"op": 2, "d": identify})
        closed = await ws.receive()
        assert closed.type is aiohttp.WSMsgType.CLOSE and closed.data == 4010
    assert sharded.close_codes == [4010]
