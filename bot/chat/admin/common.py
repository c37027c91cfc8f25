"""What every moderator command needs: the store, the catalog, the shipped bank, the guild."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.bank.bank import Bank
from bot.chat.catalog import Catalog
from bot.chat.errors import UserFacingError

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot
    from bot.store import Store


def store_of(bot: TriviaBot) -> Store:
    """The bot's store."""
    return bot.store


def catalog_of(bot: TriviaBot) -> Catalog:
    """The bot's catalog (shipped bank + each guild's packs)."""
    return bot.catalog


def shipped_bank(bot: TriviaBot) -> Bank:
    """The shipped bank the catalog layers every guild's packs on."""
    return catalog_of(bot).shipped


def now(bot: TriviaBot) -> float:
    """Unix time, from the bot's wall clock (tests may set it)."""
    return bot.wallclock()


def guild_id_of(interaction: discord.Interaction[Any]) -> int:
    """The guild the command ran in (the group is guild-only, so this is a safeguard)."""
    if interaction.guild_id is None:
        raise UserFacingError("That only works in a server.")
    return interaction.guild_id


def invalidate(bot: TriviaBot, guild_id: int) -> None:
    """Make the guild's next game see its packs and disabled questions as they are now."""
    catalog_of(bot).invalidate(guild_id)
