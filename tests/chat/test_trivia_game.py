"""Whole games through the real client and the fake Discord: choice, typed, typed-chat."""

from __future__ import annotations

from fakediscord import FakeDiscord

from bot.config import Settings
from bot.store import Store

from .trivia_helpers import Table, labels, table

SUCCESS, SECONDARY = 3, 2


async def points(store: Store, t: Table) -> dict[str, int]:
    """Everyone's all-time points in the main guild, by stored name."""
    page = await store.leaderboard(t.guild.id, "all", t.time.wallclock())
    return {row.name: row.points for row in page.rows}


async def test_a_choice_game_with_three_members(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        reply = await t.start("alice", pack="test", questions=2, seconds=20)
        assert (reply.type, reply.ephemeral) == (4, False)
        assert "alice" in reply.content and "2 questions" in reply.content

        first = await t.question(1)
        embed = first.embeds[0]
        assert embed["title"] == "Question 1/2"
        assert "Question q" in embed["description"]
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        deadline = int(t.time.wallclock() + 20)
        assert fields == {
            "Category": "story",
            "Difficulty": "medium",
            "Time": f"Closes <t:{deadline}:R>",
        }
        assert sorted(labels(first)) == ["Right", "Wrong 1", "Wrong 2", "Wrong 3"]

        locked = await t.click(first, "bob", label="Right")
        assert locked.ephemeral and locked.content == (
            f"Locked in: {'ABCD'[labels(first).index('Right')]} (Right)"
        )
        again = await t.click(first, "bob", label="Wrong 1")
        assert (again.ephemeral, again.content) == (True, "You already answered this question.")
        carol = await t.click(first, "carol", label="Wrong 2")
        assert carol.ephemeral and carol.content.endswith("(Wrong 2)")

        await t.advance(20)
        first = await t.revealed(first)
        buttons = first.buttons()
        assert all(b["disabled"] for b in buttons if b["label"] != "Report")
        assert {b["label"]: b["style"] for b in buttons} == {
            "Right": SUCCESS,
            "Wrong 1": SECONDARY,
            "Wrong 2": SECONDARY,
            "Wrong 3": SECONDARY,
            "Report": SECONDARY,
        }
        question, reveal = first.embeds
        assert ("Closed") in str(question["fields"])
        assert reveal["title"] == "Answer: Right"
        assert reveal["description"] == "✅ **bob** +1000"
        source = next(f["value"] for f in reveal["fields"] if f["name"] == "Source")
        assert source == "*Glitz review* (Glitz)\n> It says so."
        late = await t.click(first, "alice", custom_id=buttons[0]["custom_id"])
        assert (late.ephemeral, late.content) == (True, "This question is closed.")

        await t.advance(5)
        second = await t.question(2)
        for name in ("alice", "bob", "carol"):
            await t.click(second, name, label="Right")
        final = await t.final()
        assert final.content == "🏁 Game over! Thanks for playing."
        assert final.embeds[0]["description"].splitlines() == [
            "🥇 **bob**: 2100 pts · 2/2 right · best streak 2",
            "🥈 **alice**: 1000 pts · 1/2 right",
            "🥈 **carol**: 1000 pts · 1/2 right",
        ]
        assert await points(db, t) == {"bob": 2100, "alice": 1000, "carol": 1000}
        games = await db.recent_games(t.guild.id)
        assert [(g.status, g.asked, g.mode, g.packs) for g in games] == [
            ("completed", 2, "choice", ("test",))
        ]
        assert fake_discord.unknown == []


async def test_game_messages_never_ping(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1)
        await t.question(1)
        posts = [r for r in fake_discord.requests if r.method == "POST" and "/messages" in r.path]
        assert posts and all(r.json["allowed_mentions"] == {"parse": []} for r in posts)


async def test_a_typed_game_through_the_answer_modal(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, mode="typed", seconds=30)
        message = await t.question(1)
        assert labels(message) == ["Answer"]
        assert "Press Answer" in message.embeds[0]["footer"]["text"]

        modal = await t.click(message, "bob", label="Answer")
        assert modal.type == 9
        wrong = await fake_discord.wait_for_callback(
            await fake_discord.submit_modal(
                modal, member=t.member("bob"), values={"answer": "Nope"}
            )
        )
        assert (wrong.ephemeral, wrong.content) == (True, "❌ “Nope” is not it. 2 guesses left.")

        await t.advance(10)  # the first hint is due a third of the way in
        await fake_discord.wait_until(
            lambda: any(f["name"] == "Hint 1" for f in message.embeds[0]["fields"]),
            what="the first hint",
        )

        for name in ("bob", "alice"):
            modal = await t.click(message, name, label="Answer")
            right = await fake_discord.wait_for_callback(
                await fake_discord.submit_modal(
                    modal, member=t.member(name), values={"answer": "right"}
                )
            )
            assert right.ephemeral and right.content.startswith("✅ Right! +")
        # the only question runs its full time (question 1 never closes early in a channel)
        await t.advance(20)
        message = await t.revealed(message)
        assert message.embeds[1]["title"] == "Answer: Right"
        assert [b["label"] for b in message.buttons()] == ["Report"]
        await t.final()
        scores = await points(db, t)
        assert set(scores) == {"alice", "bob"} and scores["bob"] > scores["alice"] > 0


async def test_a_typed_chat_game_is_won_by_the_first_right_message(
    fake_discord: FakeDiscord, db: Store
) -> None:
    settings = Settings(trivia_typed_answers=True)
    async with table(fake_discord, db, settings=settings) as t:
        await t.start("alice", pack="test", questions=1, mode="typed-chat")
        message = await t.question(1)
        assert message.buttons() == []
        assert "Type your answer in this channel" in message.embeds[0]["footer"]["text"]

        await fake_discord.say(t.member("bob"), "no idea")
        winner = await fake_discord.say(t.member("carol"), "Right")
        await fake_discord.say(t.member("bob"), "right")  # too late: already won
        reaction = await fake_discord.wait_for_request(
            lambda r: r.method == "PUT" and "/reactions/" in r.path
        )
        assert reaction.path == (
            f"/channels/{t.channel().id}/messages/{winner['id']}/reactions/✅/@me"
        )
        message = await t.revealed(message)
        assert message.embeds[1]["description"].startswith("✅ **carol** +")
        await t.final()
        assert len([r for r in fake_discord.requests if "/reactions/" in r.path]) == 1
        assert fake_discord.chat[int(winner["id"])].reactions == ["✅"]
        assert set(await points(db, t)) == {"alice", "bob", "carol"}


async def test_typed_chat_is_refused_when_the_setting_is_off(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        reply = await t.start("alice", mode="typed-chat")
        assert reply.ephemeral
        assert "TRIVIA_TYPED_ANSWERS=1" in reply.content and "Message Content" in reply.content
        assert fake_discord.channel_messages(t.channel().id) == []
        assert await db.recent_games(t.guild.id) == []


async def test_two_games_run_in_two_channels_at_once(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        general = t.channel("general")
        await t.start("alice", pack="test", questions=1, seconds=20)
        reply = await t.command(
            "trivia start", "bob", channel=general, pack="test", questions=1, seconds=60
        )
        assert not reply.ephemeral
        here, there = await t.question(1), await t.question(1, general)
        # a click counts only in its own game: alice is wrong in #general, right in #trivia
        await t.click(there, "alice", label="Wrong 1")
        await t.click(there, "bob", label="Right")
        await t.click(here, "alice", label="Right")
        await t.advance(20)  # #trivia's time is up; #general still has 40 s to go
        await t.final()
        assert len(there.embeds) == 1  # #general's question is still open
        await t.advance(40)
        await t.final(general)
        games = await db.recent_games(t.guild.id)
        assert sorted((g.channel_id, g.status) for g in games) == sorted(
            [(t.channel().id, "completed"), (general.id, "completed")]
        )
        trivia = await db.leaderboard(t.guild.id, "all", now=t.time.wallclock())
        assert {(r.name, r.right, r.answered) for r in trivia.rows} == {
            ("alice", 1, 2),
            ("bob", 1, 1),
        }


async def test_the_first_question_stays_open_for_late_joiners(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        await t.click(first, "alice", label="Right")  # the starter answers at once...
        await t.advance(5)
        late = await t.click(first, "bob", label="Right")  # ...and bob can still join in
        assert late.ephemeral and late.content.startswith("Locked in")
        await t.advance(15)
        await t.revealed(first)
        await t.advance(5)  # the reveal pause
        second = await t.question(2)
        await t.click(second, "alice", label="Right")
        await t.click(second, "bob", label="Wrong 1")  # everyone who joined has answered
        await t.revealed(second)
        await t.final()


async def test_a_button_of_a_finished_game_says_the_game_is_over(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1)
        message = await t.question(1)
        custom_id = message.button("Wrong 1")["custom_id"]
        await t.click(message, "alice", label="Right")
        await t.advance(20)
        await t.final()
        reply = await t.click(message, "bob", custom_id=custom_id)
        assert (reply.ephemeral, reply.content) == (True, "This game is over.")


async def test_shutdown_stops_games_with_a_message_and_keeps_the_scores(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=3)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.click(first, "alice", label="Right")
        await t.advance(20)
        await t.revealed(first)
        await t.bot.on_shutdown()
        final = await t.final()
        assert final.content == (
            "The bot is restarting: this game was stopped; scores so far are saved."
        )
    games = await db.recent_games(t.guild.id)
    assert [(g.status, g.asked) for g in games] == [("shutdown", 1)]
    assert set(await points(db, t)) == {"alice", "bob"}


async def test_answer_and_report_forms_left_unsent_are_forgotten_in_time(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, mode="typed")
        message = await t.question(1)
        for name in ("alice", "bob", "carol"):
            opened = await t.click(message, name, label="Answer")
            assert opened.type == 9  # each closes the form without sending it
        await t.advance(20)
        message = await t.revealed(message)
        assert (await t.click(message, "bob", label="Report")).type == 9
        # discord.py keeps every open form until it is sent or times out
        waiting = list(t.bot._connection._view_store._modals.values())
        assert len(waiting) == 4
        assert all(m.timeout is not None and m.timeout <= 900 for m in waiting)
