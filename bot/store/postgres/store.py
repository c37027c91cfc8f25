"""The PostgreSQL backend: the same store as SQLite, on a server several processes share."""

from __future__ import annotations

import time

import asyncpg

from bot.store.errors import StoreError
from bot.store.postgres.admin import AdminMixin
from bot.store.postgres.daily import DailyMixin
from bot.store.postgres.db import connect
from bot.store.postgres.games import GamesMixin
from bot.store.postgres.players import PlayersMixin
from bot.store.postgres.schema import migrate
from bot.store.postgres.scores import ScoresMixin
from bot.store.postgres.seasons import SeasonsMixin
from bot.store.postgres.suggestions import SuggestionsMixin
from bot.store.types import RECOVER_ALL, Recovery


class PostgresStore(
    GamesMixin,
    ScoresMixin,
    AdminMixin,
    PlayersMixin,
    DailyMixin,
    SeasonsMixin,
    SuggestionsMixin,
):
    """Everything the bot keeps, in a PostgreSQL database: ``await PostgresStore.open(url)``."""

    #: ids of the games found still running at open and marked interrupted
    recovered: list[int]

    @classmethod
    async def open(
        cls, url: str, *, now: float | None = None, recover: Recovery | None = RECOVER_ALL
    ) -> PostgresStore:
        """Connect, migrate (refusing a newer schema), and mark ``recover``'s games interrupted."""
        pool = await connect(url)
        store = cls(pool, url)
        store._removed = {}
        try:
            try:
                async with pool.acquire() as conn:
                    await migrate(conn)
            except asyncpg.PostgresError as exc:
                raise StoreError(f"cannot prepare database: {exc}") from exc
            store.recovered = await store.recover_interrupted(
                time.time() if now is None else now, recover
            )
        except BaseException:
            await store.close()
            raise
        return store
