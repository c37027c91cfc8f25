"""/trivia-admin settings: shown, changed (validated by the store), obeyed by /trivia start."""

from __future__ import annotations

from typing import Any

import pytest
from fakediscord import payloads
from fakediscord.actions import APPLICATION_COMMAND
from fakediscord.records import StoredMessage
from fakediscord.world import Channel

from .admin_support import Admin, admin

__all__ = ["admin"]

CHANNEL = 7


async def with_channel(admin: Admin, option: str, channel: Channel) -> StoredMessage:
    """`settings` with a channel option (the fake's `slash` only resolves members and roles)."""
    who = admin.member("manager")
    definition = admin.fake.registered_command("trivia-admin", who.guild.id)
    data = payloads.command_data(definition, ["settings"], {})
    data["options"][0]["options"].append(
        {"name": option, "type": CHANNEL, "value": str(channel.id)}
    )
    resolved: dict[str, Any] = {**channel.payload(), "permissions": str((1 << 41) - 1)}
    data["resolved"] = {"channels": {str(channel.id): resolved}}
    sent = await admin.fake._interact(APPLICATION_COMMAND, who, None, data)
    return await admin.answer(sent)


def fields(message: StoredMessage) -> dict[str, str]:
    """The settings embed as name -> value."""
    return {f["name"]: f["value"] for f in message.embeds[0]["fields"]}


async def test_settings_without_options_shows_the_defaults(admin: Admin) -> None:
    _, answer = await admin.run("settings")
    shown = fields(answer)
    assert shown["Default mode"] == "choice"
    assert shown["Seconds per question"] == "20"
    assert shown["Channels"] == "every channel"
    assert shown["Moderator role"] == "none (Manage Server only)"
    assert answer.ephemeral


async def test_settings_changes_are_stored_and_shown(admin: Admin) -> None:
    role = admin.guild.role("Trivia Mod")
    _, answer = await admin.run(
        "settings",
        default_mode="typed",
        seconds=30,
        questions=5,
        moderator_role=role,
        max_games=2,
        streak_bonus=False,
        start_cooldown=0,
    )
    assert answer.content.startswith("Updated: default_mode, max_games, moderator_role, ")
    stored = await admin.store.get_settings(admin.guild.id)
    assert (stored.default_mode, stored.seconds, stored.questions) == ("typed", 30, 5)
    assert (stored.moderator_role_id, stored.max_games) == (role.id, 2)
    assert (stored.streak_bonus, stored.start_cooldown) == (False, 0)
    assert fields(answer)["Moderator role"] == f"<@&{role.id}>"
    # the other server keeps its defaults
    assert (await admin.store.get_settings(admin.other.id)).seconds == 20
    _, answer = await admin.run("settings", clear="moderator_role")
    assert (await admin.store.get_settings(admin.guild.id)).moderator_role_id is None


async def test_allowed_channels_are_obeyed_by_the_next_trivia_start(admin: Admin) -> None:
    trivia, general = admin.guild.channel("trivia"), admin.guild.channel("general")
    answer = await with_channel(admin, "channel_add", trivia)
    assert answer.content.startswith("Updated: channels.")
    assert fields(answer)["Channels"] == f"<#{trivia.id}>"
    assert (await admin.store.get_settings(admin.guild.id)).allowed_channel_ids == (trivia.id,)
    sent = await admin.fake.slash("trivia start", member=admin.member("alice"), channel=general)
    refusal = await admin.fake.wait_for_callback(sent)
    assert refusal.ephemeral
    assert refusal.content == f"Games can't be started in this channel. Try: <#{trivia.id}>."
    # in the other server games still start anywhere
    assert (await admin.store.get_settings(admin.other.id)).allowed_channel_ids == ()
    answer = await with_channel(admin, "channel_remove", trivia)
    assert (await admin.store.get_settings(admin.guild.id)).allowed_channel_ids == ()
    answer = await with_channel(admin, "channel_remove", trivia)
    assert answer.content == "That channel is not on the list of trivia channels."


async def test_a_game_limit_of_zero_is_refused_by_discord_and_an_equal_value_changes_nothing(
    admin: Admin,
) -> None:
    # Discord's client would not send it: the option's min_value is 1
    with pytest.raises(ValueError):
        await admin.run("settings", max_games=0)
    _, answer = await admin.run("settings", seconds=20)
    assert answer.content == "Nothing to change: those are the settings already."


async def test_typed_chat_as_default_mode_is_refused_while_the_bot_cannot_read_chat(
    admin: Admin,
) -> None:
    assert not admin.bot.settings.trivia_typed_answers
    _, answer = await admin.run("settings", default_mode="typed-chat")
    assert answer.ephemeral
    assert answer.content.startswith("Not changed: typed-chat mode is not enabled on this bot.")
    assert "TRIVIA_TYPED_ANSWERS" in answer.content
    assert (await admin.store.get_settings(admin.guild.id)).default_mode == "choice"
