"""What a game reports: frozen, past-tense events that front ends render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.engine.config import GameConfig, GuessStyle, Mode
from bot.engine.model import AnswerRecord, Player, Question
from bot.engine.ranking import RankingRow

CloseReason = Literal["time", "all_answered", "won", "skipped", "stopped", "unseen"]
FinishReason = Literal["completed", "stopped", "idle", "error", "shutdown"]


@dataclass(frozen=True, slots=True)
class GameStarted:
    """The game began; its first question follows in the same batch of events."""

    total: int
    mode: Mode
    guess_style: GuessStyle
    seconds: float
    starter: Player | None
    players: tuple[Player, ...]
    config: GameConfig
    at: float


@dataclass(frozen=True, slots=True)
class PlayerJoined:
    """Someone joined (by answering for the first time, or explicitly)."""

    player: Player
    at: float


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    """A question is open until ``deadline``; ``options`` is empty in typed mode."""

    index: int  # 1-based
    total: int
    question: Question
    options: tuple[str, ...]
    asked_at: float
    deadline: float
    mode: Mode
    guess_style: GuessStyle
    #: guesses each player may make on this question (1 in choice mode)
    guesses_per_player: int
    #: typed mode: when the hints will appear (empty in choice mode)
    hint_times: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class AnswerLocked:
    """A choice answer was recorded; it deliberately does not say whether it is right."""

    player: Player
    index: int
    option: int  # 0-based, into QuestionAsked.options
    at: float
    answered: int  # players who have answered this question so far
    joined: int  # players in the game


@dataclass(frozen=True, slots=True)
class GuessJudged:
    """A typed guess was checked (private style: tell only this player; public: the winner)."""

    player: Player
    index: int
    guess: str
    correct: bool
    guesses_left: int
    points: int  # 0 when wrong
    first: bool  # the first right answer to this question
    at: float
    guess_style: GuessStyle


@dataclass(frozen=True, slots=True)
class HintRevealed:
    """A typed-mode hint: the answer with some letters shown (never all of them)."""

    index: int
    text: str
    level: int  # 1 for the first hint of the question
    at: float


@dataclass(frozen=True, slots=True)
class Winner:
    """A player who got the question right, with what it earned them."""

    player: Player
    points: int
    ms: int


@dataclass(frozen=True, slots=True)
class QuestionClosed:
    """The reveal: the answer is ``question.answer`` (source, evidence and note on it too)."""

    index: int
    total: int
    question: Question
    reason: CloseReason
    #: one per joined player, including those who did not answer (points 0, ms None)
    results: tuple[AnswerRecord, ...]
    #: players who got it right, in the order they did
    winners: tuple[Winner, ...]
    #: choice mode: the index of the right option; None in typed mode
    correct_option: int | None
    options: tuple[str, ...]
    closed_at: float
    #: when the next question will be asked; None when the game ends with this question
    next_at: float | None
    #: the running ranking after this question
    standings: tuple[RankingRow, ...]


@dataclass(frozen=True, slots=True)
class GameFinished:
    """The game is over: ``asked`` questions were asked; the ranking is final."""

    reason: FinishReason
    ranking: tuple[RankingRow, ...]
    asked: int
    total: int
    at: float
    #: who stopped it, when reason is "stopped"
    by: Player | None = None


Event = (
    GameStarted
    | PlayerJoined
    | QuestionAsked
    | AnswerLocked
    | GuessJudged
    | HintRevealed
    | QuestionClosed
    | GameFinished
)
