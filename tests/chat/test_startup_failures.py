"""`trivia-bot run` start-up failures: one or two lines naming what to do, never a traceback."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from discord.http import Route
from fakediscord import FakeDiscord, point_discord_at
from fakediscord.harness import fake_in_thread

from bot.chat.app import run
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """run() configures logging for a real process; put the test process's back afterwards."""
    root, library = logging.getLogger(), logging.getLogger("discord")
    saved = (root.handlers[:], root.level, library.level)
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    library.setLevel(saved[2])


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """File modes as an ordinary user sees them: root ignores them, so when the tests run as
    root, the bot's access checks are answered from the owner's mode bits instead."""
    if not ROOT_USER:
        return

    def owner_access(path: str | os.PathLike[str], mode: int) -> bool:
        try:
            bits = os.stat(path).st_mode
        except OSError:
            return False
        wanted = {os.R_OK: stat.S_IRUSR, os.W_OK: stat.S_IWUSR, os.X_OK: stat.S_IXUSR}
        return all(bits & flag for ok, flag in wanted.items() if mode & ok)

    monkeypatch.setattr("bot.dbfile.os.access", owner_access)


def _start(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run the bot on this database; it must fail with one or two clear lines."""
    assert run(Settings(discord_token="token", trivia_db=str(db))) == 1
    return _one_clear_line(capsys.readouterr().err)


def _one_clear_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr
    assert 1 <= len(lines) <= 2, stderr
    return lines[-1]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


def test_discord_unreachable_says_so_and_that_it_will_not_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the HTTP layer: discord.py's REST calls go to a port nothing listens on
    monkeypatch.setattr(Route, "BASE", f"http://127.0.0.1:{_closed_port()}/api/v10")
    settings = Settings(discord_token="token", trivia_db=str(tmp_path / "t.sqlite3"))
    assert run(settings) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert line.startswith("Cannot reach Discord (Cannot connect to host 127.0.0.1:")
    assert "The bot does not retry at start-up" in line


def test_a_rejected_token_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with fake_in_thread() as fake:
        assert isinstance(fake, FakeDiscord)
        point_discord_at(monkeypatch, fake)
        settings = Settings(discord_token="wrong", trivia_db=str(tmp_path / "t.sqlite3"))
        assert run(settings) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert line.startswith("Discord rejected DISCORD_TOKEN: ")


def test_a_database_folder_that_cannot_be_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").write_text("a file where the folder should be")
    line = _start(tmp_path / "data" / "trivia.sqlite3", capsys)
    assert line == (
        f"Cannot start: cannot create the database folder {tmp_path / 'data'}: File exists; "
        "create it, or set TRIVIA_DB to an absolute path in a folder the bot's user may write"
    )


def test_a_database_folder_without_permission_to_create_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # as an ordinary user under a root-owned folder: mkdir answers EACCES
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", denied)
    line = _start(tmp_path / "var" / "trivia.sqlite3", capsys)
    assert line.startswith(
        f"Cannot start: cannot create the database folder {tmp_path / 'var'}: Permission denied;"
    )


def test_a_read_only_database_file(
    tmp_path: Path, as_user: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trivia.sqlite3"
    sqlite3.connect(db).close()
    db.chmod(0o444)
    line = _start(db, capsys)
    assert line == (
        f"Cannot start: the database {db} is read-only for this user; make it writable "
        "(chmod u+rw), or set TRIVIA_DB to an absolute path in a folder the bot's user may write"
    )


def test_a_read_only_database_folder(
    tmp_path: Path, as_user: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    sqlite3.connect(folder / "trivia.sqlite3").close()
    folder.chmod(0o555)
    try:
        line = _start(folder / "trivia.sqlite3", capsys)
    finally:
        folder.chmod(0o755)
    assert line.startswith(f"Cannot start: the database folder {folder} is read-only for this user")


def test_a_database_locked_by_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trivia.sqlite3"
    other = sqlite3.connect(db, isolation_level=None)
    with contextlib.closing(other):
        other.execute("CREATE TABLE theirs (x)")
        # another program holds the file locked (SQLite's exclusive lock, no WAL); the bot
        # waits its busy timeout (5 s) for it, then gives up
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO theirs VALUES (1)")
        line = _start(db, capsys)
    assert line.startswith(f"Cannot start: the database {db} is locked by another program")


def test_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # SQLite's own error for a full disk (SQLITE_FULL), raised where the store opens the file
    async def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("bot.store.sqlite.SqliteStore.open", full)
    settings = Settings(discord_token="token", trivia_db=str(tmp_path / "t.sqlite3"))
    assert run(settings) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert line == (
        f"Cannot start: the disk holding {tmp_path / 't.sqlite3'} is full: "
        "free some space, then start again"
    )
