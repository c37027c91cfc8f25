"""The Add-a-question modal: five text boxes, one question appended to a server pack."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord

from bot.bank.limits import MAX_ANSWER, MAX_QUESTION, MAX_SLUG
from bot.bank.loader import parse_pack
from bot.bank.problems import PackError
from bot.chat.admin.common import guild_id_of, shipped_bank, store_of
from bot.chat.admin.packs import save
from bot.chat.admin.question import added_pack_text, new_question
from bot.chat.admin.render import count_words, problems_message, shorten
from bot.chat.errors import ReportingModal

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot


class AddQuestionModal(ReportingModal):
    """Question, answer, aliases, wrong answers and category for one new question."""

    question: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Question",
        custom_id="question",
        style=discord.TextStyle.paragraph,
        max_length=MAX_QUESTION,
    )
    answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Answer", custom_id="answer", max_length=MAX_ANSWER
    )
    aliases: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Other accepted answers (comma-separated)",
        custom_id="aliases",
        required=False,
        max_length=1000,
    )
    wrong_answers: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Wrong answers: 3, comma-separated, or none",
        custom_id="wrong_answers",
        required=False,
        max_length=400,
    )
    category: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Category (optional, e.g. cast)",
        custom_id="category",
        required=False,
        max_length=MAX_SLUG,
    )

    def __init__(self, bot: TriviaBot, slug: str) -> None:
        super().__init__(title=shorten(f"Add a question to {slug}", 45), timeout=600)
        self.bot = bot
        self.slug = slug

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Append the question, validate the whole pack, save it only if it is valid."""
        q = new_question(
            self.question.value,
            self.answer.value,
            self.aliases.value,
            self.wrong_answers.value,
            self.category.value,
        )
        guild_id = guild_id_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        store = store_of(self.bot)
        stored = await store.get_pack(guild_id, self.slug)
        text, qid = added_pack_text(stored.yaml_text if stored else None, self.slug, q)
        try:
            pack = await asyncio.to_thread(
                parse_pack,
                text,
                filename=f"{self.slug}.yaml",
                sources=shipped_bank(self.bot).sources,
                require_evidence=False,
            )
        except PackError as exc:
            # positions point into text the moderator never saw: show the messages alone
            messages = [p.message for p in exc.problems]
            header = "That question was not added; nothing changed:"
            await interaction.edit_original_response(content=problems_message(header, messages))
            return
        await save(self.bot, guild_id, pack, text, interaction.user.id)
        made = "Created the pack" if stored is None else "Added to"
        await interaction.edit_original_response(
            content=(
                f"{made} `{self.slug}`: question `{self.slug}/{qid}` "
                f"(the pack now has {count_words(len(pack.questions), 'question')})."
            )
        )
