"""`trivia-bot backup DEST`: an online, consistent copy of the live database."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

#: how long the copy waits for a writer's lock before giving up (it never blocks the bot)
BACKUP_TIMEOUT_S = 30.0


class BackupError(Exception):
    """The backup could not be made; the message names the path and what to do."""


def backup_database(db: str | Path, dest: str | Path) -> int:
    """Copy ``db`` to the new file ``dest`` while the bot may be writing; its size in bytes.

    The backup API copies every page inside one read transaction, so the copy is the database
    as it was at one instant (a WAL database's file alone is not: recent commits are still in
    its -wal file). Readers never block the bot's writers in WAL mode. The copy is written
    beside ``dest``, checked with ``PRAGMA integrity_check`` and only then renamed into place.
    """
    source_path, target = Path(db), Path(dest)
    if not source_path.is_file():
        raise BackupError(f"no database at {source_path.absolute()} (check TRIVIA_DB)")
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"no folder {target.parent.absolute()} to write {target.name} in")
    partial = target.with_name(f".{target.name}.partial")
    try:
        source = sqlite3.connect(source_path, timeout=BACKUP_TIMEOUT_S)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # pages=-1: every page in one step, one snapshot
                # a copy that opens on its own: no -wal file beside it is ever needed
                copy.execute("PRAGMA journal_mode = DELETE")
                (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
            finally:
                copy.close()
        finally:
            source.close()
        if verdict != "ok":
            raise BackupError(f"the copy failed its integrity check: {verdict}")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"cannot back up {source_path} to {target}: {exc}") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return target.stat().st_size


def run_backup(db: str, dest: str) -> int:
    """The command's body: one line on stdout (done) or stderr (why not); the exit status."""
    try:
        size = backup_database(db, dest)
    except BackupError as exc:
        print(f"trivia-bot backup: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up {db} to {dest} ({size:,} bytes, integrity ok).")
    return 0
