"""/trivia-admin: the moderators' commands, hidden from members and checked when run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.admin import data, packs, reports, settings, shipped
from bot.chat.admin.common import guild_id_of
from bot.chat.admin.modals import AddQuestionModal
from bot.chat.permissions import is_moderator

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

#: subcommands with their own check instead of the moderator one
OWNER_ONLY = frozenset({"reload"})


class NotModerator(app_commands.CheckFailure):
    """A member without Manage Server or the moderator role ran a moderator command."""


Mode = Literal["choice", "typed", "typed-chat"]


class Admin(commands.Cog):
    """The moderators' commands: packs, reports, settings, players' data, reload."""

    admin = app_commands.Group(
        name="trivia-admin",
        description="Manage trivia in this server (moderators).",
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:  # type: ignore[override]
        """Manage Server or the server's moderator role; others get a short refusal."""
        command = interaction.command
        if command is not None and command.name in OWNER_ONLY:
            return True
        guild_id = guild_id_of(interaction)
        guild_settings = await self.bot.guild_settings.get(guild_id)
        if is_moderator(interaction.user, guild_settings):
            return True
        raise NotModerator(
            "Only moderators can use `/trivia-admin`: it needs Manage Server or this "
            "server's trivia moderator role."
        )

    # -- packs -----------------------------------------------------------------------------

    @admin.command(name="import", description="Import a YAML pack (or a Red trivia list).")
    @app_commands.describe(file="the pack, a .yaml file of at most 1 MiB")
    async def import_(
        self, interaction: discord.Interaction[Any], file: discord.Attachment
    ) -> None:
        """Validate and save an attached pack."""
        await packs.import_pack(self.bot, interaction, file)

    @admin.command(name="export", description="Download a pack as a YAML file.")
    @app_commands.describe(pack="a server pack, or a shipped one as a starting point")
    async def export(self, interaction: discord.Interaction[Any], pack: str) -> None:
        """Send the pack's YAML."""
        await packs.export_pack(self.bot, interaction, pack)

    @admin.command(name="remove", description="Remove one of this server's packs.")
    @app_commands.describe(pack="the server pack to remove")
    async def remove(self, interaction: discord.Interaction[Any], pack: str) -> None:
        """Delete a server pack after confirmation."""
        await packs.remove_pack(self.bot, interaction, pack)

    @admin.command(name="list", description="This server's own packs.")
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        """List the server's packs."""
        await packs.list_packs(self.bot, interaction)

    @admin.command(name="add", description="Add one question to a server pack (made if new).")
    @app_commands.describe(pack="a server pack, or a new name (lower-case-words) to create one")
    async def add(
        self, interaction: discord.Interaction[Any], pack: app_commands.Range[str, 1, 64]
    ) -> None:
        """Open the Add-a-question modal for `pack`."""
        slug = packs.check_slug(pack)
        packs.refuse_shipped(self.bot, slug, "add to a pack of this server instead.")
        await interaction.response.send_modal(AddQuestionModal(self.bot, slug))

    @export.autocomplete("pack")
    async def _export_packs(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await packs.pack_choices(self.bot, interaction, current, shipped=True)

    @remove.autocomplete("pack")
    @add.autocomplete("pack")
    async def _server_packs(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await packs.pack_choices(self.bot, interaction, current, shipped=False)

    # -- reports ---------------------------------------------------------------------------

    @admin.command(name="reports", description="Open reports of wrong questions.")
    async def reports_(self, interaction: discord.Interaction[Any]) -> None:
        """Show the open reports grouped by question."""
        await reports.show_reports(self.bot, interaction)

    @admin.command(name="resolve", description="Dismiss a question's reports, or disable it.")
    @app_commands.describe(
        question="the reported question (pack/id)",
        action="dismiss: the question is fine; disable: never ask it here again",
    )
    async def resolve(
        self,
        interaction: discord.Interaction[Any],
        question: str,
        action: reports.Action,
    ) -> None:
        """Close the reports of one question."""
        await reports.resolve(self.bot, interaction, question, action)

    @admin.command(name="enable", description="Let a disabled question be asked again.")
    @app_commands.describe(question="the disabled question (pack/id)")
    async def enable(self, interaction: discord.Interaction[Any], question: str) -> None:
        """Re-enable a disabled question."""
        await reports.enable(self.bot, interaction, question)

    @resolve.autocomplete("question")
    async def _reported(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await reports.reported_choices(self.bot, interaction, current)

    @enable.autocomplete("question")
    async def _disabled(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await reports.disabled_choices(self.bot, interaction, current)

    # -- settings and data -----------------------------------------------------------------

    @admin.command(name="settings", description="Show or change this server's trivia settings.")
    @app_commands.describe(
        default_mode="the mode of /trivia start when none is given",
        seconds="seconds per question",
        questions="questions per game",
        moderator_role="members with this role may use /trivia-admin and stop or skip games",
        channel_add="allow games in this channel (once any is listed, only those)",
        channel_remove="stop allowing games in this channel",
        clear="put the moderator role or the channel list back to none (every channel)",
        max_games="games running at once in this server",
        streak_bonus="extra points for answer streaks",
        start_cooldown="seconds between two games started in one channel",
    )
    async def settings_(
        self,
        interaction: discord.Interaction[Any],
        default_mode: Mode | None = None,
        seconds: app_commands.Range[int, 5, 120] | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        moderator_role: discord.Role | None = None,
        channel_add: discord.TextChannel | None = None,
        channel_remove: discord.TextChannel | None = None,
        clear: settings.Clearable | None = None,
        max_games: app_commands.Range[int, 1, 50] | None = None,
        streak_bonus: bool | None = None,
        start_cooldown: app_commands.Range[int, 0, 3600] | None = None,
    ) -> None:
        """Show the settings, or change the ones given."""
        change = settings.SettingsChange(
            default_mode=default_mode,
            seconds=seconds,
            questions=questions,
            moderator_role_id=moderator_role.id if moderator_role else None,
            channel_add=channel_add.id if channel_add else None,
            channel_remove=channel_remove.id if channel_remove else None,
            clear=clear,
            max_games=max_games,
            streak_bonus=streak_bonus,
            start_cooldown=start_cooldown,
        )
        await settings.settings_command(self.bot, interaction, change)

    @admin.command(name="daily", description="Post a question every day in a channel.")
    @app_commands.describe(
        channel="where the daily question goes",
        time="the local time of the post, HH:MM on a 24-hour clock",
        timezone="an IANA time zone such as Asia/Seoul (default UTC)",
        pack="draw only from this pack (default: every pack)",
        enabled="false turns the daily question off",
        up_to_episode="spoiler limit: only questions about episodes up to this one",
    )
    async def daily(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 10],
        timezone: app_commands.Range[str, 1, 64] | None = None,
        pack: str | None = None,
        enabled: bool = True,
        up_to_episode: app_commands.Range[int, 0, 99] | None = None,
    ) -> None:
        """Set this server's daily question."""
        from bot.chat.daily.admin import set_daily

        await set_daily(
            self.bot, interaction, channel, time, timezone, pack, enabled, up_to_episode
        )

    @daily.autocomplete("pack")
    async def _daily_packs(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await packs.pack_choices(self.bot, interaction, current, shipped=True)

    @admin.command(name="suggestions", description="Review the questions fans suggested.")
    @app_commands.describe(pack="the server pack approved questions go to (default: community)")
    async def suggestions(
        self, interaction: discord.Interaction[Any], pack: str | None = None
    ) -> None:
        """Open the queue of suggestions."""
        from bot.chat.suggestions.queue import show_queue

        await show_queue(self.bot, interaction, pack)

    @suggestions.autocomplete("pack")
    async def _suggestion_packs(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await packs.pack_choices(self.bot, interaction, current, shipped=False)

    season = app_commands.Group(
        name="season", description="Seasons: a named span with its own board.", parent=admin
    )

    @season.command(name="start", description="Start a season now.")
    @app_commands.describe(
        name="the season's name, e.g. Winter 2026",
        ends="its last day, YYYY-MM-DD (default: until you end it)",
    )
    async def season_start(
        self,
        interaction: discord.Interaction[Any],
        name: app_commands.Range[str, 1, 50],
        ends: app_commands.Range[str, 1, 20] | None = None,
    ) -> None:
        """Start a season."""
        from bot.chat.seasons import commands as seasons

        await seasons.start(self.bot, interaction, name, ends)

    @season.command(name="end", description="End the season and post its final top 10.")
    @app_commands.describe(channel="where the final top 10 goes")
    async def season_end(
        self, interaction: discord.Interaction[Any], channel: discord.TextChannel
    ) -> None:
        """End the running season."""
        from bot.chat.seasons import commands as seasons

        await seasons.end(self.bot, interaction, channel)

    @admin.command(name="reset-scores", description="Reset one member's or everyone's scores.")
    @app_commands.describe(member="whose scores (leave out for everyone in this server)")
    async def reset_scores(
        self, interaction: discord.Interaction[Any], member: discord.User | None = None
    ) -> None:
        """Reset scores after confirmation."""
        await data.reset_scores(self.bot, interaction, member)

    @admin.command(name="remove-player", description="Delete all data about a member here.")
    @app_commands.describe(member="the member whose data to delete (a data removal request)")
    async def remove_player(
        self, interaction: discord.Interaction[Any], member: discord.User
    ) -> None:
        """Remove a member's data after confirmation."""
        await data.remove_player(self.bot, interaction, member)

    @admin.command(name="reload", description="Reload the shipped packs (bot owner only).")
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        """Reload TRIVIA_QUESTIONS, keeping the old bank on any error."""
        await shipped.reload_bank(self.bot, interaction)
