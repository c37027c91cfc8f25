"""Choice-mode games driven with explicit times."""

from __future__ import annotations

import pytest
from engine_fakes import ALICE, BOB, CARA, DAN, make_question, make_questions

from bot.engine.config import GameConfig
from bot.engine.errors import (
    AlreadyAnswered,
    GameOver,
    InvalidOption,
    NoQuestions,
    NotAllowed,
    NotStarted,
    QuestionNotOpen,
    WrongMode,
)
from bot.engine.events import (
    AnswerLocked,
    GameFinished,
    GameStarted,
    PlayerJoined,
    QuestionAsked,
    QuestionClosed,
)
from bot.engine.game import Game, Phase, new_game


def _game(n: int = 3, **config: object) -> Game:
    settings = {"seed": 1, "seconds": 20, "reveal_seconds": 5, **config}
    return Game(make_questions(n), GameConfig(questions=n, **settings))  # type: ignore[arg-type]


def _right(game: Game) -> int:
    """The right option's index for the open question."""
    return game._round.correct_option  # type: ignore[union-attr,return-value]


def _wrong(game: Game) -> int:
    return (_right(game) + 1) % 4


def _only(events: list, kind: type):
    found = [e for e in events if isinstance(e, kind)]
    assert len(found) == 1, events
    return found[0]


def test_start_announces_the_game_and_asks_the_first_question() -> None:
    game = _game(3)
    events = game.start(0.0)
    assert isinstance(events[0], GameStarted)
    asked = events[1]
    assert isinstance(asked, QuestionAsked)
    assert (asked.index, asked.total, asked.asked_at, asked.deadline) == (1, 3, 0.0, 20.0)
    assert sorted(asked.options) == ["Right", "Wrong 1", "Wrong 2", "Wrong 3"]
    assert asked.mode == "choice" and asked.hint_times == ()
    assert game.next_deadline() == 20.0


def test_full_game_with_three_players() -> None:
    game = _game(3)
    for player in (ALICE, BOB, CARA):
        game.join(player)
    game.start(0.0)
    game.answer(ALICE, _right(game), 0.0)
    game.answer(CARA, _wrong(game), 5.0)
    events = game.answer(BOB, _right(game), 10.0)
    closed = _only(events, QuestionClosed)
    assert closed.reason == "all_answered"
    assert [(w.player, w.points, w.ms) for w in closed.winners] == [
        (ALICE, 1000, 0),
        (BOB, 750, 10_000),
    ]
    assert closed.next_at == 15.0
    assert game.tick(14.9) == []
    q2 = _only(game.tick(15.0), QuestionAsked)
    assert q2.index == 2 and q2.deadline == 35.0

    game.answer(ALICE, _right(game), 19.0)  # 4 s: 900 + streak 100
    game.answer(CARA, _right(game), 25.0)  # 10 s: 750
    closed = _only(game.tick(35.0), QuestionClosed)
    assert closed.reason == "time"
    bob = next(r for r in closed.results if r.user_id == BOB.user_id)
    assert (bob.correct, bob.points, bob.ms, bob.streak) == (False, 0, None, 0)
    alice = next(r for r in closed.results if r.user_id == ALICE.user_id)
    assert (alice.points, alice.streak, alice.ms) == (1000, 2, 4000)

    game.tick(40.0)
    game.answer(ALICE, _wrong(game), 41.0)
    events = game.tick(60.0)
    finished = _only(events, GameFinished)
    assert isinstance(events[0], QuestionClosed) and events[0].next_at is None
    assert finished.reason == "completed" and finished.asked == 3
    assert [(r.rank, r.player, r.points, r.right, r.best_streak) for r in finished.ranking] == [
        (1, ALICE, 2000, 2, 2),
        (2, BOB, 750, 1, 1),
        (2, CARA, 750, 1, 1),
    ]
    assert finished.ranking[0].right_of_asked == "2/3"
    assert game.finished and game.next_deadline() is None


@pytest.mark.parametrize(("elapsed", "points"), [(0.0, 1000), (10.0, 750), (19.99, 500)])
def test_points_fall_with_time(elapsed: float, points: int) -> None:
    game = _game(1)
    game.start(100.0)
    events = game.answer(ALICE, _right(game), 100.0 + elapsed)
    closed = _only(events, QuestionClosed)
    assert closed.winners[0].points == points


def _instant_right_answers(game: Game, n: int) -> list[int]:
    points = []
    now = 0.0
    game.start(now)
    for _ in range(n):
        events = game.answer(ALICE, _right(game), now)
        points.append(_only(events, QuestionClosed).winners[0].points)
        now += 5.0
        game.tick(now)
    return points


def test_streak_bonus_adds_100_a_step_up_to_500() -> None:
    game = _game(8)
    game.join(ALICE)
    assert _instant_right_answers(game, 8) == [1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]


def test_streak_bonus_switched_off() -> None:
    game = _game(4, streak_bonus=False)
    game.join(ALICE)
    assert _instant_right_answers(game, 4) == [1000] * 4


def test_a_wrong_answer_scores_nothing_and_breaks_the_streak() -> None:
    game = _game(3)
    game.start(0.0)
    game.answer(ALICE, _right(game), 0.0)
    game.tick(5.0)
    closed = _only(game.answer(ALICE, _wrong(game), 5.0), QuestionClosed)
    assert (closed.results[0].points, closed.results[0].streak) == (0, 0)
    game.tick(10.0)
    closed = _only(game.answer(ALICE, _right(game), 10.0), QuestionClosed)
    assert (closed.winners[0].points, closed.results[0].streak) == (1000, 1)


def test_answering_twice_is_refused_and_changes_nothing() -> None:
    game = _game(1)
    game.start(0.0)
    game.join(BOB)
    game.answer(ALICE, _wrong(game), 1.0)
    with pytest.raises(AlreadyAnswered, match="You already answered"):
        game.answer(ALICE, _right(game), 2.0)
    closed = _only(game.tick(20.0), QuestionClosed)
    alice = next(r for r in closed.results if r.user_id == ALICE.user_id)
    assert (alice.correct, alice.ms) == (False, 1000)


def test_answer_locked_does_not_say_whether_it_was_right() -> None:
    game = _game(1)
    game.start(0.0)
    game.join(BOB)
    events = game.answer(ALICE, _right(game), 1.0)
    locked = _only(events, AnswerLocked)
    assert (locked.answered, locked.joined, locked.option) == (1, 2, _right(game))
    assert not hasattr(locked, "correct") and not hasattr(locked, "points")


def test_early_reveal_waits_for_every_joined_player() -> None:
    game = _game(2)
    game.start(0.0)
    game.join(BOB)
    assert not any(isinstance(e, QuestionClosed) for e in game.answer(ALICE, 0, 1.0))
    assert game.phase is Phase.OPEN
    closed = _only(game.answer(BOB, 0, 2.0), QuestionClosed)
    assert closed.reason == "all_answered" and closed.closed_at == 2.0


def test_early_close_can_be_held_back_until_a_later_question() -> None:
    game = _game(2, early_close_from=2)
    game.start(0.0)
    first = game.answer(ALICE, _right(game), 1.0)
    assert not any(isinstance(e, QuestionClosed) for e in first)
    assert game.phase is Phase.OPEN
    closed = _only(game.tick(20.0), QuestionClosed)
    assert closed.reason == "time"
    game.tick(25.0)
    closed = _only(game.answer(ALICE, _right(game), 26.0), QuestionClosed)
    assert (closed.index, closed.reason) == (2, "all_answered")


def test_zero_reveal_pause_asks_the_next_question_at_once() -> None:
    game = _game(2, reveal_seconds=0)
    game.start(0.0)
    events = game.answer(ALICE, 0, 3.0)
    assert [type(e) for e in events] == [PlayerJoined, AnswerLocked, QuestionClosed, QuestionAsked]
    assert events[-1].asked_at == 3.0


def test_a_click_on_a_closed_question_is_refused() -> None:
    game = _game(2)
    game.start(0.0)
    game.tick(20.0)
    with pytest.raises(QuestionNotOpen, match=r"This question is closed\."):
        game.answer(ALICE, 0, 21.0)
    assert game.players == ()


def test_a_click_after_the_deadline_but_before_the_tick_is_refused() -> None:
    game = _game(2)
    game.start(0.0)
    with pytest.raises(QuestionNotOpen):
        game.answer(ALICE, 0, 20.0)
    assert _only(game.tick(20.0), QuestionClosed).results == ()


def test_a_click_on_a_finished_game_is_refused() -> None:
    game = _game(1)
    game.start(0.0)
    game.tick(20.0)
    assert game.finished
    with pytest.raises(GameOver):
        game.answer(ALICE, 0, 21.0)
    with pytest.raises(GameOver):
        game.join(ALICE)


@pytest.mark.parametrize("option", [-1, 4, 99, True, "A"])
def test_an_option_that_does_not_exist_is_refused(option: object) -> None:
    game = _game(1)
    game.start(0.0)
    with pytest.raises(InvalidOption):
        game.answer(ALICE, option, 1.0)  # type: ignore[arg-type]
    assert game.players == ()


def test_a_typed_guess_in_a_choice_game_is_refused() -> None:
    game = _game(1)
    game.start(0.0)
    with pytest.raises(WrongMode):
        game.guess(ALICE, "Right", 1.0)


def test_answers_before_the_start_are_refused() -> None:
    with pytest.raises(NotStarted):
        _game(1).answer(ALICE, 0, 0.0)


def test_idle_game_stops_after_k_silent_questions() -> None:
    game = _game(6, idle_limit=2)
    game.start(0.0)
    game.tick(20.0)
    game.tick(25.0)
    events = game.tick(45.0)
    assert [type(e) for e in events] == [QuestionClosed, GameFinished]
    assert events[1].reason == "idle" and events[1].asked == 2


def test_an_answer_resets_the_idle_count() -> None:
    game = _game(6, idle_limit=2)
    game.start(0.0)
    game.tick(20.0)  # q1 silent
    game.tick(25.0)
    game.answer(ALICE, 0, 26.0)  # q2 answered (closes early: Alice is the only player)
    game.tick(31.0)
    game.tick(51.0)  # q3 silent: 1 in a row
    assert not game.finished
    game.tick(56.0)
    events = game.tick(76.0)  # q4 silent: 2 in a row
    assert _only(events, GameFinished).reason == "idle"


def test_stop_by_an_allowed_player_keeps_points_already_won() -> None:
    game = Game(make_questions(3), GameConfig(questions=3, seed=1), starter=ALICE)
    game.start(0.0)
    game.join(BOB)
    game.answer(BOB, _right(game), 0.0)
    events = game.stop(ALICE, allowed=True, now=3.0)
    closed, finished = events
    assert isinstance(closed, QuestionClosed) and closed.reason == "stopped"
    assert isinstance(finished, GameFinished)
    assert (finished.reason, finished.by, finished.asked) == ("stopped", ALICE, 1)
    assert [(r.player, r.points) for r in finished.ranking] == [(BOB, 1000), (ALICE, 0)]
    with pytest.raises(GameOver):
        game.stop(ALICE, allowed=True, now=4.0)


def test_stop_refused_changes_nothing() -> None:
    game = Game(make_questions(3), GameConfig(questions=3, seed=1), starter=ALICE)
    game.start(0.0)
    with pytest.raises(NotAllowed, match="started the game or a moderator"):
        game.stop(BOB, allowed=False, now=1.0)
    assert game.phase is Phase.OPEN and game.players == (ALICE,)


def test_skip_closes_the_question_without_breaking_streaks() -> None:
    game = _game(3)
    game.join(ALICE)
    game.join(BOB)
    game.start(0.0)
    game.answer(ALICE, _right(game), 0.0)
    game.answer(BOB, _right(game), 0.0)
    game.tick(5.0)
    game.answer(ALICE, _wrong(game), 6.0)
    closed = _only(game.skip(BOB, allowed=True, now=7.0), QuestionClosed)
    assert closed.reason == "skipped" and closed.next_at == 12.0
    streaks = {r.user_id: r.streak for r in closed.results}
    assert streaks == {ALICE.user_id: 0, BOB.user_id: 1}


def test_skip_during_the_reveal_asks_the_next_question_now() -> None:
    game = _game(3)
    game.start(0.0)
    game.tick(20.0)
    asked = _only(game.skip(ALICE, allowed=True, now=21.0), QuestionAsked)
    assert (asked.index, asked.asked_at) == (2, 21.0)


def test_skip_refused_and_skip_of_finished_game() -> None:
    game = _game(1)
    game.start(0.0)
    with pytest.raises(NotAllowed):
        game.skip(BOB, allowed=False, now=1.0)
    assert game.phase is Phase.OPEN
    game.tick(20.0)
    with pytest.raises(GameOver):
        game.skip(BOB, allowed=True, now=21.0)


def test_skip_of_the_last_question_finishes_the_game() -> None:
    game = _game(1)
    game.start(0.0)
    events = game.skip(ALICE, allowed=True, now=1.0)
    assert [type(e) for e in events] == [QuestionClosed, GameFinished]
    assert events[1].reason == "completed"


def test_time_going_backwards_counts_as_no_time_passed() -> None:
    game = _game(2)
    game.start(100.0)
    assert game.tick(50.0) == []
    assert game.tick(float("nan")) == []
    closed = _only(game.answer(ALICE, _right(game), 90.0), QuestionClosed)
    assert closed.winners[0].points == 1000 and closed.winners[0].ms == 0


def test_results_list_every_joined_player_including_late_joiners() -> None:
    game = _game(2)
    game.join(ALICE)
    game.start(0.0)
    closed = _only(game.tick(20.0), QuestionClosed)
    assert [r.user_id for r in closed.results] == [ALICE.user_id]
    game.tick(25.0)
    game.answer(DAN, 0, 26.0)
    closed = _only(game.tick(45.0), QuestionClosed)
    assert [r.user_id for r in closed.results] == [ALICE.user_id, DAN.user_id]


def test_options_are_shuffled_reproducibly_and_the_right_one_is_marked() -> None:
    pool = [make_question(f"q{i}", wrong=("a", "b", "c", "d", "e")) for i in range(5)]
    config = GameConfig(questions=5, seed=42)
    one, two = Game(pool, config), Game(pool, config)
    asked_one = _only(one.start(0.0), QuestionAsked)
    asked_two = _only(two.start(0.0), QuestionAsked)
    assert asked_one.options == asked_two.options
    assert len(set(asked_one.options)) == 4 and "Right" in asked_one.options
    closed = _only(one.tick(20.0), QuestionClosed)
    assert closed.options[closed.correct_option] == "Right"  # type: ignore[index]


def test_new_game_selects_and_reports_fewer_questions() -> None:
    pool = [*make_questions(4), make_question("late", episode=9)]
    game = new_game(pool, GameConfig(questions=10, up_to_episode=3, seed=5))
    assert game.total == 4
    assert _only(game.start(0.0), QuestionAsked).total == 4


def test_a_game_with_no_questions_is_refused() -> None:
    with pytest.raises(NoQuestions):
        Game([], GameConfig())
    with pytest.raises(NoQuestions, match="multiple choice"):
        Game([make_question("x", wrong=())], GameConfig(mode="choice"))


def test_scores_and_next_deadline_while_playing() -> None:
    game = _game(2)
    assert game.next_deadline() is None
    game.start(0.0)
    game.answer(ALICE, _right(game), 2.0)
    assert game.next_deadline() == 7.0  # closed early, reveal pause of 5 s
    assert game.scores[0].points == 950 and game.index == 1
    assert game.question is not None and game.question.id == "q1"


def test_a_click_on_an_old_question_button_is_refused() -> None:
    game = _game(3, reveal_seconds=0)
    game.start(0.0)
    game.tick(20.0)
    assert game.index == 2
    with pytest.raises(QuestionNotOpen, match=r"This question is closed\."):
        game.answer(ALICE, 0, 21.0, index=1)
    assert game.players == ()
    assert _only(game.answer(ALICE, 0, 22.0, index=2), AnswerLocked).index == 2
