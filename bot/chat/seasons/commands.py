"""The season commands: start and end one (posting its final board), and show a board."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.chat.errors import UserFacingError, defer_publicly, reply, send_deferred
from bot.chat.permissions import cannot_post
from bot.chat.seasons.render import FINAL_SIZE, final_embed, season_embed
from bot.chat.trivia.views import PAGE_SIZE, LeaderboardView
from bot.community.errors import CommunityError
from bot.community.season import (
    describe_span,
    end_of_date,
    end_season,
    find_season,
    new_season,
    season_for_board,
)
from bot.community.zones import DEFAULT_TIMEZONE

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot


def _guild(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:
        raise UserFacingError("That only works in a server.")
    return interaction.guild_id


async def _timezone(bot: TriviaBot, guild_id: int) -> str:
    """The server's time zone for dates: its daily question's, else UTC."""
    daily = await bot.store.get_daily(guild_id)
    return daily.schedule.timezone if daily is not None else DEFAULT_TIMEZONE


async def start(
    bot: TriviaBot, interaction: discord.Interaction[Any], name: str, ends: str | None
) -> None:
    """``/trivia-admin season start``: a season from now (to the end of ``ends``)."""
    guild_id = _guild(interaction)
    zone = await _timezone(bot, guild_id)
    now = bot.wallclock()
    try:
        end = end_of_date(ends, zone) if ends else None
        season = new_season(await bot.store.seasons(guild_id), name, now, end, timezone=zone)
    except CommunityError as error:
        raise UserFacingError(str(error)) from error
    await bot.store.add_season(guild_id, season, interaction.user.id)
    await reply(
        interaction,
        f"Season **{season.name}** started ({describe_span(season, zone)}). "
        "See it with `/trivia leaderboard period:season`.",
        ephemeral=True,
    )


async def end(
    bot: TriviaBot, interaction: discord.Interaction[Any], channel: discord.TextChannel
) -> None:
    """``/trivia-admin season end``: end the running season and post its final top 10."""
    guild_id = _guild(interaction)
    refusal = cannot_post(channel.permissions_for(channel.guild.me), in_thread=False)
    if refusal is not None:
        raise UserFacingError(
            f"I can't post in {channel.mention}: I need the View Channel, Send Messages "
            "and Embed Links permissions there."
        )
    now = bot.wallclock()
    seasons = await bot.store.seasons(guild_id)
    try:
        ended = end_season(seasons, now)
    except CommunityError as error:
        # a season that reached its end date by itself: post its final board now
        unposted = await bot.store.unposted_finals(guild_id, now)
        if not unposted:
            raise UserFacingError(str(error)) from error
        ended = find_season(seasons, unposted[-1])
    else:
        await bot.store.end_season(guild_id, ended.name, now)
    zone = await _timezone(bot, guild_id)
    rows, _ = await bot.store.season_board(guild_id, ended, 0, FINAL_SIZE)
    try:
        await channel.send(embed=final_embed(ended, rows, zone))
    except discord.HTTPException:
        await reply(
            interaction,
            f"Season **{ended.name}** ended, but I could not post its final board in "
            f"{channel.mention}. Its board stays: `/trivia leaderboard period:season "
            f"season:{ended.name}`.",
            ephemeral=True,
        )
        return
    await bot.store.set_season_final(guild_id, ended.name, channel.id, now)
    await reply(
        interaction,
        f"Season **{ended.name}** ended; its final top {FINAL_SIZE} is in {channel.mention}.",
        ephemeral=True,
    )


async def board(bot: TriviaBot, interaction: discord.Interaction[Any], name: str | None) -> None:
    """``/trivia leaderboard period:season [season]``: a season's board, ten a page."""
    guild_id = _guild(interaction)
    now = bot.wallclock()
    try:
        season = season_for_board(await bot.store.seasons(guild_id), name, now)
    except CommunityError as error:
        raise UserFacingError(str(error)) from error
    zone = await _timezone(bot, guild_id)
    await defer_publicly(interaction)
    user_id = interaction.user.id
    store = bot.store

    async def fetch(offset: int) -> tuple[discord.Embed, int, bool, bool]:
        rows, total = await store.season_board(guild_id, season, offset, PAGE_SIZE)
        if not rows and offset > 0:
            offset = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
            rows, total = await store.season_board(guild_id, season, offset, PAGE_SIZE)
        own = await store.season_rank(guild_id, season, user_id)
        embed = season_embed(
            season, rows, own, offset=offset, limit=PAGE_SIZE, total=total, timezone=zone
        )
        return embed, offset, offset > 0, offset + len(rows) < total

    embed, offset, has_previous, has_next = await fetch(0)
    view = LeaderboardView(
        user_id, fetch, offset=offset, has_previous=has_previous, has_next=has_next
    )
    view.message = await send_deferred(interaction, embed=embed, view=view, wait=True)


async def season_choices(
    bot: TriviaBot, interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete: the server's seasons containing ``current``, newest first (25 at most)."""
    if interaction.guild_id is None:
        return []
    typed = current.strip().casefold()
    found = [s for s in await bot.store.seasons(interaction.guild_id) if typed in s.name.casefold()]
    return [app_commands.Choice(name=s.name, value=s.name) for s in reversed(found)][:25]
