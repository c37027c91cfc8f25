"""Fans' suggestions in Discord: /trivia suggest, /trivia-admin suggestions, decline notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from discord.ext import commands


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the cog that tells suggesters about declines."""
    from bot.chat.client import TriviaBot
    from bot.chat.suggestions.cog import Suggestions

    if not isinstance(bot, TriviaBot):
        raise TypeError("the suggestions extension needs a TriviaBot (store, catalog, clocks)")
    await bot.add_cog(Suggestions(bot))
