"""The database file's place on disk: checked before opening, so a start-up fails in one line."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from bot.store.factory import is_postgres


class DatabasePathError(Exception):
    """The database cannot be used where TRIVIA_DB points; the message says what to do."""


SET_IT = "set TRIVIA_DB to an absolute path in a folder the bot's user may write"


def check_database_path(db: str | Path) -> Path | None:
    """The database path, its folder created if needed; DatabasePathError when unusable.

    SQLite in WAL mode writes two files beside the database (``-wal``, ``-shm``), so both the
    folder and the file itself must be writable. A PostgreSQL URL has no file: None.
    """
    if is_postgres(db):
        return None
    path = Path(db)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabasePathError(
            f"cannot create the database folder {folder.absolute()}: {_why(exc)}; "
            f"create it, or {SET_IT}"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabasePathError(
            f"the database folder {folder.absolute()} is read-only for this user; "
            f"make it writable, or {SET_IT}"
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DatabasePathError(
            f"the database {path.absolute()} is read-only for this user; "
            f"make it writable (chmod u+rw), or {SET_IT}"
        )
    return path


def _why(exc: OSError) -> str:
    """An OSError's reason in a few words."""
    return exc.strerror or str(exc)


def explain_database_error(db: str | Path, exc: BaseException) -> str | None:
    """One line for a database fault at start-up (locked, disk full, read-only); None if other."""
    if is_postgres(db):
        return None  # the PostgreSQL backend's own StoreError already names the server
    where = Path(db).absolute()
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
        return f"the disk holding {where} is full: free some space, then start again"
    if "locked" in text or "busy" in text:
        return (
            f"the database {where} is locked by another program (another copy of the bot, "
            "or a tool with it open): stop that program, then start again"
        )
    if "readonly" in text or "read-only" in text:
        return f"the database {where} is read-only: make it writable, or {SET_IT}"
    if isinstance(exc, sqlite3.Error | OSError):
        return f"cannot use the database {where}: {exc}"
    return None
