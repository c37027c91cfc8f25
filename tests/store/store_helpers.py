"""Shared helpers for the store tests: a fixed time and answer records."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from bot.engine.model import AnswerRecord

#: Wednesday 2025-01-15 12:00:00 UTC
T0 = 1_736_942_400.0


def rec(
    user_id: int,
    correct: bool,
    points: int,
    *,
    key: str = "main/q1",
    category: str = "cast",
    name: str | None = None,
    ms: int | None = 1500,
    streak: int = 0,
) -> AnswerRecord:
    """One answer record; the pack is the key's first part."""
    return AnswerRecord(
        question_key=key,
        pack=key.split("/")[0],
        category=category,
        user_id=user_id,
        name=name if name is not None else f"user{user_id}",
        correct=correct,
        points=points,
        ms=ms,
        streak=streak,
    )


async def raw_count(target: str | Path, sql: str) -> int:
    """The single number ``sql`` selects, read straight from either backend's database."""
    if isinstance(target, str):
        import asyncpg

        conn = await asyncpg.connect(target)
        try:
            return int(await conn.fetchval(sql))
        finally:
            await conn.close()
    with contextlib.closing(sqlite3.connect(target)) as conn:
        return int(conn.execute(sql).fetchone()[0])


def write_errors() -> tuple[type[Exception], ...]:
    """What a statement the database rejects raises, on either backend."""
    import asyncpg

    return (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError)
