"""A Confirm/Cancel prompt that only the moderator who asked can answer."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.chat.errors import DEFER_AFTER, ReportingView

#: seconds a confirmation waits before its buttons turn off
CONFIRM_TIMEOUT = 120.0

Action = Callable[[], Awaitable[str]]


class Confirm(ReportingView):
    """Two buttons: Confirm runs `action` and shows its result; Cancel changes nothing.

    Send it with `prompt(interaction, text)`; on timeout the buttons are disabled in place.
    """

    def __init__(
        self,
        invoker_id: int,
        action: Action,
        *,
        confirm_label: str = "Confirm",
        cancelled: str = "Cancelled: nothing changed.",
        timeout: float | None = None,
    ) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT if timeout is None else timeout)
        self.invoker_id = invoker_id
        self.action = action
        self.cancelled = cancelled
        #: True once confirmed, False once cancelled, None while waiting or timed out
        self.value: bool | None = None
        self.origin: discord.Interaction[Any] | None = None
        self.confirm.label = confirm_label

    async def prompt(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Show `text` with the buttons, as the (ephemeral) answer to `interaction`."""
        self.origin = interaction
        if interaction.response.is_done():
            await interaction.edit_original_response(content=text, view=self)
        else:
            await interaction.response.send_message(text, view=self, ephemeral=True)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Only the moderator who ran the command may answer."""
        if interaction.user.id == self.invoker_id:
            return True
        await interaction.response.send_message(
            "Only the moderator who ran that command can answer it.", ephemeral=True
        )
        return False

    def _disable(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True

    async def on_timeout(self) -> None:
        """Turn the buttons off and say that nothing changed."""
        self._disable()
        if self.origin is None:
            return
        # the interaction token may have expired: then the buttons just fail if clicked
        with contextlib.suppress(discord.HTTPException):
            await self.origin.edit_original_response(
                content="Timed out: nothing changed. Run the command again if you still want to.",
                view=self,
            )

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Do it, then show the result in place of the question."""
        self.value = True
        self.stop()
        self._disable()
        # the action writes: if the database is slow, acknowledge the click first (Discord's
        # deadline is 3 s) and show the result when it is done
        task = asyncio.ensure_future(self.action())
        done, _ = await asyncio.wait(
            {task}, timeout=getattr(interaction.client, "defer_after", DEFER_AFTER)
        )
        if not done:
            await interaction.response.defer()
        result = await task
        if interaction.response.is_done():
            await interaction.edit_original_response(content=result, view=self)
        else:
            await interaction.response.edit_message(content=result, view=self)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Change nothing."""
        self.value = False
        self.stop()
        self._disable()
        await interaction.response.edit_message(content=self.cancelled, view=self)
