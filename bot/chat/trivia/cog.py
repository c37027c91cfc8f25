"""/trivia: start, stop, skip, leaderboard, stats and packs; typed-chat guesses from the chat."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.daily.cog import service_of as daily_service
from bot.chat.daily.cog import streak_line
from bot.chat.errors import UserFacingError, defer_publicly, in_time, reply, send_deferred
from bot.chat.permissions import cannot_post, is_moderator
from bot.chat.seasons import commands as seasons
from bot.chat.trivia import render, route
from bot.chat.trivia.games import COG_NAME, GameService, StartOptions, player_of
from bot.chat.trivia.recovery import close_interrupted
from bot.chat.trivia.views import PAGE_SIZE, GameButton, LeaderboardView, ReportButton
from bot.engine.config import GameMode

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot
    from bot.store import Store

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
MAX_CHOICES = 25
#: the periods of /trivia leaderboard: the store's, and a season
BoardPeriod = Literal["all", "month", "week", "season"]


def _where(interaction: discord.Interaction[Any]) -> tuple[int, int]:
    """The (guild_id, channel_id) of a command used in a server."""
    if interaction.guild_id is None or interaction.channel_id is None:
        raise UserFacingError("Trivia only works in a server's channels.")
    return interaction.guild_id, interaction.channel_id


def _check_can_post(interaction: discord.Interaction[Any]) -> None:
    """Refuse a game where the bot could answer the command but not post the questions."""
    in_thread = isinstance(interaction.channel, discord.Thread)
    refusal = cannot_post(interaction.app_permissions, in_thread=in_thread)
    if refusal is not None:
        raise UserFacingError(refusal)


@app_commands.guild_only()
class Trivia(
    commands.GroupCog,
    name=COG_NAME,
    group_name="trivia",
    group_description="Soundtrack #2 trivia: play, and see the scores.",
):
    """The players' commands; the games themselves live in the GameService."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._service: GameService | None = None
        self._recovered = False
        super().__init__()

    @property
    def service(self) -> GameService:
        """The game service (created when the cog loads)."""
        if self._service is None:
            raise UserFacingError("Trivia is still starting: try again in a moment.")
        return self._service

    @property
    def store(self) -> Store:
        """The bot's store."""
        return self.bot.store

    async def cog_load(self) -> None:
        """Create the game service, register the persistent buttons and the shutdown hook."""
        bot = self.bot
        self._service = GameService(
            store=self.store,
            catalog=bot.catalog,
            typed_chat=bot.settings.trivia_typed_answers,
            clock=bot.clock,
            sleep=bot.sleep,
            wallclock=bot.wallclock,
            settings=bot.guild_settings.get,
        )
        bot.add_dynamic_items(GameButton, ReportButton)
        route.install(bot, self._service.on_game_button)  # game clicks skip the view dispatch
        bot.add_shutdown_hook(self._shutdown)

    async def cog_unload(self) -> None:
        """End running games (told in their channels) and unregister what cog_load added."""
        if self._shutdown in self.bot.shutdown_hooks:
            self.bot.shutdown_hooks.remove(self._shutdown)
        self.bot.remove_dynamic_items(GameButton, ReportButton)
        route.uninstall(self.bot)
        await self._shutdown()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Once per process: close in public the games the last restart interrupted."""
        if self._recovered:
            return
        self._recovered = True
        game_ids = list(getattr(self.store, "recovered", []) or [])
        if game_ids:
            told = await close_interrupted(self.bot, self.store, game_ids)
            log.info("Told %d channel(s) about %d interrupted game(s)", told, len(game_ids))

    async def _shutdown(self) -> None:
        """The shutdown hook: stop every game with a message in its channel."""
        if self._service is not None:
            await self._service.shutdown()

    # ----- /trivia start, stop, skip ------------------------------------------------------

    @app_commands.command(name="start", description="Start a trivia game in this channel.")
    @app_commands.describe(
        pack="Which pack to play (default: all of them)",
        category="Only questions of this category",
        questions="How many questions (default: the server's setting)",
        mode="choice: buttons · typed: answer in a pop-up · typed-chat: type in the channel",
        seconds="Seconds per question (default: the server's setting)",
        up_to_episode="Spoiler limit: only questions about episodes up to this one",
    )
    async def start(
        self,
        interaction: discord.Interaction[Any],
        pack: str | None = None,
        category: str | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        mode: GameMode | None = None,
        seconds: app_commands.Range[int, 5, 120] | None = None,
        up_to_episode: app_commands.Range[int, 0, 99] | None = None,
    ) -> None:
        """Check the limits, announce the game, then post its questions one by one."""
        guild_id, channel_id = _where(interaction)
        _check_can_post(interaction)
        service = self.service
        options = StartOptions(pack, category, questions, mode, seconds, up_to_episode)
        prepared = await in_time(
            interaction,
            service.prepare(guild_id, channel_id, player_of(interaction.user), options),
            after=self.bot.defer_after,
            ephemeral=False,
        )
        try:
            await reply(interaction, prepared.announcement, allowed_mentions=NO_MENTIONS)
        except BaseException:
            await service.abandon(prepared)
            raise
        channel: discord.abc.Messageable
        if isinstance(interaction.channel, discord.abc.Messageable):
            channel = interaction.channel
        else:
            channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        service.launch(prepared, channel)

    @app_commands.command(
        name="stop", description="Stop this channel's game (its starter or a moderator)."
    )
    async def stop(self, interaction: discord.Interaction[Any]) -> None:
        """End the game now; the final ranking follows in the channel."""
        guild_id, channel_id = _where(interaction)

        async def stop() -> None:
            moderator = is_moderator(interaction.user, await self.bot.guild_settings.get(guild_id))
            await self.service.stop(guild_id, channel_id, player_of(interaction.user), moderator)

        await in_time(interaction, stop(), after=self.bot.defer_after, ephemeral=True)
        await reply(interaction, "⏹️ You stopped the game.", ephemeral=True)

    @app_commands.command(
        name="skip", description="Skip the current question (its starter or a moderator)."
    )
    async def skip(self, interaction: discord.Interaction[Any]) -> None:
        """Close the open question (or cut the pause before the next one)."""
        guild_id, channel_id = _where(interaction)

        async def skip() -> int:
            moderator = is_moderator(interaction.user, await self.bot.guild_settings.get(guild_id))
            return await self.service.skip(
                guild_id, channel_id, player_of(interaction.user), moderator
            )

        index = await in_time(interaction, skip(), after=self.bot.defer_after, ephemeral=True)
        await reply(interaction, f"⏭️ Skipped question {index}.", ephemeral=True)

    # ----- /trivia leaderboard, stats, packs ----------------------------------------------

    @app_commands.command(name="leaderboard", description="The server's best players.")
    @app_commands.describe(
        period="All time, this month, this week, or a season",
        pack="Only this pack",
        season="A past season by name (with period:season; default: the current one)",
    )
    async def leaderboard(
        self,
        interaction: discord.Interaction[Any],
        period: BoardPeriod = "all",
        pack: str | None = None,
        season: app_commands.Range[str, 1, 50] | None = None,
    ) -> None:
        """Ten players a page; Previous/Next for the caller; the caller's own rank below."""
        guild_id, _ = _where(interaction)
        if period == "season" or season is not None:
            if pack is not None:
                raise UserFacingError("A season's board counts every pack: leave out `pack`.")
            await seasons.board(self.bot, interaction, season)
            return
        bank = await self.bot.catalog.bank_for(guild_id)
        slug = GameService._find_pack(bank.packs, pack)
        title = bank.packs[slug].title if slug else None
        # checked above, before deferring: a refusal must stay private
        await defer_publicly(interaction)
        now = self.bot.wallclock()
        user_id = interaction.user.id
        store = self.store

        async def fetch(offset: int) -> tuple[discord.Embed, int, bool, bool]:
            page = await store.leaderboard(guild_id, period, now, slug, offset, PAGE_SIZE)
            if not page.rows and page.offset > 0:
                # players left the board since the last page (a reset, a removal): go to
                # what is now the last page, the first one if nobody is left
                last = max(0, (page.total - 1) // PAGE_SIZE * PAGE_SIZE)
                page = await store.leaderboard(guild_id, period, now, slug, last, PAGE_SIZE)
            own = await store.player_rank(guild_id, user_id, period, now, slug)
            embed = render.leaderboard_embed(page, own, pack_title=title)
            return embed, page.offset, page.has_previous, page.has_next

        embed, offset, has_previous, has_next = await fetch(0)
        view = LeaderboardView(
            user_id, fetch, offset=offset, has_previous=has_previous, has_next=has_next
        )
        view.message = await send_deferred(interaction, embed=embed, view=view, wait=True)

    @app_commands.command(name="stats", description="A member's trivia record in this server.")
    @app_commands.describe(member="Whose stats (default: yours)")
    async def stats(
        self, interaction: discord.Interaction[Any], member: discord.Member | None = None
    ) -> None:
        """Points, rank, right answers, best streak, favourite category."""
        guild_id, _ = _where(interaction)
        target = member or interaction.user
        await defer_publicly(interaction)
        found = await self.store.player_stats(guild_id, target.id, self.bot.wallclock())
        name = render.safe(target.display_name)
        streak = await streak_line(self.bot, guild_id, target.id)
        if found is None:
            content = f"{name} has not played trivia here yet."
            await send_deferred(
                interaction,
                content=f"{content}\n{streak}" if streak else content,
                allowed_mentions=NO_MENTIONS,
            )
            return
        embed = render.stats_embed(found, target.display_name)
        if streak:
            embed.add_field(name="Daily question", value=streak, inline=False)
        await send_deferred(interaction, embed=embed, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="suggest", description="Suggest a question for this server.")
    async def suggest(self, interaction: discord.Interaction[Any]) -> None:
        """The suggestion form (a few a day per member)."""
        from bot.chat.suggestions.modals import open_form

        await open_form(self.bot, interaction)

    @app_commands.command(name="daily", description="Today's daily question, and your streak.")
    async def daily(self, interaction: discord.Interaction[Any]) -> None:
        """Today's daily question privately (answerable), with the member's day streaks."""
        guild_id, _ = _where(interaction)
        await daily_service(self.bot).show(interaction, guild_id)

    @app_commands.command(name="packs", description="The question packs you can play here.")
    async def packs(self, interaction: discord.Interaction[Any]) -> None:
        """Each pack with its question count and categories (this server's own included)."""
        guild_id, _ = _where(interaction)
        catalog = self.bot.catalog
        bank = await catalog.bank_for(guild_id)
        own = await catalog.guild_slugs(guild_id)
        await interaction.response.send_message(embed=render.packs_embed(bank, own), ephemeral=True)

    # ----- autocomplete -------------------------------------------------------------------

    async def _pack_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        bank = await self.bot.catalog.bank_for(interaction.guild_id)
        folded = current.strip().casefold()
        found = [
            p
            for p in sorted(bank.packs.values(), key=lambda p: p.slug)
            if folded in p.slug.casefold() or folded in p.title.casefold()
        ]
        return [
            app_commands.Choice(
                name=render.choice_name(f"{p.title} ({p.slug}) · {len(p.questions)} questions"),
                value=p.slug,
            )
            for p in found[:MAX_CHOICES]
        ]

    @start.autocomplete("pack")
    async def start_pack(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Packs of this server whose name or title contains what is typed."""
        return await self._pack_choices(interaction, current)

    @leaderboard.autocomplete("pack")
    async def leaderboard_pack(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Packs of this server whose name or title contains what is typed."""
        return await self._pack_choices(interaction, current)

    @leaderboard.autocomplete("season")
    async def leaderboard_season(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """This server's seasons whose name contains what is typed, newest first."""
        return await seasons.season_choices(self.bot, interaction, current)

    @start.autocomplete("category")
    async def start_category(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Categories of the chosen pack (or of every pack) containing what is typed."""
        if interaction.guild_id is None:
            return []
        bank = await self.bot.catalog.bank_for(interaction.guild_id)
        pack = getattr(interaction.namespace, "pack", None)
        packs = [pack] if isinstance(pack, str) and pack in bank.packs else None
        folded = current.strip().casefold()
        names = [c for c in bank.categories(packs) if folded in c.casefold()]
        return [
            app_commands.Choice(name=render.choice_name(c), value=c) for c in names[:MAX_CHOICES]
        ]

    # ----- typed-chat ---------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A guess in a typed-chat game: the first right one gets ✅; the rest are ignored."""
        if message.author.bot or message.guild is None or not message.content:
            return
        if self._service is None:
            return
        won = await self._service.chat_guess(
            message.guild.id, message.channel.id, player_of(message.author), message.content
        )
        if won:
            try:
                await message.add_reaction("✅")
            except discord.HTTPException:
                log.warning("Could not react to the winning message %s", message.id)
