"""Forged or repeated input: a game button from another channel, a second report."""

from __future__ import annotations

import asyncio

from fakediscord import FakeDiscord, payloads
from fakediscord.actions import MESSAGE_COMPONENT

from bot.store import Store
from bot.store.errors import AlreadyReported

from .faults_support import every_interaction_within_3_s, rows_about
from .trivia_helpers import table


async def test_a_game_button_clicked_from_another_channel_is_refused(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, seconds=20)
        message = await t.question(1)
        right = message.button("Right")["custom_id"]
        bob = t.member("bob")
        sent = await fake_discord._interact(
            MESSAGE_COMPONENT,
            bob,
            t.channel("general"),
            payloads.component_data(right, 2, None),
            message=message.payload(),
        )
        refused = await fake_discord.wait_for_callback(sent)
        assert (refused.ephemeral, refused.content) == (True, "This game is over.")
        await t.advance(20)
        await t.final()
        assert (await rows_about(db, bob.id))["answers"] == 0
        # from the game's own channel the same button counts
        assert (await rows_about(db, t.member("alice").id))["answers"] == 1


async def test_a_member_reports_a_question_once(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1)
        message = await t.question(1)
        await t.advance(20)
        message = await t.revealed(message)
        replies = []
        for reason in ("Wrong source.", "Still wrong."):
            modal = await t.click(message, "bob", label="Report")
            sent = await fake_discord.submit_modal(
                modal, member=t.member("bob"), values={"reason": reason}
            )
            replies.append(await fake_discord.wait_for_callback(sent))
        assert replies[0].content.startswith("Thanks!")
        assert (replies[1].ephemeral, replies[1].content) == (
            True,
            "You already reported this question: the moderators have it. Thank you!",
        )
        groups = await db.open_reports(t.guild.id)
        assert [g.reasons for g in groups] == [("Wrong source.",)]
        # another member's report of the same question still counts
        modal = await t.click(message, "carol", label="Report")
        sent = await fake_discord.submit_modal(
            modal, member=t.member("carol"), values={"reason": "Typo."}
        )
        await fake_discord.wait_for_callback(sent)
        assert [len(g.reports) for g in await db.open_reports(t.guild.id)] == [2]


__all__ = ["every_interaction_within_3_s"]


async def test_a_burst_of_reports_from_one_member_stores_one(db: Store) -> None:
    attempts = [db.add_report(1, "test/q1", 7, f"reason {n}", 1000.0 + n) for n in range(100)]
    results = await asyncio.gather(*attempts, return_exceptions=True)
    stored = [r for r in results if isinstance(r, int)]
    assert len(stored) == 1
    assert all(isinstance(r, AlreadyReported) for r in results if not isinstance(r, int))
    assert [len(g.reports) for g in await db.open_reports(1)] == [1]
