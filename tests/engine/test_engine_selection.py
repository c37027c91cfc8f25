"""Question selection: spoiler limit, choice support, seeds, no repeats, recent ones last."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from engine_fakes import make_question

from bot.engine.errors import NoQuestions
from bot.engine.selection import linked, select_questions

POOL = [make_question(f"q{i}") for i in range(1, 21)]


def _keys(questions: list) -> list[str]:
    return [q.key for q in questions]


def test_draws_n_without_repeats() -> None:
    chosen = select_questions(POOL, 10, rng=random.Random(1))
    assert len(chosen) == 10
    assert len(set(_keys(chosen))) == 10


def test_same_seed_same_order_and_different_seed_differs() -> None:
    first = _keys(select_questions(POOL, 10, rng=random.Random(7)))
    assert first == _keys(select_questions(list(reversed(POOL)), 10, rng=random.Random(7)))
    assert first != _keys(select_questions(POOL, 10, rng=random.Random(8)))


def test_spoiler_limit_keeps_untagged_and_earlier_episodes() -> None:
    pool = [
        make_question("cast"),
        make_question("ep1", episode=1),
        make_question("ep2", episode=2),
        make_question("ep5", episode=5),
    ]
    chosen = select_questions(pool, 10, up_to_episode=2, rng=random.Random(0))
    assert sorted(q.id for q in chosen) == ["cast", "ep1", "ep2"]


def test_nothing_under_the_spoiler_limit_is_a_clear_error() -> None:
    pool = [make_question("ep5", episode=5)]
    with pytest.raises(NoQuestions, match="spoiler limit"):
        select_questions(pool, 5, up_to_episode=2)


def test_choice_mode_keeps_only_questions_with_three_wrong_answers() -> None:
    pool = [make_question("ok"), make_question("short", wrong=("a", "b"))]
    assert [q.id for q in select_questions(pool, 5, mode="choice")] == ["ok"]
    assert len(select_questions(pool, 5, mode="typed")) == 2


def test_no_choice_question_is_a_clear_error() -> None:
    with pytest.raises(NoQuestions, match="multiple choice"):
        select_questions([make_question("short", wrong=())], 5, mode="choice")


def test_empty_candidates_is_an_error() -> None:
    with pytest.raises(NoQuestions):
        select_questions([], 5)


def test_returns_fewer_when_fewer_are_eligible() -> None:
    assert len(select_questions(POOL[:3], 10, rng=random.Random(0))) == 3


def test_recent_questions_are_avoided_when_others_are_enough() -> None:
    recent = _keys(POOL[:15])
    for seed in range(20):
        chosen = select_questions(POOL, 5, recent=recent, rng=random.Random(seed))
        assert sorted(_keys(chosen)) == sorted(_keys(POOL[15:]))


def test_when_short_the_least_recently_seen_fill_in() -> None:
    # Most recent first: q1 was seen last, q18 longest ago.
    recent = _keys(POOL[:18])
    chosen = select_questions(POOL, 4, recent=recent, rng=random.Random(3))
    assert sorted(_keys(chosen)) == sorted(["test/q19", "test/q20", "test/q18", "test/q17"])


def test_duplicate_keys_are_played_once() -> None:
    chosen = select_questions([POOL[0], POOL[0], POOL[1]], 5, rng=random.Random(0))
    assert sorted(_keys(chosen)) == ["test/q1", "test/q2"]


def _linked_pool() -> list:
    """q1 gives away q2 and q3; q4 gives away q5; the rest stand alone."""
    pool = [make_question(f"q{i}") for i in range(1, 11)]
    pool[0] = replace(pool[0], gives_away=("q2", "q3"))
    pool[3] = replace(pool[3], gives_away=("q5",))
    return pool


@pytest.mark.parametrize("seed", range(200))
def test_linked_questions_never_share_a_game_either_way_round(seed: int) -> None:
    keys = set(_keys(select_questions(_linked_pool(), 7, rng=random.Random(seed))))
    assert not ({"test/q1", "test/q2"} <= keys or {"test/q1", "test/q3"} <= keys)
    assert not {"test/q4", "test/q5"} <= keys


def test_links_leave_fewer_questions_rather_than_break_the_rule() -> None:
    chosen = select_questions(_linked_pool(), 10, rng=random.Random(3))
    # at most q2 and q3 (not q1), and one of q4 and q5: 10 - 1 - 1
    assert len(chosen) == 8


def test_links_also_hold_among_recently_seen_questions() -> None:
    pool = _linked_pool()
    recent = [q.key for q in pool]
    for seed in range(50):
        keys = set(_keys(select_questions(pool, 10, recent=recent, rng=random.Random(seed))))
        assert not {"test/q4", "test/q5"} <= keys


def test_a_link_counts_only_within_its_own_pack() -> None:
    pool = [replace(make_question("a"), gives_away=("b",)), make_question("b", pack="other")]
    assert len(select_questions(pool, 2, rng=random.Random(0))) == 2


def test_linked_lists_each_link_both_ways() -> None:
    assert linked(_linked_pool()) == {
        "test/q1": {"test/q2", "test/q3"},
        "test/q2": {"test/q1"},
        "test/q3": {"test/q1"},
        "test/q4": {"test/q5"},
        "test/q5": {"test/q4"},
    }
