"""Typed-mode games: private and public guesses, hints, the hint penalty, guess limits."""

from __future__ import annotations

import pytest
from engine_fakes import ALICE, BOB, CARA, make_question

from bot.engine.config import GameConfig
from bot.engine.errors import AlreadyAnswered, GameError, NoGuessesLeft, QuestionNotOpen, WrongMode
from bot.engine.events import GameFinished, GuessJudged, HintRevealed, QuestionAsked, QuestionClosed
from bot.engine.game import Game, Phase

ANSWER = "Camino de Santiago"


def _game(
    answers: tuple[str, ...] = (ANSWER, ANSWER), players=(ALICE, BOB, CARA), **config: object
) -> Game:
    settings = {"mode": "typed", "seconds": 30, "reveal_seconds": 5, "seed": 3, **config}
    questions = [make_question(f"q{i}", answer) for i, answer in enumerate(answers, start=1)]
    return Game(
        questions,
        GameConfig(questions=len(questions), **settings),  # type: ignore[arg-type]
        players=players,
    )


def _only(events: list, kind: type):
    found = [e for e in events if isinstance(e, kind)]
    assert len(found) == 1, events
    return found[0]


def test_question_asked_announces_hint_times_and_guesses() -> None:
    game = _game()
    asked = _only(game.start(0.0), QuestionAsked)
    assert asked.options == () and asked.mode == "typed"
    assert asked.hint_times == (10.0, 20.0)
    assert asked.guesses_per_player == 3
    assert game.next_deadline() == 10.0


def test_private_game_every_right_answer_scores_and_the_first_gets_a_bonus() -> None:
    game = _game()
    game.start(0.0)
    wrong = _only(game.guess(ALICE, "Santiago de Chile", 2.0), GuessJudged)
    assert (wrong.correct, wrong.guesses_left, wrong.points) == (False, 2, 0)
    right = _only(game.guess(ALICE, "camino de santiago", 4.0), GuessJudged)
    # 1000 * (1 - 4/60) = 933, plus the first-right bonus
    assert (right.correct, right.first, right.points) == (True, True, 1133)

    hint = _only(game.tick(10.0), HintRevealed)
    assert (hint.text, hint.level) == ("C_____ d_ S_______", 1)

    bob = _only(game.guess(BOB, ANSWER, 12.0), GuessJudged)
    # 1000 * (1 - 12/60) = 800, times 0.75 after one hint; not first
    assert (bob.first, bob.points) == (False, 600)

    for t in (13.0, 14.0):
        assert game.phase is Phase.OPEN
        game.guess(CARA, "no idea", t)
    events = game.guess(CARA, "still no idea", 15.0)
    assert _only(events, GuessJudged).guesses_left == 0
    closed = _only(events, QuestionClosed)
    assert closed.reason == "all_answered" and closed.correct_option is None
    assert [(w.player, w.points) for w in closed.winners] == [(ALICE, 1133), (BOB, 600)]
    cara = next(r for r in closed.results if r.user_id == CARA.user_id)
    assert (cara.correct, cara.points, cara.ms) == (False, 0, 15_000)


def test_private_question_closes_on_time_after_both_hints() -> None:
    game = _game(answers=("Disney+",))
    game.start(0.0)
    game.guess(ALICE, "Netflix", 1.0)
    first = _only(game.tick(10.0), HintRevealed)
    second = _only(game.tick(20.0), HintRevealed)
    assert (first.text, second.text) == ("D_____+", "D____y+")
    assert game.next_deadline() == 30.0
    events = game.tick(30.0)
    assert [type(e) for e in events] == [QuestionClosed, GameFinished]
    assert events[0].reason == "time" and events[0].winners == ()


def test_a_late_tick_past_the_deadline_closes_without_stale_hints() -> None:
    game = _game(answers=("Disney+",))
    game.start(0.0)
    events = game.tick(45.0)
    assert not any(isinstance(e, HintRevealed) for e in events)
    assert _only(events, QuestionClosed).closed_at == 45.0


@pytest.mark.parametrize("answer", ["K", "6", "Disney+", "Camino de Santiago"])
def test_game_hints_never_show_the_whole_answer(answer: str) -> None:
    game = _game(answers=(answer,), hint_fractions=(0.2, 0.4, 0.6, 0.8), hint_penalty=0.2)
    game.start(0.0)
    hints = [e for t in (6.0, 12.0, 18.0, 24.0) for e in game.tick(t)]
    assert [h.level for h in hints] == [1, 2, 3, 4]
    assert all(h.text != answer and len(h.text) == len(answer) for h in hints)


def test_points_drop_after_each_hint() -> None:
    points = []
    for t in (9.0, 10.0, 19.0, 20.0):
        game = _game(players=(ALICE,), streak_bonus=False, first_bonus=0)
        game.start(0.0)
        points.append(_only(game.guess(ALICE, ANSWER, t), GuessJudged).points)
    # 850 before the first hint, 833 * 0.75 just after it, 683 * 0.75, 667 * 0.5
    assert points == [850, 625, 512, 334]


def test_a_player_who_got_it_right_cannot_guess_again() -> None:
    game = _game()
    game.start(0.0)
    game.guess(ALICE, ANSWER, 1.0)
    with pytest.raises(AlreadyAnswered, match="already got this one"):
        game.guess(ALICE, ANSWER, 2.0)


def test_a_player_out_of_guesses_is_refused() -> None:
    game = _game()
    game.start(0.0)
    for t in (1.0, 2.0, 3.0):
        game.guess(ALICE, "nope", t)
    with pytest.raises(NoGuessesLeft, match="all 3 guesses"):
        game.guess(ALICE, ANSWER, 4.0)


def test_an_empty_guess_does_not_use_a_try() -> None:
    game = _game(players=(ALICE,))
    game.start(0.0)
    with pytest.raises(GameError, match="Type an answer"):
        game.guess(ALICE, "   ", 1.0)
    assert _only(game.guess(ALICE, "nope", 2.0), GuessJudged).guesses_left == 2


def test_a_choice_answer_in_a_typed_game_is_refused() -> None:
    game = _game()
    game.start(0.0)
    with pytest.raises(WrongMode):
        game.answer(ALICE, 0, 1.0)


def test_public_first_right_guess_wins_and_closes() -> None:
    game = _game(guess_style="public")
    game.start(0.0)
    assert not _only(game.guess(ALICE, "Seoul", 1.0), GuessJudged).correct
    events = game.guess(BOB, ANSWER, 3.0)
    judged = _only(events, GuessJudged)
    # no first-right bonus in public style: winning is the prize
    assert (judged.correct, judged.first, judged.points) == (True, True, 950)
    closed = _only(events, QuestionClosed)
    assert closed.reason == "won" and [w.player for w in closed.winners] == [BOB]
    with pytest.raises(QuestionNotOpen):
        game.guess(CARA, ANSWER, 4.0)


def test_public_guesses_are_limited_per_player() -> None:
    game = _game(guess_style="public", public_guess_limit=2)
    game.start(0.0)
    game.guess(ALICE, "one", 1.0)
    assert _only(game.guess(ALICE, "two", 2.0), GuessJudged).guesses_left == 0
    with pytest.raises(NoGuessesLeft):
        game.guess(ALICE, ANSWER, 3.0)
    assert game.phase is Phase.OPEN


def test_public_question_closes_when_everyone_is_out_of_guesses() -> None:
    game = _game(players=(ALICE,), guess_style="public", public_guess_limit=1)
    game.start(0.0)
    closed = _only(game.guess(ALICE, "nope", 1.0), QuestionClosed)
    assert closed.reason == "all_answered"


def test_typed_streaks_add_the_streak_bonus() -> None:
    game = _game(players=(ALICE,), first_bonus=0)
    game.start(0.0)
    assert _only(game.guess(ALICE, ANSWER, 0.0), GuessJudged).points == 1000
    game.tick(5.0)
    assert _only(game.guess(ALICE, ANSWER, 5.0), GuessJudged).points == 1100


def test_an_injected_matcher_decides_what_is_right() -> None:
    game = Game(
        [make_question("q1", "anything")],
        GameConfig(questions=1, mode="typed"),
        matcher=lambda guess, accepted: guess == "magic",
    )
    game.start(0.0)
    assert not _only(game.guess(ALICE, "anything", 1.0), GuessJudged).correct
    assert _only(game.guess(ALICE, "magic", 2.0), GuessJudged).correct


def test_aliases_are_accepted() -> None:
    game = Game(
        [make_question("q1", "Han Ji-hyun", aliases=("Ji-hyun",))],
        GameConfig(questions=1, mode="typed"),
    )
    game.start(0.0)
    assert _only(game.guess(ALICE, "Ji-hyun", 1.0), GuessJudged).correct


def test_a_guess_for_an_old_question_is_refused() -> None:
    game = _game(reveal_seconds=0)
    game.start(0.0)
    game.tick(30.0)
    with pytest.raises(QuestionNotOpen):
        game.guess(ALICE, ANSWER, 31.0, index=1)
    assert _only(game.guess(ALICE, ANSWER, 31.0, index=2), GuessJudged).correct
