"""Interactions through the fake Discord: /ping, the error handler, and every response path."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from fakediscord import FakeDiscord, connect

from bot.chat.client import TriviaBot
from bot.chat.errors import APOLOGY

from .conftest import BotFactory


@pytest.fixture
async def bot(fake_discord: FakeDiscord, make_bot: BotFactory) -> AsyncIterator[TriviaBot]:
    """The bot with the ping and harness cogs, connected."""
    async with connect(make_bot(), fake_discord) as running:
        assert isinstance(running, TriviaBot)
        yield running


async def test_ping_answers_pong_to_the_caller_alone(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    sent = await fake_discord.slash("ping", member=alice)
    reply = await fake_discord.wait_for_callback(sent)
    assert (reply.type, reply.content, reply.data["flags"]) == (4, "pong", 64)
    assert fake_discord.original_message(sent).ephemeral


async def test_a_user_facing_error_is_shown_as_is_and_not_logged_as_an_error(
    fake_discord: FakeDiscord, bot: TriviaBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    reply = await fake_discord.wait_for_callback(
        await fake_discord.slash("fail user", member=alice)
    )
    assert reply.content == "A game is already running in this channel."
    assert reply.ephemeral
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_an_unexpected_error_gets_an_apology_and_a_logged_traceback(
    fake_discord: FakeDiscord, bot: TriviaBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    reply = await fake_discord.wait_for_callback(
        await fake_discord.slash("fail crash", member=alice)
    )
    assert (reply.content, reply.ephemeral) == (APOLOGY, True)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None and "kaboom" in str(errors[0].exc_info[1])
    assert "fail crash" in errors[0].getMessage()


async def test_the_bot_still_answers_after_both_kinds_of_error(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    for command in ("fail user", "fail crash"):
        await fake_discord.wait_for_callback(await fake_discord.slash(command, member=alice))
    reply = await fake_discord.wait_for_callback(await fake_discord.slash("ping", member=alice))
    assert reply.content == "pong"


async def test_an_error_after_deferring_arrives_as_an_ephemeral_followup(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    sent = await fake_discord.slash("fail late", member=alice)
    deferred = await fake_discord.wait_for_callback(sent)
    assert (deferred.type, deferred.ephemeral) == (5, True)
    # Discord turns the first followup after a deferral into the deferred message itself
    message = await fake_discord.wait_until(
        lambda: (m := fake_discord.original_message(sent)).content and m, what="the apology"
    )
    assert (message.content, message.ephemeral) == (APOLOGY, True)


async def test_a_button_click_updates_the_message_it_is_on(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    fans = fake_discord.world.guild("Soundtrack Fans")
    sent = await fake_discord.slash("demo buttons", member=fans.member("alice"))
    await fake_discord.wait_for_callback(sent)
    message = fake_discord.original_message(sent)
    assert not message.ephemeral and [b["label"] for b in message.buttons()] == ["A", "Boom"]
    click = await fake_discord.click(message, label="A", member=fans.member("bob"))
    update = await fake_discord.wait_for_callback(click)
    assert update.type == 7
    assert message.content == "bob clicked A"
    assert message.button("A")["disabled"] is True


async def test_a_game_error_in_a_button_answers_the_clicker_alone(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    fans = fake_discord.world.guild("Soundtrack Fans")
    sent = await fake_discord.slash("demo buttons", member=fans.member("alice"))
    await fake_discord.wait_for_callback(sent)
    click = await fake_discord.click(
        fake_discord.original_message(sent), label="Boom", member=fans.member("carol")
    )
    reply = await fake_discord.wait_for_callback(click)
    assert (reply.type, reply.content, reply.ephemeral) == (
        4,
        "You already answered this question.",
        True,
    )


async def test_a_modal_opens_and_its_submission_is_read(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    modal = await fake_discord.wait_for_callback(
        await fake_discord.slash("demo modal", member=alice)
    )
    assert (modal.type, modal.data["title"]) == (9, "Your answer")
    submit = await fake_discord.submit_modal(modal, member=alice, values={"answer": "Han Ji-min"})
    reply = await fake_discord.wait_for_callback(submit)
    assert (reply.content, reply.ephemeral) == ("you said Han Ji-min", True)


async def test_defer_then_edit_and_followups(fake_discord: FakeDiscord, bot: TriviaBot) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    sent = await fake_discord.slash("demo slow", member=alice, rounds=2)
    assert (await fake_discord.wait_for_callback(sent)).type == 5
    followups = await fake_discord.wait_until(
        lambda: len(f := fake_discord.followups(sent)) == 2 and f
    )
    assert [(m.content, m.ephemeral) for m in followups] == [
        ("followup 1", True),
        ("followup 2", True),
    ]
    original = fake_discord.original_message(sent)
    assert (original.content, original.ephemeral, original.flags) == ("working", False, 0)


async def test_the_fake_refuses_an_option_discord_would_not_send(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    with pytest.raises(ValueError, match="max_value 3"):
        await fake_discord.slash("demo slow", member=alice, rounds=9)
    with pytest.raises(KeyError, match="no option or subcommand 'speed'"):
        await fake_discord.slash("demo slow", member=alice, speed=1)


async def test_channel_messages_reactions_edits_and_uploaded_files(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    fans = fake_discord.world.guild("Soundtrack Fans")
    sent = await fake_discord.slash(
        "demo post", member=fans.member("alice"), text="hello @everyone"
    )
    reply = await fake_discord.wait_for_callback(sent)
    [posted] = fake_discord.channel_messages(fans.channel("trivia").id)
    assert posted.content == "HELLO @EVERYONE" and posted.edits == 1
    assert posted.embeds[0]["title"] == "Posted" and posted.reactions == ["✅"]
    post = next(
        r for r in fake_discord.requests if r.method == "POST" and r.path.endswith("/messages")
    )
    assert post.json["allowed_mentions"] == {"parse": []}
    assert reply.content == "posted" and list(reply.files) == ["harness_cog.py"]
    assert b"A test-only cog" in reply.files["harness_cog.py"]


async def test_attachments_and_member_options_resolve(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    fans = fake_discord.world.guild("Soundtrack Fans")
    upload = fake_discord.add_file(b"pack: mine\n", "mine.yaml", "application/x-yaml")
    sent = await fake_discord.slash(
        "demo read", member=fans.member("mod"), file=upload, who=fans.member("carol")
    )
    reply = await fake_discord.wait_for_callback(sent)
    assert reply.content == "11 bytes from mine.yaml for carol"


async def test_autocomplete_offers_matching_choices(
    fake_discord: FakeDiscord, bot: TriviaBot
) -> None:
    alice = fake_discord.world.guild("Soundtrack Fans").member("alice")
    sent = await fake_discord.autocomplete("demo pick", member=alice, focused="pack", pack="sound")
    reply = await fake_discord.wait_for_callback(sent)
    assert reply.type == 8
    assert [c["value"] for c in reply.data["choices"]] == ["soundtrack-2", "soundtrack-1"]


async def test_two_guilds_are_served_by_one_bot(fake_discord: FakeDiscord, bot: TriviaBot) -> None:
    one = fake_discord.world.guild("Soundtrack Fans").member("alice")
    two = fake_discord.world.guild("Second Server").member("alice")
    first, second = (
        await fake_discord.slash("ping", member=one),
        await fake_discord.slash("ping", member=two),
    )
    for sent, member in ((first, one), (second, two)):
        await fake_discord.wait_for_callback(sent)
        assert fake_discord.original_message(sent).guild_id == member.guild.id
