"""Discord misbehaving: rate limits, server errors, slow posts, dropped gateway connections."""

from __future__ import annotations

import asyncio
import time

from fakediscord import FakeDiscord, StoredMessage

from bot.store import Store

from .faults_support import every_interaction_within_3_s, rows_about
from .trivia_helpers import Table, labels, table

#: Discord fails an interaction not answered within this many seconds
DEADLINE = 3.0


def channel_messages(t: Table, channel: str) -> str:
    """A regex for the messages path of one channel."""
    return rf"^/channels/{t.channel(channel).id}/messages"


def is_open(message: StoredMessage) -> bool:
    """The question still looks open: live buttons, no reveal."""
    return len(message.embeds) == 1 and any(not b.get("disabled") for b in message.buttons())


async def test_a_rate_limited_channel_never_stalls_another_channels_game(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2, seconds=20)
        # a second game, in #general
        sent = await fake_discord.slash(
            "trivia start",
            member=t.member("carol"),
            channel=t.channel("general"),
            pack="test",
            questions=2,
            seconds=20,
        )
        await fake_discord.wait_for_callback(sent)
        here, there = await t.question(1), await t.question(1, t.channel("general"))
        # #trivia's reveal is rate limited for a second, as Discord documents it
        fault = fake_discord.script(
            "PATCH", channel_messages(t, "trivia") + f"/{here.id}$", status=429, retry_after=1.0
        )
        started = time.perf_counter()
        await t.advance(20)
        there = await t.revealed(there)
        other_took = time.perf_counter() - started
        assert is_open(here) and fault.hits == 1  # still waiting out its limit
        here = await t.revealed(here)
        assert other_took < 0.9 <= time.perf_counter() - started
        assert not is_open(here)
        patches = [r for r in fake_discord.requests if r.method == "PATCH"]
        assert [r.status for r in patches if str(here.id) in r.path] == [429, 200]


async def test_a_question_posted_late_gets_its_full_time(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        held = asyncio.Event()
        fake_discord.script("POST", channel_messages(t, "trivia") + "$", hold=held)
        await t.advance(20)
        await t.revealed(first)
        # question 2 is asked, but Discord takes 30 s of game time to post it
        await t.advance(5)
        await t.advance(30)
        held.set()
        second = await t.question(2)
        start = time.perf_counter()
        reply = await t.click(second, "bob", label="Right")
        assert reply.content.startswith("Locked in") and time.perf_counter() - start < DEADLINE
        await t.advance(19)
        assert is_open(second)  # its 20 s started when it was posted
        await t.advance(1)
        await t.final()
        counts = await rows_about(db, t.member("bob").id)
        assert counts["answers"] == 2


async def test_a_failed_close_edit_is_fixed_before_the_next_question(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        await t.click(first, "alice", label="Right")
        # Discord refuses the reveal (a 503 discord.py does not retry)
        fake_discord.script("PATCH", rf"/messages/{first.id}$", status=503)
        await t.advance(20)
        await fake_discord.wait_until(
            lambda: any(r.status == 503 for r in fake_discord.requests), what="the refused edit"
        )
        assert is_open(first)
        await t.advance(5)
        second = await t.question(2)
        # the reveal was sent again before question 2
        assert not is_open(first) and len(first.embeds) == 2
        assert all(b["disabled"] for b in first.buttons() if b["label"] != "Report")
        assert second.id > first.id


async def test_a_server_error_on_the_reveal_is_retried(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, seconds=20)
        first = await t.question(1)
        fake_discord.script("PATCH", rf"/messages/{first.id}$", status=500)
        await t.advance(20)
        first = await t.revealed(first)  # discord.py retried the 500 after a second
        assert not is_open(first)
        final = await t.final()
        assert final.content == "🏁 Game over! Thanks for playing."


async def test_a_question_that_cannot_be_posted_is_skipped_scoring_nobody(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=3, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        fake_discord.script("POST", channel_messages(t, "trivia") + "$", status=403)
        await t.advance(20)
        await t.revealed(first)
        await t.advance(5)  # question 2 cannot be posted: skipped at once
        third = await t.question(3)
        assert third.embeds[0]["title"] == "Question 3/3"
        titles = [
            m.embeds[0].get("title", "")
            for m in fake_discord.channel_messages(t.channel().id)
            if m.embeds
        ]
        assert not any(title.startswith("Question 2/") for title in titles)
        await t.click(third, "bob", label="Right")
        await t.click(third, "alice", label="Right")
        final = await t.final()
        assert "2/2 right" in final.embeds[0]["description"]
        game = (await db.recent_games(t.guild.id))[0]
        assert (game.status, game.asked) == ("completed", 2)  # question 2 recorded for nobody
        assert (await rows_about(db, t.member("bob").id))["answers"] == 2


async def test_a_dropped_gateway_connection_loses_no_game(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, seconds=20)
        first = await t.question(1)
        await fake_discord.drop_gateway()
        await fake_discord.wait_until(lambda: fake_discord.resumes, what="a resumed session")
        await fake_discord.wait_until_identified()
        start = time.perf_counter()
        reply = await t.click(first, "bob", label="Right")
        assert reply.content.startswith("Locked in") and time.perf_counter() - start < DEADLINE
        await t.advance(20)
        await t.final()
        assert (await rows_about(db, t.member("bob").id))["answers"] == 1
        assert labels(first)


__all__ = ["every_interaction_within_3_s"]
