"""Pytest fixtures for the fake Discord; import them into a conftest.py to use them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .harness import point_discord_at
from .server import FakeDiscord


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A running FakeDiscord (default world) that discord.py talks to for this test."""
    fake = FakeDiscord()
    await fake.start()
    point_discord_at(monkeypatch, fake)
    try:
        yield fake
    finally:
        await fake.close()
