"""Every error reaches the user as a short message only they see; unexpected ones are logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.engine.errors import GameError
from bot.recording import retryable

log = logging.getLogger(__name__)
T = TypeVar("T")

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again."


#: a command still working after this many seconds is deferred: Discord's deadline is 3 s
DEFER_AFTER = 2.0

DATABASE_BUSY = (
    "The database is busy or full right now, so nothing was changed. Please try again in a minute."
)


def _database_fault(error: BaseException) -> bool:
    """Whether the error (or what caused it) is the database refusing: locked, busy, full, I/O."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if retryable(seen):
            return True
        seen = getattr(seen, "original", None) or seen.__cause__
    return False


class UserFacingError(Exception):
    """A mistake by the user or a refusal; its message is written for the user to read."""


#: errors whose text is shown as-is and which are not logged as errors
USER_FACING: tuple[type[BaseException], ...] = (UserFacingError, GameError)


def describe(error: BaseException) -> str | None:
    """The message for an error the user caused, or None for a fault of ours."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        original = (
            error.__cause__ if isinstance(error, app_commands.TransformerError) else error.original
        )
        if isinstance(original, USER_FACING):
            return str(original)
        if isinstance(error, app_commands.TransformerError):
            return f"I could not understand {error.value!r} for that option."
        return None
    if isinstance(error, USER_FACING):
        return str(error)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        who = "You need" if isinstance(error, app_commands.MissingPermissions) else "I need"
        wanted = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"{who} the {wanted} permission for that."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) if error.args else "You can't use that here."
    return None


#: `interaction.extras` key: the response is a public "thinking…" not yet replaced by the answer
PUBLIC_DEFERRAL = "trivia:public-deferral"


async def defer_publicly(interaction: discord.Interaction[Any]) -> None:
    """Defer an answer everyone will see; an error before it is sent still goes to the caller."""
    await interaction.response.defer(thinking=True)
    interaction.extras[PUBLIC_DEFERRAL] = True


async def send_deferred(interaction: discord.Interaction[Any], **message: Any) -> Any:
    """Send the answer a `defer_publicly` promised (it replaces the "thinking…" message)."""
    sent = await interaction.followup.send(**message)
    interaction.extras.pop(PUBLIC_DEFERRAL, None)
    return sent


async def in_time(
    interaction: discord.Interaction[Any],
    work: Awaitable[T],
    *,
    after: float,
    ephemeral: bool,
) -> T:
    """Await ``work``; if it takes longer than ``after`` seconds, defer the answer meanwhile.

    Discord fails an interaction not answered within 3 s: a command that may wait on a busy
    database or a slow network uses this, and answers with ``reply``.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=after)
    if not done and not interaction.response.is_done():
        if ephemeral:
            await interaction.response.defer(ephemeral=True, thinking=True)
        else:
            await defer_publicly(interaction)
    return await task


async def reply(
    interaction: discord.Interaction[Any], content: str | None = None, **message: Any
) -> None:
    """Answer an interaction, whether or not ``in_time`` had to defer it."""
    if not interaction.response.is_done():
        await interaction.response.send_message(content, **message)
        return
    if content is not None:
        message["content"] = content
    if interaction.extras.get(PUBLIC_DEFERRAL):
        message.pop("ephemeral", None)
        await send_deferred(interaction, **message)
    else:
        await interaction.followup.send(**message)


async def tell(interaction: discord.Interaction[Any], text: str) -> None:
    """Send `text` to the interaction's user alone, whether or not it was answered already."""
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True)
        return
    if interaction.extras.pop(PUBLIC_DEFERRAL, False):
        # The first followup would become the public "thinking…" message, ephemeral flag
        # or not: delete that message, so that the followup is a new, private one.
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.warning("Could not delete the deferred response of %s", interaction.id)
    await interaction.followup.send(text, ephemeral=True)


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Answer the user (their message, or an apology) and log what was not their fault."""
    message = describe(error)
    if message is None and _database_fault(error):
        log.warning("Database fault in interaction %s", interaction.id, exc_info=error)
        message = DATABASE_BUSY
    elif message is None:
        where = interaction.command.qualified_name if interaction.command else interaction.data
        log.error("Error handling interaction %s (%s)", interaction.id, where, exc_info=error)
        message = APOLOGY
    else:
        log.debug("Refused interaction %s: %s", interaction.id, message)
    try:
        await tell(interaction, message)
    except discord.HTTPException:
        # the interaction may have expired (3 s / 15 min): nothing more can reach the user
        log.warning(
            "Could not tell the user about an error in interaction %s",
            interaction.id,
            exc_info=True,
        )


class TriviaTree(app_commands.CommandTree[Any]):
    """The command tree: its last-resort error handler answers every failed command."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """Report the error to the user and the log."""
        await report_error(interaction, error)


class ReportingView(discord.ui.View):
    """A View whose button callbacks' errors are answered like the commands' ones."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        """Report the error to the user and the log."""
        await report_error(interaction, error)


class ReportingModal(discord.ui.Modal):
    """A Modal whose submit errors are answered like the commands' ones."""

    # discord.py types Modal.on_error without the View's `item` argument
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        """Report the error to the user and the log."""
        await report_error(interaction, error)
