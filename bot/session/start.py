"""Start a recorded game: recent questions, the pick, the game row, then its recorder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.engine.config import GameConfig, GameMode
from bot.engine.game import Game, new_game
from bot.engine.model import Player, Question
from bot.recording import RecordStore
from bot.runner import Clock, Sink

#: how many recently asked questions of a channel a new game tries not to repeat
RECENT_QUESTIONS = 200

R = TypeVar("R", bound=Sink)


class GameStore(RecordStore, Protocol):
    """What starting and recording a game asks of storage."""

    async def recent_question_keys(self, guild_id: int, channel_id: int, limit: int) -> list[str]:
        """The keys of the channel's most recently asked questions, newest first."""
        ...

    async def create_game(
        self,
        guild_id: int,
        channel_id: int,
        packs: Sequence[str],
        mode: str,
        started_by: Player,
        at: float,
    ) -> int:
        """Store a new running game; its id."""
        ...


@dataclass(frozen=True, slots=True)
class GamePlan:
    """What a front end chose for a game: the questions it may ask and how it is played."""

    candidates: Sequence[Question]
    config: GameConfig
    #: the packs stored with the game (for its summary)
    packs: Sequence[str]
    #: the game's mode as stored (typed-chat included)
    mode: GameMode


async def start_recorded_game(
    store: GameStore,
    guild_id: int,
    channel_id: int,
    plan: GamePlan,
    starter: Player,
    *,
    wallclock: Clock,
    recorder: Callable[[int], R],
    players: Sequence[Player] = (),
) -> tuple[Game, R]:
    """A new game that avoids the channel's recent questions, stored, with its recorder.

    ``recorder`` builds the sink that writes the game (given its id): the front end picks an
    in-line or a retrying one. A GameError (no questions left, bad settings) leaves no row.
    """
    recent = await store.recent_question_keys(guild_id, channel_id, RECENT_QUESTIONS)
    game = new_game(plan.candidates, plan.config, recent=recent, starter=starter, players=players)
    game_id = await store.create_game(
        guild_id, channel_id, list(plan.packs), plan.mode, starter, wallclock()
    )
    game.game_id = game_id
    return game, recorder(game_id)
