"""`trivia-bot backup`: an online, consistent copy of a live WAL database."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine.model import AnswerRecord
from bot.store import open_store
from bot.store.backup import BackupError, backup_database
from bot.terminal.options import local_player

GUILD = 7
PLAYERS = 40


def _records(n: int) -> list[AnswerRecord]:
    key = f"pack/q{n}"
    return [
        AnswerRecord(
            question_key=key,
            pack="pack",
            category="cast",
            user_id=user,
            name=f"user{user}",
            correct=user % 2 == 0,
            points=500 + user,
            ms=1000 + user,
            streak=0,
        )
        for user in range(1, PLAYERS + 1)
    ]


def _keys(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT question_key FROM answers"
                " JOIN rounds ON rounds.id = answers.round_id"
            )
        }


async def test_a_backup_taken_while_answers_are_written_is_whole_and_consistent(
    tmp_path: Path,
) -> None:
    db, copy = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    store = await open_store(db)
    game = await store.create_game(GUILD, 1, ["pack"], "choice", local_player("Mina"), 1.0)
    closed: list[str] = []
    done = asyncio.Event()

    async def answer_questions() -> None:
        n = 0
        while not done.is_set():
            n += 1
            await store.record_question(game, GUILD, _records(n), float(n))
            closed.append(f"pack/q{n}")
            await asyncio.sleep(0)

    writer = asyncio.create_task(answer_questions())
    try:
        while len(closed) < 30:
            await asyncio.sleep(0.001)
        before = list(closed)
        # the copy runs on another thread while the writer goes on committing questions
        await asyncio.to_thread(backup_database, db, copy)
        done.set()
        await writer
    finally:
        done.set()
        await store.close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        per_question = conn.execute(
            "SELECT question_key, COUNT(*) FROM answers JOIN rounds ON rounds.id = answers.round_id"
            " GROUP BY question_key"
        ).fetchall()
    saved = _keys(copy)
    # every question closed before the backup began is in it, each with all of its answers
    assert set(before) <= saved
    assert {n for _, n in per_question} == {PLAYERS}
    # and nothing that never closed: the copy is one moment of the live file
    assert saved <= set(closed)
    assert not (tmp_path / ".copy.sqlite3.partial").exists()


def test_backup_refuses_an_existing_file_and_a_missing_database(tmp_path: Path) -> None:
    (tmp_path / "x.sqlite3").write_bytes(b"keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(tmp_path / "x.sqlite3", tmp_path / "x.sqlite3")
    with pytest.raises(BackupError, match="no database at"):
        backup_database(tmp_path / "none.sqlite3", tmp_path / "y.sqlite3")
    assert (tmp_path / "x.sqlite3").read_bytes() == b"keep me"


def test_the_backup_command_prints_one_line_either_way(tmp_path: Path) -> None:
    asyncio.run(_make_db(tmp_path / "trivia.sqlite3"))
    env = {"TRIVIA_DB": str(tmp_path / "trivia.sqlite3"), "PATH": "/usr/bin:/bin"}

    def backup(dest: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "backup", dest],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    ok = backup("b.sqlite3")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"Backed up {tmp_path / 'trivia.sqlite3'} to b.sqlite3 (")
    again = backup("b.sqlite3")
    assert again.returncode == 1
    assert again.stderr == "trivia-bot backup: b.sqlite3 already exists: choose a new file name\n"
    assert _keys(tmp_path / "b.sqlite3") == {"pack/q1"}
    # restoring is using the copy as TRIVIA_DB: the bot opens it as it is
    restored = asyncio.run(_games(tmp_path / "b.sqlite3"))
    assert restored == 1


async def _games(path: Path) -> int:
    store = await open_store(path, recover=None)
    try:
        return len(await store.recent_games(GUILD))
    finally:
        await store.close()


async def _make_db(path: Path) -> None:
    store = await open_store(path)
    game = await store.create_game(GUILD, 1, ["pack"], "choice", local_player("Mina"), 1.0)
    await store.record_question(game, GUILD, _records(1), 2.0)
    await store.close()
