"""What a season's board looks like: a page, or the final top 10."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.chat.trivia.render import (
    DESCRIPTION_LIMIT,
    FINAL_COLOUR,
    INFO_COLOUR,
    TITLE_LIMIT,
    clip,
    leaderboard_line,
    lines_within,
    safe,
)
from bot.community.season import Season, describe_span
from bot.store.types import LeaderboardRow

#: how many players a season's final board names
FINAL_SIZE = 10


def _body(rows: Sequence[LeaderboardRow], span: str, empty: str) -> str:
    lines = [leaderboard_line(row) for row in rows]
    return f"{span}\n\n" + (lines_within(lines, DESCRIPTION_LIMIT - 200) if lines else empty)


def season_embed(
    season: Season,
    rows: Sequence[LeaderboardRow],
    own: LeaderboardRow | None,
    *,
    offset: int,
    limit: int,
    total: int,
    timezone: str,
) -> discord.Embed:
    """One page of a season's board, with the caller's own rank."""
    body = _body(rows, describe_span(season, timezone), "No points in this season yet.")
    embed = discord.Embed(
        title=clip(f"Leaderboard · season {safe(season.name)}", TITLE_LIMIT),
        description=body,
        colour=INFO_COLOUR,
    )
    mine = (
        "You have no points in this season."
        if own is None
        else f"#{own.rank} · {own.points} pts · {own.right}/{own.answered} right"
    )
    embed.add_field(name="Your rank", value=mine, inline=False)
    pages = max(1, -(-total // limit))
    embed.set_footer(text=f"Page {offset // limit + 1}/{pages} · {total} players")
    return embed


def final_embed(season: Season, rows: Sequence[LeaderboardRow], timezone: str) -> discord.Embed:
    """The final top 10 of a season that just ended."""
    return discord.Embed(
        title=clip(f"🏆 Season {safe(season.name)}: final top {FINAL_SIZE}", TITLE_LIMIT),
        description=_body(rows, describe_span(season, timezone), "Nobody scored this season."),
        colour=FINAL_COLOUR,
    )
