"""A week of daily questions through the real client: restarts, a missed day, streaks, reveals."""

from __future__ import annotations

from fakediscord import FakeDiscord

from bot.store import Store

from .daily_support import dailies, daily_of, pass_until, running, set_daily, utc
from .trivia_helpers import GameTime, Table, labels

SUCCESS, SECONDARY = 3, 2


async def answer(t: Table, day: str, who: str, label: str) -> str:
    """``who`` clicks ``label`` on the daily of ``day``; the private reply's text."""
    reply = await t.click(await daily_of(t, day), who, label=label)
    assert reply.ephemeral
    return str(reply.content)


async def test_a_week_with_a_restart_and_a_day_missed_while_down(
    fake_discord: FakeDiscord, db: Store
) -> None:
    time = GameTime()  # the wall clock starts at 2025-06-15 15:06:40 UTC, after 09:00
    async with running(fake_discord, db, time) as t:
        text = await set_daily(t, t.channel(), time="09:00")
        assert text == (
            f"Daily question set: <#{t.channel().id}> at 09:00 (UTC), from every pack. "
            "Next post: now."
        )
        first = await daily_of(t, "2025-06-15")  # set after 09:00: today's goes out at once
        assert sorted(labels(first)) == ["Right", "Wrong 1", "Wrong 2", "Wrong 3"]
        assert (await answer(t, "2025-06-15", "alice", "Right")).startswith("Locked in: ")
        await answer(t, "2025-06-15", "bob", "Wrong 1")
        again = await answer(t, "2025-06-15", "bob", "Right")
        assert again == "You already answered today's daily question."

        await pass_until(t, utc("2025-06-16 08:59"))
        assert len(dailies(t)) == 1
        await pass_until(t, utc("2025-06-16 09:00"))
        await daily_of(t, "2025-06-16")
        revealed = await t.fake.wait_until(lambda: first if len(first.embeds) == 2 else None)
        reveal = revealed.embeds[1]
        assert (reveal["title"], reveal["description"]) == ("Answer: Right", "1 of 2 got it right.")
        assert {f["name"] for f in reveal["fields"]} == {"Source"}
        styles = {b["label"]: (b["style"], b.get("disabled")) for b in revealed.buttons()}
        assert styles["Right"] == (SUCCESS, True) and styles["Wrong 1"] == (SECONDARY, True)
        assert "Report" in styles
        closed = await t.click(first, "carol", custom_id=first.buttons()[0]["custom_id"])
        assert closed.content == "This daily question is closed: `/trivia daily` shows today's."

        await answer(t, "2025-06-16", "alice", "Right")
        await answer(t, "2025-06-16", "bob", "Right")
        # carol missed the post: /trivia daily shows it to her privately, answerable
        shown = await t.command("trivia daily", "carol")
        assert shown.ephemeral and shown.content == "🔥 Day streak: 0 days · best 0"
        private = t.fake.messages[shown.message_id] if shown.message_id else None
        assert private is not None and private.buttons()
        reply = await t.click(private, "carol", label="Right")
        assert reply.ephemeral and reply.content.startswith("Locked in:")

        await pass_until(t, utc("2025-06-17 09:00"))
        await daily_of(t, "2025-06-17")
        await answer(t, "2025-06-17", "alice", "Right")
        await answer(t, "2025-06-17", "bob", "Right")
        await pass_until(t, utc("2025-06-17 12:00"))

    # a restart the same day: the 17th is not posted again
    async with running(fake_discord, db, time) as t:
        assert [m.embeds[0]["title"][-10:] for m in dailies(t)] == [
            "2025-06-15",
            "2025-06-16",
            "2025-06-17",
        ]
        # the buttons of a post made before the restart still work (persistent custom ids)
        assert (await answer(t, "2025-06-17", "carol", "Wrong 2")).startswith("Locked in: ")
        await pass_until(t, utc("2025-06-18 09:00"))
        await daily_of(t, "2025-06-18")
        await answer(t, "2025-06-18", "alice", "Right")
        await answer(t, "2025-06-18", "bob", "Right")
        await pass_until(t, utc("2025-06-18 20:00"))

    # the bot is down all of the 19th and comes back at 10:00 on the 20th
    time.now += utc("2025-06-20 10:00") - time.wallclock()
    async with running(fake_discord, db, time) as t:
        await daily_of(t, "2025-06-20")  # late, but the day can still be posted
        eighteenth = await daily_of(t, "2025-06-18")
        await t.fake.wait_until(lambda: eighteenth if len(eighteenth.embeds) == 2 else None)
        await answer(t, "2025-06-20", "alice", "Right")  # bob does not answer the 20th
        await pass_until(t, utc("2025-06-21 09:00"))
        await daily_of(t, "2025-06-21")
        await answer(t, "2025-06-21", "alice", "Right")
        await answer(t, "2025-06-21", "bob", "Right")

        days = [m.embeds[0]["title"][-10:] for m in dailies(t)]
        assert days == [
            "2025-06-15",
            "2025-06-16",
            "2025-06-17",
            "2025-06-18",
            "2025-06-20",
            "2025-06-21",
        ]
        keys = [p.question_key for p in await db.daily_posts(t.guild.id)]
        assert len(set(keys)) == len(keys)  # no question repeats while the pack lasts

        mine = await t.command("trivia daily", "alice")
        assert mine.content == (
            "You answered today's question already.\n🔥 Day streak: 6 days · best 6"
        )
        sent = await fake_discord.slash("trivia stats", member=t.member("bob"))
        await fake_discord.wait_for_callback(sent)
        stats = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).content and m, what="the stats"
        )
        assert stats.content == "bob has not played trivia here yet.\n🔥 Day streak: 1 day · best 3"
