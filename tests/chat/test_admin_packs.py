"""/trivia-admin import, export, remove and list, through the real client and a real Store."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from .admin_support import BANK_TESTS, GOOD_PACK, QUESTIONS, Admin, admin

__all__ = ["admin"]

BROKEN = BANK_TESTS / "broken"


class CountingFiles(dict[str, Any]):
    """The fake's served files, counting every download the bot makes."""

    downloads = 0

    def get(self, key: str, default: Any = None) -> Any:
        """Count a lookup by the attachment route, then answer it."""
        self.downloads += 1
        return super().get(key, default)


@pytest.fixture
def counting(admin: Admin) -> CountingFiles:
    """Count attachment downloads from here on."""
    files = CountingFiles(admin.fake.files)
    admin.fake.files = files
    return files


async def test_a_valid_pack_is_saved_exactly_and_playable(admin: Admin) -> None:
    _, message = await admin.run("import", file=admin.upload(GOOD_PACK))
    assert message.content == "Imported `fan-pack` (2 questions). It is playable now."
    assert message.ephemeral
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK
    assert (stored.title, stored.question_count) == ("Fan questions", 2)
    assert stored.updated_by == admin.member("manager").id
    bank = await admin.bank()
    question = bank.question("fan-pack/decimal")
    assert question is not None and question.answer == "3.10"
    assert "soundtrack-2" in bank.packs


@pytest.mark.one_backend
@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("unclosed-quote", "14:1", "YAML syntax error: found unexpected end of stream"),
        ("unknown-field", "13:5", "question 'k-actor': unknown field 'hint'"),
        ("billion-laughs", "2:6", "YAML anchor '&a' is not allowed"),
        ("python-tag", "7:13", "YAML tag '!!python/object/apply:os.system' is not allowed"),
        ("binary", "1:1", "looks like a binary file"),
        ("latin1", "", "not valid UTF-8 text"),
        ("two-documents", "", "only one YAML document per file"),
    ],
)
async def test_a_broken_pack_gets_every_problem_with_line_and_column_and_nothing_is_saved(
    admin: Admin, name: str, where: str, message: str
) -> None:
    data = (BROKEN / f"{name}.yaml").read_bytes()
    _, answer = await admin.run("import", file=admin.upload(data, f"{name}.yaml"))
    text = answer.content
    assert text.startswith(f"**{name}.yaml** was not imported (")
    assert "nothing was saved" in text
    assert f"{name}.yaml:{where}" in text and message in text
    assert answer.ephemeral and len(text) <= 2000
    assert await admin.store.list_packs(admin.guild.id) == []


@pytest.mark.one_backend
async def test_a_file_with_hundreds_of_problems_is_answered_within_discords_limit(
    admin: Admin,
) -> None:
    lines = ["pack: many", "title: Many", "questions:"]
    lines += [
        f"  - id: q{i}\n    question: Q{i}?\n    answer: A\n    colour: red" for i in range(300)
    ]
    _, answer = await admin.run("import", file=admin.upload("\n".join(lines), "many.yaml"))
    assert len(answer.content) <= 2000
    assert "unknown field 'colour'" in answer.content
    assert answer.content.rstrip().splitlines()[-1].startswith("… and ")
    assert answer.content.rstrip().splitlines()[-1].endswith(" more")


@pytest.mark.one_backend
@pytest.mark.parametrize(
    ("filename", "size", "ctype", "why"),
    [
        ("huge.yaml", 1024 * 1024 + 1, "text/yaml", "is too big (1.0 MiB); the limit is 1.0 MiB"),
        ("pack.txt", 100, "text/plain", "is not a YAML file"),
        ("photo.yaml", 100, "image/png", "looks like `image/png`, not YAML text"),
    ],
)
async def test_an_unsuitable_attachment_is_refused_before_any_download(
    admin: Admin, counting: CountingFiles, filename: str, size: int, ctype: str, why: str
) -> None:
    attachment = admin.upload(b"x" * size, filename, ctype)
    _, answer = await admin.run("import", file=attachment)
    assert why in answer.content
    assert answer.ephemeral
    assert counting.downloads == 0
    assert await admin.store.list_packs(admin.guild.id) == []


async def test_a_good_attachment_is_downloaded_once(admin: Admin, counting: CountingFiles) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    assert counting.downloads == 1


async def test_a_red_list_is_imported_with_its_slug_from_the_file_name(admin: Admin) -> None:
    data = (BANK_TESTS / "red" / "soundtrack_2_red.yaml").read_bytes()
    _, answer = await admin.run("import", file=admin.upload(data, "soundtrack_2_red.yaml"))
    assert answer.content.startswith("Imported `soundtrack-2-red` (")
    pack = (await admin.bank()).packs["soundtrack-2-red"]
    assert pack.format == "red" and pack.questions
    stored = await admin.store.get_pack(admin.guild.id, "soundtrack-2-red")
    assert stored is not None and stored.yaml_text.encode() == data


async def test_the_slug_of_a_shipped_pack_is_refused(admin: Admin) -> None:
    text = GOOD_PACK.replace("pack: fan-pack", "pack: soundtrack-2")
    _, answer = await admin.run("import", file=admin.upload(text))
    assert "`soundtrack-2` is the name of a pack that ships with the bot" in answer.content
    assert await admin.store.list_packs(admin.guild.id) == []


async def _import_twice(admin: Admin) -> tuple[str, Any]:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    newer = GOOD_PACK.replace('"Fan questions"', '"Fan questions, v2"')
    _, prompt = await admin.run("import", file=admin.upload(newer))
    assert prompt.content.startswith("This server already has a pack `fan-pack` (2 questions")
    assert [b["label"] for b in prompt.buttons()] == ["Replace", "Cancel"]
    return newer, prompt


async def test_replacing_a_pack_asks_first_and_replaces_on_confirm(admin: Admin) -> None:
    newer, prompt = await _import_twice(admin)
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK  # not yet
    result = await admin.click(prompt, "Replace")
    assert result == "Replaced `fan-pack` with `fan-pack` (2 questions)."
    assert all(b.get("disabled") for b in prompt.buttons())
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == newer
    assert (await admin.bank()).packs["fan-pack"].title == "Fan questions, v2"


async def test_cancelling_a_replacement_keeps_the_old_pack(admin: Admin) -> None:
    _, prompt = await _import_twice(admin)
    assert await admin.click(prompt, "Cancel") == "Cancelled: nothing changed."
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK


async def test_only_the_moderator_who_asked_can_answer_a_confirmation(admin: Admin) -> None:
    _, prompt = await _import_twice(admin)
    sent = await admin.fake.click(prompt, member=admin.member("owner"), label="Replace")
    reply = await admin.fake.wait_for_callback(sent)
    assert reply.content == "Only the moderator who ran that command can answer it."
    assert reply.ephemeral
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK


async def test_an_unanswered_confirmation_times_out_with_its_buttons_off(
    admin: Admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the extension's modules are imported afresh by each bot: patch the one this bot loaded
    monkeypatch.setattr(sys.modules["bot.chat.admin.views"], "CONFIRM_TIMEOUT", 0.01)
    _, prompt = await _import_twice(admin)
    await admin.fake.wait_until(lambda: prompt.content.startswith("Timed out"), what="timeout")
    assert all(b.get("disabled") for b in prompt.buttons())
    stored = await admin.store.get_pack(admin.guild.id, "fan-pack")
    assert stored is not None and stored.yaml_text == GOOD_PACK


async def test_export_gives_back_the_imported_bytes_exactly(admin: Admin) -> None:
    # comments, odd quoting, CRLF line ends and non-ASCII text all survive
    original = (
        "# our pack\r\npack: fan-pack\r\ntitle: 'Fan   questions'  # kept\r\nquestions:\r\n"
        "  - id: seoul\r\n    question: \"Where is 'K' from? 서울?\"\r\n    answer:   Seoul\r\n"
    ).encode()
    await admin.run("import", file=admin.upload(original))
    sent, answer = await admin.run("export", pack="fan-pack")
    reply = await admin.fake.wait_for_callback(sent)
    assert reply.files == {"fan-pack.yaml": original}
    assert answer.ephemeral and [a["filename"] for a in answer.attachments] == ["fan-pack.yaml"]


async def test_export_of_a_shipped_pack_is_its_file(admin: Admin) -> None:
    sent, answer = await admin.run("export", pack="soundtrack-2")
    assert (await admin.fake.wait_for_callback(sent)).files == {
        "soundtrack-2.yaml": (QUESTIONS / "soundtrack-2.yaml").read_bytes()
    }
    assert "starting point" in answer.content


async def test_export_of_an_unknown_pack_is_refused(admin: Admin) -> None:
    _, answer = await admin.run("export", pack="nope")
    assert answer.content == "There is no pack named `nope` here."


async def test_export_autocomplete_offers_server_and_shipped_packs(admin: Admin) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    sent = await admin.fake.autocomplete(
        "trivia-admin export", member=admin.member("manager"), focused="pack", pack="pack"
    )
    reply = await admin.fake.wait_for_callback(sent)
    assert [c["value"] for c in reply.data["choices"]] == ["fan-pack"]
    sent = await admin.fake.autocomplete(
        "trivia-admin export", member=admin.member("manager"), focused="pack", pack=""
    )
    reply = await admin.fake.wait_for_callback(sent)
    assert {c["value"] for c in reply.data["choices"]} == {
        "fan-pack",
        "soundtrack-1",
        "soundtrack-2",
    }


async def test_remove_asks_then_deletes_and_the_pack_is_no_longer_playable(admin: Admin) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    assert "fan-pack" in (await admin.bank()).packs
    _, prompt = await admin.run("remove", pack="fan-pack")
    assert prompt.content.startswith("Remove `fan-pack` (2 questions) from this server?")
    assert await admin.click(prompt, "Cancel") == "Cancelled: nothing changed."
    assert await admin.store.get_pack(admin.guild.id, "fan-pack") is not None
    _, prompt = await admin.run("remove", pack="fan-pack")
    assert (await admin.click(prompt, "Remove")).startswith("Removed `fan-pack`.")
    assert await admin.store.get_pack(admin.guild.id, "fan-pack") is None
    assert "fan-pack" not in (await admin.bank()).packs


async def test_a_shipped_pack_cannot_be_removed(admin: Admin) -> None:
    _, answer = await admin.run("remove", pack="soundtrack-2")
    assert "ships with the bot" in answer.content
    assert "soundtrack-2" in (await admin.bank()).packs


async def test_list_shows_the_servers_packs_with_counts_and_who_updated_them(
    admin: Admin,
) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    _, answer = await admin.run("list")
    manager = admin.member("manager")
    assert answer.content.startswith("This server's packs (1):\n`fan-pack`: Fan questions, 2 ")
    assert f"updated by <@{manager.id}> <t:" in answer.content


async def test_a_pack_imported_in_one_server_is_invisible_in_another(admin: Admin) -> None:
    await admin.run("import", file=admin.upload(GOOD_PACK))
    assert "fan-pack" not in (await admin.bank(admin.other)).packs
    other_manager = admin.member("manager", admin.other)
    _, answer = await admin.run("list", other_manager)
    assert "no packs of its own" in answer.content
    _, answer = await admin.run("export", other_manager, pack="fan-pack")
    assert answer.content == "There is no pack named `fan-pack` here."
    # the same slug is free in the other server
    _, answer = await admin.run("import", other_manager, file=admin.upload(GOOD_PACK))
    assert answer.content.startswith("Imported `fan-pack`")


@pytest.mark.one_backend
async def test_an_import_stops_reading_at_the_limit_whatever_size_is_declared(
    admin: Admin,
) -> None:
    big = b"# padding\n" * (64 * 1024 * 1024 // 10)
    attachment = admin.fake.add_file(big, "small.yaml", "text/yaml", declared_size=100)
    _, message = await admin.run("import", file=attachment)
    assert message.content == "**small.yaml** is bigger than 1.0 MiB."
    assert message.ephemeral
    assert admin.fake.served[attachment["id"]] < 16 * 1024 * 1024
    assert await admin.store.get_pack(admin.guild.id, "small") is None
