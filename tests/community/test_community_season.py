"""Seasons: names, no overlaps, the running one, and bounds that filter answers by time."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from bot.community.errors import CommunityError
from bot.community.season import (
    MAX_SEASON_NAME,
    Season,
    current_season,
    describe_span,
    end_of_date,
    end_season,
    ended_between,
    find_season,
    new_season,
    season_for_board,
    season_name,
)


def utc(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


AUTUMN = Season("Autumn", utc("2026-09-01 00:00"), utc("2026-11-01 00:00"))
WINTER = Season("Winter", utc("2026-11-15 00:00"))


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Winter 2026", "Winter 2026"), ("  Winter   2026 ", "Winter 2026"), ("S2 💿", "S2 💿")],
)
def test_season_name_tidies_spaces(typed: str, name: str) -> None:
    assert season_name(typed) == name


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Give the season a name"),
        ("   ", "Give the season a name"),
        ("x" * (MAX_SEASON_NAME + 1), f"at most {MAX_SEASON_NAME} characters"),
        ("a\x00b", "control characters"),
    ],
)
def test_season_name_refuses(typed: str, message: str) -> None:
    with pytest.raises(CommunityError, match=message):
        season_name(typed)


@pytest.mark.parametrize(
    ("name", "start", "end", "message"),
    [
        ("autumn", "2027-01-01 00:00", None, r"already a season named \*\*Autumn\*\*"),
        ("Late", "2026-10-31 23:00", "2026-11-02 00:00", r"overlap season \*\*Autumn\*\*"),
        ("Early", "2026-08-01 00:00", "2026-09-01 00:01", r"overlap season \*\*Autumn\*\*"),
        ("Around", "2026-08-01 00:00", "2026-12-01 00:00", r"overlap season \*\*Autumn\*\*"),
        ("Open", "2026-08-01 00:00", None, r"overlap season \*\*Autumn\*\*"),
        ("Next", "2026-12-01 00:00", None, r"\*\*Winter\*\* is still running: end it first"),
        ("Backwards", "2026-11-10 00:00", "2026-11-05 00:00", "must end after it starts"),
        ("Instant", "2026-11-10 00:00", "2026-11-10 00:00", "must end after it starts"),
    ],
)
def test_new_season_refuses_clashes(name: str, start: str, end: str | None, message: str) -> None:
    with pytest.raises(CommunityError, match=message):
        new_season([AUTUMN, WINTER], name, utc(start), utc(end) if end else None)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # touching ends are no overlap: [start, end) ranges
        ("2026-08-01 00:00", "2026-09-01 00:00"),
        ("2026-11-01 00:00", "2026-11-15 00:00"),
    ],
)
def test_new_season_may_touch_its_neighbours(start: str, end: str) -> None:
    made = new_season([AUTUMN, WINTER], "Between", utc(start), utc(end))
    assert made == Season("Between", utc(start), utc(end))


def test_overlap_message_names_the_days_in_the_servers_zone() -> None:
    with pytest.raises(CommunityError, match=r"from 2026-09-01 to 2026-10-31"):
        new_season([AUTUMN], "X", utc("2026-10-01 00:00"), None, timezone="UTC")


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        ("2026-12-31", "UTC", "2027-01-01 00:00"),
        ("2026-12-31", "Asia/Seoul", "2026-12-31 15:00"),
        ("2026-03-28", "Europe/London", "2026-03-29 00:00"),
        # the season's last day is 2026-03-29, when London goes to BST: midnight is BST
        ("2026-03-29", "Europe/London", "2026-03-29 23:00"),
        ("2026-2-3", "UTC", "2026-02-04 00:00"),
    ],
)
def test_end_of_date_is_the_next_local_midnight(text: str, tz: str, expected: str) -> None:
    assert end_of_date(text, tz) == utc(expected)


@pytest.mark.parametrize("text", ["31/12/2026", "2026-02-30", "tomorrow", "", "2026-13-01"])
def test_end_of_date_refuses_with_an_example(text: str) -> None:
    with pytest.raises(CommunityError, match=r"write YYYY-MM-DD, e\.g\. 2026-12-31"):
        end_of_date(text)


def test_a_season_across_a_month_boundary_filters_answers_by_time() -> None:
    # 25 October to 7 November in New York, where the clocks go back on 1 November
    tz = "America/New_York"
    season = new_season(
        [], "Halloween", end_of_date("2026-10-24", tz), end_of_date("2026-11-07", tz)
    )
    answers = {
        "before": utc("2026-10-25 03:59"),  # 23:59 on the 24th in New York
        "first": utc("2026-10-25 04:00"),  # midnight starting the 25th (EDT)
        "month end": utc("2026-10-31 23:30"),
        "new month": utc("2026-11-01 12:00"),
        "last": utc("2026-11-08 04:59"),  # 23:59 on the 7th (EST)
        "after": utc("2026-11-08 05:00"),
    }
    inside = {name for name, t in answers.items() if season.holds(t)}
    assert inside == {"first", "month end", "new month", "last"}
    start, end = season.bounds
    assert [n for n, t in answers.items() if start <= t < end] == sorted(
        inside, key=lambda n: answers[n]
    )
    assert describe_span(season, tz) == "from 2026-10-25 to 2026-11-07"


def test_running_season_is_open_ended() -> None:
    assert WINTER.bounds == (utc("2026-11-15 00:00"), math.inf)
    assert describe_span(WINTER) == "from 2026-11-15 on"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-08-31 23:59", None),
        ("2026-09-01 00:00", AUTUMN),
        ("2026-10-31 23:59", AUTUMN),
        ("2026-11-01 00:00", None),
        ("2026-11-15 00:00", WINTER),
        ("2030-01-01 00:00", WINTER),
    ],
)
def test_current_season(moment: str, expected: Season | None) -> None:
    assert current_season([AUTUMN, WINTER], utc(moment)) == expected


def test_find_season_any_case_or_says_what_is_close() -> None:
    assert find_season([AUTUMN, WINTER], "  aUtUmN ") == AUTUMN
    with pytest.raises(CommunityError, match=r"No season named \*\*Wintr\*\*\. Did you mean"):
        find_season([AUTUMN, WINTER], "Wintr")
    with pytest.raises(CommunityError, match=r"Seasons: \*\*Autumn\*\*, \*\*Winter\*\*"):
        find_season([AUTUMN, WINTER], "Zzz")
    with pytest.raises(CommunityError, match="no season yet"):
        find_season([], "Zzz")


def test_season_for_board_is_the_named_or_the_running_one() -> None:
    assert season_for_board([AUTUMN, WINTER], None, utc("2026-12-01 00:00")) == WINTER
    assert season_for_board([AUTUMN, WINTER], "autumn", utc("2026-12-01 00:00")) == AUTUMN
    with pytest.raises(CommunityError, match=r"No season is running\. Name a past one"):
        season_for_board([AUTUMN], "", utc("2026-12-01 00:00"))


def test_end_season_closes_the_running_one_and_keeps_its_start() -> None:
    at = utc("2027-02-28 20:00")
    assert end_season([AUTUMN, WINTER], at) == Season("Winter", WINTER.start, at)
    with pytest.raises(CommunityError, match="No season is running"):
        end_season([AUTUMN], at)


def test_ended_between_lists_the_final_boards_to_post() -> None:
    dated = Season("Dated", utc("2026-11-15 00:00"), utc("2026-12-01 00:00"))
    seasons = [dated, AUTUMN, WINTER]
    assert ended_between(seasons, utc("2026-10-01 00:00"), utc("2026-12-01 00:00")) == [
        AUTUMN,
        dated,
    ]
    # (after, upto]: a season ending exactly at `after` was posted by the previous check
    assert ended_between(seasons, utc("2026-12-01 00:00"), utc("2027-01-01 00:00")) == []
