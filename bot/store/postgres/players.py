"""Data removal in PostgreSQL: resetting scores in a guild, and deleting everything about a user."""

from __future__ import annotations

from typing import Any

from bot.store import community_sql
from bot.store.postgres.db import Database

_GUILD_ROUNDS = "round_id IN (SELECT id FROM rounds WHERE guild_id = $2)"

# a reset forgets which games the member took part in, so later games count again
RESET_MEMBER = (
    f"DELETE FROM answers WHERE user_id = $1 AND {_GUILD_ROUNDS}",
    "DELETE FROM totals WHERE user_id = $1 AND guild_id = $2",
    "DELETE FROM category_totals WHERE user_id = $1 AND guild_id = $2",
    "DELETE FROM game_players WHERE user_id = $1"
    " AND game_id IN (SELECT id FROM games WHERE guild_id = $2)",
    # daily answers score on season boards: a reset forgets them (and the day streaks)
    community_sql.numbered(community_sql.REMOVE_ANSWERS),
)

RESET_GUILD = (
    "DELETE FROM answers WHERE round_id IN (SELECT id FROM rounds WHERE guild_id = $1)",
    "DELETE FROM totals WHERE guild_id = $1",
    "DELETE FROM category_totals WHERE guild_id = $1",
    "DELETE FROM guild_periods WHERE guild_id = $1",
    "DELETE FROM game_players WHERE game_id IN (SELECT id FROM games WHERE guild_id = $1)",
    community_sql.numbered(community_sql.RESET_DAILY_ANSWERS),
)

# everything about one user in one guild: scores, name, reports, and their id where they
# started a game or resolved a report (the rows stay, the person is no longer named)
REMOVE_IN_GUILD = (
    *RESET_MEMBER,
    "DELETE FROM players WHERE user_id = $1 AND guild_id = $2",
    "DELETE FROM reports WHERE user_id = $1 AND guild_id = $2",
    "UPDATE reports SET resolved_by = NULL WHERE resolved_by = $1 AND guild_id = $2",
    "UPDATE games SET started_by_id = NULL, started_by_name = NULL"
    " WHERE started_by_id = $1 AND guild_id = $2",
    "UPDATE disabled_questions SET disabled_by = NULL WHERE disabled_by = $1 AND guild_id = $2",
    "UPDATE server_packs SET updated_by = NULL WHERE updated_by = $1 AND guild_id = $2",
    community_sql.numbered(community_sql.FORGET_EDITOR),
    community_sql.numbered(community_sql.FORGET_SEASON_CREATOR),
    community_sql.numbered(community_sql.REMOVE_SUGGESTIONS),
    community_sql.numbered(community_sql.FORGET_REVIEWER),
)

# every guild the user left a trace in (answers always come with a totals row)
GUILDS_OF_USER = """
SELECT guild_id FROM players WHERE user_id = $1
UNION SELECT guild_id FROM totals WHERE user_id = $1
UNION SELECT guild_id FROM reports WHERE user_id = $1 OR resolved_by = $1
UNION SELECT guild_id FROM games WHERE started_by_id = $1
UNION SELECT guild_id FROM disabled_questions WHERE disabled_by = $1
UNION SELECT guild_id FROM server_packs WHERE updated_by = $1
UNION SELECT guild_id FROM daily_answers WHERE user_id = $1
UNION SELECT guild_id FROM daily_schedules WHERE updated_by = $1
UNION SELECT guild_id FROM seasons WHERE created_by = $1
UNION SELECT guild_id FROM suggestions WHERE user_id = $1 OR reviewed_by = $1
"""


#: the newest game when a removal runs: games up to it must write nothing more for the member
LAST_GAME = "SELECT coalesce(max(id), 0) FROM games"


class PlayersMixin(Database):
    """Delete a member's or a guild's scores, or all data about a user."""

    #: per guild, per removed member (None: everyone), the newest game at the removal; a
    #: guild's games and its moderators' commands are handled by the one process holding its
    #: shard, so this process sees every removal that can race its own games' writes
    _removed: dict[int, dict[int | None, int]]

    async def _mark_removed(self, db: Any, guild_id: int, user_id: int | None) -> None:
        """Remember a removal, so that a write of an older game racing it drops the member."""
        last = await db.fetchval(LAST_GAME)
        self._removed.setdefault(guild_id, {})[user_id] = int(last or 0)

    async def reset_scores(self, guild_id: int, user_id: int | None = None) -> None:
        """Delete answers and totals in a guild: one member's, or everyone's when None."""
        async with self._write() as db:
            await self._mark_removed(db, guild_id, user_id)
            if user_id is None:
                for sql in RESET_GUILD:
                    await db.execute(sql, guild_id)
            else:
                for sql in RESET_MEMBER:
                    await db.execute(sql, user_id, guild_id)

    async def remove_player(self, user_id: int, guild_id: int | None = None) -> None:
        """Delete all data about a user, in one guild or (None) in every guild."""
        async with self._write() as db:
            if guild_id is None:
                guilds = [int(r[0]) for r in await db.fetch(GUILDS_OF_USER, user_id)]
            else:
                guilds = [guild_id]
            for guild in guilds:
                await self._mark_removed(db, guild, user_id)
                for sql in REMOVE_IN_GUILD:
                    await db.execute(sql, user_id, guild)
