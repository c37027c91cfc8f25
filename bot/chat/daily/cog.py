"""The daily question's cog: starts the scheduler, registers its buttons, tells moderators."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.cogs import cog_of
from bot.chat.daily.render import streak_text
from bot.chat.daily.service import DailyService
from bot.chat.daily.views import DailyButton
from bot.chat.errors import UserFacingError

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

log = logging.getLogger(__name__)

COG_NAME = "Daily"


def service_of(client: discord.Client) -> DailyService:
    """The running DailyService of a bot (a user-facing error if the cog is not loaded)."""
    cog = cog_of(client, COG_NAME)
    service = getattr(cog, "service", None)
    if not isinstance(service, DailyService):
        raise UserFacingError("The daily question is not available right now.")
    return service


class Daily(commands.Cog, name=COG_NAME):
    """No commands of its own: /trivia daily and /trivia-admin daily call its service."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self.service = DailyService(bot)

    async def cog_load(self) -> None:
        """Register the persistent option buttons and start the scheduler."""
        self.bot.add_dynamic_items(DailyButton)
        self.service.start()

    async def cog_unload(self) -> None:
        """Stop the scheduler and forget the buttons."""
        self.bot.remove_dynamic_items(DailyButton)
        await self.service.stop()

    @commands.Cog.listener()
    async def on_app_command_completion(
        self,
        interaction: discord.Interaction[Any],
        command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu,
    ) -> None:
        """After a moderator command, tell the moderator if the daily was paused."""
        name = getattr(command, "qualified_name", "")
        if not name.startswith("trivia-admin") or interaction.guild_id is None:
            return
        if interaction.response.type == discord.InteractionResponseType.modal:
            return  # a form was opened: the notice waits for the next reply
        try:
            notice = await self.service.pause_notice(interaction.guild_id)
            if notice is not None:
                await interaction.followup.send(f"⚠️ {notice}", ephemeral=True)
        except discord.HTTPException:
            log.warning("Could not tell a moderator the daily is paused", exc_info=True)


async def streak_line(client: discord.Client, guild_id: int, user_id: int) -> str | None:
    """A member's day streak for ``/trivia stats`` (None: no daily here, or never answered)."""
    cog = cog_of(client, COG_NAME)
    service = getattr(cog, "service", None)
    if not isinstance(service, DailyService):
        return None
    if not await service.bot.store.daily_results(guild_id, user_id):
        return None
    return streak_text(await service.streak(guild_id, user_id))
