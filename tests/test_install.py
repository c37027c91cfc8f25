"""A real, non-editable `pip install .` into a fresh venv, used from an empty folder.

Offline: the venv sees this test venv's packages (discord.py, setuptools...) through a .pth
line, pip installs with --no-deps --no-build-isolation, so nothing is downloaded. Run it
alone with `pytest -m install`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: what a fresh clone does not have (build products, caches, local data)
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "data",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    ".env",
    "results.json",
)

GOOD = """\
pack: fan-questions
title: Our own questions
questions:
  - id: k-job
    question: "What is K's job?"
    answer: singer-songwriter
    wrong_answers: [chef, lawyer, pilot]
"""
BROKEN = "pack: broken\ntitle: Broken\nquestions:\n  - id: x\n    question: [not text]\n"

pytestmark = pytest.mark.install


def _run(
    venv: Path, cwd: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TRIVIA_", "DISCORD_"))}
    base.pop("PYTHONPATH", None)
    base["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"
    return subprocess.run(
        [str(venv / "bin" / "trivia-bot"), *args],
        input=stdin,
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the project installed from a copy of the clone (not editable)."""
    top = tmp_path_factory.mktemp("install")
    clone = top / "clone"
    shutil.copytree(ROOT, clone, ignore=NOT_IN_A_CLONE)
    venv = top / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the dependencies and the build backend, from this test venv (a path line: its own .pth
    # files, such as this project's editable install, are not run)
    Path(purelib, "test-venv-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    install += ["--no-deps", "--no-build-isolation", "--no-index", str(clone)]
    done = subprocess.run(install, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def test_the_wheel_holds_bot_and_the_shipped_packs_only(installed: Path) -> None:
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import bot; print(bot.__file__)"],
        cwd=installed,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    package = Path(where).parent
    assert package.parent.name == "site-packages" and str(installed) in where
    shipped = sorted(p.name for p in (package / "shipped_questions").iterdir())
    assert {"soundtrack-1.yaml", "soundtrack-2.yaml", "sources.yaml"} <= set(shipped)
    assert not (package.parent / "bench").exists()


def test_installed_commands_work_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    version = _run(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("trivia-bot 0.1.0")
    check = _run(installed, tmp_path, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("OK: 2 packs, ")
    play = _run(installed, tmp_path, "play", "--questions", "2", "--seed", "1", stdin="A\nB\n")
    assert play.returncode == 0, play.stderr
    assert "Final ranking" in play.stdout and play.stderr == ""
    assert (tmp_path / "data" / "trivia.sqlite3").is_file()
    backup = _run(installed, tmp_path, "backup", "x.sqlite3")
    assert backup.returncode == 0, backup.stderr
    with sqlite3.connect(tmp_path / "x.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM games").fetchone() == (1,)


def test_an_operator_folder_with_a_good_and_a_broken_pack(installed: Path, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "good.yaml").write_text(GOOD)
    (packs / "broken.yaml").write_text(BROKEN)
    play = _run(
        installed,
        tmp_path,
        "play",
        "--pack",
        "packs/good.yaml",
        "--questions",
        "1",
        stdin="A\n",
        TRIVIA_QUESTIONS="packs",
    )
    assert play.returncode == 0, play.stderr
    assert "What is K's job?" in play.stdout
    check = _run(installed, tmp_path, "check", TRIVIA_QUESTIONS="packs")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        "packs/broken.yaml:4:5: question 'x': missing field 'answer'",
        "packs/broken.yaml:5:15: question 'x': field 'question': must be text, not a list",
        "FAILED: 2 problems in 1 file",
    ]
