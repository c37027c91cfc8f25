"""Fixtures for the bank tests: where the repository and the fixture files are."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The repository's top folder (tests never depend on the working directory)."""
    return ROOT


@pytest.fixture
def broken() -> Path:
    """tests/bank/broken: one broken pack per kind of error."""
    return HERE / "broken"


@pytest.fixture
def good() -> Path:
    """tests/bank/good: a valid shipped-style pack and its sources."""
    return HERE / "good"
