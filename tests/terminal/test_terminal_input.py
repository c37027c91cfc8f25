"""Reading input: lines from pipes and buffers, keys from a cbreak terminal, the line editor."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.terminal.input import FdSource, Keys, LineEditor, Lines, StringSource


class Chunks:
    """A source handing out fixed chunks, then the end of input."""

    def __init__(self, *chunks: str) -> None:
        self._chunks = list(chunks)

    async def read(self) -> str | None:
        return self._chunks.pop(0) if self._chunks else None


async def _all_lines(lines: Lines) -> list[str]:
    found = []
    while (line := await lines.readline()) is not None:
        found.append(line)
    return found


async def test_lines_join_chunks_and_keep_a_last_line_without_newline() -> None:
    lines = Lines(Chunks("A\nB", "\r\n\nHan So", "-hee"))
    assert await _all_lines(lines) == ["A", "B", "", "Han So-hee"]
    assert await lines.readline() is None


async def test_lines_from_an_empty_string_end_at_once() -> None:
    assert await Lines(StringSource("")).readline() is None


async def test_a_cancelled_readline_loses_nothing() -> None:
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    class Queued:
        async def read(self) -> str | None:
            return await queue.get()

    lines = Lines(Queued())
    waiting = asyncio.ensure_future(lines.readline())
    await asyncio.sleep(0)
    waiting.cancel()
    queue.put_nowait("C\n")
    queue.put_nowait(None)
    assert await _all_lines(lines) == ["C"]


async def test_fd_source_reads_a_pipe_in_a_thread_until_it_closes() -> None:
    read_end, write_end = os.pipe()
    source = FdSource(read_end, asyncio.get_running_loop())
    lines = Lines(source)
    os.write(write_end, "B\n안녕".encode())
    assert await asyncio.wait_for(lines.readline(), 5) == "B"
    os.write(write_end, "하세요\n".encode())
    os.close(write_end)
    assert await asyncio.wait_for(_all_lines(lines), 5) == ["안녕하세요"]
    assert await source.read() is None
    os.close(read_end)


async def test_keys_come_one_at_a_time_and_escape_sequences_are_dropped() -> None:
    keys = Keys(Chunks("ab", "\x1b[A", "c"))
    found = []
    while (key := await keys.read()) is not None:
        found.append(key)
    assert found == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("keys", "line", "left"),
    [
        ("Han\r", "Han", ""),
        ("Hax\x7fn\n", "Han", ""),
        ("abc\x15IU\r", "IU", ""),
        ("Ha\x01n", None, "Han"),
    ],
)
def test_line_editor(keys: str, line: str | None, left: str) -> None:
    editor = LineEditor()
    results = [editor.feed(k) for k in keys]
    assert results[-1] == line
    assert editor.text == left
