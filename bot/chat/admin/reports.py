"""Players' reports: list them grouped by question, dismiss them or disable the question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands

from bot.chat.admin.common import catalog_of, guild_id_of, invalidate, now, store_of
from bot.chat.admin.render import count_words, reports_embed, shorten
from bot.chat.errors import UserFacingError
from bot.store.types import Resolution

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

Action = Literal["dismiss", "disable"]


async def show_reports(bot: TriviaBot, interaction: discord.Interaction[Any]) -> None:
    """The open reports, each question with its text, answer, source and reasons."""
    guild_id = guild_id_of(interaction)
    groups = await store_of(bot).open_reports(guild_id)
    bank = await catalog_of(bot).bank_for(guild_id)
    await interaction.response.send_message(embed=reports_embed(groups, bank), ephemeral=True)


async def resolve(
    bot: TriviaBot, interaction: discord.Interaction[Any], key: str, action: Action
) -> None:
    """Close a question's open reports; `disable` also stops it being asked in this server."""
    guild_id = guild_id_of(interaction)
    store = store_of(bot)
    key = key.strip()
    open_keys = {g.question_key for g in await store.open_reports(guild_id)}
    if action == "dismiss" and key not in open_keys:
        raise UserFacingError(f"`{shorten(key, 100)}` has no open reports.")
    if action == "disable" and key not in open_keys:
        bank = await catalog_of(bot).bank_for(guild_id)
        if bank.question(key) is None:
            raise UserFacingError(f"There is no question `{shorten(key, 100)}` in this server.")
    resolution: Resolution = "dismissed" if action == "dismiss" else "disabled"
    closed = await store.resolve_reports(guild_id, key, resolution, interaction.user.id, now(bot))
    reports = count_words(closed, "report")
    if action == "dismiss":
        text = f"Dismissed {reports} about `{key}`; the question stays in play."
    else:
        invalidate(bot, guild_id)
        text = (
            f"Disabled `{key}` in this server ({reports} closed): it will not be asked here "
            f"again. `/trivia-admin enable question:{key}` brings it back."
        )
    await interaction.response.send_message(text, ephemeral=True)


async def enable(bot: TriviaBot, interaction: discord.Interaction[Any], key: str) -> None:
    """Let a disabled question be asked in this server again."""
    guild_id = guild_id_of(interaction)
    store = store_of(bot)
    key = key.strip()
    if key not in await store.disabled_questions(guild_id):
        raise UserFacingError(f"`{shorten(key, 100)}` is not disabled in this server.")
    await store.set_question_enabled(guild_id, key, True, interaction.user.id, now(bot))
    invalidate(bot, guild_id)
    await interaction.response.send_message(
        f"Enabled `{key}`: it can be asked here again.", ephemeral=True
    )


def _choices(keys: list[str], current: str) -> list[app_commands.Choice[str]]:
    typed = current.strip().lower()
    found = [k for k in keys if typed in k.lower()]
    return [app_commands.Choice(name=shorten(k, 100), value=k) for k in found[:25] if len(k) <= 100]


async def reported_choices(
    bot: TriviaBot, interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete: the questions with open reports."""
    if interaction.guild_id is None:
        return []
    groups = await store_of(bot).open_reports(interaction.guild_id)
    return _choices([g.question_key for g in groups], current)


async def disabled_choices(
    bot: TriviaBot, interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete: the questions disabled in this server."""
    if interaction.guild_id is None:
        return []
    return _choices(sorted(await store_of(bot).disabled_questions(interaction.guild_id)), current)
