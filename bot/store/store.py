"""The Store: one SQLite file holding games, answers, scores, settings, reports and packs."""

from __future__ import annotations

import time
from pathlib import Path

from bot.store.db import connect
from bot.store.games import GamesMixin, Recovery
from bot.store.meta import MetaMixin
from bot.store.migrations import migrate
from bot.store.packs import PacksMixin
from bot.store.players import PlayersMixin
from bot.store.reports import ReportsMixin
from bot.store.scores import ScoresMixin
from bot.store.settings import SettingsMixin


class Store(
    GamesMixin,
    ScoresMixin,
    SettingsMixin,
    ReportsMixin,
    PacksMixin,
    MetaMixin,
    PlayersMixin,
):
    """Everything the bot keeps, per guild; open it with ``await Store.open(path)``."""

    #: ids of the games found still running at open and marked interrupted
    recovered: list[int]

    @classmethod
    async def open(
        cls, path: str | Path, *, now: float | None = None, recover: Recovery = "all"
    ) -> Store:
        """Open (or create) the database, migrate it, and mark games left running interrupted.

        ``recover`` says whose games: "discord" (the bot), "local" (the terminal game),
        "all", or "none" (a read-only look such as the terminal leaderboard).
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
