"""The sink that keeps a game's scores: each closed question is written before the next is asked."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.engine.events import Event, GameFinished, QuestionClosed

if TYPE_CHECKING:
    from bot.store import Store

Sink = Callable[[Event], Awaitable[None]]


class GameRecorder:
    """A sink that writes QuestionClosed results and the game's end to the store.

    It is meant to run first in a chain of sinks: the runner awaits it, so a question's
    answers are committed before anything else (the next question included) happens.
    """

    def __init__(
        self,
        store: Store,
        game_id: int,
        guild_id: int,
        *,
        wallclock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.game_id = game_id
        self.guild_id = guild_id
        self.wallclock = wallclock
        self.finished = False

    async def __call__(self, event: Event) -> None:
        """Write what must survive a crash; ignore the rest."""
        if isinstance(event, QuestionClosed):
            await self.store.record_question(
                self.game_id,
                self.guild_id,
                event.results,
                self.wallclock(),
                question_key=event.question.key,
            )
        elif isinstance(event, GameFinished) and not self.finished:
            self.finished = True
            await self.store.finish_game(self.game_id, event.reason, self.wallclock(), event.asked)


def chain(*sinks: Sink) -> Sink:
    """One sink that awaits each of ``sinks`` in order."""

    async def forward(event: Event) -> None:
        for sink in sinks:
            await sink(event)

    return forward
