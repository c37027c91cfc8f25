"""Buttons and forms nothing listens to any more (a restart, a timed-out view): say so privately."""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

EXPIRED = "This form has expired (the bot restarted or it timed out): run the command again."


def has_handler(client: discord.Client, interaction: discord.Interaction[Any]) -> bool:
    """Whether discord.py will hand this component click or form to a live view or modal.

    discord.py drops such an interaction silently and the user sees "interaction failed".
    It has no public way to ask, so this reads its view store the way ``dispatch_view``
    and ``dispatch_modal`` do (discord.py 2.x).
    """
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    store = client._connection._view_store
    if interaction.type is discord.InteractionType.modal_submit:
        return custom_id in store._modals
    if interaction.type is not discord.InteractionType.component:
        return True
    if any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items):
        return True
    key = (int(data.get("component_type", 0)), custom_id)
    message_id = interaction.message.id if interaction.message is not None else None
    return key in store._views.get(message_id, {}) or key in store._views.get(None, {})


async def answer_expired(interaction: discord.Interaction[Any]) -> None:
    """Tell the user privately that the form expired (nothing else will answer)."""
    try:
        await interaction.response.send_message(EXPIRED, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not answer the expired interaction %s", interaction.id)
