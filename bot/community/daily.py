"""The daily question's schedule and clock: which day a moment belongs to, and when to post."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.community.errors import CommunityError
from bot.community.zones import DEFAULT_TIMEZONE, zone_name
from bot.engine.model import Question
from bot.engine.scoring import MAX_POINTS

#: "9:05" or "09:05", on a 24-hour clock
_HH_MM = re.compile(r"(\d{1,2}):(\d{2})")
_ONE_DAY = timedelta(days=1)
#: the points of a right daily answer on season boards (a game's fastest right answer)
DAILY_POINTS = MAX_POINTS


@dataclass(frozen=True, slots=True)
class DailySchedule:
    """One server's daily question: where, at what local time, from which packs, on or off."""

    channel_id: int
    #: the local wall-clock time of the post, in ``timezone``
    at: time
    #: an IANA name, as spelled in the time zone database (``Asia/Seoul``)
    timezone: str = DEFAULT_TIMEZONE
    #: the packs to draw from; empty means every pack the server plays
    packs: tuple[str, ...] = ()
    enabled: bool = True
    #: spoiler limit: only questions with no episode or one up to this (None: no limit)
    up_to_episode: int | None = None

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's time zone (ZoneInfo keeps one instance per name)."""
        return ZoneInfo(self.timezone)

    @property
    def time_text(self) -> str:
        """The post time as ``HH:MM``."""
        return f"{self.at.hour:02d}:{self.at.minute:02d}"


@dataclass(frozen=True, slots=True)
class NextPost:
    """The next daily post: the day it belongs to and its scheduled moment (unix time)."""

    day: date
    #: when the day's post is scheduled; in the past when a late post is due at once
    at: float
    #: days since the last post that ended with no post (the bot was down)
    skipped: int = 0

    def due(self, now: float) -> bool:
        """Whether the post should go out now."""
        return now >= self.at

    def wait(self, now: float) -> float:
        """Seconds to wait before posting (0 when due)."""
        return max(0.0, self.at - now)


def parse_time(text: str) -> time:
    """``HH:MM`` on a 24-hour clock as a time; raises CommunityError with an example."""
    match = _HH_MM.fullmatch(text.strip())
    hour, minute = (int(match[1]), int(match[2])) if match else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        shown = text.strip()[:20] or "(nothing)"
        raise CommunityError(
            f"`{shown}` is not a time: write HH:MM on a 24-hour clock, e.g. 09:00 or 21:30."
        )
    return time(hour, minute)


def _packs(packs: Iterable[str], known: Collection[str] | None) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip() for p in packs if p.strip()))
    if known is not None:
        unknown = [p for p in chosen if p not in known]
        if unknown:
            listing = ", ".join(f"`{k}`" for k in sorted(known)) or "none"
            raise CommunityError(f"No pack named `{unknown[0][:64]}` here (packs: {listing}).")
    return chosen


def make_schedule(
    channel_id: int,
    time_text: str,
    timezone: str | None = None,
    packs: Iterable[str] = (),
    enabled: bool = True,
    *,
    known_packs: Collection[str] | None = None,
    up_to_episode: int | None = None,
) -> DailySchedule:
    """A validated schedule from a moderator's options; raises CommunityError naming the fault.

    ``timezone`` None or empty means UTC; ``known_packs`` (when given) are the server's packs.
    """
    if channel_id <= 0:
        raise CommunityError("Choose the channel the daily question goes to.")
    return DailySchedule(
        channel_id=channel_id,
        at=parse_time(time_text),
        timezone=zone_name(timezone or DEFAULT_TIMEZONE),
        packs=_packs(packs, known_packs),
        enabled=enabled,
        up_to_episode=up_to_episode,
    )


def day_of(schedule: DailySchedule, t: float) -> date:
    """The calendar date of unix time ``t`` in the schedule's time zone."""
    return datetime.fromtimestamp(t, schedule.zone).date()


def post_time(schedule: DailySchedule, day: date) -> float:
    """Unix time of ``day``'s post.

    A post time the clocks skip (02:30 on the night they go forward) is taken with the offset
    before the change, so it falls as long after the change as it would have (03:30); a time
    the clocks pass twice (01:30 on the night they go back) is the first of the two.
    """
    return datetime.combine(day, schedule.at, tzinfo=schedule.zone).timestamp()


def scheduled_day(schedule: DailySchedule, t: float) -> date:
    """The day whose post is scheduled to be up at ``t``: from its post time to the next one."""
    day = day_of(schedule, t)
    return day if post_time(schedule, day) <= t else day - _ONE_DAY


def next_post(schedule: DailySchedule, last_posted_day: date | None, now: float) -> NextPost | None:
    """The next post to make, from the last day posted (kept in the database); None when off.

    A day is posted once at most: after ``last_posted_day`` comes the day after it. Today's
    question, if not posted yet, is due at its time, or at once when that time has passed (a
    restart at noon still posts the 09:00 question, and a schedule set at noon starts today).
    A day that ended with no post (the bot was down) is skipped, never posted the day after.
    """
    if not schedule.enabled:
        return None
    today = day_of(schedule, now)
    if last_posted_day is not None and last_posted_day >= today:
        day = last_posted_day + _ONE_DAY
        return NextPost(day, post_time(schedule, day))
    skipped = 0 if last_posted_day is None else (today - last_posted_day).days - 1
    return NextPost(today, post_time(schedule, today), skipped)


def current_post(posted_at: Mapping[date, float], t: float) -> date | None:
    """The day whose question is open at ``t``: the latest one posted at or before ``t``.

    ``posted_at`` maps each posted day to when it was really posted (a late post opens late).
    A question stays open until the next post, so a day with no post leaves the one before open.
    """
    shown = [day for day, when in posted_at.items() if when <= t]
    return max(shown) if shown else None


def choose_question(
    questions: Iterable[Question],
    asked: Iterable[str],
    *,
    day: date,
    seed: int | str,
    packs: Collection[str] = (),
    max_episode: int | None = None,
) -> Question | None:
    """The day's question, or None when no question fits; the same inputs give the same one.

    Candidates are the multiple-choice questions of ``packs`` (all given when empty) that
    ``max_episode`` allows. ``asked`` holds the keys already posted (oldest first, repeats
    kept). A key comes back only once every candidate has been asked as often as it, so no
    question repeats until its pool is used up, and questions added later are asked first.
    """
    pool = {
        q.key: q
        for q in questions
        if q.supports_choice
        and (not packs or q.pack in packs)
        and (max_episode is None or q.episode is None or q.episode <= max_episode)
    }
    if not pool:
        return None
    counts = Counter(key for key in asked if key in pool)
    fewest = min(counts.get(key, 0) for key in pool)
    fresh = sorted(key for key in pool if counts.get(key, 0) == fewest)
    # a string seed is hashed the same way in every process (unlike hash())
    rng = random.Random(f"{seed}/{day.isoformat()}")
    return pool[rng.choice(fresh)]


@dataclass(frozen=True, slots=True)
class Streak:
    """A member's day streak: right answers on consecutive posted days, and the best one."""

    current: int = 0
    best: int = 0

    def after(self, right: bool) -> Streak:
        """The streak after one more posted day, answered right or not."""
        current = self.current + 1 if right else 0
        return Streak(current, max(self.best, current))


def day_streak(
    posted: Iterable[date], results: Mapping[date, bool], *, open_day: date | None = None
) -> Streak:
    """A member's streak from the days posted and their answers (day: right or not).

    Only posted days count, in date order: a day the bot never posted (it was down) neither
    adds nor breaks. A posted day unanswered or answered wrong breaks the streak, except
    ``open_day``, the question still open, which breaks it only once answered wrong.
    """
    streak = Streak()
    for day in sorted(set(posted)):
        result = results.get(day)
        if result is None and day == open_day:
            continue
        streak = streak.after(bool(result))
    return streak
