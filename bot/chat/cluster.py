"""One bot process per SQLite file: several processes (shards of one bot) need PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from bot.config import Settings
from bot.store.factory import is_postgres

try:
    import fcntl
except ImportError:  # not on POSIX: no lock (the shard check below still applies)
    fcntl = None  # type: ignore[assignment]


class ClusterError(Exception):
    """This process may not run as configured; the message says what to do."""


def check_shards(settings: Settings) -> None:
    """Refuse a process that holds only some shards on a SQLite database (one process only)."""
    if settings.runs_every_shard or is_postgres(settings.trivia_db):
        return
    raise ClusterError(
        f"TRIVIA_SHARDS={_listed(settings.trivia_shards)} runs only some of the "
        f"{settings.trivia_shard_count} shards, so other processes share the database, and "
        "SQLite is for one process: set TRIVIA_DB to a postgresql:// URL, or leave TRIVIA_SHARDS "
        "empty to run every shard here"
    )


@contextlib.contextmanager
def sqlite_bot_lock(db: str | Path) -> Iterator[None]:
    """Hold ``<db>.bot.lock`` for as long as the bot runs; ClusterError if another bot holds it.

    A PostgreSQL URL needs no lock (processes share it safely). The OS drops the lock of a
    killed process, so a crash never blocks the next start.
    """
    if fcntl is None or is_postgres(db):
        yield
        return
    path = Path(f"{db}.bot.lock")
    with path.open("a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ClusterError(
                f"another `trivia-bot run` is already using {db} (it holds {path.name}); "
                "SQLite is for one bot process: stop the other one, or give the processes a "
                "shared postgresql:// TRIVIA_DB"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _listed(shards: tuple[int, ...] | None) -> str:
    """Shard ids as a comma list."""
    return ",".join(str(s) for s in shards or ())
