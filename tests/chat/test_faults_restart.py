"""After a restart: buttons of views that no longer exist say the form expired."""

from __future__ import annotations

from fakediscord import FakeDiscord

from bot.chat.expired import EXPIRED
from bot.engine.model import AnswerRecord, Player
from bot.store import Store

from .faults_support import admin_of, every_interaction_within_3_s, full_bot
from .trivia_helpers import table


async def test_confirm_and_page_buttons_from_before_a_restart_say_the_form_expired(
    fake_discord: FakeDiscord, db: Store
) -> None:
    async with table(fake_discord, db, make=full_bot) as t:
        now = t.time.wallclock()
        game = await db.create_game(t.guild.id, 1, ["test"], "choice", Player(1, "x"), now)
        records = [
            AnswerRecord("test/q1", "test", "story", 9000 + n, f"fan{n:02d}", True, 100 + n, 1, 1)
            for n in range(11)
        ]
        await db.record_question(game, t.guild.id, records, now)
        _, prompt = await admin_of(t).run("reset-scores")
        sent = await fake_discord.slash("trivia leaderboard", member=t.member("alice"))
        await fake_discord.wait_for_callback(sent)
        board = await fake_discord.wait_until(
            lambda: (m := fake_discord.original_message(sent)).embeds and m, what="the board"
        )
    # the bot restarts: a new process, the same database
    async with table(fake_discord, db, make=full_bot) as t:
        for message, label, member in (
            (prompt, "Reset scores", "manager"),
            (board, "Next", "alice"),
        ):
            reply = await t.click(message, member, label=label)
            assert (reply.type, reply.ephemeral, reply.content) == (4, True, EXPIRED)
        page = await db.leaderboard(t.guild.id, "all", t.time.wallclock())
        assert page.total == 11  # the reset was not confirmed


__all__ = ["every_interaction_within_3_s"]
