"""/ping: the smallest command, proving the whole path from Discord to the bot and back."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands


class Ping(commands.Cog):
    """Liveness check."""

    @app_commands.command(name="ping", description="Check that the bot is listening.")
    async def ping(self, interaction: discord.Interaction[Any]) -> None:
        """Answer "pong" to the caller alone."""
        await interaction.response.send_message("pong", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(Ping())
