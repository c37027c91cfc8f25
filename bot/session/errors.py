"""Why the session service refused: every message is safe to show to the person who asked."""

from __future__ import annotations

from bot.engine.errors import GameError

RESTARTING = "The bot is restarting: try again in a minute."
CHANNEL_BUSY = "A game is already running in this channel: join in, or wait for it to end."
NO_GAME_HERE = "No game is running in this channel."
NOT_ALLOWED_HERE = "Games can't be started in this channel."


class SessionError(GameError):
    """A start, stop or skip the session rules refused; nothing was changed."""


class Restarting(SessionError):
    """The service is shutting down: no new game starts."""


class ChannelBusy(SessionError):
    """A game is running (or being prepared) in this channel."""


class ChannelNotAllowed(SessionError):
    """The server allows games only in some channels, and this is not one of them."""

    def __init__(self, allowed: tuple[int, ...]) -> None:
        super().__init__(NOT_ALLOWED_HERE)
        #: the channels where games may start
        self.allowed = allowed


class TooManyGames(SessionError):
    """The server already runs as many games as its limit allows."""


class CoolingDown(SessionError):
    """A game was started in this channel too recently."""

    def __init__(self, message: str, wait: float) -> None:
        super().__init__(message)
        #: seconds left before a start is allowed again
        self.wait = wait


class UnknownMode(SessionError):
    """The mode asked for is not one of ``MODES``."""

    def __init__(self, mode: str) -> None:
        super().__init__(f"Unknown mode {mode!r}: use choice or typed.")
        self.mode = mode


class NoGameHere(SessionError):
    """Stop or skip in a channel with no running game."""

    def __init__(self) -> None:
        super().__init__(NO_GAME_HERE)
