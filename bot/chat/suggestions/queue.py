"""``/trivia-admin suggestions``: the queue, one suggestion a page: approve, edit, decline."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord

from bot.chat.admin.packs import check_slug, refuse_shipped, save
from bot.chat.errors import ReportingView, UserFacingError
from bot.chat.suggestions.modals import DeclineModal, SuggestionModal
from bot.chat.suggestions.render import problems_text, queue_embed
from bot.community.approval import approve
from bot.community.errors import CommunityError
from bot.community.suggestion import Suggestion, SuggestionError, decline_reason
from bot.store.daily_types import StoredSuggestion

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

#: the pack approved suggestions go to when the moderator names none
DEFAULT_PACK = "community"


def as_suggestion(stored: StoredSuggestion) -> Suggestion:
    """A stored suggestion as the community rules take it."""
    return Suggestion(
        question=stored.question,
        answer=stored.answer,
        wrong_answers=stored.wrong_answers,
        source=stored.source,
        user_id=stored.user_id,
        name=stored.user_name,
    )


class QueueView(ReportingView):
    """One moderator's look at the queue: Previous, Next, Approve, Edit, Decline."""

    def __init__(self, bot: TriviaBot, guild_id: int, owner_id: int, pack: str) -> None:
        super().__init__(timeout=900)
        self.bot = bot
        self.guild_id = guild_id
        self.owner_id = owner_id
        self.pack = pack
        self.offset = 0
        self.current: StoredSuggestion | None = None
        self.origin: discord.Interaction[Any] | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Only the moderator who opened the queue uses its buttons."""
        if interaction.user.id != self.owner_id:
            raise UserFacingError("Open your own queue with `/trivia-admin suggestions`.")
        return True

    async def page(self, note: str | None = None) -> dict[str, Any]:
        """The message showing the suggestion at ``offset`` (or that the queue is empty)."""
        rows, total = await self.bot.store.pending_suggestions(self.guild_id, self.offset, 1)
        if not rows and total:
            self.offset = total - 1
            rows, total = await self.bot.store.pending_suggestions(self.guild_id, self.offset, 1)
        self.current = rows[0] if rows else None
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = self.current is None
        self.previous.disabled = self.offset == 0
        self.next.disabled = self.offset + 1 >= total
        head = f"Approved suggestions go to `{self.pack}`."
        content = f"{note}\n{head}" if note else head
        if self.current is None:
            return {"content": f"{note or ''}\nNo suggestions are waiting.".strip(), "embed": None}
        return {"content": content, "embed": queue_embed(self.current, self.offset, total)}

    async def _show(self, interaction: discord.Interaction[Any], note: str | None = None) -> None:
        await interaction.response.edit_message(**await self.page(note), view=self)

    async def _update_origin(self, note: str) -> None:
        """Update the queue message after a form (forms cannot edit it themselves)."""
        if self.origin is not None:
            await self.origin.edit_original_response(**await self.page(note), view=self)

    def _pending(self) -> StoredSuggestion:
        if self.current is None:
            raise UserFacingError("No suggestion is shown: the queue is empty.")
        return self.current

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """The suggestion before."""
        self.offset = max(0, self.offset - 1)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """The suggestion after."""
        self.offset += 1
        await self._show(interaction)

    @discord.ui.button(label="Approve", style=discord.ButtonStyle.success)
    async def approve_(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Add it to the pack (checked by the bank's loader), crediting the suggester."""
        shown = self._pending()
        store = self.bot.store
        stored_pack = await store.get_pack(self.guild_id, self.pack)
        sources = self.bot.catalog.shipped.sources
        try:
            approved = await asyncio.to_thread(
                approve,
                as_suggestion(shown),
                stored_pack.yaml_text if stored_pack else None,
                self.pack,
                sources=sources,
            )
        except SuggestionError as error:
            await self._show(interaction, problems_text("Not approved:", error.problems))
            return
        key = approved.question.key
        if not await store.review_suggestion(
            self.guild_id,
            shown.id,
            approved=True,
            by_user_id=interaction.user.id,
            at=self.bot.wallclock(),
            pack=self.pack,
            question_key=key,
        ):
            await self._show(interaction, "Another moderator reviewed it already.")
            return
        await save(self.bot, self.guild_id, approved.pack, approved.text, interaction.user.id)
        await self._show(interaction, f"Approved: `{key}` is in the next game.")

    @discord.ui.button(label="Edit", style=discord.ButtonStyle.primary)
    async def edit(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Change its fields first (checked again)."""
        shown = self._pending()

        async def saved(submitted: discord.Interaction[Any], edited: Suggestion) -> None:
            fields = (edited.question, edited.answer, edited.wrong_answers, edited.source)
            changed = await self.bot.store.edit_suggestion(self.guild_id, shown.id, fields)
            text = "Edited: approve it when ready." if changed else "It was reviewed already."
            await submitted.response.send_message(text, ephemeral=True)
            await self._update_origin(text)

        modal = SuggestionModal(
            "Edit the suggestion",
            saved,
            user_id=shown.user_id,
            name=shown.user_name,
            filled=as_suggestion(shown),
        )
        await interaction.response.send_modal(modal)

    @discord.ui.button(label="Decline", style=discord.ButtonStyle.danger)
    async def decline(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Decline it with a reason the suggester gets privately."""
        shown = self._pending()

        async def declined(submitted: discord.Interaction[Any], typed: str) -> None:
            try:
                reason = decline_reason(typed)
            except CommunityError as error:
                raise UserFacingError(str(error)) from error
            done = await self.bot.store.review_suggestion(
                self.guild_id,
                shown.id,
                approved=False,
                by_user_id=submitted.user.id,
                at=self.bot.wallclock(),
                reason=reason,
            )
            text = (
                f"Declined: {shown.user_name} will be told the next time they use `/trivia`."
                if done
                else "Another moderator reviewed it already."
            )
            await submitted.response.send_message(text, ephemeral=True)
            await self._update_origin(text)

        await interaction.response.send_modal(DeclineModal(declined))


async def show_queue(
    bot: TriviaBot, interaction: discord.Interaction[Any], pack: str | None
) -> None:
    """Open the queue for the moderator, approving into ``pack`` (default ``community``)."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise UserFacingError("That only works in a server.")
    slug = check_slug(pack or DEFAULT_PACK)
    refuse_shipped(bot, slug, "approve into a pack of this server instead.")
    view = QueueView(bot, guild_id, interaction.user.id, slug)
    view.origin = interaction
    await interaction.response.send_message(**await view.page(), view=view, ephemeral=True)
