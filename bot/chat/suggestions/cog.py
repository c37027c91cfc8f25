"""Tells a member, privately, about their declined suggestions the next time they use /trivia."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.suggestions.render import declined_notice

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

log = logging.getLogger(__name__)


class Suggestions(commands.Cog, name="Suggestions"):
    """No commands of its own: /trivia suggest and /trivia-admin suggestions are hooks."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_app_command_completion(
        self,
        interaction: discord.Interaction[Any],
        command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu,
    ) -> None:
        """After a member's /trivia command, tell them about declined suggestions."""
        name = getattr(command, "qualified_name", "")
        if not name.startswith("trivia ") or interaction.guild_id is None:
            return
        if interaction.response.type == discord.InteractionResponseType.modal:
            return  # a form was opened: the notice waits for the next reply
        store = self.bot.store
        try:
            declined = await store.untold_declines(interaction.guild_id, interaction.user.id)
            if not declined:
                return
            await interaction.followup.send(declined_notice(declined), ephemeral=True)
            ids = [s.id for s in declined]
            await store.mark_told(interaction.guild_id, ids, self.bot.wallclock())
        except discord.HTTPException:
            log.warning("Could not tell a member about declined suggestions", exc_info=True)
