"""Which terminal game may clean up after the others: a shared lock beside the database."""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX: no lock, and every game recovers as before
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def terminal_games_lock(db_path: str | Path) -> Iterator[bool]:
    """Hold a shared lock for the length of a terminal game; yield whether it is the only one.

    Every terminal game on a database holds ``<db>.terminal.lock`` shared. A game that can
    take it exclusively first knows no other terminal game is running, so the local games
    still marked running were left by a killed process and may be marked interrupted; any
    other game must leave them alone (they are being played right now). The OS drops the
    lock of a killed process, so a crash never blocks anyone.
    """
    if fcntl is None:
        yield True
        return
    path = _lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fd = handle.fileno()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = True
        except BlockingIOError:
            alone = False
        # from here on only shared: other terminal games may start beside this one
        fcntl.flock(fd, fcntl.LOCK_SH)
        try:
            yield alone
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_path(db_path: str | Path) -> Path:
    """``<db>.terminal.lock`` beside a SQLite file; for a database URL, one per URL in the
    temporary folder (so terminal games on one machine see each other)."""
    text = str(db_path)
    if "://" in text:
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"trivia-{digest}.terminal.lock"
    return Path(f"{text}.terminal.lock")
