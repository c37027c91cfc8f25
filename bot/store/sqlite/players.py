"""Data removal: resetting scores in a guild, and deleting everything about a user."""

from __future__ import annotations

from typing import Any

from bot.store import community_sql
from bot.store.sqlite.db import Database

# a reset forgets which games the member took part in, so later games count again
RESET_MEMBER = (
    "DELETE FROM answers WHERE user_id = ?"
    " AND round_id IN (SELECT id FROM rounds WHERE guild_id = ?)",
    "DELETE FROM totals WHERE user_id = ? AND guild_id = ?",
    "DELETE FROM category_totals WHERE user_id = ? AND guild_id = ?",
    "DELETE FROM game_players WHERE user_id = ?"
    " AND game_id IN (SELECT id FROM games WHERE guild_id = ?)",
    # daily answers score on season boards: a reset forgets them (and the day streaks)
    community_sql.REMOVE_ANSWERS,
)

RESET_GUILD = (
    "DELETE FROM answers WHERE round_id IN (SELECT id FROM rounds WHERE guild_id = ?)",
    "DELETE FROM totals WHERE guild_id = ?",
    "DELETE FROM category_totals WHERE guild_id = ?",
    "DELETE FROM guild_periods WHERE guild_id = ?",
    "DELETE FROM game_players WHERE game_id IN (SELECT id FROM games WHERE guild_id = ?)",
    community_sql.RESET_DAILY_ANSWERS,
)

# everything about one user in one guild: scores, name, reports, and their id where they
# started a game or resolved a report (the rows stay, the person is no longer named)
REMOVE_IN_GUILD = (
    *RESET_MEMBER,
    "DELETE FROM players WHERE user_id = ? AND guild_id = ?",
    "DELETE FROM reports WHERE user_id = ? AND guild_id = ?",
    "UPDATE reports SET resolved_by = NULL WHERE resolved_by = ? AND guild_id = ?",
    "UPDATE games SET started_by_id = NULL, started_by_name = NULL"
    " WHERE started_by_id = ? AND guild_id = ?",
    "UPDATE disabled_questions SET disabled_by = NULL WHERE disabled_by = ? AND guild_id = ?",
    "UPDATE server_packs SET updated_by = NULL WHERE updated_by = ? AND guild_id = ?",
    community_sql.FORGET_EDITOR,
    community_sql.FORGET_SEASON_CREATOR,
    community_sql.REMOVE_SUGGESTIONS,
    community_sql.FORGET_REVIEWER,
)

# every guild the user left a trace in (answers always come with a totals row, and answers
# have no index by user: totals stand in for them)
GUILDS_OF_USER = """
SELECT guild_id FROM players WHERE user_id = :u
UNION SELECT guild_id FROM totals WHERE user_id = :u
UNION SELECT guild_id FROM reports WHERE user_id = :u OR resolved_by = :u
UNION SELECT guild_id FROM games WHERE started_by_id = :u
UNION SELECT guild_id FROM disabled_questions WHERE disabled_by = :u
UNION SELECT guild_id FROM server_packs WHERE updated_by = :u
UNION SELECT guild_id FROM daily_answers WHERE user_id = :u
UNION SELECT guild_id FROM daily_schedules WHERE updated_by = :u
UNION SELECT guild_id FROM seasons WHERE created_by = :u
UNION SELECT guild_id FROM suggestions WHERE user_id = :u OR reviewed_by = :u
"""


#: the newest game when a removal runs: games up to it must write nothing more for the member
LAST_GAME = "SELECT coalesce(max(id), 0) FROM games"


class PlayersMixin(Database):
    """Delete a member's or a guild's scores, or all data about a user."""

    _names: dict[int, dict[int, str]]
    _game_players: dict[int, set[int]]
    #: per guild, per removed member (None: everyone), the newest game at the removal
    _removed: dict[int, dict[int | None, int]]

    async def _mark_removed(self, db: Any, guild_id: int, user_id: int | None) -> None:
        """Remember a removal, so that a write of an older game racing it drops the member."""
        async with db.execute(LAST_GAME) as cur:
            row = await cur.fetchone()
        self._removed.setdefault(guild_id, {})[user_id] = int(row[0]) if row else 0

    async def reset_scores(self, guild_id: int, user_id: int | None = None) -> None:
        """Delete answers and totals in a guild: one member's, or everyone's when None."""
        async with self._write() as db:
            # a reset forgets who played which game: later answers count a game again
            self._game_players.clear()
            await self._mark_removed(db, guild_id, user_id)
            if user_id is None:
                for sql in RESET_GUILD:
                    await db.execute(sql, (guild_id,))
            else:
                for sql in RESET_MEMBER:
                    await db.execute(sql, (user_id, guild_id))

    async def remove_player(self, user_id: int, guild_id: int | None = None) -> None:
        """Delete all data about a user, in one guild or (None) in every guild."""
        async with self._write() as db:
            if guild_id is None:
                async with db.execute(GUILDS_OF_USER, {"u": user_id}) as cur:
                    guilds = [int(r[0]) for r in await cur.fetchall()]
            else:
                guilds = [guild_id]
            for guild in guilds:
                await self._mark_removed(db, guild, user_id)
                for sql in REMOVE_IN_GUILD:
                    await db.execute(sql, (user_id, guild))
        self._game_players.clear()
        for guild in guilds:
            self._names.get(guild, {}).pop(user_id, None)
