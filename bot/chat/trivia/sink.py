"""A game's Discord sink: renders its events into channel messages, off the game's clock."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.chat.trivia import render, views
from bot.engine.events import Event, GameFinished, HintRevealed, QuestionAsked, QuestionClosed

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()

#: how long shutdown waits for a game's last messages
DRAIN_SECONDS = 10.0


@dataclass
class _Shown:
    """A question's message and what it shows."""

    asked: QuestionAsked
    deadline_unix: int
    message: discord.Message | None = None
    hints: list[str] = field(default_factory=list)


class GameMessages:
    """The sink for one game: each event is queued and rendered in order by its own task.

    The runner awaits sinks before it moves on; queueing here means a slow or rate-limited
    Discord never holds up the game's clock or a player's click.
    """

    def __init__(
        self,
        channel: discord.abc.Messageable,
        game_id: int,
        *,
        chat: bool,
        clock: Callable[[], float],
        wallclock: Callable[[], float],
        remember: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        self.channel = channel
        #: stores the id of the message showing the current question (closed after a crash)
        self._remember = remember
        self.game_id = game_id
        self.chat = chat
        self._clock = clock
        self._wallclock = wallclock
        self._queue: asyncio.Queue[tuple[Event, int]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._shown: _Shown | None = None

    async def __call__(self, event: Event) -> None:
        """Queue an event (a question's deadline is converted to unix time now)."""
        unix = 0
        if isinstance(event, QuestionAsked):
            # the runner's clock is monotonic: carry the time left over to the wall clock
            unix = math.ceil(self._wallclock() + (event.deadline - self._clock()))
        self._queue.put_nowait((event, unix))
        if self._task is None:
            self._task = asyncio.create_task(
                self._consume(), name=f"trivia-messages:{self.game_id}"
            )

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Wait until every queued event is rendered (up to ``timeout`` seconds)."""
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout)
        except TimeoutError:
            log.warning("Game %s: its last messages were not all sent in time", self.game_id)
            self._task.cancel()

    @property
    def done(self) -> bool:
        """True once the final message was handled."""
        return self._task is not None and self._task.done()

    async def _consume(self) -> None:
        while True:
            event, unix = await self._queue.get()
            try:
                await self._render(event, unix)
            except Exception:
                log.exception("Game %s: could not show %s", self.game_id, type(event).__name__)
            if isinstance(event, GameFinished):
                return

    async def _render(self, event: Event, unix: int) -> None:
        if isinstance(event, QuestionAsked):
            await self._ask(event, unix)
        elif isinstance(event, HintRevealed):
            await self._hint(event)
        elif isinstance(event, QuestionClosed):
            await self._close(event)
        elif isinstance(event, GameFinished):
            await self.channel.send(
                content=render.final_headline(event),
                embed=render.final_embed(event),
                allowed_mentions=NO_MENTIONS,
            )

    async def _ask(self, asked: QuestionAsked, unix: int) -> None:
        shown = _Shown(asked, unix)
        self._shown = shown
        embed = render.question_embed(asked, deadline_unix=unix, chat=self.chat)
        view = views.question_view(self.game_id, asked, chat=self.chat)
        options: dict[str, Any] = {"embed": embed, "allowed_mentions": NO_MENTIONS}
        if view is not None:
            options["view"] = view
        shown.message = await self.channel.send(**options)
        if self._remember is not None:
            try:
                await self._remember(shown.message.id)
            except Exception:
                log.exception("Game %s: could not store its question's message id", self.game_id)

    async def _hint(self, hint: HintRevealed) -> None:
        shown = self._shown
        if shown is None or shown.asked.index != hint.index or shown.message is None:
            return
        shown.hints.append(hint.text)
        embed = render.question_embed(
            shown.asked, deadline_unix=shown.deadline_unix, hints=shown.hints, chat=self.chat
        )
        await shown.message.edit(embed=embed, allowed_mentions=NO_MENTIONS)

    async def _close(self, closed: QuestionClosed) -> None:
        shown = self._shown
        if shown is None or shown.asked.index != closed.index or shown.message is None:
            # the question never made it to Discord: post the reveal on its own
            await self.channel.send(
                embed=render.reveal_embed(closed),
                view=views.closed_view(self.game_id, closed),
                allowed_mentions=NO_MENTIONS,
            )
            return
        question = render.question_embed(
            shown.asked, deadline_unix=None, hints=shown.hints, chat=self.chat
        )
        await shown.message.edit(
            embeds=[question, render.reveal_embed(closed)],
            view=views.closed_view(self.game_id, closed),
            allowed_mentions=NO_MENTIONS,
        )
