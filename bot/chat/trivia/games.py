"""The game service: starts games with a server's settings and limits, routes players' input."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord.ext import commands

from bot.chat.catalog import Catalog
from bot.chat.errors import UserFacingError
from bot.chat.trivia import render
from bot.chat.trivia.modals import AnswerModal, ReportModal
from bot.chat.trivia.sink import GameMessages
from bot.chat.trivia.views import ANSWER, resolve_ref
from bot.engine.config import GameConfig
from bot.engine.errors import GameError, GameOver, QuestionNotOpen
from bot.engine.events import AnswerLocked, Event, GuessJudged, QuestionClosed
from bot.engine.game import Game, Phase, new_game
from bot.engine.model import Player
from bot.recording import RetryingRecorder
from bot.runner import GameRegistry, GameRunner
from bot.store.errors import AlreadyReported

if TYPE_CHECKING:
    from bot.store import Store
    from bot.store.types import GuildSettings

log = logging.getLogger(__name__)

COG_NAME = "Trivia"
MODES: tuple[str, ...] = ("choice", "typed", "typed-chat")
#: how many recently asked questions of a channel a new game tries not to repeat
RECENT_QUESTIONS = 200

TYPED_CHAT_OFF = (
    "Typed-chat mode is not enabled on this bot. To turn it on, the bot's owner sets "
    "TRIVIA_TYPED_ANSWERS=1 and enables the Message Content intent in the Discord Developer "
    "Portal (Bot → Privileged Gateway Intents), then restarts the bot. Meanwhile `mode: typed` "
    "(answers in a pop-up) works everywhere."
)
NO_GAME_HERE = "No game is running in this channel."
GAME_OVER = "This game is over."
ALREADY_REPORTED = "You already reported this question: the moderators have it. Thank you!"
RESTARTING = "The bot is restarting: try again in a minute."

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
ChannelKey = tuple[int, int]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StartOptions:
    """What /trivia start was given; None means "the server's default"."""

    pack: str | None = None
    category: str | None = None
    questions: int | None = None
    mode: str | None = None
    seconds: int | None = None
    up_to_episode: int | None = None


@dataclass(frozen=True, slots=True)
class PreparedGame:
    """A game checked, built and stored, waiting for ``launch`` (the channel is reserved)."""

    guild_id: int
    channel_id: int
    game_id: int
    game: Game
    mode: str
    announcement: str


def player_of(user: discord.abc.User) -> Player:
    """The engine's Player for a Discord user (their name as shown in the server)."""
    return Player(user.id, user.display_name)


def service_of(client: discord.Client) -> GameService:
    """The running GameService of a bot (raises a user-facing error if the cog is not loaded)."""
    cog = client.get_cog(COG_NAME) if isinstance(client, commands.Bot) else None
    service = getattr(cog, "service", None)
    if not isinstance(service, GameService):
        raise UserFacingError("Trivia is not available right now: try again in a minute.")
    return service


class GameService:
    """Every game of one bot: the registry, per-channel cooldowns, and each game's sink."""

    def __init__(
        self,
        *,
        store: Store,
        catalog: Catalog,
        typed_chat: bool,
        clock: Clock,
        sleep: Sleep,
        wallclock: Clock,
        settings: Callable[[int], Awaitable[GuildSettings]] | None = None,
    ) -> None:
        self.store = store
        #: a server's settings (the bot's in-memory cache; the store if none is given)
        self.settings = settings or store.get_settings
        self.catalog = catalog
        self.typed_chat = typed_chat
        self.clock = clock
        self.wallclock = wallclock
        self.sleep = sleep
        self.registry = GameRegistry(clock=clock, sleep=sleep)
        self._reserved: set[ChannelKey] = set()
        self._last_start: dict[ChannelKey, float] = {}
        self._games: dict[int, tuple[int, GameRunner, int]] = {}
        self._sinks: dict[int, GameMessages] = {}
        self._recorders: dict[int, RetryingRecorder] = {}
        self._closing = False

    # ----- starting -------------------------------------------------------------------

    async def prepare(
        self, guild_id: int, channel_id: int, starter: Player, options: StartOptions
    ) -> PreparedGame:
        """Check every limit, pick the questions and store the game; raise why not otherwise."""
        key = (guild_id, channel_id)
        if self._closing:
            raise UserFacingError(RESTARTING)
        if self.registry.busy(guild_id, channel_id) or key in self._reserved:
            raise UserFacingError(
                "A game is already running in this channel: join in, or wait for it to end."
            )
        self._reserved.add(key)
        try:
            return await self._prepare(guild_id, channel_id, starter, options)
        except BaseException:
            self._reserved.discard(key)
            raise

    async def _prepare(
        self, guild_id: int, channel_id: int, starter: Player, options: StartOptions
    ) -> PreparedGame:
        settings = await self.settings(guild_id)
        allowed = settings.allowed_channel_ids
        if allowed and channel_id not in allowed:
            where = ", ".join(f"<#{c}>" for c in allowed[:20])
            raise UserFacingError(f"Games can't be started in this channel. Try: {where}.")
        running = len(self.registry.in_guild(guild_id)) + sum(
            1 for g, c in self._reserved if g == guild_id and c != channel_id
        )
        if running >= settings.max_games:
            raise UserFacingError(
                f"This server already has {running} game{'s' if running != 1 else ''} running "
                f"(its limit is {settings.max_games}): wait for one to end."
            )
        last = self._last_start.get((guild_id, channel_id))
        if last is not None and settings.start_cooldown > 0:
            wait = last + settings.start_cooldown - self.clock()
            if wait > 0:
                raise UserFacingError(
                    f"A game was started here a moment ago: wait {math.ceil(wait)} s "
                    "before starting another one."
                )
        mode = options.mode or settings.default_mode
        if mode not in MODES:
            raise UserFacingError(f"Unknown mode {render.safe(mode)!r}: use choice or typed.")
        if mode == "typed-chat" and not self.typed_chat:
            raise UserFacingError(TYPED_CHAT_OFF)
        bank = await self.catalog.bank_for(guild_id)
        pack = self._find_pack(bank.packs, options.pack)
        packs = [pack] if pack else None
        category = self._find_category(bank.categories(packs), options.category)
        candidates = await self.catalog.playable(guild_id, packs, category)
        config = GameConfig(
            questions=options.questions or settings.questions,
            seconds=float(options.seconds or settings.seconds),
            mode="choice" if mode == "choice" else "typed",
            guess_style="public" if mode == "typed-chat" else "private",
            streak_bonus=settings.streak_bonus,
            up_to_episode=options.up_to_episode,
            # Question 1 runs its full time so that a channel's players can all join.
            early_close_from=2,
            # a question's time starts when Discord has it on screen
            wait_for_display=True,
        )
        recent = await self.store.recent_question_keys(guild_id, channel_id, RECENT_QUESTIONS)
        game = new_game(candidates, config, recent=recent, starter=starter)
        chosen_packs = [pack] if pack else sorted({q.pack for q in candidates})
        game_id = await self.store.create_game(
            guild_id, channel_id, chosen_packs, mode, starter, self.wallclock()
        )
        game.game_id = game_id
        text = render.announcement(
            starter=starter.name,
            total=game.total,
            mode=mode,
            seconds=config.seconds,
            pack_title=bank.packs[pack].title if pack else None,
            category=category,
            up_to_episode=options.up_to_episode,
        )
        return PreparedGame(guild_id, channel_id, game_id, game, mode, text)

    @staticmethod
    def _find_pack(packs: Any, wanted: str | None) -> str | None:
        """The slug of the pack named ``wanted`` (by slug or title, any case)."""
        if not wanted:
            return None
        if wanted in packs:
            return str(wanted)
        folded = wanted.strip().casefold()
        for slug, pack in packs.items():
            if folded in (slug.casefold(), pack.title.casefold()):
                return str(slug)
        raise UserFacingError(
            f"There is no pack named “{render.clip(render.safe(wanted), 100)}” here: "
            "`/trivia packs` lists them."
        )

    @staticmethod
    def _find_category(categories: list[str], wanted: str | None) -> str | None:
        """The category named ``wanted`` (any case) among ``categories``."""
        if not wanted:
            return None
        folded = wanted.strip().casefold()
        for category in categories:
            if category.casefold() == folded:
                return category
        raise UserFacingError(
            f"There is no category “{render.clip(render.safe(wanted), 100)}” in that choice of "
            f"packs. Categories: {', '.join(categories) or 'none'}."
        )

    def launch(self, prepared: PreparedGame, channel: discord.abc.Messageable) -> GameRunner:
        """Start a prepared game: its questions go to ``channel``, its scores to the store."""
        key = (prepared.guild_id, prepared.channel_id)
        sink = GameMessages(
            channel,
            prepared.game_id,
            chat=prepared.mode == "typed-chat",
            clock=self.clock,
            wallclock=self.wallclock,
            remember=lambda message_id: self.store.set_game_message(prepared.game_id, message_id),
            settled=lambda: recorder.settled(),
        )
        recorder = RetryingRecorder(
            self.store,
            prepared.game_id,
            prepared.guild_id,
            sleep=self.sleep,
            wallclock=self.wallclock,
            notify=sink.tell,
        )
        try:
            runner = self.registry.start(*key, prepared.game, _recorded(recorder, sink))
        finally:
            self._reserved.discard(key)
        sink.on_display = lambda index, ok: runner.shown(index) if ok else runner.unseen(index)
        self._forget_old_starts()
        self._last_start[key] = self.clock()
        self._sweep_sinks()
        self._games[prepared.game_id] = (prepared.guild_id, runner, prepared.channel_id)
        self._sinks[prepared.game_id] = sink
        self._recorders[prepared.game_id] = recorder
        assert runner.task is not None
        runner.task.add_done_callback(lambda _: self._games.pop(prepared.game_id, None))
        return runner

    async def abandon(self, prepared: PreparedGame) -> None:
        """Give up a prepared game that could not be announced (it is stored as an error)."""
        self._reserved.discard((prepared.guild_id, prepared.channel_id))
        try:
            await self.store.finish_game(prepared.game_id, "error", self.wallclock(), 0)
        except Exception:
            log.exception("Could not mark game %s as abandoned", prepared.game_id)

    def _forget_old_starts(self) -> None:
        """Drop cooldowns that can no longer matter (the longest allowed is an hour)."""
        horizon = self.clock() - 3600
        for key in [k for k, at in self._last_start.items() if at < horizon]:
            del self._last_start[key]

    def _sweep_sinks(self) -> None:
        for game_id in [g for g, sink in self._sinks.items() if sink.done]:
            del self._sinks[game_id]
            self._recorders.pop(game_id, None)

    # ----- finding games --------------------------------------------------------------

    def runner_for_game(
        self, game_id: int, guild_id: int | None, channel_id: int | None
    ) -> GameRunner:
        """The running game with this id in this guild and channel (GameOver otherwise).

        A button id is only a number a client sends back: a click "from" another channel
        (or server) gets the same refusal as a finished game, and nothing is recorded.
        """
        found = self._games.get(game_id)
        if found is None or found[1].done or (found[0], found[2]) != (guild_id, channel_id):
            raise GameOver(GAME_OVER)
        return found[1]

    def running_in(self, guild_id: int, channel_id: int) -> GameRunner:
        """The game running in this channel (a user-facing error if there is none)."""
        runner = self.registry.get(guild_id, channel_id)
        if runner is None or runner.game.finished:
            raise UserFacingError(NO_GAME_HERE)
        return runner

    # ----- players' input -------------------------------------------------------------

    async def on_game_button(
        self,
        interaction: discord.Interaction[Any],
        game_id: int,
        index: int,
        choice: str,
        label: str | None = None,
    ) -> None:
        """An option click (answered privately) or the Answer button (opens the modal).

        ``label``: the clicked button's text when the caller already knows it (route.py)."""
        runner = self.runner_for_game(game_id, interaction.guild_id, interaction.channel_id)
        if choice == ANSWER:
            game = runner.game
            if game.index != index or game.phase is not Phase.OPEN:
                raise QuestionNotOpen("This question is closed.")
            await interaction.response.send_modal(AnswerModal(self, game_id, index))
            return
        events = await runner.answer(player_of(interaction.user), int(choice), index=index)
        locked = _first(events, AnswerLocked)
        option = label or _option_text(interaction, locked.option if locked else int(choice))
        await interaction.response.send_message(
            render.locked_in(int(choice), option), ephemeral=True
        )

    async def guess(
        self, interaction: discord.Interaction[Any], game_id: int, index: int, text: str
    ) -> str:
        """A typed guess from the Answer modal; the private reply."""
        runner = self.runner_for_game(game_id, interaction.guild_id, interaction.channel_id)
        events = await runner.guess(player_of(interaction.user), text, index=index)
        judged = _first(events, GuessJudged)
        if judged is None:
            raise QuestionNotOpen("This question is closed.")
        return render.guess_reply(judged)

    async def chat_guess(self, guild_id: int, channel_id: int, player: Player, text: str) -> bool:
        """A chat message in a typed-chat game: True if it won the question (wrong: silence)."""
        runner = self.registry.get(guild_id, channel_id)
        if runner is None:
            return False
        config = runner.game.config
        if config.mode != "typed" or config.guess_style != "public":
            return False
        try:
            events = await runner.guess(player, text)
        except GameError:
            return False
        judged = _first(events, GuessJudged)
        return judged is not None and judged.correct

    async def on_report_button(self, interaction: discord.Interaction[Any], ref: str) -> None:
        """Open the Report modal for the question a reveal's Report button points at."""
        if interaction.guild_id is None:
            raise UserFacingError("Questions can only be reported in a server.")
        key = resolve_ref(ref, await self.catalog.bank_for(interaction.guild_id))
        if key is None:
            raise UserFacingError("I can't find that question any more, so it can't be reported.")
        await interaction.response.send_modal(ReportModal(self, key))

    async def report(
        self, interaction: discord.Interaction[Any], question_key: str, reason: str
    ) -> int:
        """Store a player's report of a question; its id."""
        if interaction.guild_id is None:
            raise UserFacingError("Questions can only be reported in a server.")
        text = reason.strip()
        if not text:
            raise UserFacingError("Please say what is wrong with the question.")
        try:
            return await self.store.add_report(
                interaction.guild_id, question_key, interaction.user.id, text, self.wallclock()
            )
        except AlreadyReported:
            raise UserFacingError(ALREADY_REPORTED) from None

    # ----- starter and moderators -----------------------------------------------------

    async def stop(self, guild_id: int, channel_id: int, by: Player, moderator: bool) -> None:
        """Stop this channel's game (its starter or a moderator; NotAllowed otherwise)."""
        runner = self.running_in(guild_id, channel_id)
        await runner.stop(by, moderator or _started(runner, by))

    async def skip(self, guild_id: int, channel_id: int, by: Player, moderator: bool) -> int:
        """Skip the open question (its starter or a moderator); the question's number."""
        runner = self.running_in(guild_id, channel_id)
        events = await runner.skip(by, moderator or _started(runner, by))
        closed = _first(events, QuestionClosed)
        return closed.index if closed else runner.game.index

    # ----- shutdown -------------------------------------------------------------------

    async def shutdown(self) -> int:
        """End every game (its channel is told, its scores kept); how many were running."""
        self._closing = True
        ended = await self.registry.stop_all("shutdown")
        sinks = list(self._sinks.values())
        await asyncio.gather(*(sink.drain() for sink in sinks), return_exceptions=True)
        for recorder in self._recorders.values():
            recorder.cancel()
        self._sinks.clear()
        self._recorders.clear()
        if ended:
            log.info("Stopped %d running trivia game(s) for shutdown", ended)
        return ended


def _recorded(recorder: RetryingRecorder, sink: GameMessages) -> Callable[[Event], Awaitable[None]]:
    """One sink: the recorder first (it only queues the writes), then the channel's messages.

    The channel is told even if the recorder raised (it should not: it saves in its own task).
    """

    async def forward(event: Event) -> None:
        try:
            await recorder(event)
        finally:
            await sink(event)

    return forward


def _first(events: list[Event], kind: type[T]) -> T | None:
    """The first event of one type."""
    return next((e for e in events if isinstance(e, kind)), None)


def _started(runner: GameRunner, by: Player) -> bool:
    starter = runner.game.starter
    return starter is not None and starter.user_id == by.user_id


def _option_text(interaction: discord.Interaction[Any], option: int) -> str:
    """The clicked option's text, from the clicked message's button."""
    message = interaction.message
    if message is not None:
        buttons = [c for row in message.components for c in getattr(row, "children", [])]
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = data.get("custom_id")
        for button in buttons:
            if getattr(button, "custom_id", None) == custom_id and button.label:
                return str(button.label)
    return render.LETTERS[option]
