"""The start, stop and skip rules: pure functions of a server's settings and the time."""

from __future__ import annotations

import math
from typing import Protocol

from bot.engine.config import MODES, GameMode
from bot.engine.model import Player
from bot.session.errors import ChannelNotAllowed, CoolingDown, TooManyGames, UnknownMode


class StartSettings(Protocol):
    """The server settings the start rules read (the store's GuildSettings has them)."""

    @property
    def allowed_channel_ids(self) -> tuple[int, ...]: ...
    @property
    def max_games(self) -> int: ...
    @property
    def start_cooldown(self) -> int: ...
    @property
    def default_mode(self) -> str: ...


def check_channel(settings: StartSettings, channel_id: int) -> None:
    """ChannelNotAllowed if the server limits games to other channels."""
    allowed = tuple(settings.allowed_channel_ids)
    if allowed and channel_id not in allowed:
        raise ChannelNotAllowed(allowed)


def check_limit(settings: StartSettings, running: int) -> None:
    """TooManyGames if ``running`` games (reservations included) already reach the limit."""
    if running >= settings.max_games:
        raise TooManyGames(
            f"This server already has {running} game{'s' if running != 1 else ''} running "
            f"(its limit is {settings.max_games}): wait for one to end."
        )


def check_cooldown(settings: StartSettings, last_start: float | None, now: float) -> None:
    """CoolingDown if this channel's last game started less than the cooldown ago."""
    if last_start is None or settings.start_cooldown <= 0:
        return
    wait = last_start + settings.start_cooldown - now
    if wait > 0:
        raise CoolingDown(
            f"A game was started here a moment ago: wait {math.ceil(wait)} s "
            "before starting another one.",
            wait,
        )


def resolve_mode(requested: str | None, settings: StartSettings) -> GameMode:
    """The mode to play: the one asked for, else the server's default (UnknownMode if neither)."""
    mode = requested or settings.default_mode
    for known in MODES:
        if mode == known:
            return known
    raise UnknownMode(mode)


def may_control(starter: Player | None, by: Player, moderator: bool) -> bool:
    """Whether ``by`` may stop or skip a game: its starter, or a moderator (the front end says)."""
    return moderator or (starter is not None and starter.user_id == by.user_id)
