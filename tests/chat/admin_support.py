"""Shared by the /trivia-admin tests: a bot with a real Store on tmp_path and the shipped bank."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakediscord import FakeDiscord, connect, payloads
from fakediscord.actions import APPLICATION_COMMAND
from fakediscord.records import StoredMessage
from fakediscord.world import Guild, Member

from bot.bank import Bank, load_bank
from bot.chat.admin.common import catalog_of
from bot.chat.client import EXTENSIONS, TriviaBot
from bot.config import Settings
from bot.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "questions"
BANK_TESTS = ROOT / "tests" / "bank"
GOOD_PACK = """\
pack: fan-pack
title: "Fan questions"
questions:
  - id: k-band
    question: "What is K's job in Soundtrack #2?"
    answer: singer-songwriter
    aliases: [songwriter]
    wrong_answers: [chef, lawyer, pilot]
    category: characters
  - id: decimal
    question: Which version number is this pack?
    answer: 3.10
"""

#: the moderators' and the players' commands (the latter to check settings are obeyed)
EXTENSIONS_WITH_PLAYERS = tuple(dict.fromkeys((*EXTENSIONS, "bot.chat.admin", "bot.chat.trivia")))

_BANK: Bank | None = None


def shipped() -> Bank:
    """The shipped bank, loaded once for the whole test run."""
    global _BANK
    if _BANK is None:
        _BANK = load_bank([QUESTIONS])
    return _BANK


@dataclass
class Admin:
    """A connected bot, its store and the fake Discord, with shortcuts for the tests."""

    fake: FakeDiscord
    bot: TriviaBot
    store: Store

    @property
    def guild(self) -> Guild:
        """The first guild, "Soundtrack Fans"."""
        return self.fake.world.guild("Soundtrack Fans")

    @property
    def other(self) -> Guild:
        """The second guild."""
        return self.fake.world.guild("Second Server")

    def member(self, name: str, guild: Guild | None = None) -> Member:
        """A member of a guild (default the first)."""
        return (guild or self.guild).member(name)

    async def run(
        self, command: str, by: Member | str = "manager", **options: Any
    ) -> tuple[dict[str, Any], StoredMessage]:
        """`by` runs `/trivia-admin command`; wait for its answer message to have something."""
        who = self.member(by) if isinstance(by, str) else by
        sent = await self.slash(command, who, **options)
        return sent, await self.answer(sent)

    async def slash(self, command: str, who: Member, **options: Any) -> dict[str, Any]:
        """`/trivia-admin command` by `who`; unlike `fake.slash`, an option may be `member`."""
        definition = self.fake.registered_command("trivia-admin", who.guild.id)
        data = payloads.command_data(definition, command.split(), options)
        return await self.fake._interact(APPLICATION_COMMAND, who, None, data)

    async def answer(self, sent: dict[str, Any]) -> StoredMessage:
        """The interaction's response message once it has content or an embed."""

        def filled() -> StoredMessage | None:
            try:
                message = self.fake.original_message(sent)
            except KeyError:
                return None
            return message if (message.content or message.embeds) else None

        return await self.fake.wait_until(filled, what="the command's answer")

    async def click(self, message: StoredMessage, label: str, member: str = "manager") -> str:
        """Click a button and return the message's text after the bot updated it."""
        before = message.edits
        sent = await self.fake.click(message, member=self.member(member), label=label)
        await self.fake.wait_for_callback(sent)
        await self.fake.wait_until(lambda: message.edits > before, what="the edit")
        return message.content

    async def bank(self, guild: Guild | None = None) -> Bank:
        """What the guild's next game can draw from."""
        return await catalog_of(self.bot).bank_for((guild or self.guild).id)

    def upload(self, text: str | bytes, filename: str = "fan-pack.yaml", ctype: str | None = None):
        """Serve a file as an attachment; returns its payload for the `file` option."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        return self.fake.add_file(data, filename, ctype)


def make_settings(tmp_path: Path, questions: Path = QUESTIONS) -> Settings:
    """Settings pointing at a database and a questions folder."""
    return Settings(
        trivia_db=str(tmp_path / "t.sqlite3"),
        trivia_questions=str(questions),
        trivia_shipped_packs=False,  # the folder given holds every pack (a copy of questions/)
    )


@asynccontextmanager
async def admin_bot(
    fake: FakeDiscord,
    tmp_path: Path,
    questions: Path = QUESTIONS,
    location: str | Path | None = None,
) -> AsyncIterator[Admin]:
    """The bot with /trivia-admin, a real Store (SQLite in tmp_path unless ``location`` says
    otherwise), the shipped bank, connected to the fake."""
    store = await open_store(location or tmp_path / "trivia.sqlite3")
    bot = TriviaBot(
        make_settings(tmp_path, questions),
        store=store,
        bank=shipped(),
        extensions=EXTENSIONS_WITH_PLAYERS,
        guild_ready_timeout=0.05,
    )
    try:
        async with connect(bot, fake):
            yield Admin(fake, bot, store)
    finally:
        await store.close()


@pytest.fixture
async def admin(
    fake_discord: FakeDiscord, tmp_path: Path, db_location: str | Path
) -> AsyncIterator[Admin]:
    """The admin bot on the real questions/ folder, on each backend."""
    async with admin_bot(fake_discord, tmp_path, location=db_location) as admin:
        yield admin
