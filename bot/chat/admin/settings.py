"""The server's trivia settings: show them, or change some (validated by the store)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import discord

from bot.chat.admin.common import guild_id_of
from bot.chat.admin.render import settings_embed
from bot.chat.errors import UserFacingError, in_time, reply
from bot.chat.trivia.games import TYPED_CHAT_OFF
from bot.store.errors import SettingsError
from bot.store.types import GuildSettings

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

Clearable = Literal["moderator_role", "channels"]


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """The options a moderator gave `/trivia-admin settings` (None: not given)."""

    default_mode: str | None = None
    seconds: int | None = None
    questions: int | None = None
    moderator_role_id: int | None = None
    channel_add: int | None = None
    channel_remove: int | None = None
    clear: Clearable | None = None
    max_games: int | None = None
    streak_bonus: bool | None = None
    start_cooldown: int | None = None


def changes_for(current: GuildSettings, change: SettingsChange) -> dict[str, object]:
    """The store's `update_settings` keywords for a change (None puts a setting to its default)."""
    out: dict[str, object] = {}
    for name in ("default_mode", "seconds", "questions", "max_games", "start_cooldown"):
        value = getattr(change, name)
        if value is not None:
            out[name] = value
    if change.streak_bonus is not None:
        out["streak_bonus"] = change.streak_bonus
    if change.clear == "moderator_role":
        if change.moderator_role_id is not None:
            raise UserFacingError("Set a moderator role or clear it, not both at once.")
        out["moderator_role_id"] = None
    elif change.moderator_role_id is not None:
        out["moderator_role_id"] = change.moderator_role_id
    channels = set() if change.clear == "channels" else set(current.allowed_channel_ids)
    if change.channel_add is not None:
        channels.add(change.channel_add)
    if change.channel_remove is not None:
        if change.channel_remove not in channels:
            raise UserFacingError("That channel is not on the list of trivia channels.")
        channels.discard(change.channel_remove)
    if channels != set(current.allowed_channel_ids):
        out["allowed_channel_ids"] = sorted(channels) if channels else None
    # a value equal to the current one is no change
    return {k: v for k, v in out.items() if k == "allowed_channel_ids" or v != getattr(current, k)}


async def settings_command(
    bot: TriviaBot, interaction: discord.Interaction[Any], change: SettingsChange
) -> None:
    """Show the settings, or apply the given options and show the result."""
    guild_id = guild_id_of(interaction)
    if change.default_mode == "typed-chat" and not bot.settings.trivia_typed_answers:
        # every /trivia start without a mode would be refused: say so now instead
        raise UserFacingError("Not changed: " + TYPED_CHAT_OFF[0].lower() + TYPED_CHAT_OFF[1:])
    cache = bot.guild_settings
    current = await cache.get(guild_id)
    changes = changes_for(current, change)
    guild = interaction.guild

    def role_name(role_id: int) -> str:
        role = guild.get_role(role_id) if guild else None
        return f"<@&{role_id}>" if role is None else role.mention

    if not changes:
        if change != SettingsChange():
            content = "Nothing to change: those are the settings already."
        else:
            content = "Change any of these with the options of `/trivia-admin settings`."
        embed = settings_embed(current, role_name)
        await interaction.response.send_message(content, embed=embed, ephemeral=True)
        return
    try:
        # a write: the database may be busy, so defer if it is slow
        updated = await in_time(
            interaction, cache.update(guild_id, **changes), after=bot.defer_after, ephemeral=True
        )
    except SettingsError as exc:
        raise UserFacingError(f"Not changed: {exc}.") from exc
    names = ", ".join(sorted(changes)).replace("_id", "").replace("allowed_channels", "channels")
    await reply(
        interaction,
        f"Updated: {names}. The next game uses them.",
        embed=settings_embed(updated, role_name),
        ephemeral=True,
    )
