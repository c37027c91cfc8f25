"""A local stand-in for Discord's gateway and REST API, for driving the real discord.py client."""

from __future__ import annotations

from .harness import connect, point_discord_at
from .records import Callback, CommandSync, Request, StoredMessage
from .server import TOKEN, FakeDiscord
from .world import Channel, Guild, Member, Role, World, default_world

__all__ = [
    "TOKEN",
    "Callback",
    "Channel",
    "CommandSync",
    "FakeDiscord",
    "Guild",
    "Member",
    "Request",
    "Role",
    "StoredMessage",
    "World",
    "connect",
    "default_world",
    "point_discord_at",
]
