"""Sinks that show a game: plain text blocks (piped input or output) or a live screen (a TTY)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.text import Text

from bot.engine.events import (
    AnswerLocked,
    Event,
    GameFinished,
    GuessJudged,
    HintRevealed,
    QuestionAsked,
    QuestionClosed,
)
from bot.terminal import render


class Progress:
    """Follows the events so the input loop knows whether a question is open, and which."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.over = asyncio.Event()
        self.asked: QuestionAsked | None = None
        self.finished: GameFinished | None = None

    async def __call__(self, event: Event) -> None:
        """Track the open question and the end of the game."""
        if isinstance(event, QuestionAsked):
            self.asked = event
            self.open.set()
        elif isinstance(event, QuestionClosed):
            self.open.clear()
        elif isinstance(event, GameFinished):
            self.finished = event
            self.open.clear()
            self.over.set()


class PlainView:
    """Plain text, one block per question, nothing redrawn: for pipes, files and scripts."""

    def __init__(self, console: Console, idle_limit: int = 3) -> None:
        self.console = console
        self.idle_limit = idle_limit
        self._options: tuple[str, ...] = ()

    async def __call__(self, event: Event) -> None:
        """Print what the event means to the player."""
        shown = self._render(event)
        if shown is not None:
            self.console.print(shown)

    def _render(self, event: Event) -> RenderableType | None:
        if isinstance(event, QuestionAsked):
            self._options = event.options
            return Group(Text(""), render.question_block(event))
        if isinstance(event, HintRevealed):
            return render.hint_line(event)
        if isinstance(event, GuessJudged):
            return render.judged_line(event)
        if isinstance(event, AnswerLocked):
            return render.locked_line(event, self._options)
        if isinstance(event, QuestionClosed):
            return render.reveal_block(event)
        if isinstance(event, GameFinished):
            return Group(Text(""), render.game_over(event, self.idle_limit))
        return None

    def echo(self, line: str) -> None:
        """Show the line that was read, so a transcript reads like a conversation."""
        self.console.print(Text(f"> {line}"))

    def say(self, message: str) -> None:
        """A short message to the player (a bad answer, the game stopping)."""
        self.console.print(Text(message, style="yellow"))

    def set_typing(self, text: str) -> None:
        """Plain output shows no half-typed answers."""


class LiveView(PlainView):
    """A live screen for a TTY: the question with a countdown that redraws itself each tick.

    Past questions and their reveals are printed above the live area, so they stay in the
    scrollback; the live area only ever holds the open question (or the pause after it).
    """

    def __init__(self, console: Console, clock: Callable[[], float], idle_limit: int = 3) -> None:
        super().__init__(console, idle_limit)
        self._clock = clock
        self._asked: QuestionAsked | None = None
        self._lines: list[Text] = []
        self._typing = ""
        self._next_at: float | None = None
        self.live = Live(
            console=console,
            get_renderable=self._screen,
            refresh_per_second=4,
            transient=True,
        )

    async def __call__(self, event: Event) -> None:
        """Update the live area; print reveals and the end above it."""
        if isinstance(event, QuestionAsked):
            self._options = event.options
            self._asked, self._lines, self._typing, self._next_at = event, [], "", None
        elif isinstance(event, HintRevealed):
            self._lines = [*self._lines, render.hint_line(event)]
        elif isinstance(event, GuessJudged):
            self._lines = [*self._lines, render.judged_line(event)]
        elif isinstance(event, AnswerLocked):
            self._lines = [*self._lines, render.locked_line(event, self._options)]
        elif isinstance(event, QuestionClosed):
            asked, self._asked, self._next_at = self._asked, None, event.next_at
            done = [render.question_block(asked)] if asked else []
            self.console.print(Group(Text(""), *done, *self._lines, render.reveal_block(event)))
            self._lines = []
        elif isinstance(event, GameFinished):
            self._asked, self._next_at = None, None
            self.live.stop()
            self.console.print(Group(Text(""), render.game_over(event, self.idle_limit)))
            return
        self.live.refresh()

    def say(self, message: str) -> None:
        """Show the message under the question (it goes with the question's other lines)."""
        self._lines = [*self._lines, Text(message, style="yellow")]
        self.live.refresh()

    def echo(self, line: str) -> None:
        """Keep a sent guess under the question (the input line is cleared for the next one)."""
        self._lines = [*self._lines, Text(f"> {line}")]
        self.live.refresh()

    def set_typing(self, text: str) -> None:
        """The typed-mode answer being edited."""
        self._typing = text
        self.live.refresh()

    def _screen(self) -> RenderableType:
        """What the live area shows right now (called by rich's refresh thread too)."""
        asked, lines, typing, next_at = self._asked, self._lines, self._typing, self._next_at
        now = self._clock()
        if asked is not None:
            parts: list[RenderableType] = [Text(""), render.question_block(asked), *lines]
            parts.append(render.countdown(asked.deadline - now, asked.deadline - asked.asked_at))
            if not asked.options:
                parts.append(Text.assemble(("Your answer: ", "bold"), typing, ("▏", "blink")))
            return Group(*parts)
        if next_at is not None:
            return Text(f"Next question in {max(0, round(next_at - now))}s…", style="dim")
        return Text("")
