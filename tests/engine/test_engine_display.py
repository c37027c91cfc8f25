"""A question's time starts when the front end shows it; one never shown scores nobody; forget."""

from __future__ import annotations

from bot.engine.config import GameConfig
from bot.engine.events import GameFinished, QuestionClosed
from bot.engine.game import Game, Phase
from tests.engine.engine_fakes import ALICE, BOB, make_questions

WAITING = GameConfig(questions=3, seconds=10, reveal_seconds=5, seed=1, wait_for_display=True)


def right(game: Game) -> int:
    """The index of the right option of the open question."""
    r = game._round
    assert r is not None and r.correct_option is not None
    return r.correct_option


def test_no_time_runs_until_the_question_is_shown() -> None:
    game = Game(make_questions(3), WAITING, players=(ALICE,))
    game.start(0.0)
    assert game.tick(100.0) == [] and game.phase is Phase.OPEN
    game.shown(1, 100.0)
    assert game.next_deadline() == 110.0
    events = game.answer(ALICE, right(game), 101.0) + game.tick(110.0)
    closed = [e for e in events if isinstance(e, QuestionClosed)]
    assert closed[0].results[0].points == 950  # after 1 s of 10, not 101 s: 1000 less 5 %


def test_shown_twice_or_for_another_question_changes_nothing() -> None:
    game = Game(make_questions(3), WAITING, players=(ALICE,))
    game.start(0.0)
    game.shown(1, 5.0)
    game.shown(1, 8.0)
    game.shown(2, 9.0)
    assert game.next_deadline() == 15.0


def test_an_unseen_question_is_skipped_scoring_nobody_and_not_counted() -> None:
    game = Game(make_questions(2), WAITING, players=(ALICE, BOB))
    game.start(0.0)
    events = game.unseen(1, 1.0)
    closed = next(e for e in events if isinstance(e, QuestionClosed))
    assert (closed.reason, closed.results, closed.winners) == ("unseen", (), ())
    assert game.index == 2  # the next question is asked at once
    game.shown(2, 2.0)
    wrong = (right(game) + 1) % 4
    events = game.answer(ALICE, right(game), 3.0) + game.answer(BOB, wrong, 3.0)
    events += game.tick(12.0)
    finished = next(e for e in events if isinstance(e, GameFinished))
    assert finished.asked == 1
    assert [row.right_of_asked for row in finished.ranking] == ["1/1", "0/1"]


def test_a_forgotten_player_leaves_the_ranking_and_the_open_question() -> None:
    game = Game(make_questions(2), GameConfig(questions=2, seconds=10, seed=1), players=(ALICE,))
    game.start(0.0)
    game.answer(BOB, right(game), 1.0)
    game.forget([BOB.user_id])
    assert [p.user_id for p in game.players] == [ALICE.user_id]
    closed = next(e for e in game.tick(10.0) if isinstance(e, QuestionClosed))
    assert [r.user_id for r in closed.results] == [ALICE.user_id] and closed.winners == ()
