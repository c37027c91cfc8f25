"""The input loop: turns lines (or key presses) into answers and guesses until the game ends."""

from __future__ import annotations

import asyncio
from typing import Any, Literal, Protocol

from bot.engine.errors import GameError
from bot.engine.model import Player
from bot.runner import GameRunner
from bot.terminal import render
from bot.terminal.input import Keys, LineEditor, Lines
from bot.terminal.view import Progress

#: why the input loop returned: the game ended, the input ended, or the player pressed Ctrl-C
Ending = Literal["finished", "eof", "interrupted"]

#: Ctrl-D in a cbreak terminal arrives as a key, not as the end of input
CTRL_D = "\x04"


class View(Protocol):
    """What the input loop needs from a view."""

    def echo(self, line: str) -> None: ...
    def say(self, message: str) -> None: ...
    def set_typing(self, text: str) -> None: ...


class Driver:
    """Feeds one player's input to a running game; a player's mistake is a message, not a crash."""

    def __init__(
        self,
        runner: GameRunner,
        progress: Progress,
        view: View,
        player: Player,
        stop: asyncio.Event,
    ) -> None:
        self.runner = runner
        self.progress = progress
        self.view = view
        self.player = player
        self.stop = stop

    async def submit(self, text: str) -> None:
        """Answer (choice) or guess (typed) the open question with what the player entered."""
        asked = self.progress.asked
        if asked is None or not self.progress.open.is_set():
            return
        try:
            if asked.options:
                option = render.parse_option(text, len(asked.options))
                if option is None:
                    self.view.say(f"Answer with {render.option_help(len(asked.options))}.")
                    return
                await self.runner.answer(self.player, option, index=asked.index)
            else:
                await self.runner.guess(self.player, text, index=asked.index)
        except GameError as exc:
            self.view.say(exc.message)

    async def lines(self, lines: Lines) -> Ending:
        """One line per answer (piped or redirected input); a line waits for an open question."""
        pending: asyncio.Future[str | None] | None = None
        try:
            while (ending := self._ending()) is None:
                if not await self._question_open():
                    continue
                pending = pending or asyncio.ensure_future(lines.readline())
                if not await self._race(pending):
                    continue
                line, pending = pending.result(), None
                if line is None:
                    return "eof"
                # The question may have closed while the line was on its way: use the next one.
                if not self.progress.open.is_set() and not await self._question_open():
                    continue
                self.view.echo(line)
                await self.submit(line)
            return ending
        finally:
            if pending is not None:
                pending.cancel()

    async def keys(self, keys: Keys) -> Ending:
        """Key presses from a terminal: a letter answers at once; typed answers end with Enter."""
        editor = LineEditor()
        editing = 0
        pending: asyncio.Future[str | None] | None = None
        try:
            while (ending := self._ending()) is None:
                pending = pending or asyncio.ensure_future(keys.read())
                if not await self._race(pending):
                    continue
                key, pending = pending.result(), None
                if key is None or key == CTRL_D:
                    return "eof"
                asked = self.progress.asked
                # Keys pressed between questions are dropped, not saved for the next one.
                if asked is None or not self.progress.open.is_set():
                    continue
                if asked.index != editing:
                    editor.text, editing = "", asked.index
                if asked.options:
                    if key.isprintable() and not key.isspace():
                        await self.submit(key)
                    continue
                line = editor.feed(key)
                self.view.set_typing(editor.text)
                if line is not None:
                    self.view.echo(line)
                    await self.submit(line)
            return ending
        finally:
            if pending is not None:
                pending.cancel()

    def _ending(self) -> Ending | None:
        if self.stop.is_set():
            return "interrupted"
        if self.progress.over.is_set() or self.runner.done:
            return "finished"
        return None

    async def _question_open(self) -> bool:
        """Wait until a question is open; False if the game ended or a stop came first."""
        if self.progress.open.is_set():
            return True
        opened = asyncio.ensure_future(self.progress.open.wait())
        try:
            return await self._race(opened)
        finally:
            opened.cancel()

    async def _race(self, waiting: asyncio.Future[Any]) -> bool:
        """Wait for ``waiting``, the game's end or a stop request; True if ``waiting`` is done."""
        others: list[asyncio.Future[Any]] = [
            asyncio.ensure_future(self.progress.over.wait()),
            asyncio.ensure_future(self.stop.wait()),
        ]
        if self.runner.task is not None:
            others.append(self.runner.task)
        try:
            await asyncio.wait([waiting, *others], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for future in others[:2]:
                future.cancel()
        return waiting.done()
