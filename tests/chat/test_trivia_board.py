"""/trivia leaderboard (paging), stats, packs, autocomplete, and the Report modal."""

from __future__ import annotations

import pytest
from fakediscord import FakeDiscord, payloads
from fakediscord.actions import APPLICATION_COMMAND

from bot.chat.errors import APOLOGY
from bot.engine.model import AnswerRecord, Player
from bot.store import Store

from .trivia_helpers import FAN_PACK, Table, table


async def seed(t: Table, scores: dict[tuple[int, str], int]) -> None:
    """Store one finished question in which each (user_id, name) scored its points."""
    now = t.time.wallclock()
    game_id = await t.store.create_game(
        t.guild.id, t.channel().id, ["test"], "choice", Player(1, "seed"), now
    )
    records = [
        AnswerRecord("test/q1", "test", "story", uid, name, points > 0, points, 1000, 1)
        for (uid, name), points in scores.items()
    ]
    await t.store.record_question(game_id, t.guild.id, records, now)


def rows(embed: dict[str, object]) -> list[str]:
    """The leaderboard lines of an embed."""
    return str(embed["description"]).splitlines()


async def test_the_leaderboard_pages_for_the_caller_only(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        alice, bob = t.member("alice"), t.member("bob")
        scores = {(9000 + n, f"fan{n:02d}"): 2000 - 100 * n for n in range(11)}
        scores[(alice.id, "alice")] = 50
        scores[(12345, "gone-fan")] = 1950  # left the server: shown by the stored name
        scores[(bob.id, "bob")] = 10
        await seed(t, scores)

        sent = await fake_discord.slash("trivia leaderboard", member=alice)
        deferred = await fake_discord.wait_for_callback(sent)
        assert (deferred.type, deferred.ephemeral) == (5, False)
        board = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).embeds and m, what="the board"
        )
        embed = board.embeds[0]
        assert rows(embed)[:3] == [
            "🥇 **fan00**: 2000 pts · 1/1 right",
            "🥈 **gone-fan**: 1950 pts · 1/1 right",
            "🥉 **fan01**: 1900 pts · 1/1 right",
        ]
        assert len(rows(embed)) == 10
        assert embed["fields"] == [
            {"name": "Your rank", "value": "#13 · 50 pts · 1/1 right", "inline": False}
        ]
        assert embed["footer"]["text"] == "Page 1/2 · 14 players"
        assert board.button("Previous")["disabled"] and not board.button("Next")["disabled"]

        refused = await t.click(board, "bob", label="Next")
        assert refused.ephemeral and refused.content.startswith("Only the person who asked")
        assert board.embeds[0]["footer"]["text"] == "Page 1/2 · 14 players"

        turned = await t.click(board, "alice", label="Next")
        assert turned.type == 7
        embed = board.embeds[0]
        assert rows(embed) == [
            "**11.** **fan09**: 1100 pts · 1/1 right",
            "**12.** **fan10**: 1000 pts · 1/1 right",
            "**13.** **alice**: 50 pts · 1/1 right",
            "**14.** **bob**: 10 pts · 1/1 right",
        ]
        assert embed["footer"]["text"] == "Page 2/2 · 14 players"
        assert board.button("Next")["disabled"] and not board.button("Previous")["disabled"]
        await t.click(board, "alice", label="Previous")
        assert rows(board.embeds[0])[0].startswith("🥇 **fan00**")


async def test_a_server_sees_only_its_own_scores(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await seed(t, {(t.member("alice").id, "alice"): 700})
        other = fake_discord.world.guild("Second Server")
        sent = await fake_discord.slash("trivia leaderboard", member=other.member("alice"))
        await fake_discord.wait_for_callback(sent)
        board = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).embeds and m, what="the board"
        )
        assert board.embeds[0]["description"].startswith("No scores yet")
        assert board.embeds[0]["fields"][0]["value"] == "You have no points here yet."


async def test_stats_for_a_member_and_for_someone_who_never_played(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        bob = t.member("bob")
        await seed(t, {(bob.id, "bob"): 900, (t.member("carol").id, "carol"): 1000})
        # the option is called "member", like slash()'s own argument: build the payload directly
        definition = fake_discord.registered_command("trivia", t.guild.id)
        data = payloads.command_data(definition, ["stats"], {"member": bob})
        sent = await fake_discord._interact(APPLICATION_COMMAND, t.member("alice"), None, data)
        await fake_discord.wait_for_callback(sent)
        shown = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).embeds and m, what="the stats"
        )
        embed = shown.embeds[0]
        assert embed["title"] == "Trivia stats: bob"
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert fields["Rank"] == "#2" and fields["Points"] == "900"
        assert fields["Right answers"] == "1/1 (100%)"
        assert fields["Favourite category"] == "story"

        mine = await fake_discord.slash("trivia stats", member=t.member("alice"))
        await fake_discord.wait_for_callback(mine)
        message = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(mine)).content and m, what="the reply"
        )
        assert message.content == "alice has not played trivia here yet."


async def test_packs_lists_shipped_and_this_servers_packs(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await db.save_pack(t.guild.id, "fan-made", "Fan Made", FAN_PACK, 1, None, 0.0)
        reply = await t.command("trivia packs", "alice")
        assert reply.ephemeral
        fields = {f["name"]: f["value"] for f in reply.embeds[0]["fields"]}
        assert fields == {
            "Late Episodes (late)": "3 questions\nCategories: twists",
            "Test Pack (test)": "8 questions\nCategories: story",
            "Fan Made (fan-made) · this server's": "1 question\nCategories: fandom",
        }
        other = fake_discord.world.guild("Second Server")
        sent = await fake_discord.slash("trivia packs", member=other.member("alice"))
        elsewhere = await fake_discord.wait_for_callback(sent)
        assert len(elsewhere.embeds[0]["fields"]) == 2


async def test_a_servers_own_pack_can_be_played(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await db.save_pack(t.guild.id, "fan-made", "Fan Made", FAN_PACK, 1, None, 0.0)
        reply = await t.start("alice", pack="Fan Made")
        assert "from **Fan Made**" in reply.content
        message = await t.question(1)
        assert "Who wrote this pack?" in message.embeds[0]["description"]


async def test_pack_and_category_autocomplete(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        alice = t.member("alice")
        sent = await fake_discord.autocomplete(
            "trivia start", member=alice, focused="pack", pack="ep"
        )
        reply = await fake_discord.wait_for_callback(sent)
        assert reply.type == 8
        assert reply.data["choices"] == [
            {"name": "Late Episodes (late) · 3 questions", "value": "late"}
        ]
        sent = await fake_discord.autocomplete(
            "trivia start", member=alice, focused="category", pack="test", category=""
        )
        reply = await fake_discord.wait_for_callback(sent)
        assert [c["value"] for c in reply.data["choices"]] == ["story"]


async def test_the_report_button_stores_a_report(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1)
        message = await t.question(1)
        await t.click(message, "alice", label="Wrong 1")
        await t.advance(20)
        message = await t.revealed(message)
        key = message.embeds[1]["footer"]["text"].removeprefix("Question ")
        modal = await t.click(message, "bob", label="Report")
        assert modal.type == 9
        sent = await fake_discord.submit_modal(
            modal, member=t.member("bob"), values={"reason": "The source says otherwise."}
        )
        thanks = await fake_discord.wait_for_callback(sent)
        assert thanks.ephemeral and thanks.content.startswith("Thanks!")
        groups = await db.open_reports(t.guild.id)
        assert [(g.question_key, g.reasons) for g in groups] == [
            (key, ("The source says otherwise.",))
        ]
        assert groups[0].reports[0].user_id == t.member("bob").id
        assert await db.open_reports(fake_discord.world.guild("Second Server").id) == []


async def test_turning_a_page_after_the_scores_were_reset_shows_the_empty_first_page(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        alice = t.member("alice")
        await seed(t, {(9000 + n, f"fan{n:02d}"): 2000 - 100 * n for n in range(11)})
        sent = await fake_discord.slash("trivia leaderboard", member=alice)
        await fake_discord.wait_for_callback(sent)
        board = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).embeds and m, what="the board"
        )
        await db.reset_scores(t.guild.id)
        turned = await t.click(board, "alice", label="Next")
        assert turned.type == 7
        embed = board.embeds[0]
        assert embed["description"].startswith("No scores yet"), embed
        assert embed["footer"]["text"] == "Page 1/1 · 0 players"
        assert board.button("Next")["disabled"] and board.button("Previous")["disabled"]


async def test_a_question_removed_since_its_reveal_cannot_be_reported(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db) as t:
        await db.save_pack(t.guild.id, "fan-made", "Fan Made", FAN_PACK, 1, None, 0.0)
        await t.start("alice", pack="fan-made", questions=1)
        message = await t.question(1)
        await t.advance(20)
        message = await t.revealed(message)
        await t.final()
        await db.delete_pack(t.guild.id, "fan-made")
        t.bot.catalog.invalidate(t.guild.id)
        refused = await t.click(message, "bob", label="Report")
        assert refused.type == 4 and refused.ephemeral
        assert refused.content.startswith("I can't find that question any more")
        assert await db.open_reports(t.guild.id) == []


async def test_an_error_after_the_public_deferral_reaches_the_caller_alone(
    fake_discord: FakeDiscord, db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    async with table(fake_discord, db) as t:
        monkeypatch.setattr(db, "player_stats", broken)
        sent = await fake_discord.slash("trivia stats", member=t.member("alice"))
        deferred = await fake_discord.wait_for_callback(sent)
        assert (deferred.type, deferred.ephemeral) == (5, False)
        apology = await fake_discord.wait_until(
            lambda: next((m for m in fake_discord.followups(sent) if m.content), None),
            what="the apology",
        )
        assert (apology.content, apology.ephemeral) == (APOLOGY, True)
        # the public "thinking…" message went away instead of turning into the apology
        assert fake_discord.original_message(sent).deleted
        assert fake_discord.channel_messages(t.channel().id) == []
