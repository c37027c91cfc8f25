"""The Answer modal (a typed guess) and the Report modal (what is wrong with a question)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.chat.errors import DEFER_AFTER, ReportingModal, in_time, reply

if TYPE_CHECKING:
    from bot.chat.trivia.games import GameService

MAX_GUESS = 200
MAX_REASON = 500
#: seconds discord.py keeps a form that was opened but never sent (none would leak them):
#: longer than a question can stay open, and than anyone takes to write a report
ANSWER_TIMEOUT = 300.0
REPORT_TIMEOUT = 900.0


class AnswerModal(ReportingModal, title="Your answer"):
    """One text box; the guess goes to the question the Answer button belonged to."""

    answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Answer", custom_id="answer", max_length=MAX_GUESS, placeholder="Type your guess"
    )

    def __init__(self, service: GameService, game_id: int, index: int) -> None:
        super().__init__(timeout=ANSWER_TIMEOUT)
        self.service = service
        self.game_id = game_id
        self.index = index

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Judge the guess and tell the player alone whether it was right."""
        reply = await self.service.guess(interaction, self.game_id, self.index, self.answer.value)
        await interaction.response.send_message(reply, ephemeral=True)


REPORT_THANKS = "Thanks! The server's moderators will look at this question."


class ReportModal(ReportingModal, title="Report this question"):
    """What is wrong with a question; stored for the server's moderators."""

    reason: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="What's wrong?",
        custom_id="reason",
        style=discord.TextStyle.paragraph,
        min_length=3,
        max_length=MAX_REASON,
        placeholder="e.g. the answer is wrong, the source says something else, a typo",
    )

    def __init__(self, service: GameService, question_key: str) -> None:
        super().__init__(timeout=REPORT_TIMEOUT)
        self.service = service
        self.question_key = question_key

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Store the report and thank the reporter privately."""
        # a write: the database may be busy, so defer if it is slow
        after = getattr(interaction.client, "defer_after", DEFER_AFTER)
        await in_time(
            interaction,
            self.service.report(interaction, self.question_key, self.reason.value),
            after=after,
            ephemeral=True,
        )
        await reply(interaction, REPORT_THANKS, ephemeral=True)
