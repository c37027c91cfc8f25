"""`run` opens the bot on the shipped packs plus TRIVIA_QUESTIONS, logging a skipped file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.chat.app import open_bot
from bot.config import Settings

OWN = """\
pack: fan-questions
title: Our own questions
questions:
  - id: k-job
    question: "What is K's job?"
    answer: singer-songwriter
"""


async def test_a_broken_operator_file_is_logged_and_the_rest_is_played(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "fan.yaml").write_text(OWN)
    (packs / "broken.yaml").write_text("pack: Broken Pack\ntitle: x\nquestions: []\n")
    settings = Settings(trivia_db=str(tmp_path / "t.sqlite3"), trivia_questions=str(packs))
    with caplog.at_level(logging.ERROR, logger="bot.chat.app"):
        async with open_bot(settings) as bot:
            assert bot.bank is not None
            assert {"soundtrack-2", "soundtrack-1", "fan-questions"} == set(bot.bank.packs)
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    broken = packs / "broken.yaml"
    assert logged[0].startswith(f"{broken}:1:7: field 'pack': 'Broken Pack' is not a valid slug")
    assert logged[-1].startswith(f"Skipped 1 broken pack file ({broken})")
