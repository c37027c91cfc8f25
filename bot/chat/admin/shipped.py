"""The owner's reload of the shipped packs, keeping the old bank if the new one has an error."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.bank.layers import load_packs
from bot.bank.problems import BankError
from bot.chat.admin.common import catalog_of
from bot.chat.admin.render import count_words, problems_message
from bot.chat.errors import UserFacingError

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

log = logging.getLogger(__name__)


async def reload_bank(bot: TriviaBot, interaction: discord.Interaction[Any]) -> None:
    """Load the shipped packs and TRIVIA_QUESTIONS again; swap them in only if all are valid."""
    if not await bot.is_owner(interaction.user):
        raise UserFacingError("Only the bot's owner can reload the shipped questions.")
    await interaction.response.defer(ephemeral=True, thinking=True)
    settings = bot.settings
    folder = _what(settings.trivia_questions, shipped=settings.trivia_shipped_packs)
    try:
        loaded = await asyncio.to_thread(
            load_packs, settings.trivia_questions, shipped=settings.trivia_shipped_packs
        )
        if loaded.skipped:
            raise BankError(loaded.skipped)
        new = loaded.bank
    except BankError as exc:
        n = count_words(len(exc.problems), "problem")
        header = f"Kept the current questions: {folder} has {n}. Fix them and reload again:"
        await interaction.edit_original_response(content=problems_message(header, exc.problems))
        return
    catalog_of(bot).replace_shipped(new)
    bot.bank = new
    log.info(
        "Shipped bank reloaded from %s: %d packs, %d questions", folder, len(new.packs), len(new)
    )
    await interaction.edit_original_response(
        content=(
            f"Reloaded {folder}: {count_words(len(new.packs), 'pack')}, "
            f"{count_words(len(new), 'question')}. New games use them now."
        )
    )


def _what(extra: str | None, *, shipped: bool) -> str:
    """What is reloaded, for the owner's messages: the shipped packs and/or `the folder`."""
    if extra is None:
        return "the shipped packs"
    return f"the shipped packs and `{extra}`" if shipped else f"`{extra}`"
