"""Per-server settings kept in memory, so that answering a command never waits on the database."""

from __future__ import annotations

from typing import Protocol

from bot.store.types import GuildSettings


class SettingsStore(Protocol):
    """What the cache needs from the store."""

    async def get_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings."""
        ...

    async def update_settings(self, guild_id: int, **changes: object) -> GuildSettings:
        """Change some settings; the new settings."""
        ...


class SettingsCache:
    """Each server's settings, read once and replaced whenever this bot changes them."""

    def __init__(self, store: SettingsStore) -> None:
        self._store = store
        self._settings: dict[int, GuildSettings] = {}

    async def get(self, guild_id: int) -> GuildSettings:
        """A server's settings (read from the store the first time only)."""
        found = self._settings.get(guild_id)
        if found is None:
            found = await self._store.get_settings(guild_id)
            self._settings[guild_id] = found
        return found

    async def update(self, guild_id: int, **changes: object) -> GuildSettings:
        """Change some settings in the store, then keep the result."""
        self._settings.pop(guild_id, None)
        updated = await self._store.update_settings(guild_id, **changes)
        self._settings[guild_id] = updated
        return updated

    def invalidate(self, guild_id: int | None = None) -> None:
        """Forget one server's settings (None: every server's)."""
        if guild_id is None:
            self._settings.clear()
        else:
            self._settings.pop(guild_id, None)
