"""Reading the player's input without blocking the event loop: whole lines, or single keys."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import threading
from collections.abc import Iterator
from typing import Protocol

CHUNK_BYTES = 4096


class TextSource(Protocol):
    """Text as it arrives: each ``read`` returns a non-empty chunk, or None at end of input."""

    async def read(self) -> str | None: ...


class StringSource:
    """A fixed text, handed out in one chunk (tests, and anything already in memory)."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text

    async def read(self) -> str | None:
        """The whole text, then None."""
        text, self._text = self._text, None
        return text or None


class FdSource:
    """A file descriptor read by a daemon thread, so the loop never blocks on it.

    The thread calls ``os.read`` (no Python-level buffer lock, so a thread still blocked in a
    read at exit cannot hang the interpreter's shutdown) and hands decoded chunks to the loop.
    Works for pipes, files and terminals alike.
    """

    def __init__(self, fd: int, loop: asyncio.AbstractEventLoop) -> None:
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = loop
        self._fd = fd
        self._eof = False
        self._thread = threading.Thread(target=self._pump, name="stdin-reader", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            try:
                data = os.read(self._fd, CHUNK_BYTES)
            except OSError:
                data = b""
            text = decoder.decode(data, final=not data)
            if text:
                self._put(text)
            if not data:
                self._put(None)
                return

    def _put(self, item: str | None) -> None:
        # The loop may already be closed when input arrives after the game.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)

    async def read(self) -> str | None:
        """The next chunk, or None once the input has ended."""
        if self._eof:
            return None
        item = await self._queue.get()
        self._eof = item is None
        return item


class Lines:
    """Whole lines from a TextSource; ``readline`` is safe to cancel (nothing is lost)."""

    def __init__(self, source: TextSource) -> None:
        self._source = source
        self._buffer = ""
        self._ended = False

    async def readline(self) -> str | None:
        """The next line without its line ending, or None at end of input."""
        while "\n" not in self._buffer and not self._ended:
            chunk = await self._source.read()
            if chunk is None:
                self._ended = True
            else:
                self._buffer += chunk
        if "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            return line.rstrip("\r")
        if self._buffer:
            # A last line with no newline still counts.
            line, self._buffer = self._buffer, ""
            return line.rstrip("\r")
        return None


class Keys:
    """Single key presses from a TextSource (a cbreak terminal); escape sequences are dropped."""

    def __init__(self, source: TextSource) -> None:
        self._source = source
        self._pending: list[str] = []
        self._ended = False

    async def read(self) -> str | None:
        """The next key, or None at end of input."""
        while not self._pending and not self._ended:
            chunk = await self._source.read()
            if chunk is None:
                self._ended = True
            elif not chunk.startswith("\x1b"):
                # Arrow and function keys arrive as one "\x1b[..." chunk: ignore them whole.
                self._pending.extend(chunk)
        return self._pending.pop(0) if self._pending else None


class LineEditor:
    """The typed answer being edited in a cbreak terminal: printable keys, backspace, Enter."""

    MAX_CHARS = 200

    def __init__(self) -> None:
        self.text = ""

    def feed(self, key: str) -> str | None:
        """Apply one key; returns the finished line on Enter, else None."""
        if key in ("\r", "\n"):
            line, self.text = self.text, ""
            return line
        if key in ("\x7f", "\b"):
            self.text = self.text[:-1]
        elif key == "\x15":  # Ctrl-U clears the line, as in a shell
            self.text = ""
        elif key.isprintable() and len(self.text) < self.MAX_CHARS:
            self.text += key
        return None


@contextlib.contextmanager
def cbreak(fd: int) -> Iterator[None]:
    """Keys arrive one at a time and are not echoed; the terminal is restored on the way out.

    Ctrl-C still raises SIGINT (cbreak keeps signals), so the game can stop cleanly.
    """
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
