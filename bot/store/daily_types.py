"""What the store keeps for the daily question (schedule, days posted) and fans' suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.community.daily import DailySchedule, parse_time


@dataclass(frozen=True, slots=True)
class StoredDaily:
    """A server's daily schedule as stored, with why it is paused (None: running)."""

    guild_id: int
    schedule: DailySchedule
    paused_reason: str | None = None

    @property
    def running(self) -> bool:
        """Whether the scheduler should post for this server."""
        return self.schedule.enabled and self.paused_reason is None


@dataclass(frozen=True, slots=True)
class DailyPost:
    """One posted day: the question, where, its message (None until sent) and when."""

    day: date
    question_key: str
    channel_id: int
    message_id: int | None
    posted_at: float


def day_text(day: date) -> str:
    """A day as the store keeps it (ISO ``YYYY-MM-DD``, which sorts in date order)."""
    return day.isoformat()


def schedule_row(schedule: DailySchedule) -> tuple[int, str, str, str, bool, int | None]:
    """A schedule's (channel_id, post_time, timezone, packs, enabled, up_to_episode) columns."""
    return (
        schedule.channel_id,
        schedule.time_text,
        schedule.timezone,
        ",".join(schedule.packs),
        schedule.enabled,
        schedule.up_to_episode,
    )


def from_row(guild_id: int, row: tuple[object, ...]) -> StoredDaily:
    """A StoredDaily from (channel_id, post_time, timezone, packs, enabled, up_to_episode,
    paused_reason)."""
    channel_id, post_time, timezone, packs, enabled, episode, paused = row
    schedule = DailySchedule(
        channel_id=int(str(channel_id)),
        at=parse_time(str(post_time)),
        timezone=str(timezone),
        packs=tuple(p for p in str(packs).split(",") if p),
        enabled=bool(enabled),
        up_to_episode=None if episode is None else int(str(episode)),
    )
    return StoredDaily(guild_id, schedule, None if paused is None else str(paused))


def post_from_row(row: tuple[object, ...]) -> DailyPost:
    """A DailyPost from (day, question_key, channel_id, message_id, posted_at)."""
    day, key, channel_id, message_id, posted_at = row
    return DailyPost(
        day=date.fromisoformat(str(day)),
        question_key=str(key),
        channel_id=int(str(channel_id)),
        message_id=None if message_id is None else int(str(message_id)),
        posted_at=float(str(posted_at)),
    )


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A fan's suggested question as stored, with what moderators decided about it."""

    id: int
    guild_id: int
    user_id: int
    user_name: str
    question: str
    answer: str
    wrong_answers: tuple[str, ...]
    source: str
    created_at: float
    #: pending, approved or declined
    status: str
    reason: str | None = None
    question_key: str | None = None


def suggestion_from_row(row: tuple[object, ...]) -> StoredSuggestion:
    """A StoredSuggestion from the columns SUGGESTION_COLUMNS selects."""
    (sid, guild, user, name, question, answer, wrong, source, at, status, reason, key) = row
    return StoredSuggestion(
        id=int(str(sid)),
        guild_id=int(str(guild)),
        user_id=int(str(user)),
        user_name=str(name),
        question=str(question),
        answer=str(answer),
        wrong_answers=tuple(str(wrong).split("\n")),
        source=str(source),
        created_at=float(str(at)),
        status=str(status),
        reason=None if reason is None else str(reason),
        question_key=None if key is None else str(key),
    )
