"""The daily question: its scheduler, buttons, and the commands that set and show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from discord.ext import commands


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: add the daily question's cog (it starts the scheduler)."""
    from bot.chat.client import TriviaBot
    from bot.chat.daily.cog import Daily

    if not isinstance(bot, TriviaBot):
        raise TypeError("the daily extension needs a TriviaBot (store, catalog, clocks)")
    await bot.add_cog(Daily(bot))
