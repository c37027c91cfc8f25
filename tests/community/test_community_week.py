"""A simulated week of dailies with the bot down and restarted; question choice and streaks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.community.daily import (
    DailySchedule,
    Streak,
    choose_question,
    current_post,
    day_streak,
    make_schedule,
    next_post,
)
from bot.engine.model import Question

WRONG = ("w1", "w2", "w3")


def utc(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def q(pack: str, qid: str, episode: int | None = None, choice: bool = True) -> Question:
    return Question(
        id=qid,
        pack=pack,
        question=f"{qid}?",
        answer=qid,
        wrong_answers=WRONG if choice else (),
        episode=episode,
    )


@dataclass
class Bot:
    """The scheduler's loop in miniature: the database is ``posted``; the clock is fake."""

    schedule: DailySchedule
    questions: list[Question]
    posted: dict[date, float] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    log: list[tuple[date, str]] = field(default_factory=list)

    def run(self, up: float, down: float) -> None:
        """Run from ``up`` until ``down``: post whatever is due, sleep (fake) until the next."""
        now = up
        while True:
            # a restart reads the last posted day back from the database
            last = max(self.posted) if self.posted else None
            plan = next_post(self.schedule, last, now)
            assert plan is not None
            if not plan.due(now):
                if plan.at >= down:
                    return
                now = plan.at
                continue
            assert plan.day not in self.posted, f"{plan.day} posted twice"
            question = choose_question(self.questions, self.asked, day=plan.day, seed=7)
            assert question is not None
            self.posted[plan.day] = now
            self.asked.append(question.key)
            self.log.append((plan.day, question.key))


# Monday 2026-03-23 to Sunday 2026-03-29 in London, 09:00 local; the clocks go forward on
# Sunday, so Sunday's post is at 08:00 UTC.
WEEK = [date(2026, 3, 23) + timedelta(days=i) for i in range(7)]
UP_TIMES = [
    ("2026-03-23 06:00", "2026-03-25 07:00"),  # down from Wednesday 07:00 ...
    ("2026-03-26 07:30", "2026-03-27 09:10"),  # ... to Thursday 07:30: Wednesday is lost
    ("2026-03-27 09:20", "2026-03-28 08:50"),  # a quick restart after Friday's post
    ("2026-03-28 13:00", "2026-03-30 00:00"),  # down over Saturday's post: it goes out late
]


@pytest.fixture
def week() -> Bot:
    pool = [q("sound", f"q{i}") for i in range(4)]
    bot = Bot(make_schedule(1, "09:00", "Europe/London"), pool)
    for up, down in UP_TIMES:
        bot.run(utc(up), utc(down))
    return bot


def test_week_posts_each_day_once_and_skips_the_lost_one(week: Bot) -> None:
    assert sorted(week.posted) == [d for d in WEEK if d != date(2026, 3, 25)]


def test_week_posts_on_time_late_after_a_restart_and_across_dst(week: Bot) -> None:
    assert week.posted[date(2026, 3, 23)] == utc("2026-03-23 09:00")
    assert week.posted[date(2026, 3, 27)] == utc("2026-03-27 09:00")
    assert week.posted[date(2026, 3, 28)] == utc("2026-03-28 13:00")
    assert week.posted[date(2026, 3, 29)] == utc("2026-03-29 08:00")


def test_week_never_repeats_a_question_until_the_pool_is_used(week: Bot) -> None:
    keys = [key for _day, key in week.log]
    assert len(set(keys[:4])) == 4
    assert len(set(keys[4:])) == 2
    assert max(Counter(keys).values()) == 2


def test_week_restart_replays_the_same_choice(week: Bot) -> None:
    # a restart that lost the post before it went out picks the same question again
    day, key = week.log[-1]
    again = choose_question(week.questions, week.asked[:-1], day=day, seed=7)
    assert again is not None and again.key == key


def test_week_streaks_survive_the_lost_day(week: Bot) -> None:
    posted = list(week.posted)
    everyday = dict.fromkeys(posted, True)
    assert day_streak(posted, everyday) == Streak(current=6, best=6)
    skipped_friday = {d: True for d in posted if d != date(2026, 3, 27)}
    assert day_streak(posted, skipped_friday) == Streak(current=2, best=3)
    wrong_tuesday = {**everyday, date(2026, 3, 24): False}
    assert day_streak(posted, wrong_tuesday) == Streak(current=4, best=4)


@pytest.mark.parametrize(
    ("answers", "open_day", "expected"),
    [
        # Sunday is still open and not answered yet: the streak stands
        ({"mon", "tue", "thu", "fri", "sat"}, "sun", Streak(5, 5)),
        # ... but once Sunday's post is closed, not answering it breaks the streak
        ({"mon", "tue", "thu", "fri", "sat"}, None, Streak(0, 5)),
        (set(), None, Streak(0, 0)),
        ({"sat", "sun"}, None, Streak(2, 2)),
    ],
)
def test_day_streak_table(
    answers: set[str], open_day: str | None, expected: Streak, week: Bot
) -> None:
    names = dict(zip(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], WEEK, strict=True))
    results = {names[a]: True for a in answers}
    found = day_streak(week.posted, results, open_day=names.get(open_day or ""))
    assert found == expected


def test_open_day_answered_wrong_breaks_at_once() -> None:
    days = [date(2026, 1, 1), date(2026, 1, 2)]
    results = {days[0]: True, days[1]: False}
    assert day_streak(days, results, open_day=days[1]) == Streak(0, 1)


def test_answers_for_days_never_posted_do_not_count() -> None:
    days = [date(2026, 1, 1)]
    assert day_streak(days, {date(2026, 1, 1): True, date(2026, 1, 5): True}) == Streak(1, 1)


def test_streak_after_keeps_the_best() -> None:
    s = Streak().after(True).after(True).after(False).after(True)
    assert s == Streak(current=1, best=2)


def test_current_post_over_the_week(week: Bot) -> None:
    # Wednesday had no post: Tuesday's question stayed open until Thursday's
    assert current_post(week.posted, utc("2026-03-25 12:00")) == date(2026, 3, 24)
    assert current_post(week.posted, utc("2026-03-28 12:59")) == date(2026, 3, 27)


# --- question choice -------------------------------------------------------------------------

DAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("questions", "kwargs", "allowed"),
    [
        # only multiple-choice questions
        ([q("p", "a"), q("p", "typed", choice=False)], {}, {"p/a"}),
        # the spoiler limit: no question from a later episode; no episode means no spoiler
        (
            [q("p", "e1", 1), q("p", "e3", 3), q("p", "any")],
            {"max_episode": 2},
            {"p/e1", "p/any"},
        ),
        # only the schedule's packs
        ([q("a", "x"), q("b", "y")], {"packs": {"b"}}, {"b/y"}),
    ],
)
def test_choice_filters(questions: list[Question], kwargs: dict, allowed: set[str]) -> None:
    for n in range(20):
        found = choose_question(questions, [], day=DAY + timedelta(days=n), seed=1, **kwargs)
        assert found is not None and found.key in allowed


def test_choice_is_none_when_nothing_fits() -> None:
    pool = [q("p", "e5", 5), q("p", "typed", choice=False)]
    assert choose_question(pool, [], day=DAY, seed=1, max_episode=4) is None


def test_choice_uses_every_key_before_any_repeats_over_many_rounds() -> None:
    pool = [q("big", f"b{i}") for i in range(5)] + [q("small", f"s{i}") for i in range(2)]
    asked: list[str] = []
    for n in range(21):
        found = choose_question(pool, asked, day=DAY + timedelta(days=n), seed="srv")
        assert found is not None
        asked.append(found.key)
    for start in range(0, 21, 7):
        assert len(set(asked[start : start + 7])) == 7


def test_choice_asks_a_newly_added_question_before_repeats() -> None:
    pool = [q("p", "a"), q("p", "b")]
    asked = ["p/a", "p/b", "p/a"]
    found = choose_question([*pool, q("p", "new")], asked, day=DAY, seed=1)
    assert found is not None and found.key == "p/new"


def test_choice_ignores_history_of_removed_questions() -> None:
    found = choose_question([q("p", "a")], ["p/gone", "p/gone"], day=DAY, seed=1)
    assert found is not None and found.key == "p/a"


def test_choice_depends_on_seed_and_day_only() -> None:
    pool = [q("p", f"k{i}") for i in range(50)]
    days = [DAY + timedelta(days=n) for n in range(7)]

    def picks(seed: int, order: list[Question]) -> list[str]:
        return [k.key for d in days if (k := choose_question(order, [], day=d, seed=seed))]

    assert picks(1, pool) == picks(1, list(reversed(pool)))
    assert picks(1, pool) != picks(2, pool)
