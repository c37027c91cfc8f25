"""discord.py's optional speed-ups (orjson, zstd-stream) turned on or off for one measurement.

discord.py picks them once, at import, when ``discord.py[speed]`` is installed. To compare both
in one run, this swaps the three things it picks: the JSON encoder and decoder, and the gateway's
transport decompression (which also decides the ``compress`` it asks the gateway for).
"""

from __future__ import annotations

import importlib
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import discord.utils

#: typed loosely: the attributes swapped are private and differ with what is installed
dutils: Any = discord.utils


class ZlibStream:
    """discord.py's zlib-stream context (the one it uses without zstandard)."""

    __slots__ = ("buffer", "context")
    COMPRESSION_TYPE = "zlib-stream"

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.context = zlib.decompressobj()

    def decompress(self, data: bytes, /) -> str | None:
        """The message once a frame ends with Z_SYNC_FLUSH's marker, else None."""
        self.buffer.extend(data)
        if len(data) < 4 or data[-4:] != b"\x00\x00\xff\xff":
            return None
        msg = self.context.decompress(self.buffer)
        self.buffer = bytearray()
        return msg.decode("utf-8")


def _plain_to_json(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True)


def available(module: str) -> bool:
    """Whether this speed-up (``orjson``, ``zstandard``) is installed."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


@contextmanager
def speed(orjson: bool, zstd: bool) -> Iterator[None]:
    """discord.py with or without each speed-up: orjson (else json), zstd-stream (else zlib)."""
    saved = dutils._to_json, dutils._from_json, dutils._ActiveDecompressionContext
    if orjson:
        fast = importlib.import_module("orjson")

        def to_json(obj: Any) -> str:
            text: str = fast.dumps(obj).decode("utf-8")
            return text

        dutils._to_json, dutils._from_json = to_json, fast.loads
    else:
        dutils._to_json, dutils._from_json = _plain_to_json, json.loads
    if zstd:
        zstandard = importlib.import_module("zstandard")

        class Zstd:
            __slots__ = ("obj",)
            COMPRESSION_TYPE = "zstd-stream"

            def __init__(self) -> None:
                self.obj = zstandard.ZstdDecompressor().decompressobj()

            def decompress(self, data: bytes, /) -> str | None:
                text: str = self.obj.decompress(data).decode("utf-8")
                return text

        dutils._ActiveDecompressionContext = Zstd
    else:
        dutils._ActiveDecompressionContext = ZlibStream
    try:
        yield
    finally:
        dutils._to_json, dutils._from_json, dutils._ActiveDecompressionContext = saved
