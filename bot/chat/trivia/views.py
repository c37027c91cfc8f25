"""Buttons: answer options, Answer and Report (persistent, by custom_id), leaderboard pages."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.chat.errors import ReportingView, report_error
from bot.chat.trivia import render
from bot.engine.events import QuestionAsked, QuestionClosed

if TYPE_CHECKING:
    from bot.bank import Bank

CUSTOM_ID_LIMIT = 100
GAME_PREFIX = "trivia:"
REPORT_PREFIX = "trivia:report:"
#: ``trivia:{game_id}:{index}:{0-3|answer}``: the game and question a button belongs to
GAME_TEMPLATE = r"trivia:(?P<game>[0-9]{1,19}):(?P<index>[0-9]{1,4}):(?P<choice>[0-3]|answer)"
#: ``trivia:report:{question key}``, or ``trivia:report:#{hash}`` for a key too long to fit
REPORT_TEMPLATE = r"trivia:report:(?P<ref>.{1,86})"

ANSWER = "answer"


def game_custom_id(game_id: int, index: int, choice: int | str) -> str:
    """The custom_id of an option (0-3) or Answer button of one question of one game."""
    return f"{GAME_PREFIX}{game_id}:{index}:{choice}"


def report_ref(question_key: str) -> str:
    """What follows ``trivia:report:``: the key itself if it fits, else ``#`` and its hash."""
    if len(REPORT_PREFIX) + len(question_key) <= CUSTOM_ID_LIMIT and not question_key.startswith(
        "#"
    ):
        return question_key
    return "#" + hashlib.sha256(question_key.encode()).hexdigest()[:32]


def resolve_ref(ref: str, bank: Bank) -> str | None:
    """The question key a report ref stands for (a hashed one is looked up in ``bank``)."""
    if not ref.startswith("#"):
        # the question may have gone since its reveal (its pack removed or changed)
        return ref if bank.question(ref) is not None else None
    for question in bank.questions():
        if report_ref(question.key) == ref:
            return question.key
    return None


class GameButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=GAME_TEMPLATE):
    """An option or Answer button; it answers even after a restart (the game is then over)."""

    def __init__(
        self,
        game_id: int,
        index: int,
        choice: str,
        *,
        label: str = "?",
        style: discord.ButtonStyle = discord.ButtonStyle.primary,
        emoji: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=style,
                emoji=emoji,
                disabled=disabled,
                custom_id=game_custom_id(game_id, index, choice),
            )
        )
        self.game_id = game_id
        self.index = index
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> GameButton:
        """Rebuild the button from a clicked custom_id."""
        return cls(int(match["game"]), int(match["index"]), match["choice"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Record the click (or open the Answer modal); every mistake answered privately."""
        from bot.chat.trivia.games import service_of

        try:
            await service_of(interaction.client).on_game_button(
                interaction, self.game_id, self.index, self.choice
            )
        except Exception as error:
            await report_error(interaction, error)


class ReportButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=REPORT_TEMPLATE):
    """Report a question: opens the Report modal; works on any reveal, even after a restart."""

    def __init__(self, ref: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Report",
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=REPORT_PREFIX + ref,
            )
        )
        self.ref = ref

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> ReportButton:
        """Rebuild the button from a clicked custom_id."""
        return cls(match["ref"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Open the Report modal for this question."""
        from bot.chat.trivia.games import service_of

        try:
            await service_of(interaction.client).on_report_button(interaction, self.ref)
        except Exception as error:
            await report_error(interaction, error)


def question_view(game_id: int, asked: QuestionAsked, *, chat: bool) -> discord.ui.View | None:
    """The buttons under an open question: A-D, or Answer; none in typed-chat."""
    view = discord.ui.View(timeout=None)
    if asked.options:
        for n, option in enumerate(asked.options):
            view.add_item(
                GameButton(
                    game_id,
                    asked.index,
                    str(n),
                    label=render.button_label(option),
                    emoji=render.LETTER_EMOJI[n],
                )
            )
    elif not chat:
        view.add_item(GameButton(game_id, asked.index, ANSWER, label="Answer", emoji="✍️"))
    else:
        return None
    return view


def closed_view(game_id: int, closed: QuestionClosed) -> discord.ui.View:
    """The buttons of a closed question: options disabled, the right one green; Report."""
    view = discord.ui.View(timeout=None)
    for n, option in enumerate(closed.options):
        right = n == closed.correct_option
        view.add_item(
            GameButton(
                game_id,
                closed.index,
                str(n),
                label=render.button_label(option),
                emoji="✅" if right else render.LETTER_EMOJI[n],
                style=discord.ButtonStyle.success if right else discord.ButtonStyle.secondary,
                disabled=True,
            )
        )
    report = ReportButton(report_ref(closed.question.key))
    report.row = 1
    view.add_item(report)
    return view


#: fetches the leaderboard page at an offset, rendered, and whether earlier/later pages exist
PageFetcher = Callable[[int], Awaitable[tuple[discord.Embed, int, bool, bool]]]

NOT_YOURS = (
    "Only the person who asked for this leaderboard can turn its pages: try `/trivia leaderboard`."
)


class LeaderboardView(ReportingView):
    """Previous/Next for one leaderboard message; only the member who asked can use them."""

    def __init__(
        self,
        owner_id: int,
        fetch: PageFetcher,
        *,
        offset: int,
        has_previous: bool,
        has_next: bool,
        timeout: float = 300.0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.fetch = fetch
        self.offset = offset
        self.message: discord.Message | discord.WebhookMessage | None = None
        self._update(has_previous, has_next)

    def _update(self, has_previous: bool, has_next: bool) -> None:
        self.previous.disabled = not has_previous
        self.next.disabled = not has_next

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Refuse (privately) anyone but the member who asked."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        """Grey the buttons out once nobody can use them any more."""
        self._update(False, False)
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)

    async def _turn(self, interaction: discord.Interaction[Any], offset: int) -> None:
        embed, offset, has_previous, has_next = await self.fetch(offset)
        self.offset = offset
        self._update(has_previous, has_next)
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """The page before."""
        await self._turn(interaction, max(0, self.offset - PAGE_SIZE))

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """The page after."""
        await self._turn(interaction, self.offset + PAGE_SIZE)


PAGE_SIZE = 10
