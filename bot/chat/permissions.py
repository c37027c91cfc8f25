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
