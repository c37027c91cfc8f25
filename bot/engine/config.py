"""Game settings: one frozen object, validated when it is built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from bot.engine.errors import InvalidConfig

#: how the engine asks: options to pick, or an answer to type
Mode = Literal["choice", "typed"]
GuessStyle = Literal["private", "public"]
#: the modes a game is started in: the engine's two, and typed answers read from a chat
GameMode = Literal["choice", "typed", "typed-chat"]

#: the one list of game modes (servers' defaults, /trivia start, the session service)
MODES: tuple[GameMode, ...] = get_args(GameMode)
ENGINE_MODES: tuple[Mode, ...] = get_args(Mode)
GUESS_STYLES: tuple[str, ...] = ("private", "public")

MIN_QUESTIONS, MAX_QUESTIONS = 1, 50
MIN_SECONDS, MAX_SECONDS = 5.0, 120.0
MAX_REVEAL_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class GameConfig:
    """How one game is played; every range is checked on creation (``InvalidConfig``)."""

    #: how many questions to ask (fewer if the filters leave fewer)
    questions: int = 10
    #: time allowed per question
    seconds: float = 20.0
    mode: Mode = "choice"
    #: typed mode only: "private" (hidden guesses, everyone can score) or "public" (first wins)
    guess_style: GuessStyle = "private"
    #: +100 per consecutive right answer beyond the first, capped at +500
    streak_bonus: bool = True
    #: spoiler limit: only questions whose episode is None or <= this
    up_to_episode: int | None = None
    #: makes the question order and the option order reproducible
    seed: int | None = None
    #: pause between a question closing and the next one being asked
    reveal_seconds: float = 5.0
    #: the game stops by itself after this many questions in a row with no answer at all
    idle_limit: int = 3
    #: private typed guesses: tries per player per question
    max_guesses: int = 3
    #: public typed guesses: tries per player per question (stops one player flooding)
    public_guess_limit: int = 5
    #: typed mode: hints appear at these fractions of the time (strictly increasing, in (0, 1))
    hint_fractions: tuple[float, ...] = (1 / 3, 2 / 3)
    #: typed mode: points are multiplied by (1 - hint_penalty * hints shown)
    hint_penalty: float = 0.25
    #: private typed guesses: extra points for the first right answer of a question
    first_bonus: int = 200
    #: a question's time starts only when the front end says it is on screen (``Game.shown``):
    #: a slow or rate-limited chat service never eats into the players' time
    wait_for_display: bool = False
    #: close a question early once every joined player is done, from this question on;
    #: a Discord channel uses 2 so that nobody misses question 1 while others join
    early_close_from: int = 1

    def __post_init__(self) -> None:
        _check_int("questions", self.questions, MIN_QUESTIONS, MAX_QUESTIONS)
        _check_range("seconds", self.seconds, MIN_SECONDS, MAX_SECONDS)
        if self.mode not in ENGINE_MODES:
            raise InvalidConfig(f"Mode must be one of: {', '.join(ENGINE_MODES)}.")
        if self.guess_style not in GUESS_STYLES:
            raise InvalidConfig(f"Guess style must be one of: {', '.join(GUESS_STYLES)}.")
        if self.up_to_episode is not None:
            _check_int("up_to_episode", self.up_to_episode, 0, 10_000)
        _check_range("reveal_seconds", self.reveal_seconds, 0.0, MAX_REVEAL_SECONDS)
        _check_int("idle_limit", self.idle_limit, 1, 50)
        _check_int("max_guesses", self.max_guesses, 1, 10)
        _check_int("public_guess_limit", self.public_guess_limit, 1, 50)
        fractions = tuple(self.hint_fractions)
        if any(not 0 < f < 1 for f in fractions) or list(fractions) != sorted(set(fractions)):
            raise InvalidConfig("Hint times must be increasing fractions between 0 and 1.")
        object.__setattr__(self, "hint_fractions", fractions)
        if len(fractions) * self.hint_penalty >= 1 or self.hint_penalty < 0:
            raise InvalidConfig("Hint penalty must leave some points after the last hint.")
        _check_int("first_bonus", self.first_bonus, 0, 1000)
        _check_int("early_close_from", self.early_close_from, 1, MAX_QUESTIONS + 1)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    """Raise InvalidConfig unless value is an int in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidConfig(f"{name} must be a whole number from {low} to {high}.")


def _check_range(name: str, value: object, low: float, high: float) -> None:
    """Raise InvalidConfig unless value is a number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InvalidConfig(f"{name} must be a number from {low:g} to {high:g}.")
