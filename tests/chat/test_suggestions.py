"""Fans' suggestions through the real client: refused with clear messages, limited per day,
edited and approved into a server pack (played, exported, checked), another declined and
the suggester told privately once."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fakediscord import Callback, FakeDiscord, StoredMessage

from bot.__main__ import main
from bot.store import Store

from .daily_support import running
from .faults_support import admin_of
from .trivia_helpers import GameTime, Table

GOOD = {
    "question": "Which instrument does the lead play in episode 2?",
    "answer": "Cello",
    "wrong_answers": "Violin\nPiano\nFlute",
    "source": "https://example.com/soundtrack-2-recap",
}


async def form(t: Table, who: str, values: dict[str, str]) -> Callback:
    """``who`` opens /trivia suggest and sends ``values``; the reply."""
    opened = await t.command("trivia suggest", who)
    assert opened.type == 9, opened.content
    sent = await t.fake.submit_modal(opened, member=t.member(who), values=values)
    return await t.fake.wait_for_callback(sent)


async def queue(t: Table, **options: Any) -> StoredMessage:
    """The manager opens the queue; its (ephemeral) message."""
    sent = await t.fake.slash("trivia-admin suggestions", member=t.member("manager"), **options)
    await t.fake.wait_for_callback(sent)
    return t.fake.original_message(sent)


async def test_problems_are_listed_and_nothing_is_stored(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        bad = {**GOOD, "wrong_answers": "Violin, Piano", "source": "https://nowhere"}
        reply = await form(t, "alice", bad)
        assert reply.ephemeral
        assert reply.content.splitlines() == [
            "Not sent: please fix this and try again.",
            "• Wrong answers: give exactly 3 (one a line), you gave 2.",
            "• Source: that link is not a web address (like `https://example.com/article`); "
            "give the full link, or quote the words that prove the answer.",
        ]
        assert await db.pending_suggestions(t.guild.id) == ([], 0)


async def test_three_a_day(fake_discord: FakeDiscord, db: Store) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        for n in range(3):
            reply = await form(t, "alice", {**GOOD, "question": f"Question number {n}?"})
            assert reply.content == "Thanks! Your suggestion is in the moderators' queue."
        refused = await t.command("trivia suggest", "alice")
        assert (refused.type, refused.ephemeral) == (4, True)
        assert refused.content == (
            "You can suggest 3 questions a day and have sent 3 in the last 24 hours: "
            "the next one can go in 24 h."
        )
        t.time.now += 86_400
        assert (await t.command("trivia suggest", "alice")).type == 9


async def test_one_approved_played_and_exported_another_declined(
    fake_discord: FakeDiscord, db: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        await form(t, "alice", GOOD)
        other = {**GOOD, "question": "Who composed the whole score?", "answer": "Nobody"}
        await form(t, "bob", other)

        shown = await queue(t)
        assert shown.ephemeral and shown.content == "Approved suggestions go to `community`."
        assert shown.embeds[0]["title"] == "Suggestion 1/2"
        assert shown.embeds[0]["footer"]["text"] == "Suggested by alice"

        # edit first: the form comes filled in; the queue shows the edited text
        opened = await t.click(shown, "manager", label="Edit")
        assert opened.type == 9
        edited = {**GOOD, "question": "Which instrument does the lead play in episode 3?"}
        done = await fake_discord.submit_modal(opened, member=t.member("manager"), values=edited)
        reply = await fake_discord.wait_for_callback(done)
        assert reply.content == "Edited: approve it when ready."
        await fake_discord.wait_until(
            lambda: "episode 3" in shown.embeds[0]["description"], what="the edited queue"
        )

        approved = await t.click(shown, "manager", label="Approve")
        assert approved.type == 7
        key = "community/which-instrument-does-the-lead-play-in"
        assert shown.content.splitlines()[0] == f"Approved: `{key}` is in the next game."
        assert shown.embeds[0]["title"] == "Suggestion 1/1"

        opened = await t.click(shown, "manager", label="Decline")
        done = await fake_discord.submit_modal(
            opened, member=t.member("manager"), values={"reason": "  Not   true. "}
        )
        reply = await fake_discord.wait_for_callback(done)
        assert reply.content == "Declined: bob will be told the next time they use `/trivia`."
        await fake_discord.wait_until(
            lambda: "No suggestions are waiting." in shown.content, what="the empty queue"
        )

        # bob's next /trivia reply brings the reason, privately, once
        packs = await fake_discord.slash("trivia packs", member=t.member("bob"))
        await fake_discord.wait_for_callback(packs)
        notice = await fake_discord.wait_until(
            lambda: next(iter(fake_discord.followups(packs)), None), what="the notice"
        )
        assert notice.ephemeral and notice.content == (
            "The moderators declined your suggestion:\n• “Who composed the whole score?”: Not true."
        )
        # marked told once the notice went out (after it: a failed send is tried next time);
        # on PostgreSQL that write may still be on its way when the notice arrives
        await told(db, t.guild.id, t.member("bob").id)

        # the approved question is in the next game
        start = await t.start("carol", pack="community", questions=1, seconds=20)
        assert start.type == 4
        question = await t.question(1)
        assert "episode 3" in question.embeds[0]["description"]
        assert sorted(b["label"] for b in question.buttons()) == [
            "Cello",
            "Flute",
            "Piano",
            "Violin",
        ]

        # and the exported pack passes `trivia-bot check`
        exported = await t.command("trivia-admin export", "manager", pack="community")
        (name, data), *_ = exported.files.items()
        assert name == "community.yaml"
        assert "note: Suggested by alice." in data.decode()
        path = tmp_path / name
        path.write_bytes(data)
        capsys.readouterr()
        assert main(["check", str(path)]) == 0
        assert "1 question" in capsys.readouterr().out


async def test_removing_the_suggester_keeps_the_question_without_their_name(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with running(fake_discord, db, GameTime()) as t:
        await form(t, "alice", GOOD)
        shown = await queue(t, pack="fan-picks")
        await t.click(shown, "manager", label="Approve")
        assert shown.content.startswith("Approved: `fan-picks/")

        alice = t.member("alice")
        admin = admin_of(t)
        _, prompt = await admin.run("remove-player", member=alice)
        result = await admin.click(prompt, "Remove their data")
        assert "questions they suggested no longer name them" in result

        stored = await db.get_pack(t.guild.id, "fan-picks")
        assert stored is not None and "alice" not in stored.yaml_text
        assert "note: Suggested by a member." in stored.yaml_text
        assert await db.approved_suggestions(t.guild.id, alice.id) == []
        bank = await t.bot.catalog.bank_for(t.guild.id)
        assert [q.note for q in bank.packs["fan-picks"].questions] == ["Suggested by a member."]


async def told(db: Store, guild_id: int, user_id: int, timeout: float = 5.0) -> None:
    """Wait (bounded) until no declined suggestion of the member is left untold."""

    async def wait() -> None:
        while await db.untold_declines(guild_id, user_id):
            await asyncio.sleep(0.005)

    await asyncio.wait_for(wait(), timeout)
