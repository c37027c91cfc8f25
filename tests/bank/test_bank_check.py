"""`trivia-bot check`: every problem on stdout and exit 1, or a one-line summary and exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.bank.check import run_check


def test_check_prints_a_summary_and_returns_0(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check([str(good)]) == 0
    assert capsys.readouterr().out == (
        "OK: 1 pack, 3 questions; cast 1, production 1, good-pack 1; easy 1, medium 1, hard 1\n"
    )


def test_check_lists_every_problem_sorted_and_returns_1(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [broken / "wrong-count.yaml", broken / "bad-slug.yaml", broken / "typo-field.yaml"]
    assert run_check([str(f) for f in files], strict=True) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{broken / 'bad-slug.yaml'}:5:9: question 'K Actor': field 'id': 'K Actor' is not a "
        "valid slug: use lower-case letters, digits and hyphens (e.g. k-actor)",
        f"{broken / 'typo-field.yaml'}:5:5: question 'k-actor': missing field 'difficulty'",
        f"{broken / 'typo-field.yaml'}:11:5: question 'k-actor': unknown field 'dificulty': "
        "did you mean 'difficulty'?",
        f"{broken / 'wrong-count.yaml'}:9:20: question 'k-actor': field 'wrong_answers': needs "
        "exactly 3 wrong answers, found 2 (or leave the field out: typed mode only)",
        "FAILED: 4 problems in 3 files",
    ]


def test_check_is_relaxed_by_default_and_strict_asks_for_source_and_evidence(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(broken / "missing-evidence.yaml")
    assert run_check([path], strict=True) == 1
    assert "missing field 'evidence'" in capsys.readouterr().out
    assert run_check([path]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK: 1 pack, 1 question; cast 1")


def test_check_on_a_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check(["no-such-folder"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "no-such-folder: no such file or folder",
        "FAILED: 1 problem in 1 file",
    ]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cli_prints_file_and_line_and_exits_1(repo_root: Path) -> None:
    result = _cli("tests/bank/broken/unknown-difficulty.yaml", cwd=repo_root)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "tests/bank/broken/unknown-difficulty.yaml:11:17: question 'k-actor': field "
        "'difficulty': 'hardest' is not one of easy, medium, hard\n"
    )
    assert "Traceback" not in result.stderr


def test_cli_exits_0_on_a_good_file(repo_root: Path) -> None:
    result = _cli("tests/bank/good/good-pack.yaml", cwd=repo_root)
    assert (result.returncode, result.stdout.split(";")[0]) == (0, "OK: 1 pack, 3 questions")


def test_cli_checks_the_shipped_bank_by_default(repo_root: Path) -> None:
    result = _cli(cwd=repo_root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: ")
