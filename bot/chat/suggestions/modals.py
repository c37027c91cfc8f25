"""The suggestion form (a fan's, or a moderator's edit) and the decline-reason form."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.bank.limits import MAX_ANSWER, MAX_EVIDENCE, MAX_QUESTION
from bot.chat.errors import ReportingModal, UserFacingError
from bot.chat.suggestions.render import problems_text
from bot.community.errors import CommunityError
from bot.community.suggestion import (
    MAX_REASON,
    SUGGESTIONS_PER_DAY,
    Suggestion,
    SuggestionError,
    check_daily_limit,
    check_suggestion,
    split_answers,
)

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

_DAY = 86_400.0

#: what a filled-in form does with a checked suggestion
OnChecked = Callable[[discord.Interaction[Any], Suggestion], Awaitable[None]]


async def check_limit(bot: TriviaBot, guild_id: int, user_id: int) -> None:
    """Refuse a member who sent the day's allowance of suggestions already."""
    now = bot.wallclock()
    times = await bot.store.suggestion_times(guild_id, user_id, now - _DAY)
    try:
        check_daily_limit(times, now, SUGGESTIONS_PER_DAY)
    except CommunityError as error:
        raise UserFacingError(str(error)) from error


class SuggestionModal(ReportingModal):
    """Question, answer, three wrong answers and the source: checked as an imported pack is."""

    question: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Question",
        custom_id="question",
        style=discord.TextStyle.paragraph,
        max_length=MAX_QUESTION,
    )
    answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Answer", custom_id="answer", max_length=MAX_ANSWER
    )
    wrong_answers: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Three wrong answers, one a line",
        custom_id="wrong_answers",
        style=discord.TextStyle.paragraph,
        max_length=3 * MAX_ANSWER + 10,
    )
    source: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Where it comes from: a link or a quote",
        custom_id="source",
        style=discord.TextStyle.paragraph,
        max_length=MAX_EVIDENCE,
    )

    def __init__(
        self,
        title: str,
        on_checked: OnChecked,
        *,
        user_id: int,
        name: str,
        filled: Suggestion | None = None,
    ) -> None:
        super().__init__(title=title, timeout=900)
        self.on_checked = on_checked
        self.user_id = user_id
        self.name = name
        if filled is not None:
            self.question.default = filled.question
            self.answer.default = filled.answer
            self.wrong_answers.default = "\n".join(filled.wrong_answers)
            self.source.default = filled.source

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Check every field; a refusal lists each problem and changes nothing."""
        try:
            suggestion = check_suggestion(
                self.question.value,
                self.answer.value,
                split_answers(self.wrong_answers.value),
                self.source.value,
                user_id=self.user_id,
                name=self.name,
            )
        except SuggestionError as error:
            text = problems_text("Not sent: please fix this and try again.", error.problems)
            await interaction.response.send_message(text, ephemeral=True)
            return
        await self.on_checked(interaction, suggestion)


OnReason = Callable[[discord.Interaction[Any], str], Awaitable[None]]


class DeclineModal(ReportingModal):
    """Why a suggestion is declined: the suggester reads it."""

    reason: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Reason (the member who suggested it reads it)",
        custom_id="reason",
        style=discord.TextStyle.paragraph,
        max_length=MAX_REASON,
    )

    def __init__(self, on_reason: OnReason) -> None:
        super().__init__(title="Decline a suggestion", timeout=900)
        self.on_reason = on_reason

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Pass the reason on."""
        await self.on_reason(interaction, self.reason.value)


async def open_form(bot: TriviaBot, interaction: discord.Interaction[Any]) -> None:
    """``/trivia suggest``: the form, unless the member reached the day's limit."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise UserFacingError("Suggestions only work in a server.")
    user = interaction.user
    await check_limit(bot, guild_id, user.id)

    async def send(submitted: discord.Interaction[Any], suggestion: Suggestion) -> None:
        await check_limit(bot, guild_id, user.id)  # a second form may have been sent meanwhile
        fields = (
            suggestion.question,
            suggestion.answer,
            suggestion.wrong_answers,
            suggestion.source,
        )
        await bot.store.add_suggestion(
            guild_id, user.id, user.display_name, fields, bot.wallclock()
        )
        await submitted.response.send_message(
            "Thanks! Your suggestion is in the moderators' queue.", ephemeral=True
        )

    modal = SuggestionModal("Suggest a question", send, user_id=user.id, name=user.display_name)
    await interaction.response.send_modal(modal)
