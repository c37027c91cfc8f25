"""Seasons through the real client: started, games on both sides of a month boundary, the
season board beside the monthly one, ended with its final top 10, and kept afterwards."""

from __future__ import annotations

from typing import Any

from fakediscord import FakeDiscord, StoredMessage

from bot.store import Store

from .daily_support import utc, with_channel
from .trivia_helpers import Table, table


async def shown(t: Table, command: str, who: str, **options: Any) -> StoredMessage:
    """A publicly deferred command's message, once filled."""
    sent = await t.fake.slash(command, member=t.member(who), **options)
    await t.fake.wait_for_callback(sent)
    return await t.fake.wait_until(
        lambda: (m := t.fake.original_message(sent)).embeds and m, what="the board"
    )


async def one_question_game(t: Table, starter: str, winner: str) -> None:
    """A one-question game that ``winner`` answers right."""
    before = set(t.fake.messages)
    await t.start(starter, pack="test", questions=1, seconds=20)

    def new(title: str) -> StoredMessage | None:
        return next(
            (
                m
                for m in t.fake.channel_messages(t.channel().id)
                if m.id not in before and m.embeds and m.embeds[0].get("title") == title
            ),
            None,
        )

    question = await t.fake.wait_until(lambda: new("Question 1/1"), what="the question")
    await t.click(question, winner, label="Right")
    await t.advance(20)
    await t.fake.wait_until(lambda: new("Final ranking"), what="the final ranking")


async def test_a_season_across_a_month_boundary(fake_discord: FakeDiscord, db: Store) -> None:
    extensions = ("bot.chat.trivia", "bot.chat.admin")

    def make(store: Store, time: Any, settings: Any, bank: Any) -> Any:
        from .trivia_helpers import trivia_bot

        bot = trivia_bot(store, time, settings, bank)
        bot.initial_extensions = extensions
        return bot

    async with table(fake_discord, db, make=make) as t:
        # June 15 to the end of July 6, UTC
        started = await t.command(
            "trivia-admin season start", "manager", name="Summer", ends="2025-07-06"
        )
        assert started.ephemeral and started.content == (
            "Season **Summer** started (from 2025-06-15 to 2025-07-06). "
            "See it with `/trivia leaderboard period:season`."
        )
        clash = await t.command("trivia-admin season start", "manager", name="summer")
        assert clash.content == "There is already a season named **Summer**."
        bad = await t.command("trivia-admin season start", "manager", name="Later", ends="6 July")
        assert bad.content.startswith("`6 July` is not a date: write YYYY-MM-DD")

        await one_question_game(t, "alice", "alice")  # June 15
        t.time.now += utc("2025-07-02 12:00") - t.time.wallclock()
        await one_question_game(t, "bob", "bob")  # July 2

        board = (await shown(t, "trivia leaderboard", "alice", period="season")).embeds[0]
        assert board["title"] == "Leaderboard · season Summer"
        lines = board["description"].splitlines()
        assert lines[0] == "from 2025-06-15 to 2025-07-06"
        assert sorted(line.split("**")[1] for line in lines[2:]) == ["alice", "bob"]
        month = (await shown(t, "trivia leaderboard", "alice", period="month")).embeds[0]
        assert "alice" not in month["description"] and "bob" in month["description"]

        t.time.now += 60  # a minute after bob's game: ends are exclusive
        sent = await with_channel(t, "season end", t.channel("general"))
        ended = await fake_discord.wait_for_callback(sent)
        general = t.channel("general").id
        assert ended.content == f"Season **Summer** ended; its final top 10 is in <#{general}>."
        final = await fake_discord.wait_for_message(
            lambda m: m.channel_id == general and bool(m.embeds)
        )
        assert final.embeds[0]["title"] == "🏆 Season Summer: final top 10"
        assert final.embeds[0]["description"].splitlines()[0] == "from 2025-06-15 to 2025-07-02"
        assert len(final.embeds[0]["description"].splitlines()) == 4

        typed = await fake_discord.autocomplete(
            "trivia leaderboard", member=t.member("carol"), focused="season", season="SUM"
        )
        choices = await fake_discord.wait_for_callback(typed)
        assert choices.data["choices"] == [{"name": "Summer", "value": "Summer"}]
        none = await t.command("trivia leaderboard", "carol", period="season")
        assert (none.ephemeral, none.content) == (
            True,
            "No season is running. Name a past one with `season:`.",
        )
        kept = (await shown(t, "trivia leaderboard", "carol", season="summer")).embeds[0]
        assert (
            kept["description"].splitlines()[2:] == final.embeds[0]["description"].splitlines()[2:]
        )
        again = await with_channel(t, "season end", t.channel("general"))
        nothing = await fake_discord.wait_for_callback(again)
        assert nothing.content == "No season is running, so there is none to end."

        # a season that reaches its end date stops by itself; `season end` posts its final
        short = await t.command(
            "trivia-admin season start", "manager", name="Short", ends="2025-07-03"
        )
        assert short.content.startswith("Season **Short** started (from 2025-07-02 to 2025-07-03)")
        t.time.now += utc("2025-07-05 12:00") - t.time.wallclock()
        late = await with_channel(t, "season end", t.channel("general"))
        posted = await fake_discord.wait_for_callback(late)
        assert posted.content == f"Season **Short** ended; its final top 10 is in <#{general}>."
        await fake_discord.wait_for_message(
            lambda m: bool(m.embeds) and m.embeds[0]["title"] == "🏆 Season Short: final top 10"
        )
        twice = await with_channel(t, "season end", t.channel("general"))
        assert (await fake_discord.wait_for_callback(twice)).content == (
            "No season is running, so there is none to end."
        )
