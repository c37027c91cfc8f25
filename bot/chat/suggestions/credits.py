"""Data removal: approved questions stay in the server's pack but stop naming the suggester."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.bank.loader import parse_pack
from bot.bank.problems import PackError
from bot.chat.admin.packs import save
from bot.community.approval import uncredit

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

log = logging.getLogger(__name__)


async def forget_credits(bot: TriviaBot, guild_id: int, user_id: int, by_user_id: int) -> int:
    """Make the notes of a member's approved questions anonymous; how many changed.

    Run before the store deletes their suggestions (which say which questions are theirs).
    """
    changed = 0
    store = bot.store
    for suggestion in await store.approved_suggestions(guild_id, user_id):
        if suggestion.question_key is None or "/" not in suggestion.question_key:
            continue
        slug, qid = suggestion.question_key.split("/", 1)
        stored = await store.get_pack(guild_id, slug)
        text = uncredit(stored.yaml_text, qid, slug) if stored is not None else None
        if text is None:
            continue
        try:
            pack = await asyncio.to_thread(
                parse_pack,
                text,
                filename=f"{slug}.yaml",
                sources=bot.catalog.shipped.sources,
                require_evidence=False,
            )
        except PackError:
            log.warning("Guild %s: pack %r no longer parses; credit kept", guild_id, slug)
            continue
        await save(bot, guild_id, pack, text, by_user_id)
        changed += 1
    return changed
