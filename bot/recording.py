"""The sink that keeps a game's scores: each closed question is written before the next is asked."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from bot.engine.events import Event, FinishReason, GameFinished, QuestionClosed
from bot.engine.model import AnswerRecord
from bot.runner import Clock, Sink, Sleep

log = logging.getLogger(__name__)


class RecordStore(Protocol):
    """What a recorder asks of storage: a closed question's answers, then the game's end."""

    async def record_question(
        self,
        game_id: int,
        guild_id: int,
        records: Sequence[AnswerRecord],
        at: float,
        *,
        question_key: str | None = None,
    ) -> None: ...

    async def finish_game(
        self, game_id: int, status: FinishReason, at: float, asked: int
    ) -> None: ...


class GameRecorder:
    """A sink that writes QuestionClosed results and the game's end to the store.

    It is meant to run first in a chain of sinks: the runner awaits it, so a question's
    answers are committed before anything else (the next question included) happens.
    """

    def __init__(
        self,
        store: RecordStore,
        game_id: int,
        guild_id: int,
        *,
        wallclock: Clock = time.time,
    ) -> None:
        self.store = store
        self.game_id = game_id
        self.guild_id = guild_id
        self.wallclock = wallclock
        self.finished = False

    async def __call__(self, event: Event) -> None:
        """Write what must survive a crash; ignore the rest (a question nobody saw included)."""
        if isinstance(event, QuestionClosed) and event.reason != "unseen":
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


#: waits between attempts at a write the database refused (about a minute in all)
RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 15.0, 15.0)

Notify = Callable[[str], Awaitable[None]]


def retryable(error: BaseException) -> bool:
    """A fault that may pass: the database is locked, busy, full or failed an I/O.

    The one place outside ``bot.store`` that knows the SQL driver's error type (the chat
    layer asks here too); the store port is to offer a backend-neutral one.
    """
    return isinstance(error, sqlite3.OperationalError)


def lost_message(index: int) -> str:
    """What a channel is told when a question's answers could not be saved."""
    return (
        f"⚠️ Question {index}'s answers could not be saved: the database refused them for "
        "a minute. They count in this game's ranking, not on the leaderboard."
    )


class RetryingRecorder:
    """A sink that saves a game's questions and end in order, in its own task.

    The game never waits for the database: a write it refuses (locked, busy, full) is kept
    and retried with back-off for about a minute while the game goes on. Only when the
    retries are exhausted is the question given up: ``notify`` tells the channel exactly
    which one, and the error is logged. ``settled`` waits for everything to be decided.
    """

    def __init__(
        self,
        store: RecordStore,
        game_id: int,
        guild_id: int,
        *,
        sleep: Sleep,
        wallclock: Clock = time.time,
        notify: Notify | None = None,
        delays: tuple[float, ...] = RETRY_DELAYS,
    ) -> None:
        self.store = store
        self.game_id = game_id
        self.guild_id = guild_id
        self.wallclock = wallclock
        self._sleep = sleep
        self._notify = notify
        self._delays = delays
        self._queue: asyncio.Queue[tuple[Event, float]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._finished = False
        #: the questions whose answers could not be saved
        self.lost: list[int] = []
        #: whether the game's end was written (None until the game ends)
        self.end_saved: bool | None = None

    async def __call__(self, event: Event) -> None:
        """Queue what must be saved (with the time it happened); never waits, never raises."""
        if isinstance(event, GameFinished):
            if self._finished:
                return
            self._finished = True
        elif not isinstance(event, QuestionClosed) or event.reason == "unseen":
            return
        self._queue.put_nowait((event, self.wallclock()))
        if self._task is None:
            self._task = asyncio.create_task(self._work(), name=f"trivia-record:{self.game_id}")

    @property
    def pending(self) -> int:
        """How many writes are waiting or being retried."""
        return self._queue.qsize() + (0 if self._task is None or self._task.done() else 1)

    async def settled(self) -> tuple[int, ...]:
        """Wait until every queued write is saved or given up; the lost questions."""
        if self._task is not None:
            await asyncio.shield(self._task)
        return tuple(self.lost)

    def cancel(self) -> None:
        """Give up what is still waiting (shutdown)."""
        if self._task is not None and not self._task.done():
            log.warning("Game %s: %d write(s) given up at shutdown", self.game_id, self.pending)
            self._task.cancel()

    async def _work(self) -> None:
        while True:
            event, at = await self._queue.get()
            if isinstance(event, QuestionClosed):
                await self._save_question(event, at)
                continue
            if isinstance(event, GameFinished):
                await self._save_end(event, at)
                return

    async def _save_question(self, closed: QuestionClosed, at: float) -> None:
        async def write() -> None:
            await self.store.record_question(
                self.game_id, self.guild_id, closed.results, at, question_key=closed.question.key
            )

        if await self._attempt(write, f"question {closed.index}"):
            return
        self.lost.append(closed.index)
        if self._notify is not None:
            try:
                await self._notify(lost_message(closed.index))
            except Exception:
                log.exception(
                    "Game %s: could not tell the channel about a lost question", self.game_id
                )

    async def _save_end(self, finished: GameFinished, at: float) -> None:
        async def write() -> None:
            await self.store.finish_game(self.game_id, finished.reason, at, finished.asked)

        self.end_saved = await self._attempt(write, "the end")
        if not self.end_saved:
            log.error(
                "Game %s: its end could not be saved; the next start marks it interrupted",
                self.game_id,
            )

    async def _attempt(self, write: Callable[[], Awaitable[None]], what: str) -> bool:
        """Run ``write``, retrying while the database refuses it; False once given up."""
        for attempt, delay in enumerate((*self._delays, None), start=1):
            try:
                await write()
                return True
            except Exception as exc:
                if not retryable(exc) or delay is None:
                    log.error(
                        "Game %s: %s could not be saved after %d attempt(s)",
                        self.game_id,
                        what,
                        attempt,
                        exc_info=exc,
                    )
                    return False
                log.warning(
                    "Game %s: saving %s failed (%s); retrying in %.1f s",
                    self.game_id,
                    what,
                    exc,
                    delay,
                )
            await self._sleep(delay)
        return False
