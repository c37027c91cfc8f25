"""What suggestions look like: a queue page for moderators, and a decline notice."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.chat.trivia.render import FIELD_LIMIT, INFO_COLOUR, clip, safe
from bot.store.daily_types import StoredSuggestion

#: Discord's limit on a message's text
CONTENT_LIMIT = 2000


def queue_embed(suggestion: StoredSuggestion, index: int, total: int) -> discord.Embed:
    """One waiting suggestion, with its place in the queue."""
    embed = discord.Embed(
        title=f"Suggestion {index + 1}/{total}",
        description=f"**{clip(safe(suggestion.question), 1500)}**",
        colour=INFO_COLOUR,
    )
    embed.add_field(name="Answer", value=clip(safe(suggestion.answer), FIELD_LIMIT))
    wrong = "\n".join(safe(w) for w in suggestion.wrong_answers)
    embed.add_field(name="Wrong answers", value=clip(wrong, FIELD_LIMIT))
    embed.add_field(name="Source", value=clip(safe(suggestion.source), FIELD_LIMIT), inline=False)
    embed.set_footer(text=clip(f"Suggested by {suggestion.user_name}", 200))
    return embed


def declined_notice(declined: Sequence[StoredSuggestion]) -> str:
    """The private note to a suggester about their declined suggestions."""
    lines = [
        f"• “{clip(safe(s.question), 150)}”: {clip(safe(s.reason or 'no reason given'), 300)}"
        for s in declined
    ]
    head = (
        "The moderators declined your suggestion:"
        if len(lines) == 1
        else ("The moderators declined your suggestions:")
    )
    return clip("\n".join([head, *lines]), CONTENT_LIMIT)


def problems_text(header: str, problems: Sequence[str]) -> str:
    """A header and one line per problem, within a message's limit."""
    return clip("\n".join([header, *(f"• {p}" for p in problems)]), CONTENT_LIMIT)
