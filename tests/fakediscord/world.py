"""The fake Discord's world: guilds, roles, channels and members, and their gateway payloads."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
from discord.utils import time_snowflake

JOINED_AT = "2025-01-01T00:00:00+00:00"

#: what an ordinary member may do in a channel
MEMBER_PERMS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    add_reactions=True,
    embed_links=True,
    attach_files=True,
    use_application_commands=True,
)
#: what the bot's managed role grants (the invite URL's permissions)
BOT_PERMS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    add_reactions=True,
    embed_links=True,
    attach_files=True,
    use_external_emojis=True,
)

_counter = itertools.count(1)


def new_id() -> int:
    """A fresh snowflake carrying the current time, unique within this process."""
    return time_snowflake(datetime.now(UTC)) + next(_counter)


def user_payload(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A Discord user object."""
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


@dataclass
class Role:
    """A guild role; `permissions` is the raw bit field."""

    id: int
    name: str
    permissions: int = 0
    position: int = 1
    managed: bool = False

    def payload(self) -> dict[str, Any]:
        """The role object Discord sends."""
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }


@dataclass
class Channel:
    """A guild text channel."""

    id: int
    name: str
    guild_id: int
    type: int = 0

    def payload(self) -> dict[str, Any]:
        """The channel object Discord sends (in GUILD_CREATE and in interactions)."""
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "parent_id": None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }


@dataclass
class Member:
    """A guild member: a user plus the ids of the roles they hold."""

    id: int
    name: str
    guild: Guild
    role_ids: list[int] = field(default_factory=list)
    bot: bool = False

    @property
    def permissions(self) -> discord.Permissions:
        """Guild-wide permissions: @everyone plus each role, all of them for the owner."""
        if self.id == self.guild.owner_id:
            return discord.Permissions.all()
        value = self.guild.everyone.permissions
        for role in self.guild.roles:
            if role.id in self.role_ids:
                value |= role.permissions
        perms = discord.Permissions(value)
        return discord.Permissions.all() if perms.administrator else perms

    def user_payload(self) -> dict[str, Any]:
        """The user object of this member."""
        return user_payload(self.id, self.name, bot=self.bot)

    def payload(self, *, with_permissions: bool = False) -> dict[str, Any]:
        """The guild member object (with `permissions`, as interactions carry it)."""
        data: dict[str, Any] = {
            "user": self.user_payload(),
            "nick": None,
            "avatar": None,
            "roles": [str(r) for r in self.role_ids],
            "joined_at": JOINED_AT,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_permissions:
            data["permissions"] = str(self.permissions.value)
        return data


@dataclass
class Guild:
    """A guild with its roles, text channels and members."""

    id: int
    name: str
    owner_id: int
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    @property
    def everyone(self) -> Role:
        """The @everyone role (its id is the guild's id)."""
        return next(r for r in self.roles if r.id == self.id)

    def role(self, name: str) -> Role:
        """The role with this name."""
        return next(r for r in self.roles if r.name == name)

    def channel(self, name: str) -> Channel:
        """The channel with this name."""
        return next(c for c in self.channels if c.name == name)

    def member(self, name: str) -> Member:
        """The member with this name."""
        return next(m for m in self.members if m.name == name)

    def add_role(self, name: str, permissions: int = 0, *, managed: bool = False) -> Role:
        """Add a role and return it."""
        role = Role(new_id(), name, permissions, position=len(self.roles), managed=managed)
        self.roles.append(role)
        return role

    def add_channel(self, name: str) -> Channel:
        """Add a text channel and return it."""
        channel = Channel(new_id(), name, self.id)
        self.channels.append(channel)
        return channel

    def add_member(self, name: str, *roles: Role, bot: bool = False, user_id: int = 0) -> Member:
        """Add a member holding these roles and return it."""
        member = Member(user_id or new_id(), name, self, [r.id for r in roles], bot=bot)
        self.members.append(member)
        return member

    def payload(self) -> dict[str, Any]:
        """The GUILD_CREATE payload: the whole guild, available."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": JOINED_AT,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [m.payload() for m in self.members],
            "channels": [c.payload() for c in self.channels],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass
class World:
    """Everything the fake Discord knows: the bot's identity and its guilds."""

    app_id: int
    bot_name: str = "Soundtrack Trivia"
    guilds: list[Guild] = field(default_factory=list)

    @property
    def bot_user_id(self) -> int:
        """The bot user's id (Discord gives a bot the id of its application)."""
        return self.app_id

    def guild(self, name_or_id: str | int) -> Guild:
        """A guild by name or id."""
        return next(g for g in self.guilds if name_or_id in (g.name, g.id))

    def find_member(self, guild_id: int, user_id: int) -> Member | None:
        """A member of a guild, if present."""
        for member in self.guild(guild_id).members:
            if member.id == user_id:
                return member
        return None

    def find_channel(self, channel_id: int) -> Channel | None:
        """A channel of any guild, by id."""
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return channel
        return None

    def add_guild(self, name: str, *, owner: str = "owner") -> Guild:
        """A guild as fan servers have it: #trivia and #general channels, @everyone, a
        "Trivia Mod" role with no special permission (for the configurable moderator role),
        a "Manager" role with Manage Server, the bot with its managed role, an owner, members
        alice, bob and carol, "mod" holding Trivia Mod and "manager" holding Manager."""
        guild_id = new_id()
        owner_id = new_id()
        guild = Guild(guild_id, name, owner_id)
        guild.roles.append(Role(guild_id, "@everyone", MEMBER_PERMS.value, position=0))
        mod_role = guild.add_role("Trivia Mod")
        manager_role = guild.add_role("Manager", discord.Permissions(manage_guild=True).value)
        bot_role = guild.add_role(self.bot_name, BOT_PERMS.value, managed=True)
        guild.add_channel("trivia")
        guild.add_channel("general")
        guild.add_member(self.bot_name, bot_role, bot=True, user_id=self.bot_user_id)
        guild.add_member(owner, user_id=owner_id)
        for name_ in ("alice", "bob", "carol"):
            guild.add_member(name_)
        guild.add_member("mod", mod_role)
        guild.add_member("manager", manager_role)
        self.guilds.append(guild)
        return guild


def default_world() -> World:
    """One application and two guilds ("Soundtrack Fans" and "Second Server")."""
    world = World(app_id=new_id())
    world.add_guild("Soundtrack Fans")
    world.add_guild("Second Server")
    return world


def sharded_world(shards: int) -> World:
    """One application and one guild on each of ``shards`` shards ("Shard 0", "Shard 1", ...)."""
    world = World(app_id=new_id())
    for shard in range(shards):
        while True:  # snowflakes carry the time: try until one lands on this shard
            guild = world.add_guild(f"Shard {shard}")
            if (guild.id >> 22) % shards == shard:
                break
            world.guilds.remove(guild)
    return world
