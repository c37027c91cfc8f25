"""Storage behind one port (``Store``): games, answers, leaderboards, settings, reports, packs.

``open_store(TRIVIA_DB)`` opens the SQLite backend for a file path and the PostgreSQL one for
a ``postgresql://`` URL.
"""

from __future__ import annotations

from bot.store.errors import SettingsError, StoreError
from bot.store.factory import is_postgres, open_store
from bot.store.port import CatalogStore, MetaStore, Store
from bot.store.settings import SETTING_NAMES
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
    Recovery,
    Report,
    ReportGroup,
    StoredPack,
)

__all__ = [
    "GAME_STATUSES",
    "PERIODS",
    "SETTING_NAMES",
    "CatalogStore",
    "GameStatus",
    "GameSummary",
    "GuildSettings",
    "LeaderboardPage",
    "LeaderboardRow",
    "MetaStore",
    "Period",
    "PlayerStats",
    "Recovery",
    "Report",
    "ReportGroup",
    "SettingsError",
    "Store",
    "StoreError",
    "StoredPack",
    "is_postgres",
    "open_store",
]
