"""``/trivia-admin daily``: set a server's daily question (channel, time, zone, pack, on/off)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.chat.daily.cog import service_of
from bot.chat.errors import UserFacingError, reply
from bot.chat.permissions import cannot_post
from bot.community.daily import make_schedule, next_post
from bot.community.errors import CommunityError

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot


async def set_daily(
    bot: TriviaBot,
    interaction: discord.Interaction[Any],
    channel: discord.TextChannel,
    time: str,
    timezone: str | None,
    pack: str | None,
    enabled: bool,
    up_to_episode: int | None = None,
) -> None:
    """Validate and store the schedule, wake the scheduler, and say when the next post is."""
    service = service_of(bot)
    guild_id = interaction.guild_id
    if guild_id is None:
        raise UserFacingError("That only works in a server.")
    bank = await bot.catalog.bank_for(guild_id)
    try:
        schedule = make_schedule(
            channel.id,
            time,
            timezone,
            [pack] if pack else [],
            enabled,
            known_packs=set(bank.packs),
            up_to_episode=up_to_episode,
        )
    except CommunityError as error:
        raise UserFacingError(str(error)) from error
    if enabled:
        refusal = cannot_post(channel.permissions_for(channel.guild.me), in_thread=False)
        if refusal is not None:
            raise UserFacingError(
                f"I can't post in {channel.mention}: I need the View Channel, Send Messages "
                "and Embed Links permissions there."
            )
    now = bot.wallclock()
    await bot.store.set_daily(guild_id, schedule, interaction.user.id, now)
    service.wake()
    if not enabled:
        await reply(interaction, "The daily question is off.", ephemeral=True)
        return
    posts = await bot.store.daily_posts(guild_id)
    upcoming = next_post(schedule, posts[-1].day if posts else None, now)
    when = "now" if upcoming is None or upcoming.due(now) else f"<t:{int(upcoming.at)}:F>"
    packs = f"`{pack}`" if pack else "every pack"
    if up_to_episode is not None:
        packs += f", up to episode {up_to_episode}"
    await reply(
        interaction,
        f"Daily question set: {channel.mention} at {schedule.time_text} ({schedule.timezone}), "
        f"from {packs}. Next post: {when}.",
        ephemeral=True,
    )
