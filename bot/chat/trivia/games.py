"""The Discord side of games: /trivia start's options, buttons, modals and replies.

The rules (limits, cooldowns, reservations, recording, stop and skip) are the session
service's (``bot.session``); this module turns Discord input into its calls.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.chat.catalog import Catalog
from bot.chat.cogs import cog_of
from bot.chat.errors import UserFacingError
from bot.chat.trivia import render
from bot.chat.trivia.modals import AnswerModal, ReportModal
from bot.chat.trivia.sink import GameMessages
from bot.chat.trivia.views import ANSWER, resolve_ref
from bot.engine.config import GameConfig
from bot.engine.errors import GameError, QuestionNotOpen
from bot.engine.events import AnswerLocked, Event, GuessJudged
from bot.engine.game import Phase
from bot.engine.model import Player
from bot.runner import Clock, GameRunner, Sleep
from bot.session import rules
from bot.session.errors import ChannelNotAllowed, UnknownMode
from bot.session.service import PreparedGame, SessionService
from bot.session.start import GamePlan
from bot.store.errors import AlreadyReported

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.store import Store
    from bot.store.types import GuildSettings

log = logging.getLogger(__name__)

COG_NAME = "Trivia"

TYPED_CHAT_OFF = (
    "Typed-chat mode is not enabled on this bot. To turn it on, the bot's owner sets "
    "TRIVIA_TYPED_ANSWERS=1 and enables the Message Content intent in the Discord Developer "
    "Portal (Bot → Privileged Gateway Intents), then restarts the bot. Meanwhile `mode: typed` "
    "(answers in a pop-up) works everywhere."
)
ALREADY_REPORTED = "You already reported this question: the moderators have it. Thank you!"

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
class AnnouncedGame:
    """A prepared game and the message that announces it."""

    prepared: PreparedGame
    announcement: str

    @property
    def game_id(self) -> int:
        """The stored game's id."""
        return self.prepared.game_id

    @property
    def guild_id(self) -> int:
        """The server the game runs in."""
        return self.prepared.guild_id

    @property
    def channel_id(self) -> int:
        """The channel the game runs in."""
        return self.prepared.channel_id

    @property
    def mode(self) -> str:
        """The game's mode (typed-chat included)."""
        return self.prepared.plan.mode


def player_of(user: discord.abc.User) -> Player:
    """The engine's Player for a Discord user (their name as shown in the server)."""
    return Player(user.id, user.display_name)


def service_of(client: discord.Client) -> GameService:
    """The running GameService of a bot (raises a user-facing error if the cog is not loaded)."""
    cog = cog_of(client, COG_NAME)
    service = getattr(cog, "service", None)
    if not isinstance(service, GameService):
        raise UserFacingError("Trivia is not available right now: try again in a minute.")
    return service


class GameService:
    """The Discord adapter of one bot's games: the session service plus Discord's replies."""

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
        self.catalog = catalog
        self.typed_chat = typed_chat
        self.clock = clock
        self.wallclock = wallclock
        #: the rules and bookkeeping of every game (front-end neutral)
        self.sessions: SessionService[GuildSettings] = SessionService(
            store=store,
            settings=settings or store.get_settings,
            clock=clock,
            sleep=sleep,
            wallclock=wallclock,
        )

    # ----- starting -------------------------------------------------------------------

    async def prepare(
        self, guild_id: int, channel_id: int, starter: Player, options: StartOptions
    ) -> AnnouncedGame:
        """Check every limit, pick the questions and store the game; raise why not otherwise."""
        # what the announcement names, found while the plan is made
        pack_title: str | None = None
        category: str | None = None

        async def plan(settings: GuildSettings) -> GamePlan:
            nonlocal pack_title, category
            try:
                mode = rules.resolve_mode(options.mode, settings)
            except UnknownMode as exc:
                raise UserFacingError(
                    f"Unknown mode {render.safe(exc.mode)!r}: use choice or typed."
                ) from None
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
            pack_title = bank.packs[pack].title if pack else None
            chosen: Sequence[str] = [pack] if pack else sorted({q.pack for q in candidates})
            return GamePlan(candidates, config, chosen, mode)

        try:
            prepared = await self.sessions.prepare(guild_id, channel_id, starter, plan)
        except ChannelNotAllowed as exc:
            where = ", ".join(f"<#{c}>" for c in exc.allowed[:20])
            raise UserFacingError(f"{exc.message} Try: {where}.") from None
        try:
            text = render.announcement(
                starter=starter.name,
                total=prepared.game.total,
                mode=prepared.plan.mode,
                seconds=prepared.plan.config.seconds,
                pack_title=pack_title,
                category=category,
                up_to_episode=options.up_to_episode,
            )
        except BaseException:
            await self.sessions.abandon(prepared)
            raise
        return AnnouncedGame(prepared, text)

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

    def launch(self, announced: AnnouncedGame, channel: discord.abc.Messageable) -> GameRunner:
        """Start a prepared game: its questions go to ``channel``, its scores to the store."""
        prepared = announced.prepared
        sink = GameMessages(
            channel,
            prepared.game_id,
            chat=prepared.plan.mode == "typed-chat",
            clock=self.clock,
            wallclock=self.wallclock,
            remember=lambda message_id: self.store.set_game_message(prepared.game_id, message_id),
            settled=prepared.recorder.settled,
        )
        runner = self.sessions.launch(prepared, sink)
        sink.on_display = lambda index, ok: runner.shown(index) if ok else runner.unseen(index)
        return runner

    async def abandon(self, announced: AnnouncedGame) -> None:
        """Give up a prepared game that could not be announced (it is stored as an error)."""
        await self.sessions.abandon(announced.prepared)

    # ----- finding games --------------------------------------------------------------

    def runner_for_game(
        self, game_id: int, guild_id: int | None, channel_id: int | None
    ) -> GameRunner:
        """The running game with this id in this guild and channel (GameOver otherwise)."""
        return self.sessions.runner_for_game(game_id, guild_id, channel_id)

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
        runner = self.sessions.get(guild_id, channel_id)
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
        await self.sessions.stop(guild_id, channel_id, by, moderator)

    async def skip(self, guild_id: int, channel_id: int, by: Player, moderator: bool) -> int:
        """Skip the open question (its starter or a moderator); the question's number."""
        return await self.sessions.skip(guild_id, channel_id, by, moderator)

    # ----- shutdown -------------------------------------------------------------------

    async def shutdown(self) -> int:
        """End every game (its channel is told, its scores kept); how many were running."""
        return await self.sessions.shutdown()


def _first(events: list[Event], kind: type[T]) -> T | None:
    """The first event of one type."""
    return next((e for e in events if isinstance(e, kind)), None)


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
