"""TriviaBot: the discord.py client, its intents, extensions, and deliberate command sync."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from discord.ext import commands

from bot.chat.catalog import Catalog
from bot.chat.errors import DEFER_AFTER, TriviaTree
from bot.chat.expired import answer_expired, has_handler
from bot.chat.guild_settings import SettingsCache
from bot.config import Settings
from bot.startup import freeze_startup_objects
from bot.store.port import Store

log = logging.getLogger(__name__)

#: the cogs every bot loads; a new front-end feature is one more module here
EXTENSIONS: tuple[str, ...] = (
    "bot.chat.ping",
    "bot.chat.trivia",
    "bot.chat.admin",
    "bot.chat.daily",
    "bot.chat.suggestions",
)

ShutdownHook = Callable[[], Awaitable[None]]


def intents_for(settings: Settings) -> discord.Intents:
    """Only what the bot uses: guilds; guild messages and their content for typed-chat."""
    intents = discord.Intents.none()
    intents.guilds = True
    if settings.trivia_typed_answers:
        intents.guild_messages = True
        intents.message_content = True
    return intents


def command_digest(
    tree: discord.app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None
) -> str:
    """A hash of the command payloads `tree.sync(guild=guild)` would send."""
    payload = [command.to_dict(tree) for command in tree._get_all_commands(guild=guild)]
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class TriviaBot(commands.AutoShardedBot):
    """The bot: settings, store and bank come in through the constructor.

    Sharded by discord.py: every shard in this process by default, or TRIVIA_SHARDS of
    TRIVIA_SHARD_COUNT when the bot runs as several processes (Discord sends a server's
    events only to the connection of its shard, so each process serves only its servers)."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: Store,
        bank: Any,
        extensions: Sequence[str] = EXTENSIONS,
        **options: Any,
    ) -> None:
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        options.setdefault("shard_count", settings.trivia_shard_count)
        options.setdefault(
            "shard_ids", list(settings.trivia_shards) if settings.trivia_shards else None
        )
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(settings),
            help_command=None,
            tree_cls=TriviaTree,
            **options,
        )
        self.settings = settings
        self.store = store
        self.bank = bank
        #: the questions each guild can play (shipped bank + the guild's own packs)
        self.catalog = Catalog(bank, store)
        #: each server's settings in memory (a reply must not wait on a busy database)
        self.guild_settings = SettingsCache(store)
        #: seconds a command may take before it is deferred (Discord's deadline is 3 s)
        self.defer_after = DEFER_AFTER
        #: time for games: monotonic clock and sleep (tests put a fake clock here before start)
        self.clock: Callable[[], float] = time.monotonic
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        #: unix time, for countdowns shown in Discord and for what the store records
        self.wallclock: Callable[[], float] = time.time
        self.initial_extensions = tuple(extensions)
        self.shutdown_hooks: list[ShutdownHook] = []
        #: whether the last start synced the commands (False: they had not changed)
        self.synced = False
        #: freeze start-up objects out of the garbage collector's way once set up (the real
        #: bot only: the tests build many bots in one process)
        self.freeze_after_setup = False
        self._expired_tasks: set[asyncio.Task[None]] = set()

    async def setup_hook(self) -> None:
        """Load the cogs, then sync the commands if they changed (only the process with shard 0:
        commands belong to the application, not to a shard)."""
        for name in self.initial_extensions:
            await self.load_extension(name)
        if self.settings.holds_shard_zero:
            self.synced = await self.sync_commands_if_changed()
        else:
            log.info("Not syncing slash commands: the process holding shard 0 does")
        if self.freeze_after_setup:
            freeze_startup_objects()

    def sync_key(self) -> str:
        """The meta key holding the hash of the last sync, per application and target."""
        target = (
            f"guild:{self.settings.trivia_dev_guild}"
            if self.settings.trivia_dev_guild
            else "global"
        )
        return f"commands_hash:{self.application_id}:{target}"

    async def sync_commands_if_changed(self) -> bool:
        """Sync (to TRIVIA_DEV_GUILD, or globally) only if the commands changed since last time."""
        guild = (
            discord.Object(self.settings.trivia_dev_guild)
            if self.settings.trivia_dev_guild
            else None
        )
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = command_digest(self.tree, guild)
        key = self.sync_key()
        if await self.store.get_meta(key) == digest:
            log.info("Slash commands unchanged since the last sync: not syncing")
            return False
        synced = await self.tree.sync(guild=guild)
        await self.store.set_meta(key, digest)
        log.info(
            "Synced %d slash commands to %s",
            len(synced),
            f"guild {guild.id}" if guild else "all servers",
        )
        return True

    def add_shutdown_hook(self, hook: ShutdownHook) -> None:
        """Run `hook` on shutdown, before the connection closes (e.g. end running games)."""
        self.shutdown_hooks.append(hook)

    async def on_shutdown(self) -> None:
        """Run every shutdown hook (one failing does not stop the others), then disconnect."""
        for hook in self.shutdown_hooks:
            try:
                await hook()
            except Exception:
                log.exception("Shutdown hook %r failed", hook)
        await self.close()

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """Dispatch an event; a click or form nothing listens to any more is answered.

        Checked here, when discord.py has just routed the interaction and before any view's
        callback runs (a callback that stops its view would otherwise look like no view).
        """
        if event_name == "interaction" and args and isinstance(args[0], discord.Interaction):
            interaction = args[0]
            if not has_handler(self, interaction):
                task = asyncio.create_task(answer_expired(interaction))
                self._expired_tasks.add(task)
                task.add_done_callback(self._expired_tasks.discard)
        super().dispatch(event_name, *args, **kwargs)

    async def on_ready(self) -> None:
        """Log who we are and where."""
        log.info(
            "Logged in as %s (id %s) in %d servers",
            self.user,
            self.application_id,
            len(self.guilds),
        )
