"""Errors a player or caller can cause: every message is safe to show to the user."""

from __future__ import annotations


class GameError(Exception):
    """A mistake by a player or the caller; the message is written for the user to read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidConfig(GameError):
    """A game setting is out of range."""


class NoQuestions(GameError):
    """No question is left to play under the chosen filters."""


class NotStarted(GameError):
    """The game has not asked its first question yet."""


class GameOver(GameError):
    """The game has already finished."""


class QuestionNotOpen(GameError):
    """The question is closed (or the next one has not been asked yet)."""


class AlreadyAnswered(GameError):
    """The player already answered this question (choice mode) or already got it right."""


class NoGuessesLeft(GameError):
    """The player has used every guess allowed on this question."""


class InvalidOption(GameError):
    """The option number does not exist."""


class WrongMode(GameError):
    """A choice answer sent to a typed game, or a typed guess sent to a choice game."""


class NotAllowed(GameError):
    """The caller may not stop or skip this game."""


class ChannelBusy(GameError):
    """A game is already running in this channel."""
