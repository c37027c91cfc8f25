"""A test-only cog: commands that fail on purpose, and a /demo group using every Discord path."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.errors import ReportingModal, ReportingView, UserFacingError
from bot.engine.errors import GameError


class Choice(ReportingView):
    """Two buttons: A edits the message (type 7), Boom raises inside the callback."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="A", custom_id="demo:a", style=discord.ButtonStyle.primary)
    async def a(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Mark the click in the message and disable the button."""
        button.disabled = True
        await interaction.response.edit_message(
            content=f"{interaction.user.name} clicked A", view=self
        )

    @discord.ui.button(label="Boom", custom_id="demo:boom")
    async def boom(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        """Fail like a game would on a player's mistake."""
        raise GameError("You already answered this question.")


class Guess(ReportingModal, title="Your answer"):
    """A modal with one text box."""

    answer: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Answer", custom_id="answer")

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        """Echo the guess privately."""
        await interaction.response.send_message(f"you said {self.answer.value}", ephemeral=True)


class Harness(commands.Cog):
    """Commands the harness tests drive."""

    fail = app_commands.Group(name="fail", description="Fail on purpose.")
    demo = app_commands.Group(name="demo", description="Exercise the fake Discord.")

    @fail.command(name="user", description="A user-facing error.")
    async def fail_user(self, interaction: discord.Interaction[Any]) -> None:
        """Raise an error whose message is for the user."""
        raise UserFacingError("A game is already running in this channel.")

    @fail.command(name="crash", description="A bug.")
    async def fail_crash(self, interaction: discord.Interaction[Any]) -> None:
        """Raise an unexpected error."""
        raise RuntimeError("kaboom")

    @fail.command(name="late", description="A bug after deferring.")
    async def fail_late(self, interaction: discord.Interaction[Any]) -> None:
        """Defer, then raise: the apology must come as a followup."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        raise RuntimeError("kaboom after defer")

    @demo.command(name="buttons", description="A message with buttons.")
    async def buttons(self, interaction: discord.Interaction[Any]) -> None:
        """Send a public message with the Choice view."""
        await interaction.response.send_message("pick one", view=Choice())

    @demo.command(name="modal", description="Open a modal.")
    async def modal(self, interaction: discord.Interaction[Any]) -> None:
        """Open the Guess modal."""
        await interaction.response.send_modal(Guess())

    @demo.command(name="slow", description="Defer, then follow up and edit.")
    @app_commands.describe(rounds="how many followups")
    async def slow(
        self, interaction: discord.Interaction[Any], rounds: app_commands.Range[int, 1, 3]
    ) -> None:
        """Defer publicly, fill the deferred message, then send followups."""
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(content="working")
        for n in range(rounds):
            await interaction.followup.send(f"followup {n + 1}", ephemeral=True)

    @demo.command(name="post", description="Post in the channel and react.")
    async def post(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Post through the channel endpoint, react, edit, and confirm privately."""
        assert isinstance(interaction.channel, discord.TextChannel)
        message = await interaction.channel.send(
            text, embed=discord.Embed(title="Posted", description=text)
        )
        await message.add_reaction("✅")
        await message.edit(content=text.upper())
        await interaction.response.send_message(
            "posted", ephemeral=True, file=discord.File(__file__)
        )

    @demo.command(name="read", description="Read an attachment.")
    async def read(
        self, interaction: discord.Interaction[Any], file: discord.Attachment, who: discord.Member
    ) -> None:
        """Fetch the attachment and report its size and who was named."""
        data = await file.read()
        await interaction.response.send_message(
            f"{len(data)} bytes from {file.filename} for {who.name}", ephemeral=True
        )

    @demo.command(name="pick", description="Autocomplete.")
    async def pick(self, interaction: discord.Interaction[Any], pack: str) -> None:
        """Echo the pack."""
        await interaction.response.send_message(pack, ephemeral=True)

    @pick.autocomplete("pack")
    async def pick_pack(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """Pack names starting with what is typed."""
        names = ["soundtrack-2", "soundtrack-1", "cast"]
        return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)]


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(Harness())
