"""The store port: what the game recorder, the chat layer and the terminal ask of storage.

Every caller depends on these Protocols; ``bot.store.sqlite`` and ``bot.store.postgres``
implement them, and ``bot.store.open_store`` picks one from ``TRIVIA_DB``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, Self

from bot.community.daily import DailySchedule
from bot.community.season import Season
from bot.engine.model import AnswerRecord, Player
from bot.store.daily_types import DailyPost, StoredDaily, StoredSuggestion
from bot.store.types import (
    GameStatus,
    GameSummary,
    GuildSettings,
    LeaderboardPage,
    LeaderboardRow,
    Period,
    PlayerStats,
    ReportGroup,
    Resolution,
    StoredPack,
)


class GameStore(Protocol):
    """Games and the answers of each closed question."""

    async def create_game(
        self,
        guild_id: int,
        channel_id: int,
        packs: Sequence[str],
        mode: str,
        started_by: Player,
        at: float,
    ) -> int:
        """Store a new running game; return its id."""
        ...

    async def record_question(
        self,
        game_id: int,
        guild_id: int,
        records: Sequence[AnswerRecord],
        at: float,
        *,
        question_key: str | None = None,
    ) -> None:
        """Write one closed question's answers, totals and names in one transaction."""
        ...

    async def finish_game(self, game_id: int, status: GameStatus, at: float, asked: int) -> None:
        """Mark a running game as ended with ``status``; a game already ended is left alone."""
        ...

    async def set_game_message(self, game_id: int, message_id: int) -> None:
        """Remember the message that shows the game's current question (for crash recovery)."""
        ...

    async def get_game(self, game_id: int) -> GameSummary | None:
        """One game by id, or None."""
        ...

    async def recent_games(self, guild_id: int, limit: int = 10) -> list[GameSummary]:
        """This guild's last ``limit`` games, newest first."""
        ...

    async def recent_question_keys(self, guild_id: int, channel_id: int, limit: int) -> list[str]:
        """The keys of the last ``limit`` questions asked in a channel, most recent first."""
        ...


class ScoreStore(Protocol):
    """Leaderboards and player stats."""

    async def leaderboard(
        self,
        guild_id: int,
        period: Period,
        now: float,
        pack: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> LeaderboardPage:
        """One page of a guild's leaderboard for ``period`` around ``now``, optionally one pack."""
        ...

    async def player_rank(
        self, guild_id: int, user_id: int, period: Period, now: float, pack: str | None = None
    ) -> LeaderboardRow | None:
        """A player's own leaderboard row, or None if they have none."""
        ...

    async def player_stats(self, guild_id: int, user_id: int, now: float) -> PlayerStats | None:
        """A member's all-time stats in a guild, or None if they never played there."""
        ...


class SettingsStore(Protocol):
    """Per-guild settings."""

    async def get_settings(self, guild_id: int) -> GuildSettings:
        """A guild's settings (the defaults for a guild that never changed any)."""
        ...

    async def update_settings(self, guild_id: int, **changes: object) -> GuildSettings:
        """Change some settings (None puts one back to its default); return the new settings."""
        ...


class ReportStore(Protocol):
    """Players' reports and the questions a guild disabled."""

    async def add_report(
        self, guild_id: int, question_key: str, user_id: int, reason: str, at: float
    ) -> int:
        """Store a player's report; return its id."""
        ...

    async def open_reports(self, guild_id: int) -> list[ReportGroup]:
        """A guild's open reports grouped by question, the oldest-reported question first."""
        ...

    async def resolve_reports(
        self, guild_id: int, question_key: str, resolution: Resolution, by_user_id: int, at: float
    ) -> int:
        """Close a question's open reports (disabling it if asked); return how many closed."""
        ...

    async def disabled_questions(self, guild_id: int) -> set[str]:
        """The keys of the questions this guild disabled."""
        ...

    async def set_question_enabled(
        self,
        guild_id: int,
        question_key: str,
        enabled: bool,
        by_user_id: int | None = None,
        at: float | None = None,
    ) -> None:
        """Disable a question in a guild, or enable it again."""
        ...


class PackStore(Protocol):
    """A server's own packs."""

    async def save_pack(
        self,
        guild_id: int,
        slug: str,
        title: str,
        yaml_text: str,
        question_count: int,
        by_user_id: int | None,
        at: float,
    ) -> None:
        """Store a guild's pack, replacing one with the same slug."""
        ...

    async def get_pack(self, guild_id: int, slug: str) -> StoredPack | None:
        """A guild's pack by slug, or None."""
        ...

    async def list_packs(self, guild_id: int) -> list[StoredPack]:
        """A guild's packs, by slug."""
        ...

    async def all_packs(self) -> list[StoredPack]:
        """Every guild's packs."""
        ...

    async def delete_pack(self, guild_id: int, slug: str) -> bool:
        """Delete a guild's pack; return whether it existed."""
        ...


class CatalogStore(Protocol):
    """What the per-guild catalog reads: a guild's packs and disabled questions."""

    async def list_packs(self, guild_id: int) -> list[StoredPack]:
        """A guild's packs, by slug."""
        ...

    async def disabled_questions(self, guild_id: int) -> set[str]:
        """The keys of the questions this guild disabled."""
        ...


class PlayerStore(Protocol):
    """Data removal."""

    async def reset_scores(self, guild_id: int, user_id: int | None = None) -> None:
        """Delete answers and totals in a guild: one member's, or everyone's when None."""
        ...

    async def remove_player(self, user_id: int, guild_id: int | None = None) -> None:
        """Delete all data about a user, in one guild or (None) in every guild."""
        ...


class DailyStore(Protocol):
    """The daily question: each server's schedule, the days posted, and members' answers."""

    async def get_daily(self, guild_id: int) -> StoredDaily | None:
        """A server's daily schedule, or None if it never set one."""
        ...

    async def set_daily(
        self, guild_id: int, schedule: DailySchedule, by_user_id: int | None, at: float
    ) -> None:
        """Store a server's schedule (replacing any), which also ends a pause."""
        ...

    async def pause_daily(self, guild_id: int, reason: str, at: float) -> None:
        """Pause a server's daily, saying why (a moderator's next change resumes it)."""
        ...

    async def running_dailies(self) -> list[StoredDaily]:
        """Every schedule that is enabled and not paused."""
        ...

    async def daily_posts(self, guild_id: int) -> list[DailyPost]:
        """A server's posted days, oldest first."""
        ...

    async def claim_daily_post(
        self, guild_id: int, day: date, question_key: str, channel_id: int, at: float
    ) -> bool:
        """Record ``day`` as posted before sending it; False if it already was (no double post)."""
        ...

    async def set_daily_message(self, guild_id: int, day: date, message_id: int | None) -> None:
        """Remember the message showing a day's question (None: the send failed)."""
        ...

    async def record_daily_answer(
        self, guild_id: int, day: date, user_id: int, choice: int, correct: bool, at: float
    ) -> bool:
        """Store a member's answer to a day's question; False if they had answered already."""
        ...

    async def daily_results(self, guild_id: int, user_id: int) -> dict[date, bool]:
        """A member's answers in a server: right or not, by day."""
        ...

    async def daily_tally(self, guild_id: int, day: date) -> tuple[int, int]:
        """How many answered a day's question right, and how many answered it."""
        ...


class SeasonStore(Protocol):
    """Seasons: named spans of time whose boards are summed from the stored answers."""

    async def seasons(self, guild_id: int) -> list[Season]:
        """A server's seasons, oldest first."""
        ...

    async def add_season(self, guild_id: int, season: Season, by_user_id: int | None) -> None:
        """Store a new season (the rules in bot.community.season were checked first)."""
        ...

    async def end_season(self, guild_id: int, name: str, end: float) -> None:
        """Set a season's end (its board stays, computed from the answers)."""
        ...

    async def set_season_final(self, guild_id: int, name: str, channel_id: int, at: float) -> None:
        """Remember where and when a season's final board was posted."""
        ...

    async def unposted_finals(self, guild_id: int, now: float) -> list[str]:
        """Names of the seasons ended by ``now`` whose final board was not posted, oldest first."""
        ...

    async def season_board(
        self, guild_id: int, season: Season, offset: int = 0, limit: int = 10
    ) -> tuple[list[LeaderboardRow], int]:
        """One page of a season's board (games and dailies), and how many it ranks."""
        ...

    async def season_rank(
        self, guild_id: int, season: Season, user_id: int
    ) -> LeaderboardRow | None:
        """A member's row on a season's board, or None."""
        ...


class SuggestionStore(Protocol):
    """Fans' suggested questions: the queue, the reviews, and the declines to tell."""

    async def add_suggestion(
        self,
        guild_id: int,
        user_id: int,
        user_name: str,
        fields: tuple[str, str, Sequence[str], str],
        at: float,
    ) -> int:
        """Store a checked suggestion (question, answer, wrong answers, source); its id."""
        ...

    async def suggestion_times(self, guild_id: int, user_id: int, since: float) -> list[float]:
        """When a member sent their suggestions after ``since`` (for the daily limit)."""
        ...

    async def pending_suggestions(
        self, guild_id: int, offset: int = 0, limit: int = 1
    ) -> tuple[list[StoredSuggestion], int]:
        """One page of the queue, oldest first, and how many are waiting."""
        ...

    async def get_suggestion(self, guild_id: int, suggestion_id: int) -> StoredSuggestion | None:
        """One suggestion of a server, or None."""
        ...

    async def edit_suggestion(
        self, guild_id: int, suggestion_id: int, fields: tuple[str, str, Sequence[str], str]
    ) -> bool:
        """Replace a pending suggestion's fields; False if it is no longer pending."""
        ...

    async def review_suggestion(
        self,
        guild_id: int,
        suggestion_id: int,
        *,
        approved: bool,
        by_user_id: int,
        at: float,
        reason: str | None = None,
        pack: str | None = None,
        question_key: str | None = None,
    ) -> bool:
        """Approve or decline a pending suggestion; False if someone reviewed it already."""
        ...

    async def untold_declines(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's declined suggestions they were not told about yet."""
        ...

    async def mark_told(self, guild_id: int, suggestion_ids: Sequence[int], at: float) -> None:
        """Remember that the suggester was told about these declines."""
        ...

    async def approved_suggestions(self, guild_id: int, user_id: int) -> list[StoredSuggestion]:
        """A member's approved suggestions (their credits to remove with their data)."""
        ...


class MetaStore(Protocol):
    """Bot-wide key/value facts."""

    async def get_meta(self, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        ...

    async def set_meta(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing any earlier value."""
        ...


class Store(
    GameStore,
    ScoreStore,
    SettingsStore,
    ReportStore,
    PackStore,
    PlayerStore,
    MetaStore,
    DailyStore,
    SeasonStore,
    SuggestionStore,
    Protocol,
):
    """Everything the bot keeps, per guild: one backend implements all of it."""

    #: ids of the games found still running at open and marked interrupted
    recovered: list[int]

    async def close(self) -> None:
        """Finish the writes in flight, then close the connection(s)."""
        ...

    async def __aenter__(self) -> Self:
        """The store itself (``async with await open_store(...) as store``)."""
        ...

    async def __aexit__(self, *exc: object) -> None:
        """Close the store."""
        ...
