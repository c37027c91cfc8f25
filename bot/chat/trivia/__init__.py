"""The players' commands: /trivia start, stop, skip, leaderboard, stats, packs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from discord.ext import commands


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: add the /trivia cog."""
    from bot.chat.client import TriviaBot
    from bot.chat.trivia.cog import Trivia

    if not isinstance(bot, TriviaBot):
        raise TypeError("the trivia extension needs a TriviaBot (store, catalog, clocks)")
    await bot.add_cog(Trivia(bot))
