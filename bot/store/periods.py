"""Leaderboard periods in UTC: weeks start Monday 00:00, months on the 1st at 00:00."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from bot.store.types import Period

_DAY = 86_400
_WEEK = 7 * _DAY
#: 1970-01-01 was a Thursday; the first Monday came four days later
_FIRST_MONDAY = 4 * _DAY
_ALL = (-math.inf, math.inf)


def week_start(t: float) -> int:
    """Unix time of the Monday 00:00 UTC that starts the week holding ``t``."""
    return (math.floor(t) - _FIRST_MONDAY) // _WEEK * _WEEK + _FIRST_MONDAY


def month_start(t: float) -> int:
    """Unix time of the 1st 00:00 UTC that starts the month holding ``t``."""
    d = datetime.fromtimestamp(math.floor(t), UTC)
    return int(datetime(d.year, d.month, 1, tzinfo=UTC).timestamp())


def next_month_start(t: float) -> int:
    """Unix time of the 1st 00:00 UTC of the month after the one holding ``t``."""
    d = datetime.fromtimestamp(math.floor(t), UTC)
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp())


def period_start(period: Period, t: float) -> int:
    """The key the rollup table uses for ``period`` at time ``t`` (0 for all time)."""
    if period == "all":
        return 0
    if period == "month":
        return month_start(t)
    if period == "week":
        return week_start(t)
    raise ValueError(f"unknown period {period!r}")


def period_bounds(period: Period, t: float) -> tuple[float, float]:
    """The half-open range [start, end) of unix times in ``period`` around ``t``."""
    if period == "all":
        return _ALL
    if period == "month":
        return float(month_start(t)), float(next_month_start(t))
    if period == "week":
        start = week_start(t)
        return float(start), float(start + _WEEK)
    raise ValueError(f"unknown period {period!r}")
