"""Who counts as a trivia moderator in a server: Manage Server, or the configured role."""

from __future__ import annotations

import discord

from bot.store.types import GuildSettings


def is_moderator(member: discord.Member | discord.User, settings: GuildSettings) -> bool:
    """True for a member with Manage Server (or Administrator) or the server's moderator role."""
    if not isinstance(member, discord.Member):
        return False
    if member.guild_permissions.manage_guild:
        return True
    role_id = settings.moderator_role_id
    return role_id is not None and member.get_role(role_id) is not None


#: What the bot asks for in its invite URL, each for one thing it does (README: "Invite it").
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True,  # see the channels where games are started
    send_messages=True,  # post the questions, reveals and the final ranking
    send_messages_in_threads=True,  # the same when a game is started in a thread
    embed_links=True,  # questions and reveals are embeds
    attach_files=True,  # /trivia-admin export sends the pack as a file
    read_message_history=True,  # Discord asks for it to react to a message (the ✅ below)
    add_reactions=True,  # the ✅ on a winning answer typed in chat (typed-chat mode)
)


def invite_url(application_id: int | str) -> str:
    """The URL that adds the bot to a server with its slash commands and BOT_PERMISSIONS."""
    return (
        f"https://discord.com/oauth2/authorize?client_id={application_id}"
        f"&scope=bot+applications.commands&permissions={BOT_PERMISSIONS.value}"
    )


def cannot_post(perms: discord.Permissions, *, in_thread: bool) -> str | None:
    """Why the bot cannot post a game's questions here (None if it can), naming every
    permission needed: in a thread, Send Messages in Threads takes Send Messages' place."""
    send = perms.send_messages_in_threads if in_thread else perms.send_messages
    if perms.view_channel and send and perms.embed_links:
        return None
    where, sending = (
        ("thread", "Send Messages in Threads") if in_thread else ("channel", "Send Messages")
    )
    return (
        f"I can't post questions in this {where}: I need the View Channel, {sending} "
        "and Embed Links permissions here."
    )
