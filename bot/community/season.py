"""Seasons: named spans of time whose leaderboard is the answers scored inside them."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.community.errors import CommunityError
from bot.community.zones import DEFAULT_TIMEZONE, zone_name

#: a season's name is shown in leaderboard titles and typed as a command option
MAX_SEASON_NAME = 50
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Season:
    """A named span [start, end) of unix time; ``end`` None while it runs with no end set."""

    name: str
    start: float
    end: float | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        """The half-open range [start, end) of answer times it holds (end inf while open)."""
        return self.start, math.inf if self.end is None else self.end

    def holds(self, t: float) -> bool:
        """Whether an answer at unix time ``t`` scores in this season."""
        start, end = self.bounds
        return start <= t < end


def season_name(text: str) -> str:
    """A season's name as typed, spaces tidied; raises CommunityError if empty or too long."""
    name = " ".join(text.split())
    if not name:
        raise CommunityError("Give the season a name, e.g. `Winter 2026`.")
    if len(name) > MAX_SEASON_NAME:
        raise CommunityError(
            f"A season's name is at most {MAX_SEASON_NAME} characters; that one has {len(name)}."
        )
    if not name.isprintable():
        raise CommunityError("A season's name cannot hold line breaks or control characters.")
    return name


def _day_text(t: float, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, zone).date().isoformat()


def describe_span(season: Season, timezone: str = DEFAULT_TIMEZONE) -> str:
    """``from 2026-11-01 to 2026-12-31`` (the last day included), or ``from 2026-11-01 on``."""
    zone = ZoneInfo(zone_name(timezone))
    if season.end is None:
        return f"from {_day_text(season.start, zone)} on"
    # the end is exclusive: the last moment inside is just before it
    return f"from {_day_text(season.start, zone)} to {_day_text(season.end - 1, zone)}"


def end_of_date(text: str, timezone: str = DEFAULT_TIMEZONE) -> float:
    """A season's last day ``YYYY-MM-DD`` as the unix time it ends: the next local midnight."""
    match = _DATE.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        shown = text.strip()[:20] or "(nothing)"
        raise CommunityError(
            f"`{shown}` is not a date: write YYYY-MM-DD, e.g. 2026-12-31 (the season's last day)."
        ) from None
    zone = ZoneInfo(zone_name(timezone))
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone).timestamp()


def new_season(
    existing: Sequence[Season],
    name: str,
    start: float,
    end: float | None = None,
    *,
    timezone: str = DEFAULT_TIMEZONE,
) -> Season:
    """A season to add beside a server's ``existing`` ones; raises CommunityError if it clashes.

    Names are unique in a server (ignoring case); the end comes after the start; seasons never
    overlap, so each answer is in one season at most.
    """
    name = season_name(name)
    for other in existing:
        if other.name.casefold() == name.casefold():
            raise CommunityError(f"There is already a season named **{other.name}**.")
    if end is not None and end <= start:
        raise CommunityError("A season must end after it starts: pick a later end date.")
    season = Season(name, start, end)
    s_start, s_end = season.bounds
    for other in sorted(existing, key=lambda s: s.start):
        o_start, o_end = other.bounds
        if s_start < o_end and o_start < s_end:
            if other.end is None:
                raise CommunityError(
                    f"Season **{other.name}** is still running: end it first "
                    "(`/trivia-admin season end`)."
                )
            raise CommunityError(
                f"That would overlap season **{other.name}** "
                f"({describe_span(other, timezone)}): seasons cannot overlap."
            )
    return season


def current_season(seasons: Iterable[Season], t: float) -> Season | None:
    """The season running at unix time ``t``, if any."""
    return next((s for s in seasons if s.holds(t)), None)


def find_season(seasons: Sequence[Season], name: str) -> Season:
    """The season with this name (any case); raises CommunityError naming the close ones."""
    typed = " ".join(name.split())
    for season in seasons:
        if season.name.casefold() == typed.casefold():
            return season
    by_key = {s.name.casefold(): s.name for s in seasons}
    close = difflib.get_close_matches(typed.casefold(), list(by_key), n=3)
    if close:
        hint = f" Did you mean {' or '.join(f'**{by_key[c]}**' for c in close)}?"
    elif seasons:
        hint = " Seasons: " + ", ".join(f"**{s.name}**" for s in seasons[-10:]) + "."
    else:
        hint = " This server has had no season yet."
    raise CommunityError(f"No season named **{typed[:MAX_SEASON_NAME]}**.{hint}")


def season_for_board(seasons: Sequence[Season], name: str | None, now: float) -> Season:
    """The season a leaderboard shows: the one named, else the one running now."""
    if name is not None and name.strip():
        return find_season(seasons, name)
    running = current_season(seasons, now)
    if running is None:
        hint = " Name a past one with `season:`." if seasons else ""
        raise CommunityError(f"No season is running.{hint}")
    return running


def end_season(seasons: Sequence[Season], at: float) -> Season:
    """The running season ended at ``at`` (its board is kept); raises if none is running."""
    running = current_season(seasons, at)
    if running is None:
        raise CommunityError("No season is running, so there is none to end.")
    return Season(running.name, running.start, at)


def ended_between(seasons: Iterable[Season], after: float, upto: float) -> list[Season]:
    """Seasons whose end falls in (after, upto]: the final boards to post, oldest first."""
    return sorted(
        (s for s in seasons if s.end is not None and after < s.end <= upto),
        key=lambda s: s.end or 0.0,
    )
