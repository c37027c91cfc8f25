"""Packaging that pyproject.toml cannot say: the shipped packs travel inside the `bot` package."""

from __future__ import annotations

from setuptools import find_packages, setup

# questions/ stays at the top of the repo (the moderators' reference); the wheel carries it
# as the data folder bot/shipped_questions, found by bot.bank.shipped at run time.
setup(
    packages=[*find_packages(include=["bot", "bot.*"]), "bot.shipped_questions"],
    package_dir={"bot.shipped_questions": "questions"},
    package_data={"bot.shipped_questions": ["*.yaml", "*.md"]},
)
