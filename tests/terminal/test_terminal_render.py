"""Rendering is pure: events built by the real engine, shown as plain text."""

from __future__ import annotations

import re

import pytest

from bot.engine.config import GameConfig
from bot.engine.events import GameFinished, GuessJudged, HintRevealed, QuestionAsked, QuestionClosed
from bot.engine.game import Game
from bot.engine.model import Player
from bot.engine.ranking import PlayerScore, rank
from bot.store import LeaderboardPage, LeaderboardRow
from bot.terminal import render
from tests.engine.engine_fakes import ALICE, BOB, CARA, DAN, make_question
from tests.terminal.terminal_helpers import text_of


def _choice_game() -> Game:
    question = make_question("q1", "Han So-hee", wrong=("Kim Tae-ri", "Park Min-young", "IU"))
    return Game([question], GameConfig(questions=1, seed=4), starter=ALICE)


def test_question_block_lists_lettered_options() -> None:
    game = _choice_game()
    asked = next(e for e in game.start(0.0) if isinstance(e, QuestionAsked))
    shown = text_of(render.question_block(asked))
    assert "Question 1/1 · story · medium" in shown
    assert "Question q1?" in shown
    for i, option in enumerate(asked.options):
        assert f"{'ABCD'[i]}) {option}" in shown


def test_reveal_names_answer_source_evidence_and_note() -> None:
    game = _choice_game()
    game.start(0.0)
    events = game.answer(ALICE, 0, 2.0)
    closed = next(e for e in events if isinstance(e, QuestionClosed))
    shown = text_of(render.reveal_block(closed))
    assert f"Answer: {'ABCD'[closed.correct_option or 0]}) Han So-hee" in shown
    assert "Source: Glitz review (Glitz)" in shown
    assert '"It says so."' in shown
    assert "Note: A note." in shown
    result = "right, +950 points" if closed.correct_option == 0 else "wrong"
    assert f"Alice: {result}" in shown


def test_reveal_after_a_timeout_says_so_and_marks_no_answer() -> None:
    game = _choice_game()
    game.start(0.0)
    closed = next(e for e in game.tick(20.0) if isinstance(e, QuestionClosed))
    shown = text_of(render.reveal_block(closed))
    assert shown.startswith("Time's up!")
    assert "Alice: no answer" in shown


def test_text_from_packs_is_never_read_as_markup() -> None:
    question = make_question("q1", "[bold]Right[/bold]")
    game = Game([question], GameConfig(questions=1, mode="typed"), starter=ALICE)
    game.start(0.0)
    closed = next(e for e in game.tick(20.0) if isinstance(e, QuestionClosed))
    assert "Answer: [bold]Right[/bold]" in text_of(render.reveal_block(closed))


def _row_cells(shown: str, name: str) -> list[str]:
    line = next(line for line in shown.splitlines() if f" {name} " in line)
    return line.split()


def test_ranking_shows_shared_ranks_and_right_of_asked() -> None:
    scores = [
        PlayerScore(ALICE, points=5200, right=7, best_streak=4),
        PlayerScore(BOB, points=5200, right=7, best_streak=2),
        PlayerScore(CARA, points=3100, right=4, best_streak=1),
        PlayerScore(DAN, points=0, right=0),
    ]
    shown = text_of(render.ranking_table(rank(scores, asked=10)))
    assert _row_cells(shown, "Alice") == ["1", "Alice", "5200", "7/10", "4"]
    assert _row_cells(shown, "Bob") == ["1", "Bob", "5200", "7/10", "2"]
    assert _row_cells(shown, "Cara") == ["3", "Cara", "3100", "4/10", "1"]
    assert _row_cells(shown, "Dan") == ["4", "Dan", "0", "0/10", "0"]


def test_hints_of_a_typed_game_are_shown() -> None:
    question = make_question("q1", "Keum Sae-rok")
    game = Game([question], GameConfig(questions=1, mode="typed", seconds=30), starter=ALICE)
    game.start(0.0)
    hints = [e for e in game.tick(10.0) + game.tick(20.0) if isinstance(e, HintRevealed)]
    assert [h.level for h in hints] == [1, 2]
    for hint in hints:
        shown = text_of(render.hint_line(hint))
        assert shown.strip() == f"Hint {hint.level}: {hint.text}"
        # The answer's shape (space, hyphen) shows; some letters stay hidden.
        assert re.fullmatch(r"K\w{3} \w{3}-\w{3}", hint.text)
        assert "_" in hint.text


def test_typed_question_says_how_many_guesses() -> None:
    game = Game([make_question("q1")], GameConfig(questions=1, mode="typed"), starter=ALICE)
    asked = next(e for e in game.start(0.0) if isinstance(e, QuestionAsked))
    assert "Type your answer (3 guesses)." in text_of(render.question_block(asked))


@pytest.mark.parametrize(
    ("correct", "left", "expected"),
    [
        (True, 0, "Right! +1200 points"),
        (False, 2, "Not it. 2 guesses left."),
        (False, 1, "Not it. 1 guess left."),
        (False, 0, "Not it. No guesses left."),
    ],
)
def test_judged_line(correct: bool, left: int, expected: str) -> None:
    game = Game([make_question("q1")], GameConfig(questions=1, mode="typed"), starter=ALICE)
    game.join(BOB)
    game.start(0.0)
    for _ in range(0 if correct else 2 - left):
        game.guess(ALICE, "wrong", 0.0)
    judged = game.guess(ALICE, "Right" if correct else "wrong", 0.0)[0]
    assert isinstance(judged, GuessJudged)
    assert text_of(render.judged_line(judged)).strip() == expected


@pytest.mark.parametrize(
    ("typed", "option"),
    [
        ("A", 0),
        ("b", 1),
        (" D ", 3),
        ("c)", 2),
        ("1", 0),
        ("4", 3),
        ("E", None),
        ("7", None),
        ("0", None),
        ("", None),
        ("AB", None),
        ("Han", None),
    ],
)
def test_parse_option(typed: str, option: int | None) -> None:
    assert render.parse_option(typed, 4) == option


@pytest.mark.parametrize(("remaining", "seconds_shown"), [(20.0, "20s"), (14.2, "15s"), (-1, "0s")])
def test_countdown_shows_whole_seconds_left(remaining: float, seconds_shown: str) -> None:
    shown = text_of(render.countdown(remaining, 20.0, width=10)).strip()
    assert shown.endswith(seconds_shown)
    assert len(shown.split()[0]) == 10


def test_game_over_says_why_and_ranks() -> None:
    game = _choice_game()
    game.start(0.0)
    finished = next(e for e in game.stop(ALICE, True, 1.0) if isinstance(e, GameFinished))
    shown = text_of(render.game_over(finished))
    assert "Game stopped after 1 of 1 questions." in shown
    assert _row_cells(shown, "Alice") == ["1", "Alice", "0", "0/1", "0"]


def test_leaderboard_table_has_accuracy_and_games() -> None:
    page = LeaderboardPage(
        period="week",
        pack=None,
        offset=0,
        limit=10,
        total=2,
        rows=(
            LeaderboardRow(1, 11, "Mina", 4200, 3, 4, 2),
            LeaderboardRow(2, 12, "Joon", 900, 1, 4, 1),
        ),
    )
    shown = text_of(render.leaderboard_table(page))
    assert "Leaderboard (local, this week)" in shown
    assert _row_cells(shown, "Mina") == ["1", "Mina", "4200", "3/4", "75%", "2"]
    assert _row_cells(shown, "Joon") == ["2", "Joon", "900", "1/4", "25%", "1"]


def test_you_line_for_piped_input_says_one_line_per_answer() -> None:
    shown = text_of(render.you_line(Player(1, "Mina"), "choice", 20, 3, interactive=False))
    assert shown.strip() == "Mina: 3 questions, 20 seconds each; one line per answer (A-D or 1-4)."
