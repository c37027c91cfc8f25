"""The daily schedule: validation, the day clock across DST, and when the next post is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.community.daily import (
    DailySchedule,
    current_post,
    day_of,
    make_schedule,
    next_post,
    parse_time,
    post_time,
    scheduled_day,
)
from bot.community.errors import CommunityError
from bot.community.zones import zone_name


def utc(text: str) -> float:
    """Unix time of a UTC moment written ``2026-03-29 08:00``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def sched(at: str = "09:00", tz: str = "Europe/London", enabled: bool = True) -> DailySchedule:
    return make_schedule(42, at, tz, enabled=enabled)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:05", time(9, 5)),
        (" 21:30 ", time(21, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time_accepts_24_hour_clock(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "9pm", "", "0900", "12:5", "-1:00", "1:2:3"])
def test_parse_time_refuses_with_an_example(text: str) -> None:
    with pytest.raises(CommunityError, match=r"HH:MM on a 24-hour clock, e\.g\. 09:00"):
        parse_time(text)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        (" AMERICA/NEW_YORK ", "America/New_York"),
        ("Asia/Seoul", "Asia/Seoul"),
        ("UTC", "UTC"),
    ],
)
def test_zone_name_is_the_database_spelling(typed: str, name: str) -> None:
    assert zone_name(typed) == name


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("Seoul", "Asia/Seoul"),
        ("new york", "America/New_York"),
        ("Europe/Londn", "Europe/London"),
    ],
)
def test_unknown_zone_suggests_the_close_one(typed: str, hint: str) -> None:
    with pytest.raises(CommunityError, match="is not a time zone") as caught:
        zone_name(typed)
    assert f"`{hint}`" in str(caught.value)


@pytest.mark.parametrize("typed", ["Mars/Olympus_Mons", "../../etc/passwd", "", "+09:00"])
def test_nonsense_zone_is_refused(typed: str) -> None:
    with pytest.raises(CommunityError, match="is not a time zone"):
        zone_name(typed)


def test_schedule_defaults_to_utc_and_keeps_packs_once() -> None:
    s = make_schedule(7, "18:00", None, ["community", "soundtrack-2", "community"])
    assert (s.timezone, s.packs, s.time_text, s.enabled) == (
        "UTC",
        ("community", "soundtrack-2"),
        "18:00",
        True,
    )


def test_schedule_refuses_an_unknown_pack_listing_the_known() -> None:
    with pytest.raises(CommunityError, match=r"No pack named `comunity` here \(packs: `c`, `d`\)"):
        make_schedule(7, "18:00", "UTC", ["comunity"], known_packs={"d", "c"})


def test_schedule_needs_a_channel() -> None:
    with pytest.raises(CommunityError, match="channel"):
        make_schedule(0, "18:00")


# Clocks change: London 2026-03-29 01:00 UTC (GMT -> BST) and 2026-10-25 01:00 UTC (back);
# New York 2026-03-08 07:00 UTC (EST -> EDT) and 2026-11-01 06:00 UTC (back); Seoul never.
@pytest.mark.parametrize(
    ("tz", "at", "day", "expected_utc"),
    [
        ("Europe/London", "09:00", date(2026, 3, 28), "2026-03-28 09:00"),
        ("Europe/London", "09:00", date(2026, 3, 29), "2026-03-29 08:00"),
        # 01:30 does not happen that night: it falls as long after the change (02:30 BST)
        ("Europe/London", "01:30", date(2026, 3, 29), "2026-03-29 01:30"),
        # 01:30 happens twice: the first one (BST)
        ("Europe/London", "01:30", date(2026, 10, 25), "2026-10-25 00:30"),
        ("Europe/London", "09:00", date(2026, 10, 25), "2026-10-25 09:00"),
        ("America/New_York", "09:00", date(2026, 3, 7), "2026-03-07 14:00"),
        ("America/New_York", "09:00", date(2026, 3, 8), "2026-03-08 13:00"),
        ("America/New_York", "02:30", date(2026, 3, 8), "2026-03-08 07:30"),
        ("America/New_York", "01:30", date(2026, 11, 1), "2026-11-01 05:30"),
        ("Asia/Seoul", "09:00", date(2026, 1, 1), "2026-01-01 00:00"),
        ("Asia/Seoul", "00:30", date(2026, 1, 1), "2025-12-31 15:30"),
    ],
)
def test_post_time_in_the_servers_zone(tz: str, at: str, day: date, expected_utc: str) -> None:
    assert post_time(sched(at, tz), day) == utc(expected_utc)


@pytest.mark.parametrize(
    ("tz", "day", "hours"),
    [
        ("Europe/London", date(2026, 3, 28), 23),
        ("Europe/London", date(2026, 10, 24), 25),
        ("America/New_York", date(2026, 3, 7), 23),
        ("America/New_York", date(2026, 10, 31), 25),
        ("Asia/Seoul", date(2026, 3, 28), 24),
    ],
)
def test_posts_keep_local_time_across_dst(tz: str, day: date, hours: int) -> None:
    s = sched("09:00", tz)
    nxt = date.fromordinal(day.toordinal() + 1)
    assert post_time(s, nxt) - post_time(s, day) == hours * 3600


@pytest.mark.parametrize(
    ("tz", "moment", "day"),
    [
        # Seoul is UTC+9: 23:59 UTC on the 31st is 08:59 on the 1st, before the 09:00 post
        ("Asia/Seoul", "2025-12-31 23:59", date(2025, 12, 31)),
        ("Asia/Seoul", "2026-01-01 00:00", date(2026, 1, 1)),
        ("Europe/London", "2026-03-29 07:59", date(2026, 3, 28)),
        ("Europe/London", "2026-03-29 08:00", date(2026, 3, 29)),
        ("America/New_York", "2026-11-01 13:59", date(2026, 10, 31)),
        ("America/New_York", "2026-11-01 14:00", date(2026, 11, 1)),
    ],
)
def test_scheduled_day_runs_from_one_post_time_to_the_next(tz: str, moment: str, day: date) -> None:
    assert scheduled_day(sched("09:00", tz), utc(moment)) == day


def test_day_of_uses_the_local_calendar() -> None:
    s = sched("09:00", "Asia/Seoul")
    assert day_of(s, utc("2026-01-01 14:59")) == date(2026, 1, 1)
    assert day_of(s, utc("2026-01-01 15:00")) == date(2026, 1, 2)


# London, 09:00 local; 2026-06-10 is BST, so the post is at 08:00 UTC.
@pytest.mark.parametrize(
    ("last", "now", "day", "at", "skipped", "due"),
    [
        # posted yesterday, morning before the post: today's at 09:00
        (date(2026, 6, 9), "2026-06-10 07:00", date(2026, 6, 10), "2026-06-10 08:00", 0, False),
        # restart after the post time, today not posted yet: post at once
        (date(2026, 6, 9), "2026-06-10 11:00", date(2026, 6, 10), "2026-06-10 08:00", 0, True),
        # restart late in the evening: still today's
        (date(2026, 6, 9), "2026-06-10 22:59", date(2026, 6, 10), "2026-06-10 08:00", 0, True),
        # restart after today's post went out: tomorrow's, never today's again
        (date(2026, 6, 10), "2026-06-10 11:00", date(2026, 6, 11), "2026-06-11 08:00", 0, False),
        # down from before yesterday's post to this morning: yesterday is skipped
        (date(2026, 6, 8), "2026-06-10 07:00", date(2026, 6, 10), "2026-06-10 08:00", 1, False),
        # down three whole days
        (date(2026, 6, 6), "2026-06-10 09:00", date(2026, 6, 10), "2026-06-10 08:00", 3, True),
        # never posted: today's, at once if its time passed
        (None, "2026-06-10 07:00", date(2026, 6, 10), "2026-06-10 08:00", 0, False),
        (None, "2026-06-10 12:00", date(2026, 6, 10), "2026-06-10 08:00", 0, True),
        # the clock went back (or the zone changed): never a day twice
        (date(2026, 6, 11), "2026-06-10 12:00", date(2026, 6, 12), "2026-06-12 08:00", 0, False),
    ],
)
def test_next_post(
    last: date | None, now: str, day: date, at: str, skipped: int, due: bool
) -> None:
    found = next_post(sched(), last, utc(now))
    assert found is not None
    assert (found.day, found.at, found.skipped, found.due(utc(now))) == (
        day,
        utc(at),
        skipped,
        due,
    )
    assert found.wait(utc(now)) == max(0.0, utc(at) - utc(now))


def test_next_post_is_none_while_paused() -> None:
    assert next_post(sched(enabled=False), None, utc("2026-06-10 12:00")) is None


def test_next_post_after_midnight_in_seoul_is_that_local_day() -> None:
    # 15:30 UTC is 00:30 on the 11th in Seoul: the 10th's post was made, the 11th's is next
    found = next_post(sched("09:00", "Asia/Seoul"), date(2026, 6, 10), utc("2026-06-10 15:30"))
    assert found is not None
    assert (found.day, found.at) == (date(2026, 6, 11), utc("2026-06-11 00:00"))


def test_current_post_is_the_latest_posted_so_far() -> None:
    posted = {
        date(2026, 6, 8): utc("2026-06-08 08:00"),
        # the 9th was never posted; the 10th went out late
        date(2026, 6, 10): utc("2026-06-10 11:00"),
    }
    assert current_post(posted, utc("2026-06-08 07:59")) is None
    assert current_post(posted, utc("2026-06-08 08:00")) == date(2026, 6, 8)
    assert current_post(posted, utc("2026-06-10 10:00")) == date(2026, 6, 8)
    assert current_post(posted, utc("2026-06-10 11:00")) == date(2026, 6, 10)
