"""Plain results the store hands to the rest of the bot: no row objects leave ``bot.store``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.engine.model import Player

Period = Literal["all", "month", "week"]
PERIODS: tuple[Period, ...] = ("all", "month", "week")

GameStatus = Literal["running", "completed", "stopped", "idle", "error", "interrupted", "shutdown"]
GAME_STATUSES: tuple[GameStatus, ...] = (
    "running",
    "completed",
    "stopped",
    "idle",
    "error",
    "interrupted",
    "shutdown",
)

Resolution = Literal["dismissed", "disabled"]
RESOLUTIONS: tuple[Resolution, ...] = ("dismissed", "disabled")


def _ratio(right: int, answered: int) -> float:
    """Right answers over answered questions; 0.0 before any answer."""
    return right / answered if answered else 0.0


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """One player's line on a leaderboard; ``rank`` is shared by ties (1, 1, 3)."""

    rank: int
    user_id: int
    #: the last display name seen for this member in this guild (kept after they leave)
    name: str
    points: int
    right: int
    #: questions the player took part in (every stored answer record, missed ones included)
    answered: int
    games: int

    @property
    def accuracy(self) -> float:
        """Right answers over answered questions, 0.0 to 1.0."""
        return _ratio(self.right, self.answered)


@dataclass(frozen=True, slots=True)
class LeaderboardPage:
    """A page of a guild's leaderboard and the number of ranked players in all."""

    period: Period
    pack: str | None
    offset: int
    limit: int
    total: int
    rows: tuple[LeaderboardRow, ...]

    @property
    def has_next(self) -> bool:
        """Whether a later page exists."""
        return self.offset + len(self.rows) < self.total

    @property
    def has_previous(self) -> bool:
        """Whether an earlier page exists."""
        return self.offset > 0


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """A member's all-time record in one guild, with this month's and week's points."""

    user_id: int
    name: str
    points: int
    rank: int
    right: int
    answered: int
    best_streak: int
    #: the category with most right answers (ties: alphabetical first); None before any
    favourite_category: str | None
    games: int
    month_points: int
    week_points: int

    @property
    def accuracy(self) -> float:
        """Right answers over answered questions, 0.0 to 1.0."""
        return _ratio(self.right, self.answered)


@dataclass(frozen=True, slots=True)
class GameSummary:
    """One stored game, for the "last N games" list."""

    id: int
    guild_id: int
    channel_id: int
    packs: tuple[str, ...]
    mode: str
    #: None once the starter's data was removed
    started_by: Player | None
    started_at: float
    ended_at: float | None
    status: GameStatus
    asked: int
    players: int
    #: the message showing the game's current question, once one was on screen
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A player's report that something is wrong with a question."""

    id: int
    guild_id: int
    question_key: str
    user_id: int
    reason: str
    created_at: float
    status: str  # "open", "dismissed" or "disabled"


@dataclass(frozen=True, slots=True)
class ReportGroup:
    """The open reports of one question, oldest first."""

    question_key: str
    reports: tuple[Report, ...]

    @property
    def count(self) -> int:
        """How many open reports this question has."""
        return len(self.reports)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every reporter's reason, oldest first."""
        return tuple(r.reason for r in self.reports)


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """A server's settings; a field nobody changed holds the default below."""

    default_mode: str = "choice"
    seconds: int = 20
    questions: int = 10
    moderator_role_id: int | None = None
    #: channels where games may run; empty means every channel
    allowed_channel_ids: tuple[int, ...] = ()
    max_games: int = 5
    streak_bonus: bool = True
    start_cooldown: int = 10


@dataclass(frozen=True, slots=True)
class StoredPack:
    """A server's own pack as imported, with its original YAML text."""

    guild_id: int
    slug: str
    title: str
    yaml_text: str
    question_count: int
    updated_by: int | None
    updated_at: float


@dataclass(frozen=True, slots=True)
class Recovery:
    """Whose running games a process marks interrupted when it opens the store.

    A process claims only games it owns: those of one guild (the terminal's own), or of the
    guilds on the Discord shards it holds (a guild's shard is ``(guild_id >> 22) % count``),
    leaving alone a guild another front end records under. The default claims every game.
    """

    #: only this guild's games (None: any guild's)
    guild_id: int | None = None
    #: never this guild's games (the bot leaves a terminal game beside it running)
    skip_guild_id: int | None = None
    #: only guilds on these shards (None: every shard)
    shard_ids: tuple[int, ...] | None = None
    shard_count: int = 1

    def __post_init__(self) -> None:
        if self.shard_count < 1:
            raise ValueError("shard_count must be at least 1")
        if self.shard_ids is not None and any(
            not 0 <= s < self.shard_count for s in self.shard_ids
        ):
            raise ValueError(f"shard ids must be from 0 to {self.shard_count - 1}")


#: The default recovery: every game left running (one process holding every shard).
RECOVER_ALL = Recovery()
