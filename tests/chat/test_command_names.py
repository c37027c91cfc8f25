"""Guard: every extension loads together, and the command names are unique and valid."""

from __future__ import annotations

import re

import discord
from discord import app_commands

from bot.chat.client import EXTENSIONS, TriviaBot
from bot.config import Settings

from .conftest import MemoryStore

#: Discord's rule for slash command and option names (lower case, 1-32 characters)
NAME = re.compile(r"^[-_\w]{1,32}$")


def _walk(commands: list[app_commands.Command | app_commands.Group], prefix: str = ""):
    for command in commands:
        path = f"{prefix}{command.name}"
        yield path, command
        if isinstance(command, app_commands.Group):
            yield from _walk(command.commands, prefix=path + " ")


async def test_every_extension_loads_and_no_command_name_clashes() -> None:
    bot = TriviaBot(Settings(), store=MemoryStore(), bank=None, extensions=EXTENSIONS)
    # entered like the real bot (an AutoShardedBot sets its shard queue up on entering)
    async with bot:
        for name in EXTENSIONS:
            await bot.load_extension(name)
        top = bot.tree.get_commands(type=discord.AppCommandType.chat_input)
        paths = [path for path, _ in _walk(top)]  # type: ignore[arg-type]
        assert len(paths) == len(set(paths)), paths
        assert {"trivia start", "trivia leaderboard", "trivia-admin import"} <= set(paths)
        for path, command in _walk(top):  # type: ignore[arg-type]
            assert NAME.match(command.name) and command.name == command.name.lower(), path
            assert 1 <= len(command.description) <= 100, path
            if isinstance(command, app_commands.Command):
                for param in command.parameters:
                    assert NAME.match(param.name), f"{path} {param.name}"
                    assert len(param.description) <= 100, f"{path} {param.name}"
