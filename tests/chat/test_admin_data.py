"""/trivia-admin reset-scores and remove-player: confirmed first, checked in the database."""

from __future__ import annotations

from fakediscord.world import Guild

from bot.engine.model import AnswerRecord, Player

from .admin_support import Admin, admin

__all__ = ["admin"]

NOW = 1_750_000_000.0
KEY = "soundtrack-2/k-actor"


async def play(admin: Admin, guild: Guild, *names: str) -> None:
    """One stored game in `guild` where each named member answered one question right."""
    members = [guild.member(n) for n in names]
    starter = Player(members[0].id, members[0].name)
    channel = guild.channel("trivia").id
    game = await admin.store.create_game(
        guild.id, channel, ["soundtrack-2"], "choice", starter, NOW
    )
    records = [
        AnswerRecord(KEY, "soundtrack-2", "cast", m.id, m.name, True, 10, 900, 1) for m in members
    ]
    await admin.store.record_question(game, guild.id, records, NOW)


async def ranked(admin: Admin, guild: Guild) -> set[str]:
    """The names on a guild's all-time leaderboard."""
    page = await admin.store.leaderboard(guild.id, "all", NOW)
    return {row.name for row in page.rows}


async def test_reset_scores_for_one_member_after_confirmation(admin: Admin) -> None:
    await play(admin, admin.guild, "alice", "bob")
    _, prompt = await admin.run("reset-scores", member=admin.member("alice"))
    assert "alice" in prompt.content and "cannot be undone" in prompt.content
    assert await ranked(admin, admin.guild) == {"alice", "bob"}  # nothing yet
    result = await admin.click(prompt, "Reset scores")
    assert result.startswith("Reset <@") and "alice" in result
    assert await ranked(admin, admin.guild) == {"bob"}


async def test_reset_scores_for_everyone_only_in_this_server(admin: Admin) -> None:
    await play(admin, admin.guild, "alice", "bob")
    await play(admin, admin.other, "alice")
    _, prompt = await admin.run("reset-scores")
    assert prompt.content.startswith("Delete **everyone's** points")
    await admin.click(prompt, "Reset scores")
    assert await ranked(admin, admin.guild) == set()
    assert await ranked(admin, admin.other) == {"alice"}


async def test_cancelled_reset_keeps_every_score(admin: Admin) -> None:
    await play(admin, admin.guild, "alice", "bob")
    _, prompt = await admin.run("reset-scores")
    assert await admin.click(prompt, "Cancel") == "Cancelled: nothing changed."
    assert await ranked(admin, admin.guild) == {"alice", "bob"}


async def test_remove_player_deletes_their_data_here_and_says_so(admin: Admin) -> None:
    alice = admin.member("alice")
    await play(admin, admin.guild, "alice", "bob")
    await play(admin, admin.other, "alice")
    await admin.store.add_report(admin.guild.id, KEY, alice.id, "typo", NOW)
    _, prompt = await admin.run("remove-player", member=alice)
    assert prompt.content.startswith(f"Remove all data about <@{alice.id}> (alice) in this server")
    result = await admin.click(prompt, "Remove their data")
    assert result.startswith(f"Removed all data about <@{alice.id}> (alice) in this server:")
    assert "Other servers are not affected." in result
    assert await ranked(admin, admin.guild) == {"bob"}
    assert await admin.store.player_stats(admin.guild.id, alice.id, NOW) is None
    assert await admin.store.open_reports(admin.guild.id) == []
    games = await admin.store.recent_games(admin.guild.id)
    assert games[0].started_by is None
    assert await ranked(admin, admin.other) == {"alice"}


async def test_cancelled_removal_keeps_their_data(admin: Admin) -> None:
    alice = admin.member("alice")
    await play(admin, admin.guild, "alice")
    _, prompt = await admin.run("remove-player", member=alice)
    assert await admin.click(prompt, "Cancel") == "Cancelled: nothing changed."
    assert await admin.store.player_stats(admin.guild.id, alice.id, NOW) is not None
