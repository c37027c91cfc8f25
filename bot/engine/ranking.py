"""Scoreboards: each player's running tally and the final ranking with shared ranks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine.model import Player


@dataclass(frozen=True, slots=True)
class PlayerScore:
    """One player's running tally in one game."""

    player: Player
    points: int = 0
    right: int = 0
    streak: int = 0
    best_streak: int = 0


@dataclass(frozen=True, slots=True)
class RankingRow:
    """One line of a ranking: ``rank`` is shared by ties (1, 1, 3)."""

    rank: int
    player: Player
    points: int
    right: int
    #: questions asked in the game, so the front end can show ``right/asked`` (7/10)
    asked: int
    best_streak: int

    @property
    def top_three(self) -> bool:
        """On the podium: rank 1, 2 or 3 (ties can put more than three rows there)."""
        return self.rank <= 3

    @property
    def right_of_asked(self) -> str:
        """Right answers out of questions asked, e.g. ``7/10``."""
        return f"{self.right}/{self.asked}"


def rank(scores: Iterable[PlayerScore], asked: int) -> tuple[RankingRow, ...]:
    """Sort by points then right answers; equal on both share a rank (competition ranking)."""
    ordered = sorted(
        scores, key=lambda s: (-s.points, -s.right, s.player.name.casefold(), s.player.user_id)
    )
    rows: list[RankingRow] = []
    for position, score in enumerate(ordered, start=1):
        previous = rows[-1] if rows else None
        tied = previous is not None and (previous.points, previous.right) == (
            score.points,
            score.right,
        )
        rows.append(
            RankingRow(
                rank=previous.rank if tied and previous else position,
                player=score.player,
                points=score.points,
                right=score.right,
                asked=asked,
                best_streak=score.best_streak,
            )
        )
    return tuple(rows)


def podium(rows: Iterable[RankingRow]) -> tuple[RankingRow, ...]:
    """The rows to call out as the top three (every row ranked 1, 2 or 3)."""
    return tuple(row for row in rows if row.top_three)
