"""`trivia-bot run`: open the store and bank, connect to Discord, shut down cleanly on a signal."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiohttp
import discord

from bot.chat.client import TriviaBot
from bot.chat.cluster import ClusterError, check_shards, sqlite_bot_lock
from bot.config import Settings
from bot.dbfile import DatabasePathError, check_database_path, explain_database_error
from bot.store.types import Recovery

log = logging.getLogger(__name__)

MISSING_TOKEN = "DISCORD_TOKEN is not set: put it in .env or the environment (see .env.example)"
MISSING_INTENT = (
    "Discord refused the message-content intent: enable it in the Developer Portal "
    "(Bot -> Privileged Gateway Intents) or set TRIVIA_TYPED_ANSWERS=off"
)

UNREACHABLE = (
    "Cannot reach Discord ({why}): check this machine's network and DNS. The bot does not "
    "retry at start-up; start it again (a service manager restarts it by itself)."
)

BotOpener = Callable[[Settings], AbstractAsyncContextManager[TriviaBot]]


class NoPacks(Exception):
    """Nothing to play: the bot would start with an empty bank."""


@asynccontextmanager
async def open_bot(settings: Settings) -> AsyncIterator[TriviaBot]:
    """The bot with its question bank and store; the store is closed after the bot."""
    from bot.bank import cache
    from bot.bank.layers import load_packs, skipped_report
    from bot.store import open_store

    with cache.enabled(cache.default_folder()):  # validated packs kept between starts
        loaded = load_packs(settings.trivia_questions, shipped=settings.trivia_shipped_packs)
        for line in skipped_report(loaded):
            log.error("%s", line)
        for warning in loaded.bank.warnings:
            log.warning("%s", warning)
        if not loaded.bank.packs:
            raise NoPacks(
                "no question packs to play: TRIVIA_SHIPPED_PACKS is off and TRIVIA_QUESTIONS "
                "has no valid pack"
            )
        check_shards(settings)
        check_database_path(settings.trivia_db)
        with sqlite_bot_lock(settings.trivia_db):
            store = await open_store(settings.trivia_db, recover=recovery_for(settings))
            try:
                async with TriviaBot(settings, store=store, bank=loaded.bank) as bot:
                    bot.freeze_after_setup = True
                    yield bot
            finally:
                await store.close()


def recovery_for(settings: Settings) -> Recovery:
    """The games this process closes at start-up: its own shards' (all, when it holds every
    shard), never the terminal's (a terminal game on the same database keeps running)."""
    from bot.session.identity import LOCAL_GUILD_ID

    if settings.runs_every_shard:
        return Recovery(skip_guild_id=LOCAL_GUILD_ID)
    return Recovery(
        shard_ids=settings.trivia_shards,
        shard_count=settings.trivia_shard_count or 1,
        skip_guild_id=LOCAL_GUILD_ID,
    )


def configure_logging(settings: Settings) -> None:
    """One line per record on stderr; discord.py's chatter from WARNING up (all of it at DEBUG)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("{asctime} {levelname:<7} {name}: {message}", style="{"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level_number)
    library_level = logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
    logging.getLogger("discord").setLevel(max(library_level, settings.log_level_number))
    # the bot never joins voice: discord.py's warnings about missing voice libraries are noise
    logging.getLogger("discord.client").addFilter(_not_about_voice)


def _not_about_voice(record: logging.LogRecord) -> bool:
    """False for discord.py's "voice will NOT be supported" warnings."""
    return "voice will NOT be supported" not in record.getMessage()


def run(settings: Settings, *, opener: BotOpener = open_bot) -> int:
    """Run the bot until Discord disconnects it or SIGTERM/SIGINT; the exit status."""
    if not settings.discord_token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    configure_logging(settings)
    try:
        return asyncio.run(_serve(settings, opener))
    except discord.LoginFailure as exc:
        print(f"Discord rejected DISCORD_TOKEN: {exc} Check the token in .env.", file=sys.stderr)
    except discord.PrivilegedIntentsRequired:
        print(MISSING_INTENT, file=sys.stderr)
    except Exception as exc:
        message = startup_failure(settings, exc)
        if message is None:
            raise
        print(message, file=sys.stderr)
    return 1


def startup_failure(settings: Settings, exc: BaseException) -> str | None:
    """One or two lines for a failure to start (None: not one we know, let it be raised)."""
    from bot.bank import BankError
    from bot.store import StoreError

    if isinstance(exc, aiohttp.ClientError | TimeoutError):
        return UNREACHABLE.format(why=str(exc) or type(exc).__name__)
    if isinstance(exc, BankError):
        first = str(exc).splitlines()[0]
        return f"Cannot start: the shipped questions do not load: {first} (run `trivia-bot check`)"
    if isinstance(exc, NoPacks | DatabasePathError | ClusterError):
        return f"Cannot start: {exc}"
    explained = explain_database_error(settings.trivia_db, exc)
    if explained is not None:
        return f"Cannot start: {explained}"
    if isinstance(exc, StoreError):
        return f"Cannot start: {exc}"
    return None


async def _serve(settings: Settings, opener: BotOpener) -> int:
    """Start the bot; on a signal, run its shutdown hooks and close it."""
    token = settings.discord_token
    assert token is not None
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        async with opener(settings) as bot:
            running = asyncio.create_task(bot.start(token), name="discord")
            stopping = asyncio.create_task(stop.wait(), name="signal")
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stopping.done():
                log.info("Signal received: shutting down")
                await bot.on_shutdown()
            else:
                stopping.cancel()
            await running
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    return 0
