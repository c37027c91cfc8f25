"""End to end: `python -m bot play` as a process with piped answers, then the leaderboard."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal.options import PlayOptions, local_player
from tests.terminal.terminal_helpers import ROOT, answer_key

MINA = local_player("Mina")


def _run(args: list[str], db: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRIVIA_DB": str(db)}
    env.pop("TRIVIA_QUESTIONS", None)
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=30,
        check=False,
    )


def _row(out: str, title: str, name: str = "Mina") -> list[str]:
    tail = out[out.index(title) :]
    return next(line for line in tail.splitlines() if f" {name} " in line).split()


def _points_per_question(out: str) -> list[int]:
    """The points the reveals announced for Mina, one entry per question (0 when not right)."""
    found = []
    for block in out.split("\nAnswer: ")[1:]:
        match = re.search(r"\n  Mina: right, \+(\d+) points", block)
        found.append(int(match.group(1)) if match else 0)
    return found


def _leaderboard(db: Path) -> list[str]:
    board = _run(["leaderboard"], db)
    assert board.returncode == 0, board.stderr
    return _row(board.stdout, "Leaderboard (local, all time)")


def test_piped_choice_game_ranks_and_reaches_the_leaderboard(tmp_path: Path) -> None:
    db = tmp_path / "data" / "trivia.sqlite3"
    options = PlayOptions(questions=3, seconds=120, seed=1, player="Mina")
    key = answer_key(options, MINA)
    answers = [key[0].right_letter, key[1].wrong_letter, key[2].right_letter]
    done = _run(
        ["play", "--questions", "3", "--seconds", "120", "--seed", "1", "--player", "Mina"],
        db,
        "\n".join(answers) + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\x1b[" not in done.stdout
    assert [f"> {a}" for a in answers] == re.findall(r"^> .*$", done.stdout, re.M)
    for expected in key:
        assert expected.question.question in done.stdout
    points = _points_per_question(done.stdout)
    # right, wrong, right: no streak bonus; each right answer scores 500..1000 by speed
    assert points[1] == 0
    assert all(500 <= p <= 1000 for p in (points[0], points[2]))
    rank, name, total, right, streak = _row(done.stdout, "Final ranking")
    assert (rank, name, right, streak) == ("1", "Mina", "2/3", "1")
    assert int(total) == sum(points)
    assert _leaderboard(db) == ["1", "Mina", total, "2/3", "67%", "1"]


def test_piped_typed_game_ranks_and_reaches_the_leaderboard(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    options = PlayOptions(questions=3, seconds=120, seed=7, mode="typed", player="Mina")
    key = answer_key(options, MINA)
    lines = [key[0].question.answer, "not this", key[1].question.answer, "x", "y", "z"]
    args = ["play", "--mode", "typed", "--questions", "3", "--seconds", "120", "--seed", "7"]
    done = _run([*args, "--player", "Mina"], db, "\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    points = _points_per_question(done.stdout)
    # first right answer +200; the second right answer is a streak of 2: +100 more
    assert 700 <= points[0] <= 1200 and 800 <= points[1] <= 1300 and points[2] == 0
    assert done.stdout.count("Not it.") == 4
    rank, name, total, right, streak = _row(done.stdout, "Final ranking")
    assert (rank, name, right, streak) == ("1", "Mina", "2/3", "2")
    assert int(total) == sum(points)
    assert _leaderboard(db) == ["1", "Mina", total, "2/3", "67%", "1"]


def test_end_of_input_stops_and_records_the_game(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    done = _run(["play", "--questions", "4", "--seed", "1", "--player", "Mina"], db, "")
    assert done.returncode == 0, done.stderr
    assert "Input ended: stopping the game." in done.stdout
    assert _row(done.stdout, "Final ranking") == ["1", "Mina", "0", "0/1", "0"]
    assert _leaderboard(db) == ["1", "Mina", "0", "0/1", "0%", "1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pack", "no-such-pack"], "unknown pack 'no-such-pack'"),
        (["--questions", "0"], "questions must be a whole number from 1 to 50"),
        (["--category", "weather"], "no questions in category 'weather'"),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = _run(["play", *args], tmp_path / "trivia.sqlite3", "A\n")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert message in done.stderr
    assert not (tmp_path / "trivia.sqlite3").exists()


def test_leaderboard_before_any_game(tmp_path: Path) -> None:
    done = _run(["leaderboard"], tmp_path / "none.sqlite3")
    assert done.returncode == 0
    assert "No games played yet" in done.stdout
    assert not (tmp_path / "none.sqlite3").exists()
