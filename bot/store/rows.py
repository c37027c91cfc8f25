"""Turning selected rows into the store's plain results: the same on every backend."""

from __future__ import annotations

import json
from typing import Any

from bot.engine.model import Player
from bot.store.types import PERIODS, GameSummary, LeaderboardRow, Period, StoredPack


def game_summary(row: Any) -> GameSummary:
    """A selected games row (in the order of GameSummary's fields) as a GameSummary."""
    by_id, by_name = row[5], row[6]
    return GameSummary(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        packs=tuple(json.loads(row[3])),
        mode=row[4],
        started_by=Player(by_id, by_name or "") if by_id is not None else None,
        started_at=row[7],
        ended_at=row[8],
        status=row[9],
        asked=row[10],
        players=row[11],
        message_id=row[12],
    )


def stored_pack(row: Any) -> StoredPack:
    """A server_packs row as a StoredPack."""
    guild_id, slug, title, text, count, by, at = row
    return StoredPack(
        guild_id=int(guild_id),
        slug=str(slug),
        title=str(title),
        yaml_text=str(text),
        question_count=int(count),
        updated_by=int(by) if by is not None else None,
        updated_at=float(at),
    )


def check_period(period: str) -> Period:
    """The period, or ValueError for an unknown one."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    return period  # type: ignore[return-value]


def leaderboard_row(r: Any) -> LeaderboardRow:
    """A selected (user_id, name, points, right, answered, games, rank) row."""
    return LeaderboardRow(
        rank=int(r[6]),
        user_id=int(r[0]),
        name=str(r[1]),
        points=int(r[2]),
        right=int(r[3]),
        answered=int(r[4]),
        games=int(r[5]),
    )
