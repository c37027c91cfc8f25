"""Helpers for the terminal tests: the shipped bank, a game's answer key, text from renderables."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rich.console import Console, RenderableType

from bot.bank import Bank
from bot.engine.events import QuestionClosed
from bot.engine.model import Player, Question
from bot.terminal.options import PlayOptions
from bot.terminal.play import build_game, load_questions

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "questions"


@cache
def shipped_bank() -> Bank:
    """The real questions/ folder, loaded once."""
    return load_questions(QUESTIONS)


@dataclass(frozen=True)
class Expected:
    """One question of a seeded game as `play` will ask it."""

    question: Question
    options: tuple[str, ...]
    correct_option: int | None

    @property
    def right_letter(self) -> str:
        """The letter of the right option (choice mode)."""
        assert self.correct_option is not None
        return "ABCD"[self.correct_option]

    @property
    def wrong_letter(self) -> str:
        """A letter of a wrong option (choice mode)."""
        assert self.correct_option is not None
        return "ABCD"[(self.correct_option + 1) % 4]


def answer_key(
    options: PlayOptions, player: Player, recent: tuple[str, ...] = ()
) -> list[Expected]:
    """The questions `play` asks for these options, found by playing the same game in memory."""
    game = build_game(shipped_bank(), options, player, recent=recent)
    game.start(0.0)
    key: list[Expected] = []
    while not game.finished:
        events = (
            game.answer(player, 0, 0.0)
            if options.mode == "choice"
            else [e for _ in range(3) for e in game.guess(player, "?", 0.0)]
        )
        closed = next(e for e in events if isinstance(e, QuestionClosed))
        key.append(Expected(closed.question, closed.options, closed.correct_option))
    return key


def plain_console(width: int = 100) -> tuple[Console, io.StringIO]:
    """A console writing plain text (no escape codes) into a buffer."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=False,
        color_system=None,
        highlight=False,
        soft_wrap=True,
    )
    return console, buffer


def text_of(renderable: RenderableType, width: int = 100) -> str:
    """What a renderable looks like as plain text."""
    console, buffer = plain_console(width)
    console.print(renderable)
    return buffer.getvalue()
