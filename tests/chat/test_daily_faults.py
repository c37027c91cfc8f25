"""The daily question's faults: bad options refused with a clear message, a gone channel
pauses the daily and the moderators are told in their next /trivia-admin reply."""

from __future__ import annotations

from datetime import time

from fakediscord import FakeDiscord

from bot.community.daily import DailySchedule
from bot.store import Store

from .daily_support import dailies, daily_of, pass_until, running, set_daily, utc
from .trivia_helpers import GameTime


async def test_bad_options_are_refused_and_change_nothing(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        assert await set_daily(t, t.channel(), time="25:00") == (
            "`25:00` is not a time: write HH:MM on a 24-hour clock, e.g. 09:00 or 21:30."
        )
        assert await set_daily(t, t.channel(), time="09:00", timezone="Seoul") == (
            "`Seoul` is not a time zone: use a name like `Europe/London`, `America/New_York` "
            "or `Asia/Seoul`. Did you mean `Asia/Seoul`?"
        )
        refused = await set_daily(t, t.channel(), time="09:00", pack="nope")
        assert refused == "No pack named `nope` here (packs: `late`, `test`)."
        assert await db.get_daily(t.guild.id) is None
        assert dailies(t) == []
        # a member without Manage Server is refused before anything is read
        denied = await set_daily(t, t.channel(), who="alice", time="09:00")
        assert denied.startswith("Only moderators can use `/trivia-admin`")


async def test_a_time_zone_and_turning_it_off(fake_discord: FakeDiscord, db: Store) -> None:
    # 15:06 UTC is 00:06 on the 16th in Seoul: the 16th's post is at 08:30 Seoul time
    async with running(fake_discord, db, GameTime()) as t:
        text = await set_daily(t, t.channel(), time="8:30", timezone="asia/seoul", pack="test")
        nxt = int(utc("2025-06-15 23:30"))
        assert text.endswith(f"at 08:30 (Asia/Seoul), from `test`. Next post: <t:{nxt}:F>.")
        await pass_until(t, utc("2025-06-15 23:29"))
        assert dailies(t) == []
        await pass_until(t, utc("2025-06-15 23:30"))
        await daily_of(t, "2025-06-16")
        off = await set_daily(t, t.channel(), time="8:30", enabled=False)
        assert off == "The daily question is off."
        await pass_until(t, utc("2025-06-17 00:00"))
        assert len(dailies(t)) == 1


async def test_a_gone_channel_pauses_the_daily_and_moderators_are_told_once(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        gone = DailySchedule(channel_id=424242, at=time(9, 0))
        await db.set_daily(t.guild.id, gone, None, t.time.wallclock())
        t.bot.get_cog("Daily").service.wake()  # type: ignore[union-attr]
        await pass_until(t, utc("2025-06-15 16:00"))
        stored = await db.get_daily(t.guild.id)
        assert stored is not None and not stored.running
        reason = (
            "The daily question is paused: its channel (<#424242>) is gone. "
            "Set it again with `/trivia-admin daily`."
        )
        assert stored.paused_reason == reason

        member = t.member("manager")
        sent = await fake_discord.slash("trivia-admin reports", member=member)
        await fake_discord.wait_for_callback(sent)
        notice = await fake_discord.wait_until(
            lambda: next(iter(fake_discord.followups(sent)), None), what="the notice"
        )
        assert (notice.content, notice.ephemeral) == (f"⚠️ {reason}", True)
        again = await fake_discord.slash("trivia-admin reports", member=member)
        await fake_discord.wait_for_callback(again)

        # a server this process does not hold (another shard's) is left alone, not paused
        elsewhere = DailySchedule(channel_id=515151, at=time(9, 0))
        await db.set_daily(987654321, elsewhere, None, t.time.wallclock())
        t.bot.get_cog("Daily").service.wake()  # type: ignore[union-attr]
        await pass_until(t, utc("2025-06-15 16:30"))
        other = await db.get_daily(987654321)
        assert other is not None and other.running
        assert await db.daily_posts(987654321) == []

        # setting it again resumes it
        await set_daily(t, t.channel(), time="09:00")
        await daily_of(t, "2025-06-15")
        resumed = await db.get_daily(t.guild.id)
        assert resumed is not None and resumed.running
        assert fake_discord.followups(again) == []  # told once, not on every reply


async def test_the_spoiler_limit_leaves_no_question_so_the_daily_pauses(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        text = await set_daily(t, t.channel(), time="09:00", pack="late", up_to_episode=2)
        assert "from `late`, up to episode 2. Next post: now." in text
        await pass_until(t, utc("2025-06-15 16:00"))
        assert dailies(t) == []
        stored = await db.get_daily(t.guild.id)
        assert stored is not None and stored.paused_reason == (
            "The daily question is paused: no multiple-choice question fits its packs and "
            "spoiler limit. Set it again with `/trivia-admin daily`."
        )
        # without the limit the same pack has questions (all about episode 8)
        await set_daily(t, t.channel(), time="09:00", pack="late")
        posted = await daily_of(t, "2025-06-15")
        assert "Question l" in posted.embeds[0]["description"]
