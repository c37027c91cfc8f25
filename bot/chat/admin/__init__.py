"""/trivia-admin: moderators' packs, reports, settings and data removal, and the owner's reload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat.admin.cog import Admin

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot


async def setup(bot: TriviaBot) -> None:
    """Extension entry point: add the Admin cog."""
    await bot.add_cog(Admin(bot))
