"""/trivia-admin: hidden by default, and checked when run (Manage Server or the moderator role)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.chat.errors import APOLOGY

from .admin_support import GOOD_PACK, Admin, admin

__all__ = ["admin"]

REFUSAL = "Only moderators can use `/trivia-admin`"

#: every moderator command with options that make it do something harmless
COMMANDS: dict[str, Callable[[Admin], dict[str, Any]]] = {
    "import": lambda a: {"file": a.upload(GOOD_PACK)},
    "export": lambda a: {"pack": "soundtrack-2"},
    "remove": lambda a: {"pack": "fan-pack"},
    "list": lambda a: {},
    "add": lambda a: {"pack": "fan-pack"},
    "reports": lambda a: {},
    "resolve": lambda a: {"question": "soundtrack-2/k-actor", "action": "dismiss"},
    "enable": lambda a: {"question": "soundtrack-2/k-actor"},
    "settings": lambda a: {},
    "reset-scores": lambda a: {},
    "remove-player": lambda a: {"member": a.member("bob")},
    "suggestions": lambda a: {},
}


async def outcome(a: Admin, command: str, member: str) -> tuple[int, str]:
    """The callback type and the text the member finally sees (a modal: its title)."""
    sent = await a.slash(command, a.member(member), **COMMANDS[command](a))
    callback = await a.fake.wait_for_callback(sent)
    if callback.type == 9:
        return 9, str(callback.data.get("title"))
    message = await a.answer(sent)
    assert message.ephemeral
    return callback.type, message.content or ""


def test_the_group_is_hidden_from_members_without_manage_server(admin: Admin) -> None:
    group = admin.fake.registered_command("trivia-admin", None)
    assert int(group["default_member_permissions"]) == 1 << 5  # MANAGE_GUILD
    assert group.get("contexts") == [0] or group.get("dm_permission") is False
    names = sorted(o["name"] for o in group["options"])
    # daily and season take channel options (the fake's slash cannot send them): tested
    # in test_daily_faults and test_seasons
    assert names == sorted([*COMMANDS, "reload", "daily", "season"])


@pytest.mark.one_backend
@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_a_plain_member_is_refused(admin: Admin, command: str) -> None:
    kind, text = await outcome(admin, command, "alice")
    assert kind == 4
    assert text.startswith(REFUSAL)


@pytest.mark.one_backend
@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_a_manager_is_let_in(admin: Admin, command: str) -> None:
    _, text = await outcome(admin, command, "manager")
    assert not text.startswith(REFUSAL)
    assert text != APOLOGY


async def test_the_moderator_role_lets_a_plain_member_in_once_configured(admin: Admin) -> None:
    assert (await outcome(admin, "list", "mod"))[1].startswith(REFUSAL)
    role = admin.guild.role("Trivia Mod")
    _, message = await admin.run("settings", moderator_role=role)
    assert "Updated: moderator_role" in message.content
    for command in sorted(COMMANDS):
        _, text = await outcome(admin, command, "mod")
        assert not text.startswith(REFUSAL), command
        assert text != APOLOGY, command
    # the role is this guild's setting only
    other_mod = admin.member("mod", admin.other)
    sent = await admin.slash("list", other_mod)
    assert (await admin.answer(sent)).content.startswith(REFUSAL)


async def test_reload_is_for_the_bot_owner_only(admin: Admin) -> None:
    for who in ("alice", "manager"):
        _, message = await admin.run("reload", who)
        assert message.content == "Only the bot's owner can reload the shipped questions."
        assert message.ephemeral
