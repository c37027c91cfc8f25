"""The real TriviaBot against the fake Discord: connecting, intents, deliberate command sync."""

from __future__ import annotations

import discord
import pytest
from fakediscord import FakeDiscord, connect

from bot.chat.client import intents_for
from bot.config import Settings

from .conftest import BotFactory, MemoryStore

#: the demo extension alone, so these tests do not depend on the trivia commands
PING_ONLY = ("bot.chat.ping",)


async def test_bot_connects_and_sees_every_guild_with_its_members(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(), fake_discord) as bot:
        fans = fake_discord.world.guild("Soundtrack Fans")
        guild = bot.get_guild(fans.id)
        assert guild is not None
        assert {g.id for g in bot.guilds} == {g.id for g in fake_discord.world.guilds}
        assert guild.owner_id == fans.owner_id
        assert guild.me.guild_permissions.send_messages
        assert guild.get_role(fans.role("Manager").id).permissions.manage_guild  # type: ignore[union-attr]
        # without the members intent Discord sends only the bot's own member
        assert [m.id for m in guild.members] == [bot.user.id]  # type: ignore[union-attr]


async def test_identify_asks_only_for_the_guilds_intent_by_default(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(), fake_discord):
        pass
    assert fake_discord.identifies[-1]["intents"] == discord.Intents(guilds=True).value


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (False, discord.Intents(guilds=True)),
        (True, discord.Intents(guilds=True, guild_messages=True, message_content=True)),
    ],
)
def test_intents_follow_the_typed_answers_setting(typed: bool, expected: discord.Intents) -> None:
    assert intents_for(Settings(trivia_typed_answers=typed)) == expected


async def test_mentions_are_off_by_default(fake_discord: FakeDiscord, make_bot: BotFactory) -> None:
    bot = make_bot()
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict() == {"parse": []}


async def test_first_start_syncs_the_commands_globally_once(
    fake_discord: FakeDiscord, make_bot: BotFactory, store: MemoryStore
) -> None:
    async with connect(make_bot(extensions=PING_ONLY), fake_discord) as bot:
        assert bot.synced
    assert len(fake_discord.syncs) == 1
    sync = fake_discord.syncs[0]
    assert sync.guild_id is None
    assert [c["name"] for c in sync.commands] == ["ping"]
    assert len(store.meta) == 1


async def test_restart_with_the_same_commands_does_not_sync_again(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(), fake_discord):
        pass
    async with connect(make_bot(), fake_discord) as second:
        assert not second.synced
    assert len(fake_discord.syncs) == 1
    puts = [r for r in fake_discord.requests if r.method == "PUT"]
    assert len(puts) == 1


async def test_a_changed_command_set_syncs_again(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(extensions=PING_ONLY), fake_discord):
        pass
    async with connect(make_bot(), fake_discord) as second:
        assert second.synced
    assert [sorted(c["name"] for c in s.commands) for s in fake_discord.syncs] == [
        ["ping"],
        ["demo", "fail", "ping", "trivia", "trivia-admin"],
    ]


async def test_a_fresh_database_syncs_even_if_discord_has_the_commands(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(), fake_discord):
        pass
    async with connect(make_bot(meta=MemoryStore()), fake_discord):
        pass
    assert len(fake_discord.syncs) == 2


async def test_dev_guild_gets_the_commands_and_its_own_hash(
    fake_discord: FakeDiscord, make_bot: BotFactory, store: MemoryStore
) -> None:
    fans = fake_discord.world.guild("Soundtrack Fans")
    settings = Settings(trivia_dev_guild=fans.id)
    async with connect(make_bot(settings, extensions=PING_ONLY), fake_discord):
        pass
    async with connect(make_bot(settings, extensions=PING_ONLY), fake_discord):
        pass
    assert [(s.guild_id, [c["name"] for c in s.commands]) for s in fake_discord.syncs] == [
        (fans.id, ["ping"])
    ]
    assert any(str(fans.id) in key for key in store.meta)
    # switching back to global sync is a different target: it syncs
    async with connect(make_bot(extensions=PING_ONLY), fake_discord):
        pass
    assert [s.guild_id for s in fake_discord.syncs] == [fans.id, None]


async def test_a_rejected_token_raises_login_failure(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    with pytest.raises(discord.LoginFailure):
        async with connect(make_bot(), fake_discord, token="not-the-token"):
            pass
    assert fake_discord.requests[-1].path == "/users/@me"
    assert fake_discord.requests[-1].status == 401


async def test_the_gateway_speaks_zlib_stream_as_discord_py_asks(
    fake_discord: FakeDiscord, make_bot: BotFactory
) -> None:
    async with connect(make_bot(), fake_discord):
        pass
    # the bot became ready, so the compressed frames decoded through discord.py's real decompressor
    assert fake_discord.gateway_queries[-1] == {
        "v": "10",
        "encoding": "json",
        "compress": "zlib-stream",
    }
    assert fake_discord.unknown == []


async def test_the_real_bot_freezes_its_start_up_objects_once_set_up(
    fake_discord: FakeDiscord, make_bot: BotFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr("bot.chat.client.freeze_startup_objects", lambda: frozen.append(True))
    async with connect(make_bot(extensions=PING_ONLY), fake_discord):
        pass
    assert frozen == []  # test bots leave the collector alone
    bot = make_bot(extensions=PING_ONLY)
    bot.freeze_after_setup = True  # as open_bot sets it for `trivia-bot run`
    async with connect(bot, fake_discord):
        assert frozen == [True]
