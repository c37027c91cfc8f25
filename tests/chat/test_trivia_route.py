"""The direct route for game buttons: game clicks skip discord.py's view dispatch, the rest not."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from fakediscord import FakeDiscord

from bot.chat.trivia import route
from bot.store import Store

from .trivia_helpers import labels, table


@pytest.fixture
def from_message_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts discord.py's generic rebuilds of a clicked message's view."""
    calls: list[int] = []
    real = discord.ui.View.from_message.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, message: Any, /, **kwargs: Any) -> Any:
        calls.append(message.id)
        return real(cls, message, **kwargs)

    monkeypatch.setattr(discord.ui.View, "from_message", classmethod(counting))
    return calls


async def test_a_game_click_takes_the_route_and_answers_with_the_label(
    fake_discord: FakeDiscord, db: Store, from_message_calls: list[int]
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=2, seconds=20)
        first = await t.question(1)
        locked = await t.click(first, "bob", label="Wrong 1")
        letter = "ABCD"[labels(first).index("Wrong 1")]
        assert (locked.ephemeral, locked.content) == (True, f"Locked in: {letter} (Wrong 1)")
        again = await t.click(first, "bob", label="Right")
        assert again.content == "You already answered this question."
        assert from_message_calls == []


async def test_other_buttons_still_go_through_discord_py(
    fake_discord: FakeDiscord, db: Store, from_message_calls: list[int]
) -> None:
    async with table(fake_discord, db) as t:
        await t.start("alice", pack="test", questions=1, seconds=20)
        first = await t.question(1)
        await t.click(first, "bob", label="Right")
        await t.advance(20)
        revealed = await t.revealed(first)
        report = await t.click(revealed, "bob", label="Report")
        assert report.type == 9  # the Report modal: discord.py's dynamic item dispatch
        assert from_message_calls == [revealed.id]


async def test_uninstall_gives_the_event_back(fake_discord: FakeDiscord, db: Store) -> None:
    async with table(fake_discord, db) as t:
        state: Any = t.bot._connection
        routed = state.parsers[route.EVENT]
        assert t.bot.get_cog("Trivia") is not None
        await t.bot.remove_cog("Trivia")
        assert state.parsers[route.EVENT] is not routed
        assert state.parsers[route.EVENT] == state.parse_interaction_create


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ({"components": [{"type": 1, "components": [
            {"type": 2, "custom_id": "x", "label": "Other"},
            {"type": 2, "custom_id": "trivia:1:1:2", "label": "Chef"}]}]}, "Chef"),
        ({"components": [{"type": 1, "components": [
            {"type": 2, "custom_id": "trivia:1:1:2"}]}]}, None),
        ({"components": []}, None),
        (None, None),
        ({"components": ["junk", {"components": [7]}]}, None),
    ],
)  # fmt: skip
def test_button_label_reads_the_raw_message(message: Any, expected: str | None) -> None:
    assert route.button_label(message, "trivia:1:1:2") == expected
