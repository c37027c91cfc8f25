"""One way to open the store: a file path means SQLite, a ``postgresql://`` URL PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from bot.store.port import Store
from bot.store.types import RECOVER_ALL, Recovery

#: URL schemes that choose the PostgreSQL backend.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


async def open_store(
    target: str | Path, *, now: float | None = None, recover: Recovery | None = RECOVER_ALL
) -> Store:
    """Open (creating and migrating) the store at ``target`` and recover ``recover``'s games.

    ``recover=None`` marks no game interrupted (a read-only look such as the terminal
    leaderboard).
    """
    if is_postgres(target):
        from bot.store.postgres import PostgresStore

        return await PostgresStore.open(str(target), now=now, recover=recover)
    from bot.store.sqlite import SqliteStore

    return await SqliteStore.open(target, now=now, recover=recover)
