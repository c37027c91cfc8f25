"""/trivia-admin add: the modal adds one question to a server pack, validated like an import."""

from __future__ import annotations

from typing import Any

from fakediscord.records import StoredMessage

from .admin_support import GOOD_PACK, Admin, admin

__all__ = ["admin"]

NEW = {
    "question": "Which streaming service shows Soundtrack #2?",
    "answer": "Disney+",
    "aliases": "Disney Plus, Disney",
    "wrong_answers": "Netflix, Viki, TVING",
    "category": "production",
}


async def add(admin: Admin, pack: str, values: dict[str, str]) -> StoredMessage:
    """Run `add pack:<pack>`, fill the modal with `values`, return the answer."""
    sent = await admin.slash("add", admin.member("manager"), pack=pack)
    modal = await admin.fake.wait_for_callback(sent)
    assert modal.type == 9 and modal.data["title"] == f"Add a question to {pack}"
    filled: dict[str, Any] = {"aliases": "", "wrong_answers": "", "category": "", **values}
    submitted = await admin.fake.submit_modal(modal, member=admin.member("manager"), values=filled)
    return await admin.answer(submitted)


async def test_add_creates_a_new_pack_that_is_playable(admin: Admin) -> None:
    answer = await add(admin, "our-questions", NEW)
    key = "our-questions/which-streaming-service-shows-soundtrack"
    assert answer.content == (
        f"Created the pack `our-questions`: question `{key}` (the pack now has 1 question)."
    )
    question = (await admin.bank()).question(key)
    assert question is not None
    assert question.accepted == ("Disney+", "Disney Plus", "Disney")
    assert question.wrong_answers == ("Netflix", "Viki", "TVING")
    assert question.category == "production" and question.supports_choice
    stored = await admin.store.get_pack(admin.guild.id, "our-questions")
    assert stored is not None and stored.updated_by == admin.member("manager").id


async def test_add_appends_to_an_existing_pack_and_keeps_its_questions_as_they_were(
    admin: Admin,
) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    answer = await add(admin, "fan-pack", {"question": "Who is K?", "answer": "a singer"})
    assert answer.content.startswith("Added to `fan-pack`: question `fan-pack/who-is-k`")
    assert "now has 3 questions" in answer.content
    bank = await admin.bank()
    assert [q.id for q in bank.packs["fan-pack"].questions] == ["k-band", "decimal", "who-is-k"]
    decimal = bank.question("fan-pack/decimal")
    assert decimal is not None and decimal.answer == "3.10"  # not 3.1
    again = await add(admin, "fan-pack", {"question": "Who is K?", "answer": "Sohn Jeong-hyuck"})
    assert "`fan-pack/who-is-k-2`" in again.content


async def test_add_to_a_red_list_adds_a_typed_question(admin: Admin) -> None:
    red = '"Who plays K?":\n- Sohn Jeong-hyuck\n'
    await admin.run("import", file=admin.upload(red, "red_list.yaml"))
    answer = await add(admin, "red-list", {"question": "Who directs it?", "answer": "Someone"})
    assert answer.content.startswith("Added to `red-list`")
    assert len((await admin.bank()).packs["red-list"].questions) == 2


async def test_two_wrong_answers_are_refused_and_nothing_is_saved(admin: Admin) -> None:
    answer = await add(admin, "our-questions", {**NEW, "wrong_answers": "Netflix, Viki"})
    assert answer.content.startswith("Give exactly 3 wrong answers separated by commas")
    assert await admin.store.get_pack(admin.guild.id, "our-questions") is None


async def test_a_wrong_answer_equal_to_the_answer_is_refused_and_nothing_changes(
    admin: Admin,
) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    answer = await add(admin, "fan-pack", {**NEW, "wrong_answers": "Netflix, disney+, Viki"})
    assert answer.content.startswith("That question was not added; nothing changed:")
    assert "wrong_answers" in answer.content
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK


async def test_add_refuses_a_shipped_pack_or_a_bad_name_before_the_modal(admin: Admin) -> None:
    _, answer = await admin.run("add", pack="soundtrack-2")
    assert "ships with the bot" in answer.content
    _, answer = await admin.run("add", pack="Our Pack")
    assert answer.content.startswith("A pack name is lower-case letters and digits")
