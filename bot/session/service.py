"""Every game of one front end: reservations, cooldowns, runners, recorders, stop and skip."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from bot.engine.errors import GameOver
from bot.engine.events import Event, QuestionClosed
from bot.engine.game import Game
from bot.engine.model import Player
from bot.recording import Notify, RetryingRecorder
from bot.runner import ChannelKey, Clock, GameRegistry, GameRunner, Sleep
from bot.session import rules
from bot.session.errors import CHANNEL_BUSY, RESTARTING, ChannelBusy, NoGameHere, Restarting
from bot.session.start import GamePlan, GameStore, start_recorded_game

log = logging.getLogger(__name__)

GAME_OVER = "This game is over."
#: the longest start cooldown a server may set: older starts can no longer matter
COOLDOWN_HORIZON = 3600.0

S = TypeVar("S", bound=rules.StartSettings)


class Screen(Protocol):
    """A front end's display of one game: a sink that shows events in its own time."""

    async def __call__(self, event: Event) -> None: ...
    async def tell(self, text: str) -> None: ...
    async def drain(self) -> None: ...
    @property
    def done(self) -> bool: ...


@dataclass(slots=True)
class Relay:
    """Passes a recorder's notices to the screen, once the front end has one."""

    target: Notify | None = None

    async def __call__(self, text: str) -> None:
        if self.target is not None:
            await self.target(text)


@dataclass(frozen=True, slots=True)
class PreparedGame:
    """A game checked, built and stored, waiting for ``launch`` (its channel is reserved)."""

    guild_id: int
    channel_id: int
    game_id: int
    game: Game
    plan: GamePlan
    recorder: RetryingRecorder
    relay: Relay = field(repr=False)


@dataclass(frozen=True, slots=True)
class _Running:
    guild_id: int
    channel_id: int
    runner: GameRunner


class SessionService(Generic[S]):
    """The games of one front end: start rules, bookkeeping, stop and skip, shutdown."""

    def __init__(
        self,
        *,
        store: GameStore,
        settings: Callable[[int], Awaitable[S]],
        clock: Clock,
        sleep: Sleep,
        wallclock: Clock,
    ) -> None:
        self.store = store
        #: a server's settings (the front end's cache or the store)
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.wallclock = wallclock
        self.registry = GameRegistry(clock=clock, sleep=sleep)
        self._reserved: set[ChannelKey] = set()
        self._last_start: dict[ChannelKey, float] = {}
        self._games: dict[int, _Running] = {}
        self._screens: dict[int, Screen] = {}
        self._recorders: dict[int, RetryingRecorder] = {}
        self._closing = False

    # ----- starting -------------------------------------------------------------------

    async def prepare(
        self,
        guild_id: int,
        channel_id: int,
        starter: Player,
        plan: Callable[[S], Awaitable[GamePlan]],
    ) -> PreparedGame:
        """Check the start rules, let ``plan`` choose the game, store it; raise why not.

        The channel stays reserved until ``launch`` or ``abandon``.
        """
        key = (guild_id, channel_id)
        if self._closing:
            raise Restarting(RESTARTING)
        if self.registry.busy(guild_id, channel_id) or key in self._reserved:
            raise ChannelBusy(CHANNEL_BUSY)
        self._reserved.add(key)
        try:
            return await self._prepare(guild_id, channel_id, starter, plan)
        except BaseException:
            self._reserved.discard(key)
            raise

    async def _prepare(
        self,
        guild_id: int,
        channel_id: int,
        starter: Player,
        plan: Callable[[S], Awaitable[GamePlan]],
    ) -> PreparedGame:
        settings = await self.settings(guild_id)
        rules.check_channel(settings, channel_id)
        rules.check_limit(settings, self.running_in_guild(guild_id, besides=channel_id))
        rules.check_cooldown(settings, self._last_start.get((guild_id, channel_id)), self.clock())
        chosen = await plan(settings)
        relay = Relay()

        def recorder(game_id: int) -> RetryingRecorder:
            return RetryingRecorder(
                self.store,
                game_id,
                guild_id,
                sleep=self.sleep,
                wallclock=self.wallclock,
                notify=relay,
            )

        game, recording = await start_recorded_game(
            self.store,
            guild_id,
            channel_id,
            chosen,
            starter,
            wallclock=self.wallclock,
            recorder=recorder,
        )
        return PreparedGame(guild_id, channel_id, recording.game_id, game, chosen, recording, relay)

    def running_in_guild(self, guild_id: int, *, besides: int | None = None) -> int:
        """Games running or being prepared in a server (not counting channel ``besides``)."""
        reserved = sum(1 for g, c in self._reserved if g == guild_id and c != besides)
        return len(self.registry.in_guild(guild_id)) + reserved

    def launch(self, prepared: PreparedGame, screen: Screen) -> GameRunner:
        """Run a prepared game: each event is recorded first, then shown on ``screen``."""
        key = (prepared.guild_id, prepared.channel_id)
        prepared.relay.target = screen.tell
        try:
            runner = self.registry.start(*key, prepared.game, _recorded(prepared.recorder, screen))
        finally:
            self._reserved.discard(key)
        self._forget_old_starts()
        self._last_start[key] = self.clock()
        self._sweep_screens()
        game_id = prepared.game_id
        self._games[game_id] = _Running(prepared.guild_id, prepared.channel_id, runner)
        self._screens[game_id] = screen
        self._recorders[game_id] = prepared.recorder
        assert runner.task is not None
        runner.task.add_done_callback(lambda _: self._games.pop(game_id, None))
        return runner

    async def abandon(self, prepared: PreparedGame) -> None:
        """Give up a prepared game the front end could not announce (stored as an error)."""
        self._reserved.discard((prepared.guild_id, prepared.channel_id))
        try:
            await self.store.finish_game(prepared.game_id, "error", self.wallclock(), 0)
        except Exception:
            log.exception("Could not mark game %s as abandoned", prepared.game_id)

    def _forget_old_starts(self) -> None:
        """Drop cooldowns that can no longer matter."""
        horizon = self.clock() - COOLDOWN_HORIZON
        for key in [k for k, at in self._last_start.items() if at < horizon]:
            del self._last_start[key]

    def _sweep_screens(self) -> None:
        for game_id in [g for g, screen in self._screens.items() if screen.done]:
            del self._screens[game_id]
            self._recorders.pop(game_id, None)

    # ----- finding games --------------------------------------------------------------

    def get(self, guild_id: int, channel_id: int) -> GameRunner | None:
        """The game running in this channel, if any."""
        return self.registry.get(guild_id, channel_id)

    def runner_for_game(
        self, game_id: int, guild_id: int | None, channel_id: int | None
    ) -> GameRunner:
        """The running game with this id in this guild and channel (GameOver otherwise).

        A game id from a client is only a number it sends back: one "from" another channel
        (or server) gets the same refusal as a finished game, and nothing is recorded.
        """
        found = self._games.get(game_id)
        if (
            found is None
            or found.runner.done
            or (found.guild_id, found.channel_id) != (guild_id, channel_id)
        ):
            raise GameOver(GAME_OVER)
        return found.runner

    def running_in(self, guild_id: int, channel_id: int) -> GameRunner:
        """The game running in this channel (NoGameHere if there is none)."""
        runner = self.registry.get(guild_id, channel_id)
        if runner is None or runner.game.finished:
            raise NoGameHere()
        return runner

    # ----- starter and moderators -----------------------------------------------------

    async def stop(self, guild_id: int, channel_id: int, by: Player, moderator: bool) -> None:
        """Stop this channel's game (its starter or a moderator; NotAllowed otherwise)."""
        runner = self.running_in(guild_id, channel_id)
        await runner.stop(by, rules.may_control(runner.game.starter, by, moderator))

    async def skip(self, guild_id: int, channel_id: int, by: Player, moderator: bool) -> int:
        """Skip the open question (its starter or a moderator); the question's number."""
        runner = self.running_in(guild_id, channel_id)
        events = await runner.skip(by, rules.may_control(runner.game.starter, by, moderator))
        closed = next((e for e in events if isinstance(e, QuestionClosed)), None)
        return closed.index if closed else runner.game.index

    async def forget(self, guild_id: int, user_id: int | None) -> int:
        """Drop a member (None: everyone) from the server's running games; how many ran there."""
        return await self.registry.forget(guild_id, user_id)

    # ----- shutdown -------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        """True once shutdown began: no game starts any more."""
        return self._closing

    async def shutdown(self) -> int:
        """End every game (its screen is told, its scores kept); how many were running."""
        self._closing = True
        ended = await self.registry.stop_all("shutdown")
        screens = list(self._screens.values())
        await asyncio.gather(*(screen.drain() for screen in screens), return_exceptions=True)
        for recorder in self._recorders.values():
            recorder.cancel()
        self._screens.clear()
        self._recorders.clear()
        if ended:
            log.info("Stopped %d running trivia game(s) for shutdown", ended)
        return ended


def _recorded(recorder: RetryingRecorder, screen: Screen) -> Callable[[Event], Awaitable[None]]:
    """One sink: the recorder first (it only queues the writes), then the screen.

    The screen is told even if the recorder raised (it should not: it saves in its own task).
    """

    async def forward(event: Event) -> None:
        try:
            await recorder(event)
        finally:
            await screen(event)

    return forward
