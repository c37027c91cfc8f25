"""Attachment downloads that stop at a size limit, whatever size the attachment declares."""

from __future__ import annotations

import aiohttp
import discord

from bot.chat.errors import UserFacingError

CHUNK = 64 * 1024
#: a download that takes longer than this is given up (an upload of at most 1 MiB)
TIMEOUT_SECONDS = 30.0


class TooBig(UserFacingError):
    """The file turned out bigger than the limit while it was being read."""


async def read_limited(attachment: discord.Attachment, limit: int) -> bytes:
    """The attachment's bytes, reading at most ``limit`` + 1 of them (TooBig past the limit).

    ``Attachment.read`` reads the whole file before anyone can look at its size, and the
    declared ``size`` is only what the uploader's client said.
    """
    chunks: list[bytes] = []
    got = 0
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(attachment.url) as response,
        ):
            if response.status != 200:
                raise UserFacingError(
                    f"I could not download the file (Discord answered {response.status}): "
                    "try again."
                )
            async for chunk in response.content.iter_chunked(CHUNK):
                got += len(chunk)
                if got > limit:
                    raise TooBig("too big")
                chunks.append(chunk)
    except (aiohttp.ClientError, TimeoutError):
        raise UserFacingError("I could not download the file: try again.") from None
    return b"".join(chunks)
