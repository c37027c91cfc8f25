"""A game's Discord sink: renders its events into channel messages, off the game's clock."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.chat.trivia import render, views
from bot.engine.events import Event, GameFinished, HintRevealed, QuestionAsked, QuestionClosed
from bot.runner import Clock

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()

#: how long shutdown waits for a game's last messages
DRAIN_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Notice:
    """A plain line for the channel (e.g. answers that could not be saved)."""

    text: str


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
        clock: Clock,
        wallclock: Clock,
        remember: Callable[[int], Awaitable[None]] | None = None,
        settled: Callable[[], Awaitable[Sequence[int]]] | None = None,
    ) -> None:
        self.channel = channel
        #: stores the id of the message showing the current question (closed after a crash)
        self._remember = remember
        self._remembering: asyncio.Task[None] | None = None
        self._latest_message_id: int | None = None
        #: waits until the game's writes are decided; the questions that could not be saved
        self._settled = settled
        self.game_id = game_id
        self.chat = chat
        self._clock = clock
        self._wallclock = wallclock
        self._queue: asyncio.Queue[tuple[Event | Notice, int]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._shown: _Shown | None = None
        #: closing edits that failed, retried before each later message
        self._stale: list[tuple[discord.Message, dict[str, Any]]] = []
        #: told (question index, True once on screen / False if it could not be posted)
        self.on_display: Callable[[int, bool], Awaitable[object]] | None = None

    async def __call__(self, event: Event) -> None:
        """Queue an event: it is rendered in order, off the game's clock."""
        self._queue.put_nowait((event, 0))
        self._ensure_task()

    async def tell(self, text: str) -> None:
        """Queue a plain notice for the channel, in order with the game's messages."""
        self._queue.put_nowait((Notice(text), 0))
        self._ensure_task()

    def _ensure_task(self) -> None:
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

    async def _render(self, event: Event | Notice, unix: int) -> None:
        if isinstance(event, Notice):
            await self.channel.send(event.text, allowed_mentions=NO_MENTIONS)
        elif isinstance(event, QuestionAsked):
            await self._ask(event, unix)
        elif isinstance(event, HintRevealed):
            await self._hint(event)
        elif isinstance(event, QuestionClosed):
            await self._close(event)
        elif isinstance(event, GameFinished):
            await self._fix_stale()
            # the ranking must not claim saved what the database does not hold
            lost = await self._settled() if self._settled is not None else ()
            # notices queued while waiting (a question given up) go out before the ranking
            while not self._queue.empty():
                queued, _ = self._queue.get_nowait()
                if isinstance(queued, Notice):
                    await self.channel.send(queued.text, allowed_mentions=NO_MENTIONS)
            await self.channel.send(
                content=render.final_headline(event, lost),
                embed=render.final_embed(event),
                allowed_mentions=NO_MENTIONS,
            )

    async def _ask(self, asked: QuestionAsked, unix: int) -> None:
        await self._fix_stale()
        # the countdown runs from now: the game starts the question's time once it is posted
        unix = math.ceil(self._wallclock() + (asked.deadline - asked.asked_at))
        shown = _Shown(asked, unix)
        self._shown = shown
        embed = render.question_embed(asked, deadline_unix=unix, chat=self.chat)
        view = views.question_view(self.game_id, asked, chat=self.chat)
        options: dict[str, Any] = {"embed": embed, "allowed_mentions": NO_MENTIONS}
        if view is not None:
            options["view"] = view
        try:
            shown.message = await self.channel.send(**options)
        except Exception:
            log.exception("Game %s: question %s could not be posted", self.game_id, asked.index)
            await self._displayed(asked.index, False)
            return
        await self._displayed(asked.index, True)
        self._remember_message(shown.message.id)

    async def _displayed(self, index: int, ok: bool) -> None:
        """Tell the game that question ``index`` is on screen (or could not be shown)."""
        if self.on_display is None:
            return
        try:
            await self.on_display(index, ok)
        except Exception:
            # the game may have ended meanwhile: nothing to start or skip any more
            log.debug("Game %s: question %s display not taken", self.game_id, index, exc_info=True)

    async def _fix_stale(self) -> None:
        """Retry the closing edits that failed: no closed question may look open for long."""
        still: list[tuple[discord.Message, dict[str, Any]]] = []
        for message, edit in self._stale:
            try:
                await message.edit(**edit)
            except discord.HTTPException:
                still.append((message, edit))
        self._stale = still

    def _remember_message(self, message_id: int) -> None:
        """Store the question's message id in the background: the game never waits on it."""
        if self._remember is None:
            return
        self._latest_message_id = message_id
        if self._remembering is None or self._remembering.done():
            self._remembering = asyncio.create_task(self._store_latest())

    async def _store_latest(self) -> None:
        """Write the newest message id until none newer is waiting (the latest wins)."""
        assert self._remember is not None
        written: int | None = None
        while self._latest_message_id != written:
            written = self._latest_message_id
            if written is None:
                return
            try:
                await self._remember(written)
            except Exception:
                log.warning("Game %s: could not store its question's message id", self.game_id)
                return

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
        if closed.reason == "unseen":
            return  # nobody saw it: there is nothing to reveal
        shown = self._shown
        if shown is None or shown.asked.index != closed.index or shown.message is None:
            # the question never made it to Discord: post the reveal on its own
            await self._fix_stale()
            await self.channel.send(
                embed=render.reveal_embed(closed),
                view=views.closed_view(self.game_id, closed),
                allowed_mentions=NO_MENTIONS,
            )
            return
        question = render.question_embed(
            shown.asked, deadline_unix=None, hints=shown.hints, chat=self.chat
        )
        edit: dict[str, Any] = {
            "embeds": [question, render.reveal_embed(closed)],
            "view": views.closed_view(self.game_id, closed),
            "allowed_mentions": NO_MENTIONS,
        }
        try:
            await shown.message.edit(**edit)
        except discord.HTTPException as exc:
            # discord.py already waited out 429s and retried 5xx: try again before the next
            # message, so that the question does not keep looking open
            log.warning(
                "Game %s: question %s could not be closed yet (%s)", self.game_id, closed.index, exc
            )
            self._stale.append((shown.message, edit))
            return
        await self._fix_stale()
