"""Drives games in time, the only place that waits: a GameRunner per game, one GameRegistry."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import replace

from bot.engine.errors import ChannelBusy, GameError
from bot.engine.events import Event, FinishReason, GameFinished, QuestionAsked, QuestionClosed
from bot.engine.game import Game
from bot.engine.model import Player

log = logging.getLogger(__name__)

#: receives every event of one game, in order; awaited before the game moves on
Sink = Callable[[Event], Awaitable[None]]
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class GameCrashed(GameError):
    """The game hit an unexpected error and has ended (already logged with its traceback)."""


CRASH_MESSAGE = "Sorry, something went wrong and this game had to end."


class GameRunner:
    """Runs one Game as an asyncio task: ticks it on time and sends its events to the sink."""

    def __init__(
        self,
        game: Game,
        sink: Sink,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        name: str = "game",
    ) -> None:
        self.game = game
        self.name = name
        self._sink = sink
        self._clock = clock
        self._sleep = sleep
        # One lock orders everything sent to the sink: ticks and player commands never interleave.
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._crashed = False
        # the last question handed to the sink: the engine may be a question ahead of it
        self._shown = 0

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The task driving the game, once started."""
        return self._task

    @property
    def done(self) -> bool:
        """True once the game has finished (or crashed) and its task has returned."""
        return self._task is not None and self._task.done()

    def start(self) -> asyncio.Task[None]:
        """Start the game in a new task (call from a running event loop)."""
        if self._task is not None:
            raise GameError("The game has already started.")
        self._task = asyncio.create_task(self._run(), name=f"trivia:{self.name}")
        return self._task

    async def wait(self) -> GameFinished | None:
        """Wait for the game's task to end; the final event (None if it never finished)."""
        if self._task is not None:
            await asyncio.shield(self._task)
        return self.game.result

    # ----- player and moderator input: each returns the events it caused ---------------

    async def answer(self, player: Player, option: int, index: int | None = None) -> list[Event]:
        """A choice click (0-based option; ``index``: the question the button belongs to)."""
        return await self._command(lambda now: self.game.answer(player, option, now, index=index))

    async def guess(self, player: Player, text: str, index: int | None = None) -> list[Event]:
        """A typed guess (``index``: the question the modal was opened for, if known)."""
        return await self._command(lambda now: self.game.guess(player, text, now, index=index))

    async def join(self, player: Player) -> list[Event]:
        """Join without answering."""
        return await self._command(lambda now: self.game.join(player, now))

    async def skip(self, by: Player, allowed: bool) -> list[Event]:
        """Skip the open question (``allowed``: the front end's starter-or-moderator check)."""
        return await self._command(lambda now: self.game.skip(by, allowed, now))

    async def stop(self, by: Player, allowed: bool) -> list[Event]:
        """Stop the game (``allowed``: the front end's starter-or-moderator check)."""
        return await self._command(lambda now: self.game.stop(by, allowed, now))

    async def shown(self, index: int) -> list[Event]:
        """The front end put question ``index`` on screen: its time starts now."""
        return await self._command(lambda now: self.game.shown(index, now))

    async def unseen(self, index: int) -> list[Event]:
        """The front end could not show question ``index``: skip it, scoring nobody."""
        return await self._command(lambda now: self.game.unseen(index, now))

    async def forget(self, user_ids: Collection[int] | None = None) -> None:
        """Drop players (None: everyone) from the game: their data was removed."""
        async with self._lock:
            self.game.forget(user_ids)

    async def end(self, reason: FinishReason = "shutdown") -> list[Event]:
        """End the game for a system reason (shutdown); never raises, does nothing if over."""
        async with self._lock:
            try:
                events = self.game.end(reason, self._clock())
                await self._emit(events)
            except Exception as exc:
                await self._crash(exc)
                return []
            finally:
                self._wake.set()
        return events

    # ----- internals -------------------------------------------------------------------

    async def _command(self, call: Callable[[float], list[Event]]) -> list[Event]:
        """Run one input against the game at the current time and emit what it caused."""
        async with self._lock:
            if self._crashed:
                raise GameCrashed(CRASH_MESSAGE)
            try:
                # A GameError is the player's mistake: nothing changed, it goes back to them.
                events = call(self._clock())
            except GameError:
                raise
            except Exception as exc:
                await self._crash(exc)
                raise GameCrashed(CRASH_MESSAGE) from exc
            try:
                await self._emit(events)
            except Exception as exc:
                await self._crash(exc)
                raise GameCrashed(CRASH_MESSAGE) from exc
        # Wake the loop: the game may have closed early and its next deadline moved.
        self._wake.set()
        return events

    async def _emit(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, QuestionAsked):
                self._shown = event.index
            await self._sink(event)

    def _only_shown(self, events: list[Event]) -> list[Event]:
        """Drop what concerns a question the sink was never given (crash mid-batch).

        With no reveal pause a question's close and the next question's ask come in one
        batch: if the sink fails on the close, the engine has already asked the next one.
        Its reveal would show an answer nobody saw asked and store a round nobody played.
        """
        kept: list[Event] = []
        for event in events:
            if isinstance(event, QuestionClosed) and event.index > self._shown:
                continue
            if isinstance(event, GameFinished) and event.asked > self._shown:
                ranking = tuple(replace(row, asked=self._shown) for row in event.ranking)
                event = replace(event, asked=self._shown, ranking=ranking)
            kept.append(event)
        return kept

    async def _run(self) -> None:
        """Start the game, then tick it whenever its next deadline comes (or input arrives)."""
        try:
            async with self._lock:
                # Ended (stop_all) before the task got to run: nothing to start.
                if self.game.finished:
                    return
                await self._emit(self.game.start(self._clock()))
            while not self._crashed:
                self._wake.clear()
                deadline = self.game.next_deadline()
                if self.game.finished or deadline is None:
                    return
                delay = deadline - self._clock()
                if delay > 0:
                    await self._wait(delay)
                async with self._lock:
                    if self.game.finished or self._crashed:
                        return
                    events = self.game.tick(self._clock())
                    await self._emit(events)
                    # Guard against a game that never advances: that would spin the event loop.
                    later = self.game.next_deadline()
                    if not events and later is not None and later <= self._clock():
                        raise RuntimeError(f"game {self.name} did not advance at {later}")
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            async with self._lock:
                await self._crash(exc)

    async def _wait(self, delay: float) -> None:
        """Sleep ``delay`` seconds, or less if input arrives."""
        sleeper = asyncio.ensure_future(self._sleep(delay))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()
        if sleeper.done() and not sleeper.cancelled():
            error = sleeper.exception()
            if error is not None:
                raise error

    async def _crash(self, exc: BaseException) -> None:
        """Log the crash and end the game with GameFinished(reason="error"), best effort.

        Called with the lock held. After a crash the sink's last event is always a
        GameFinished(reason="error"), even if the game had finished before the sink failed.
        """
        if self._crashed:
            return
        self._crashed = True
        log.error("Trivia game %s crashed", self.name, exc_info=exc)
        try:
            events = self.game.end("error", self._clock())
        except Exception:
            log.exception("Trivia game %s could not be ended cleanly", self.name)
            events = []
        if not any(isinstance(e, GameFinished) for e in events):
            events.append(
                GameFinished(
                    reason="error",
                    ranking=self.game.ranking(),
                    asked=self.game.asked,
                    total=self.game.total,
                    at=self._clock(),
                )
            )
        try:
            for event in self._only_shown(events):
                try:
                    await self._sink(event)
                except Exception:
                    # Keep going: a later event (the end of the game) may still get through.
                    log.exception(
                        "Trivia game %s: the sink failed while ending the game", self.name
                    )
        finally:
            # Whatever the sink did, the game's task must wake up and finish now.
            self._wake.set()


#: a channel: (guild_id, channel_id)
ChannelKey = tuple[int, int]


class GameRegistry:
    """Every running game, one per (guild_id, channel_id); a game leaves when it ends."""

    def __init__(self, *, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep) -> None:
        self._clock = clock
        self._sleep = sleep
        self._runners: dict[ChannelKey, GameRunner] = {}

    def get(self, guild_id: int, channel_id: int) -> GameRunner | None:
        """The game running in this channel, if any."""
        return self._runners.get((guild_id, channel_id))

    def busy(self, guild_id: int, channel_id: int) -> bool:
        """True if a game is running in this channel."""
        return (guild_id, channel_id) in self._runners

    def in_guild(self, guild_id: int) -> list[GameRunner]:
        """The games running in one guild (for a per-guild limit)."""
        return [r for (g, _), r in self._runners.items() if g == guild_id]

    def __len__(self) -> int:
        return len(self._runners)

    async def forget(self, guild_id: int, user_id: int | None = None) -> int:
        """Drop a member (None: everyone) from every game of a guild; how many games ran there."""
        runners = self.in_guild(guild_id)
        for runner in runners:
            await runner.forget(None if user_id is None else (user_id,))
        return len(runners)

    def start(self, guild_id: int, channel_id: int, game: Game, sink: Sink) -> GameRunner:
        """Run ``game`` in this channel (ChannelBusy if one is already running there)."""
        key = (guild_id, channel_id)
        if key in self._runners:
            raise ChannelBusy("A game is already running in this channel.")
        runner = GameRunner(
            game, sink, clock=self._clock, sleep=self._sleep, name=f"{guild_id}/{channel_id}"
        )
        self._runners[key] = runner
        runner.start().add_done_callback(lambda task: self._finished(key, runner, task))
        return runner

    def _finished(self, key: ChannelKey, runner: GameRunner, task: asyncio.Task[None]) -> None:
        if self._runners.get(key) is runner:
            del self._runners[key]
        if not task.cancelled() and task.exception() is not None:
            log.error("Trivia game %s ended abnormally", runner.name, exc_info=task.exception())

    async def stop_all(self, reason: FinishReason = "shutdown") -> int:
        """End every game (each sink gets its GameFinished) and wait for them; how many ended."""
        runners = list(self._runners.values())
        await asyncio.gather(*(r.end(reason) for r in runners), return_exceptions=True)
        tasks = [r.task for r in runners if r.task is not None]
        await asyncio.gather(*tasks, return_exceptions=True)
        return len(runners)
