"""`play --pack FILE` plays a pack file directly; a broken operator file never stops a game."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal.packs import is_pack_file

OWN = """\
pack: fan-questions
title: Our own questions
questions:
  - id: k-job
    question: "What is K's job?"
    answer: singer-songwriter
    wrong_answers: [chef, lawyer, pilot]
"""


def _play(cwd: Path, args: list[str], stdin: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRIVIA_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "play", "--player", "Mina", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, "TRIVIA_DB": str(cwd / "t.sqlite3"), **env},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "is_file"),
    [("fan.yaml", True), ("packs/fan", True), ("x.yml", True), ("soundtrack-2", False)],
)
def test_a_pack_argument_is_a_file_when_it_looks_like_one(name: str, is_file: bool) -> None:
    assert is_pack_file(name) is is_file


def test_play_pack_file_plays_only_that_file_from_any_folder(tmp_path: Path) -> None:
    (tmp_path / "fan.yaml").write_text(OWN)
    done = _play(tmp_path, ["--pack", "fan.yaml", "--questions", "1", "--seed", "1"], "A\n")
    assert done.returncode == 0, done.stderr
    assert "What is K's job?" in done.stdout
    assert ") singer-songwriter\n" in done.stdout.split("Answer: ")[1]


def test_play_pack_file_with_a_problem_exits_2_naming_its_place(tmp_path: Path) -> None:
    (tmp_path / "fan.yaml").write_text(OWN.replace("answer: singer", "answr: singer"))
    done = _play(tmp_path, ["--pack", "fan.yaml"], "A\n")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "fan.yaml:4:5: question 'k-job': missing field 'answer'",
        "fan.yaml:6:5: question 'k-job': unknown field 'answr': did you mean 'answer'?",
        "trivia-bot play: cannot load fan.yaml: 2 problems (listed above)",
    ]
    assert "Traceback" not in done.stderr


def test_a_broken_operator_file_is_skipped_and_the_others_play(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "fan.yaml").write_text(OWN)
    (packs / "broken.yaml").write_text("pack: broken\ntitle: [x]\nquestions: []\n")
    args = ["--pack", "fan-questions", "--questions", "1", "--seed", "1"]
    done = _play(tmp_path, args, "A\n", TRIVIA_QUESTIONS=str(packs))
    assert done.returncode == 0, done.stderr
    assert "What is K's job?" in done.stdout
    err = done.stderr.splitlines()
    assert f"{packs / 'broken.yaml'}:2:8: field 'title': must be text, not a list" in err
    assert err[-1].startswith(f"Skipped 1 broken pack file ({packs / 'broken.yaml'})")


def test_shipped_packs_off_plays_only_the_operators(tmp_path: Path) -> None:
    (tmp_path / "fan.yaml").write_text(OWN)
    args = ["--pack", "soundtrack-2", "--questions", "1"]
    done = _play(tmp_path, args, "A\n", TRIVIA_QUESTIONS=str(tmp_path), TRIVIA_SHIPPED_PACKS="off")
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "trivia-bot play: unknown pack 'soundtrack-2' (packs: fan-questions)"
    )
