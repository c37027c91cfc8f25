"""The SQLite backend: one file holding games, answers, scores, settings, reports and packs."""

from __future__ import annotations

import time
from pathlib import Path

from bot.store.sqlite.daily import DailyMixin
from bot.store.sqlite.db import connect
from bot.store.sqlite.games import GamesMixin
from bot.store.sqlite.meta import MetaMixin
from bot.store.sqlite.migrations import migrate
from bot.store.sqlite.packs import PacksMixin
from bot.store.sqlite.players import PlayersMixin
from bot.store.sqlite.reports import ReportsMixin
from bot.store.sqlite.scores import ScoresMixin
from bot.store.sqlite.seasons import SeasonsMixin
from bot.store.sqlite.settings import SettingsMixin
from bot.store.sqlite.suggestions import SuggestionsMixin
from bot.store.types import RECOVER_ALL, Recovery


class SqliteStore(
    GamesMixin,
    ScoresMixin,
    SettingsMixin,
    ReportsMixin,
    PacksMixin,
    MetaMixin,
    PlayersMixin,
    DailyMixin,
    SeasonsMixin,
    SuggestionsMixin,
):
    """Everything the bot keeps, in one SQLite file: ``await SqliteStore.open(path)``."""

    #: ids of the games found still running at open and marked interrupted
    recovered: list[int]

    @classmethod
    async def open(
        cls, path: str | Path, *, now: float | None = None, recover: Recovery | None = RECOVER_ALL
    ) -> SqliteStore:
        """Open (or create) the database, migrate it, and mark games left running interrupted.

        ``recover`` says whose games (see Recovery); None touches none (a read-only look such
        as the terminal leaderboard).
        """
        path = Path(path)
        conn = await connect(path)
        store = cls(conn, path)
        store._names = {}
        store._game_players = {}
        store._removed = {}
        try:
            await migrate(conn)
            store.recovered = await store.recover_interrupted(
                time.time() if now is None else now, recover
            )
        except BaseException:
            await store.close()
            raise
        return store
