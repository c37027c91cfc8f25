"""SQLite storage (aiosqlite): games, answers, leaderboards, settings, reports, server packs."""

from __future__ import annotations

from bot.store.errors import SettingsError, StoreError
from bot.store.settings import SETTING_NAMES
from bot.store.store import Store
from bot.store.types import (
    GAME_STATUSES,
    PERIODS,
    GameStatus,
    GameSummary,
    GuildSettings,
    LeaderboardPage,
    LeaderboardRow,
    Period,
    PlayerStats,
    Report,
    ReportGroup,
    StoredPack,
)

__all__ = [
    "GAME_STATUSES",
    "PERIODS",
    "SETTING_NAMES",
    "GameStatus",
    "GameSummary",
    "GuildSettings",
    "LeaderboardPage",
    "LeaderboardRow",
    "Period",
    "PlayerStats",
    "Report",
    "ReportGroup",
    "SettingsError",
    "Store",
    "StoreError",
    "StoredPack",
]
