"""/trivia-admin reports, resolve and enable: players' reports grouped, dismissed or disabled."""

from __future__ import annotations

from .admin_support import Admin, admin

__all__ = ["admin"]

KEY = "soundtrack-2/k-actor"


async def report(admin: Admin, key: str, who: str, reason: str, guild_id: int = 0) -> None:
    """A player's report, as the Report button stores it."""
    member = admin.member(who)
    await admin.store.add_report(guild_id or admin.guild.id, key, member.id, reason, 1000.0)


async def test_reports_group_a_questions_reports_with_its_text_answer_and_source(
    admin: Admin,
) -> None:
    await report(admin, KEY, "alice", "The answer is spelled wrong")
    await report(admin, KEY, "bob", "It's DEMIAN, not <@everyone>")
    await report(admin, "soundtrack-2/hyeon-seo-actor", "carol", "wrong actress")
    _, answer = await admin.run("reports")
    assert answer.ephemeral
    (embed,) = answer.embeds
    first, second = embed["fields"]
    assert first["name"] == f"{KEY} (2 reports)"
    question = (await admin.bank()).question(KEY)
    assert question is not None and question.source is not None
    assert "Who plays the singer-songwriter K?" in first["value"]
    assert f"**A:** {question.answer}" in first["value"]
    assert f"**Source:** {question.source.title}" in first["value"]
    assert "• The answer is spelled wrong" in first["value"]
    assert "DEMIAN" in first["value"]
    assert second["name"] == "soundtrack-2/hyeon-seo-actor (1 report)"


async def test_no_open_reports_says_so(admin: Admin) -> None:
    _, answer = await admin.run("reports")
    assert answer.embeds[0]["description"] == "No open reports. Nothing to fix."


async def test_dismiss_closes_the_reports_and_keeps_the_question(admin: Admin) -> None:
    await report(admin, KEY, "alice", "typo")
    _, answer = await admin.run("resolve", question=KEY, action="dismiss")
    assert answer.content == f"Dismissed 1 report about `{KEY}`; the question stays in play."
    assert await admin.store.open_reports(admin.guild.id) == []
    assert await admin.store.disabled_questions(admin.guild.id) == set()


async def test_disable_then_enable_a_reported_question(admin: Admin) -> None:
    await report(admin, KEY, "alice", "wrong")
    await report(admin, KEY, "bob", "wrong too")
    _, answer = await admin.run("resolve", question=KEY, action="disable")
    assert answer.content.startswith(f"Disabled `{KEY}` in this server (2 reports closed)")
    assert await admin.store.disabled_questions(admin.guild.id) == {KEY}
    assert await admin.store.open_reports(admin.guild.id) == []
    playable = await admin.bot.catalog.playable(admin.guild.id, ["soundtrack-2"])
    assert KEY not in {q.key for q in playable}
    # the other server still plays it
    other = await admin.bot.catalog.playable(admin.other.id, ["soundtrack-2"])
    assert KEY in {q.key for q in other}
    sent = await admin.fake.autocomplete(
        "trivia-admin enable", member=admin.member("manager"), focused="question", question="k-"
    )
    choices = (await admin.fake.wait_for_callback(sent)).data["choices"]
    assert [c["value"] for c in choices] == [KEY]
    _, answer = await admin.run("enable", question=KEY)
    assert answer.content == f"Enabled `{KEY}`: it can be asked here again."
    assert await admin.store.disabled_questions(admin.guild.id) == set()
    playable = await admin.bot.catalog.playable(admin.guild.id, ["soundtrack-2"])
    assert KEY in {q.key for q in playable}


async def test_reports_of_one_server_are_not_shown_or_resolved_in_another(admin: Admin) -> None:
    await report(admin, KEY, "alice", "wrong")
    other_manager = admin.member("manager", admin.other)
    _, answer = await admin.run("reports", other_manager)
    assert answer.embeds[0]["description"] == "No open reports. Nothing to fix."
    _, answer = await admin.run("resolve", other_manager, question=KEY, action="dismiss")
    assert answer.content == f"`{KEY}` has no open reports."
    assert len(await admin.store.open_reports(admin.guild.id)) == 1


async def test_disabling_an_unknown_question_is_refused(admin: Admin) -> None:
    _, answer = await admin.run("resolve", question="nope/none", action="disable")
    assert answer.content == "There is no question `nope/none` in this server."
    assert await admin.store.disabled_questions(admin.guild.id) == set()
