"""The PostgreSQL backend (asyncpg): for several bot processes sharing one database."""

from __future__ import annotations

from bot.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
