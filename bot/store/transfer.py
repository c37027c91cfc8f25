"""Moving a SQLite database's data into an empty PostgreSQL database (`trivia-bot migrate-db`)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import asyncpg

from bot.store.errors import StoreError
from bot.store.factory import is_postgres
from bot.store.postgres import PostgresStore
from bot.store.sqlite import SqliteStore

#: Tables copied column for column (SQLite integers become PostgreSQL bigints, reals doubles).
SAME_TABLES: dict[str, str] = {
    "games": "id, guild_id, channel_id, packs, mode, started_by_id, started_by_name, "
    "started_at, ended_at, status, asked, message_id",
    "players": "guild_id, user_id, name, seen_at",
    "game_players": "game_id, user_id",
    "totals": "guild_id, user_id, points, right_answers, answered, games, best_streak, "
    "month_start, month_points, month_right, month_answered, month_games, "
    "week_start, week_points, week_right, week_answered, week_games",
    "category_totals": "guild_id, user_id, category, right_answers",
    "guild_periods": "guild_id, month_start, week_start",
    "guild_settings": "guild_id, default_mode, seconds, questions, moderator_role_id, "
    "allowed_channel_ids, max_games, streak_bonus, start_cooldown",
    "reports": "id, guild_id, question_key, user_id, reason, created_at, status, resolved_by, "
    "resolved_at",
    "disabled_questions": "guild_id, question_key, disabled_by, disabled_at",
    "server_packs": "guild_id, slug, title, yaml_text, question_count, updated_by, updated_at",
    "meta": "key, value",
    # issue 13: the daily question, seasons and suggestions
    "daily_schedules": "guild_id, channel_id, post_time, timezone, packs, enabled, "
    "up_to_episode, paused_reason, updated_by, updated_at",
    "daily_posts": "guild_id, day, question_key, channel_id, message_id, posted_at",
    "daily_answers": "guild_id, day, user_id, choice, correct, answered_at",
    "seasons": "guild_id, name, name_key, starts_at, ends_at, created_by, final_channel_id, "
    "final_posted_at",
    "suggestions": "id, guild_id, user_id, user_name, question, answer, wrong_answers, source, "
    "created_at, status, reviewed_by, reviewed_at, reason, target_pack, question_key, "
    "notified_at",
}

#: SQLite's 0/1 columns that PostgreSQL keeps as booleans
BOOL_COLUMNS: dict[str, str] = {
    "answers": "correct",
    "daily_schedules": "enabled",
    "daily_answers": "correct",
}

# both backends keep narrow answers beside their rounds (SQLite schema v5)
ROUNDS = """
SELECT id, game_id, guild_id, channel_id, question_key, pack, category, asked_at
FROM rounds ORDER BY id
"""
ANSWERS = "SELECT round_id, user_id, correct, points, ms, streak FROM answers ORDER BY id"

#: Any row here means the target already holds a bot's data.
TARGET_EMPTY = (
    "SELECT NOT EXISTS (SELECT 1 FROM games) AND NOT EXISTS (SELECT 1 FROM totals)"
    " AND NOT EXISTS (SELECT 1 FROM server_packs) AND NOT EXISTS (SELECT 1 FROM guild_settings)"
    " AND NOT EXISTS (SELECT 1 FROM reports) AND NOT EXISTS (SELECT 1 FROM meta)"
)
IDENTITIES = ("games", "rounds", "reports", "suggestions")


def _bool_column(
    table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Rows as PostgreSQL takes them (a 0/1 column of BOOL_COLUMNS becomes a boolean)."""
    name = BOOL_COLUMNS.get(table)
    if name is None:
        return rows
    i = columns.index(name)
    return [(*r[:i], bool(r[i]), *r[i + 1 :]) for r in rows]


async def migrate_db(source: str | Path, target: str) -> dict[str, int]:
    """Copy every row of the SQLite file ``source`` into the empty PostgreSQL ``target``.

    The source is first brought to the current schema (as opening it in the bot would); the
    copy is one transaction, so a failure leaves the target empty. Returns rows per table.
    """
    if is_postgres(source) or not Path(source).is_file():
        raise StoreError(f"{source} is not a SQLite database file")
    if not is_postgres(target):
        raise StoreError(f"{target} is not a postgresql:// URL")
    await (await SqliteStore.open(source, recover=None)).close()
    tables = _read_sqlite(Path(source))
    pg = await PostgresStore.open(target, recover=None)
    await pg.close()
    try:
        conn = await asyncpg.connect(target)
    except (OSError, asyncpg.PostgresError) as exc:
        raise StoreError(f"cannot open database: {exc}") from exc
    try:
        async with conn.transaction():
            if not await conn.fetchval(TARGET_EMPTY):
                raise StoreError("the target database already holds data; give an empty one")
            for table, (columns, rows) in tables.items():
                if rows:
                    await conn.copy_records_to_table(
                        table, records=_bool_column(table, columns, rows), columns=columns
                    )
            for table in IDENTITIES:
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
    except asyncpg.PostgresError as exc:
        raise StoreError(f"copy failed, nothing was written: {exc}") from exc
    finally:
        await conn.close()
    return {table: len(rows) for table, (_, rows) in tables.items()}


def _read_sqlite(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's rows in the PostgreSQL layout, read from the SQLite file (read only)."""
    out: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for table, columns in SAME_TABLES.items():
            if table == "game_players":
                continue  # after rounds: its games must exist first (copy order)
            out[table] = (
                [c.strip() for c in columns.split(",")],
                conn.execute(f"SELECT {columns} FROM {table}").fetchall(),
            )
            if table == "games":
                out["rounds"] = (
                    ["id", "game_id", "guild_id", "channel_id", "question_key", "pack",
                     "category", "asked_at"],
                    conn.execute(ROUNDS).fetchall(),
                )  # fmt: skip
                answers = conn.execute(ANSWERS).fetchall()
                out["answers"] = (
                    ["round_id", "user_id", "correct", "points", "ms", "streak"],
                    answers,
                )
                out["game_players"] = (
                    ["game_id", "user_id"],
                    conn.execute("SELECT game_id, user_id FROM game_players").fetchall(),
                )
    return out
