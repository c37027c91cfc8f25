"""Finding a loaded cog on the bot, whether it runs sharded or not."""

from __future__ import annotations

import discord
from discord.ext import commands


def cog_of(client: discord.Client, name: str) -> commands.Cog | None:
    """The cog named ``name`` if ``client`` is a bot that has it loaded, else None.

    ``AutoShardedBot`` is not a subclass of ``Bot`` (both derive from ``BotBase``), so an
    isinstance check against ``Bot`` alone misses the sharded bot.
    """
    if isinstance(client, commands.bot.BotBase):
        return client.get_cog(name)
    return None
