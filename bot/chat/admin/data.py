"""Players' data: resetting scores, and removing everything about a member on request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.chat.admin.common import guild_id_of, store_of
from bot.chat.admin.views import Confirm
from bot.chat.suggestions.credits import forget_credits
from bot.chat.trivia.games import COG_NAME
from bot.session.service import SessionService

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot


def _who(user: discord.abc.User) -> str:
    """A member named safely (a mention never pings: messages allow no mentions)."""
    return f"{user.mention} ({discord.utils.escape_markdown(user.name)})"


async def forget_in_games(bot: TriviaBot, guild_id: int, user_id: int | None) -> None:
    """Drop a member (None: everyone) from this server's running games, if trivia is loaded."""
    # by name, not isinstance: reloading the trivia extension makes new classes
    sessions = getattr(getattr(bot.get_cog(COG_NAME), "_service", None), "sessions", None)
    if isinstance(sessions, SessionService):
        await sessions.forget(guild_id, user_id)


async def reset_scores(
    bot: TriviaBot, interaction: discord.Interaction[Any], member: discord.abc.User | None
) -> None:
    """Delete one member's or everyone's scores in this server, after confirmation."""
    guild_id = guild_id_of(interaction)
    store = store_of(bot)
    user_id = member.id if member is not None else None
    whose = f"{_who(member)}'s" if member is not None else "**everyone's**"

    async def reset() -> str:
        # the running games first: from now on they write nothing more for them
        await forget_in_games(bot, guild_id, user_id)
        await store.reset_scores(guild_id, user_id)
        return f"Reset {whose} scores in this server: the leaderboard starts again from zero."

    view = Confirm(interaction.user.id, reset, confirm_label="Reset scores")
    await view.prompt(
        interaction,
        f"Delete {whose} points, answers and stats in this server? This cannot be undone.",
    )


async def remove_player(
    bot: TriviaBot, interaction: discord.Interaction[Any], member: discord.abc.User
) -> None:
    """Remove all data about a member in this server (a data removal request)."""
    guild_id = guild_id_of(interaction)
    store = store_of(bot)
    who = _who(member)

    async def remove() -> str:
        # the running games first: from now on they write nothing more for them
        await forget_in_games(bot, guild_id, member.id)
        # their approved questions stay, no longer crediting them by name
        await forget_credits(bot, guild_id, member.id, interaction.user.id)
        await store.remove_player(member.id, guild_id)
        return (
            f"Removed all data about {who} in this server: scores, answers, stats, stored "
            "name, reports, daily answers and suggestions; games they started, packs or "
            "reports they handled and questions they suggested no longer name them. Other "
            "servers are not affected."
        )

    view = Confirm(interaction.user.id, remove, confirm_label="Remove their data")
    await view.prompt(
        interaction,
        f"Remove all data about {who} in this server (scores, answers, stats, stored name, "
        "reports)? This cannot be undone.",
    )
