"""/trivia-admin reload: the owner reloads the shipped packs; a broken folder keeps the old bank."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fakediscord import FakeDiscord

from .admin_support import QUESTIONS, Admin, admin_bot


@pytest.fixture
async def admin(fake_discord: FakeDiscord, tmp_path: Path) -> AsyncIterator[Admin]:
    """The bot with TRIVIA_QUESTIONS pointed at a copy of questions/ in tmp_path."""
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS, folder)
    async with admin_bot(fake_discord, tmp_path, folder) as admin:
        yield admin


def folder(admin: Admin) -> Path:
    return Path(admin.bot.settings.trivia_questions)


async def test_a_broken_folder_keeps_the_old_bank_and_lists_the_problems(admin: Admin) -> None:
    old = admin.bot.catalog.shipped
    path = folder(admin) / "soundtrack-2.yaml"
    path.write_text(path.read_text().replace("answer: Sohn Jeong-hyuck", "answer: [oops]", 1))
    (folder(admin) / "extra.yaml").write_text("pack: extra\ntitle: x\nquestions: nope\n")
    _, answer = await admin.run("reload", "owner")
    assert answer.content.startswith("Kept the current questions: ")
    assert "soundtrack-2.yaml:" in answer.content and "extra.yaml:3:" in answer.content
    assert admin.bot.catalog.shipped is old and admin.bot.bank is old
    assert "soundtrack-2" in (await admin.bank()).packs


async def test_a_valid_folder_replaces_the_bank_for_the_next_game(admin: Admin) -> None:
    (folder(admin) / "soundtrack-1.yaml").unlink()
    before = await admin.bank()
    assert "soundtrack-1" in before.packs
    _, answer = await admin.run("reload", "owner")
    assert answer.content.startswith(f"Reloaded `{folder(admin)}`: 1 pack, ")
    assert admin.bot.bank is admin.bot.catalog.shipped
    after = await admin.bank()
    assert "soundtrack-1" not in after.packs and "soundtrack-2" in after.packs
