"""The daily question's Discord adapter: the scheduler, the post and its reveal, the answers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date
from typing import TYPE_CHECKING, Any

import discord

from bot.chat.daily.render import (
    daily_embed,
    locked_in,
    options_of,
    reveal_embed,
    right_index,
    streak_text,
)
from bot.chat.daily.views import open_view, revealed_view
from bot.chat.errors import UserFacingError
from bot.chat.permissions import cannot_post
from bot.community.daily import Streak, choose_question, day_streak, next_post
from bot.engine.model import Question
from bot.store.daily_types import DailyPost, StoredDaily

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

log = logging.getLogger(__name__)

#: the longest the scheduler sleeps: it looks again at least this often (clock changes)
MAX_NAP = 3600.0
#: after an unexpected error, the wait before trying again
RETRY = 300.0


def shown_posts(posts: list[DailyPost]) -> list[DailyPost]:
    """The days whose message went out (a claimed day whose send failed is not one)."""
    return [p for p in posts if p.message_id is not None]


class DailyService:
    """One bot's daily questions: posts each server's question on time, reveals, records."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        #: per guild, the pause reason moderators were last told (told once per process)
        self._told: dict[int, str] = {}

    # ----- the scheduler -----------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler task (once the bot is ready it posts what is due)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="daily-scheduler")

    async def stop(self) -> None:
        """Stop the scheduler task."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        """Look at the schedules again now (one was changed)."""
        self._wake.set()

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            self._wake.clear()
            try:
                wait = await self.tick()
            except Exception:
                log.exception("The daily scheduler failed; trying again in %.0f s", RETRY)
                wait = RETRY
            if wait > 0:
                await self._nap(wait)

    async def _nap(self, seconds: float) -> None:
        """Sleep on the bot's clock until ``seconds`` pass or ``wake`` is called."""
        sleeper = asyncio.ensure_future(self.bot.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()

    async def tick(self) -> float:
        """Post every question that is due; return the seconds until the next one."""
        now = self.bot.wallclock()
        waits = [MAX_NAP]
        for stored in await self.bot.store.running_dailies():
            try:
                wait = await self._tick_guild(stored, now)
            except Exception:
                log.exception("Daily question of guild %s failed", stored.guild_id)
                wait = RETRY
            if wait is not None:
                waits.append(wait)
        return min(waits)

    async def _tick_guild(self, stored: StoredDaily, now: float) -> float | None:
        if self.bot.get_guild(stored.guild_id) is None:
            # another process's shard (or a server that removed the bot): not ours to post
            return None
        posts = await self.bot.store.daily_posts(stored.guild_id)
        upcoming = next_post(stored.schedule, posts[-1].day if posts else None, now)
        if upcoming is None:
            return None
        if not upcoming.due(now):
            return upcoming.wait(now)
        if upcoming.skipped:
            log.info("Guild %s: %d daily day(s) skipped", stored.guild_id, upcoming.skipped)
        await self._post(stored, upcoming.day, posts, now)
        return 0.0

    # ----- posting and revealing ---------------------------------------------------------

    async def _post(
        self, stored: StoredDaily, day: date, posts: list[DailyPost], now: float
    ) -> None:
        guild_id, schedule = stored.guild_id, stored.schedule
        channel = self.bot.get_channel(schedule.channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            await self.pause(guild_id, f"its channel (<#{schedule.channel_id}>) is gone")
            return
        refusal = cannot_post(
            channel.permissions_for(channel.guild.me), in_thread=isinstance(channel, discord.Thread)
        )
        if refusal is not None:
            await self.pause(guild_id, f"in {channel.mention}: {refusal}")
            return
        try:
            questions = await self.bot.catalog.playable(guild_id, list(schedule.packs) or None)
        except KeyError:
            await self.pause(guild_id, "one of its packs is gone")
            return
        question = choose_question(
            questions,
            [p.question_key for p in posts],
            day=day,
            seed=guild_id,
            max_episode=schedule.up_to_episode,
        )
        if question is None:
            why = "no multiple-choice question fits its packs and spoiler limit"
            await self.pause(guild_id, why)
            return
        if posts:
            await self.reveal(guild_id, posts[-1])
        if not await self.bot.store.claim_daily_post(guild_id, day, question.key, channel.id, now):
            return  # another process (or an earlier run) posted it
        try:
            message = await channel.send(
                embed=daily_embed(question, day), view=open_view(guild_id, question, day)
            )
        except (discord.Forbidden, discord.NotFound) as error:
            await self.pause(guild_id, f"I could not post in {channel.mention} ({error.text})")
            return
        except discord.HTTPException:
            log.warning("Guild %s: the daily question of %s was not sent", guild_id, day)
            return
        await self.bot.store.set_daily_message(guild_id, day, message.id)

    async def reveal(self, guild_id: int, post: DailyPost) -> None:
        """Edit a day's message in place to show its answer (a failure is logged, not raised)."""
        if post.message_id is None:
            return
        question = await self._question(guild_id, post.question_key)
        channel = self.bot.get_channel(post.channel_id)
        if question is None or not isinstance(channel, discord.TextChannel | discord.Thread):
            log.info("Guild %s: the daily of %s cannot be revealed", guild_id, post.day)
            return
        right, answered = await self.bot.store.daily_tally(guild_id, post.day)
        try:
            await channel.get_partial_message(post.message_id).edit(
                embeds=[daily_embed(question, post.day), reveal_embed(question, right, answered)],
                view=revealed_view(guild_id, question, post.day),
            )
        except discord.HTTPException:
            log.warning("Guild %s: could not reveal the daily of %s", guild_id, post.day)

    async def pause(self, guild_id: int, why: str) -> None:
        """Pause a server's daily and keep the reason for its moderators."""
        reason = f"The daily question is paused: {why}. Set it again with `/trivia-admin daily`."
        log.warning("Guild %s: %s", guild_id, reason)
        await self.bot.store.pause_daily(guild_id, reason, self.bot.wallclock())

    async def pause_notice(self, guild_id: int) -> str | None:
        """The pause reason, once per process per pause, for a moderator's reply."""
        stored = await self.bot.store.get_daily(guild_id)
        reason = stored.paused_reason if stored is not None else None
        if reason is None or self._told.get(guild_id) == reason:
            return None
        self._told[guild_id] = reason
        return reason

    # ----- members ----------------------------------------------------------------------

    async def _question(self, guild_id: int, key: str) -> Question | None:
        return (await self.bot.catalog.bank_for(guild_id)).question(key)

    async def open_post(self, guild_id: int) -> DailyPost | None:
        """The day whose question is open now: the last one posted."""
        shown = shown_posts(await self.bot.store.daily_posts(guild_id))
        return shown[-1] if shown else None

    async def streak(self, guild_id: int, user_id: int) -> Streak:
        """A member's day streak and best streak in a server."""
        shown = shown_posts(await self.bot.store.daily_posts(guild_id))
        results = await self.bot.store.daily_results(guild_id, user_id)
        open_day = shown[-1].day if shown else None
        return day_streak([p.day for p in shown], results, open_day=open_day)

    async def answer(
        self, interaction: discord.Interaction[Any], guild_id: int, day: date, choice: int
    ) -> None:
        """Record a member's click on a daily option, acknowledged privately."""
        posts = await self.bot.store.daily_posts(guild_id)
        shown = shown_posts(posts)
        post = shown[-1] if shown else None
        if posts and posts[-1].day == day:
            # a click on the newest day's buttons proves its message is on screen, even when
            # the message id has not been stored yet (a click right after the post)
            post = posts[-1]
        if interaction.guild_id != guild_id or post is None or post.day != day:
            raise UserFacingError("This daily question is closed: `/trivia daily` shows today's.")
        question = await self._question(guild_id, post.question_key)
        if question is None:
            raise UserFacingError("This question is no longer available.")
        correct = choice == right_index(question, day)
        recorded = await self.bot.store.record_daily_answer(
            guild_id, day, interaction.user.id, choice, correct, self.bot.wallclock()
        )
        if not recorded:
            raise UserFacingError("You already answered today's daily question.")
        option = options_of(question, day)[choice]
        await interaction.response.send_message(locked_in(choice, option), ephemeral=True)

    async def show(self, interaction: discord.Interaction[Any], guild_id: int) -> None:
        """``/trivia daily``: today's question privately (answerable), with the streaks."""
        post = await self.open_post(guild_id)
        if post is None:
            raise UserFacingError(
                "There is no daily question here yet: a moderator can set one up with "
                "`/trivia-admin daily`."
            )
        question = await self._question(guild_id, post.question_key)
        if question is None:
            raise UserFacingError("Today's daily question is no longer available.")
        user_id = interaction.user.id
        streak = streak_text(await self.streak(guild_id, user_id))
        results = await self.bot.store.daily_results(guild_id, user_id)
        embed = daily_embed(question, post.day)
        if post.day in results:
            await interaction.response.send_message(
                f"You answered today's question already.\n{streak}", embed=embed, ephemeral=True
            )
            return
        await interaction.response.send_message(
            streak, embed=embed, view=open_view(guild_id, question, post.day), ephemeral=True
        )
