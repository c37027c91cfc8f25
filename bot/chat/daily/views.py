"""The daily question's buttons: persistent, so a click works after a restart too."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import discord

from bot.chat.daily.render import options_of, right_index
from bot.chat.errors import report_error
from bot.chat.trivia.render import button_label
from bot.chat.trivia.views import ReportButton, report_ref
from bot.engine.model import Question

#: ``daily:{guild}:{YYYYMMDD}:{0-3}``: the server, the day and the option
DAILY_TEMPLATE = r"daily:(?P<guild>[0-9]{1,20}):(?P<day>[0-9]{8}):(?P<choice>[0-3])"


def daily_custom_id(guild_id: int, day: date, choice: int) -> str:
    """The custom_id of one option of one server's daily question."""
    return f"daily:{guild_id}:{day.strftime('%Y%m%d')}:{choice}"


class DailyButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=DAILY_TEMPLATE):
    """An option of a daily question; the service checks the day is still open."""

    def __init__(
        self,
        guild_id: int,
        day: date,
        choice: int,
        *,
        label: str = "?",
        style: discord.ButtonStyle = discord.ButtonStyle.primary,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=style,
                disabled=disabled,
                custom_id=daily_custom_id(guild_id, day, choice),
            )
        )
        self.guild_id = guild_id
        self.day = day
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> DailyButton:
        """Rebuild the button from a clicked custom_id."""
        text = match["day"]
        day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return cls(int(match["guild"]), day, int(match["choice"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Record the answer; every refusal is answered privately."""
        from bot.chat.daily.cog import service_of

        try:
            await service_of(interaction.client).answer(
                interaction, self.guild_id, self.day, self.choice
            )
        except Exception as error:
            await report_error(interaction, error)


def open_view(guild_id: int, question: Question, day: date) -> discord.ui.View:
    """The four option buttons of an open daily question."""
    view = discord.ui.View(timeout=None)
    for n, option in enumerate(options_of(question, day)):
        view.add_item(DailyButton(guild_id, day, n, label=button_label(option)))
    return view


def revealed_view(guild_id: int, question: Question, day: date) -> discord.ui.View:
    """The options disabled with the right one marked, and a Report button."""
    view = discord.ui.View(timeout=None)
    right = right_index(question, day)
    for n, option in enumerate(options_of(question, day)):
        style = discord.ButtonStyle.success if n == right else discord.ButtonStyle.secondary
        view.add_item(
            DailyButton(guild_id, day, n, label=button_label(option), style=style, disabled=True)
        )
    view.add_item(ReportButton(report_ref(question.key)))
    return view
