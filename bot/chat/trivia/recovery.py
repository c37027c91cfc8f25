"""Games a restart interrupted: tell each channel, and close the question left on screen."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.store.types import GameSummary

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
CLOSED = "Closed: the game was interrupted by a restart"


def interrupted_notice(asked: int) -> str:
    """The channel's notice for a game a restart interrupted after ``asked`` stored questions."""
    if asked <= 0:
        return (
            "⚠️ The trivia game in this channel was interrupted by a restart before any "
            "question was finished, so it has no scores. Start a new one with `/trivia start`."
        )
    kept = "question 1" if asked == 1 else f"questions 1-{asked}"
    return (
        "⚠️ The trivia game in this channel was interrupted by a restart. Its scores for "
        f"{kept} are kept. Start a new one with `/trivia start`."
    )


def closed_embeds(message: discord.Message) -> list[discord.Embed]:
    """The question message's embeds, its countdown replaced by a closed notice."""
    embeds = list(message.embeds)
    if embeds:
        question = embeds[0].copy()
        for i, field in enumerate(question.fields):
            if field.name == "Time":
                question.set_field_at(i, name="Time", value=CLOSED, inline=field.inline)
        embeds[0] = question
    return embeds


def disabled_view(message: discord.Message) -> discord.ui.View:
    """The message's buttons, every one disabled."""
    view = discord.ui.View.from_message(message, timeout=None)
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            item.disabled = True
    return view


async def close_interrupted(client: discord.Client, store: Store, game_ids: list[int]) -> int:
    """Post a notice for each interrupted game and close its last question; how many told."""
    told = 0
    for game_id in game_ids:
        try:
            summary = await store.get_game(game_id)
        except Exception:
            log.exception("Could not read interrupted game %s", game_id)
            continue
        if summary is None or summary.guild_id == 0:
            continue  # not a Discord game (the terminal's records under guild 0)
        if await _close_one(client, summary):
            told += 1
    return told


async def _close_one(client: discord.Client, summary: GameSummary) -> bool:
    """Tell one game's channel and close its question message; False if the channel is gone."""
    channel = client.get_partial_messageable(summary.channel_id, guild_id=summary.guild_id)
    try:
        await channel.send(interrupted_notice(summary.asked), allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning(
            "Could not tell channel %s about interrupted game %s (%s): moving on",
            summary.channel_id,
            summary.id,
            exc,
        )
        return False
    if summary.message_id is None:
        return True
    try:
        message = await channel.fetch_message(summary.message_id)
        view = disabled_view(message)
        await message.edit(embeds=closed_embeds(message), view=view)
        # the disabled copy must not stay in discord.py's view store
        view.stop()
    except discord.HTTPException as exc:
        log.warning(
            "Could not close the last question of interrupted game %s (%s)", summary.id, exc
        )
    return True
