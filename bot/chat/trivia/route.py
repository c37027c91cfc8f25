"""A direct route for game buttons: a click whose custom id names the game and the question goes
straight to the game, skipping the work discord.py's generic component dispatch does for it.

discord.py turns every INTERACTION_CREATE into an ``Interaction`` holding the whole clicked
message (its embeds and every component parsed into objects), then, for a dynamic item,
rebuilds a ``View`` from that message (``View.from_message``) only to find the button and
call it. A game button needs neither: its custom id (``trivia:{game}:{index}:{choice}``) says
everything, and the only thing taken from the message is the clicked button's label, read
here from the raw payload. Every other interaction (and a game click that does not parse) goes
through discord.py's own path unchanged; the ``interaction`` event is still dispatched.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import discord

from bot.chat.errors import report_error
from bot.chat.trivia.views import GAME_TEMPLATE

#: the parser name discord.py's ConnectionState keeps for this gateway event
EVENT = "INTERACTION_CREATE"
COMPONENT, BUTTON = 3, 2
_GAME_CLICK = re.compile(GAME_TEMPLATE)
#: the state attribute holding discord.py's own parser while the route is installed
_GENERIC = "_trivia_generic_interaction_parser"


def button_label(message: Any, custom_id: str) -> str | None:
    """The label of the button with this custom id in a raw message payload, or None."""
    if not isinstance(message, dict):
        return None
    for row in message.get("components") or ():
        for item in row.get("components") or () if isinstance(row, dict) else ():
            if isinstance(item, dict) and item.get("custom_id") == custom_id:
                label = item.get("label")
                return str(label) if label else None
    return None


def install(client: discord.Client, handle: Callable[..., Any]) -> None:
    """Route game button clicks of ``client`` to ``handle(interaction, game, index, choice,
    label=...)`` (a coroutine function); everything else goes to discord.py as before."""
    state: Any = client._connection
    if hasattr(state, _GENERIC):
        uninstall(client)
    generic = state.parsers[EVENT]
    tasks: set[asyncio.Task[None]] = set()

    async def run(interaction: discord.Interaction[Any], match: re.Match[str], label: str | None):
        try:
            await handle(
                interaction, int(match["game"]), int(match["index"]), match["choice"], label=label
            )
        except Exception as error:
            await report_error(interaction, error)

    def parse(data: dict[str, Any]) -> None:
        inner = data.get("data")
        match = (
            _GAME_CLICK.fullmatch(inner.get("custom_id") or "")
            if data.get("type") == COMPONENT
            and isinstance(inner, dict)
            and inner.get("component_type") == BUTTON
            else None
        )
        if match is None:
            generic(data)
            return
        label = button_label(data.get("message"), match[0])
        # the clicked message is not needed: not building it is most of the saving
        slim = {k: v for k, v in data.items() if k != "message"}
        interaction: discord.Interaction[Any] = discord.Interaction(data=slim, state=state)  # type: ignore[arg-type]
        task = asyncio.get_running_loop().create_task(run(interaction, match, label))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        state.dispatch("interaction", interaction)

    setattr(state, _GENERIC, generic)
    state.parsers[EVENT] = parse


def uninstall(client: discord.Client) -> None:
    """Give INTERACTION_CREATE back to discord.py's own parser."""
    state: Any = client._connection
    generic = getattr(state, _GENERIC, None)
    if generic is not None:
        state.parsers[EVENT] = generic
        delattr(state, _GENERIC)
