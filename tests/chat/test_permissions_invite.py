"""The invite URL's permissions, the README that explains them, and the refusal to post."""

from __future__ import annotations

import re
from pathlib import Path

import discord

from bot.chat.permissions import BOT_PERMISSIONS, cannot_post, invite_url

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_invite_asks_for_send_messages_in_threads() -> None:
    assert BOT_PERMISSIONS.send_messages_in_threads
    assert invite_url(123).endswith(f"&permissions={BOT_PERMISSIONS.value}")


def test_the_readme_invite_url_and_permission_list_match_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    assert invite_url("APP_ID") in text
    listed = re.search(r"permissions \((\d+)\):(.*?)\n4\. ", text, re.S)
    assert listed is not None and int(listed.group(1)) == BOT_PERMISSIONS.value
    names = {
        "read_messages": "View Channels",  # discord.py's name for view_channel
        "send_messages": "Send Messages",
        "send_messages_in_threads": "Send Messages in Threads",
        "embed_links": "Embed Links",
        "attach_files": "Attach Files",
        "read_message_history": "Read Message History",
        "add_reactions": "Add Reactions",
    }
    granted = {name for name, on in BOT_PERMISSIONS if on}
    assert granted == set(names)
    for name in granted:
        assert f"**{names[name]}**" in listed.group(2)


def test_in_a_thread_the_refusal_names_send_messages_in_threads() -> None:
    perms = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)
    assert cannot_post(perms, in_thread=False) is None
    assert cannot_post(perms, in_thread=True) == (
        "I can't post questions in this thread: I need the View Channel, Send Messages in "
        "Threads and Embed Links permissions here."
    )
    threads = discord.Permissions(
        view_channel=True, send_messages_in_threads=True, embed_links=True
    )
    assert cannot_post(threads, in_thread=True) is None
    assert cannot_post(threads, in_thread=False) == (
        "I can't post questions in this channel: I need the View Channel, Send Messages "
        "and Embed Links permissions here."
    )
