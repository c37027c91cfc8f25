"""A server's own packs: import, export, remove and list them."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.bank.limits import MAX_FILE_BYTES, human_size
from bot.bank.loader import PACK_SUFFIXES, parse_pack
from bot.bank.problems import PackError
from bot.chat.admin.common import guild_id_of, invalidate, now, shipped_bank, store_of
from bot.chat.admin.render import count_words, packs_message, problems_message, shorten
from bot.chat.admin.views import Confirm
from bot.chat.download import TooBig, read_limited
from bot.chat.errors import UserFacingError
from bot.engine.model import Pack

if TYPE_CHECKING:
    from bot.chat.client import TriviaBot

#: content types an attachment may not have: Discord's guess says it is clearly not text
_NOT_TEXT_MAJOR = ("image/", "audio/", "video/", "font/", "model/")
_NOT_TEXT = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/vnd.rar",
        "application/x-msdownload",
        "application/x-executable",
        "application/java-archive",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)
SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_SLUG = 64


def check_upload(filename: str, size: int, content_type: str | None) -> None:
    """Refuse, before downloading, a file that is too big, not .yaml/.yml, or clearly not text."""
    shown = discord.utils.escape_markdown(shorten(filename, 100))
    if PurePath(filename).suffix.lower() not in PACK_SUFFIXES:
        raise UserFacingError(
            f"**{shown}** is not a YAML file: attach a pack saved as `.yaml` or `.yml`."
        )
    if size > MAX_FILE_BYTES:
        raise UserFacingError(
            f"**{shown}** is too big ({human_size(size)}); the limit is "
            f"{human_size(MAX_FILE_BYTES)}. Split it into several packs."
        )
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind.startswith(_NOT_TEXT_MAJOR) or kind in _NOT_TEXT:
        raise UserFacingError(
            f"**{shown}** looks like `{kind}`, not YAML text: attach the pack's `.yaml` file."
        )


def check_slug(slug: str) -> str:
    """A pack name as typed, checked to be a slug (refused with the rule otherwise)."""
    slug = slug.strip()
    if not SLUG.fullmatch(slug) or len(slug) > MAX_SLUG:
        raise UserFacingError(
            "A pack name is lower-case letters and digits in words joined by `-` "
            "(e.g. `fan-questions`), at most 64 characters."
        )
    return slug


def refuse_shipped(bot: TriviaBot, slug: str, hint: str) -> None:
    """Refuse a slug that belongs to a shipped pack."""
    if slug in shipped_bank(bot).packs:
        raise UserFacingError(f"`{slug}` is the name of a pack that ships with the bot: {hint}")


async def save(bot: TriviaBot, guild_id: int, pack: Pack, text: str, user_id: int) -> None:
    """Store the pack's exact text and make the guild's next game see it."""
    await store_of(bot).save_pack(
        guild_id, pack.slug, pack.title, text, len(pack.questions), user_id, now(bot)
    )
    invalidate(bot, guild_id)


async def import_pack(
    bot: TriviaBot, interaction: discord.Interaction[Any], file: discord.Attachment
) -> None:
    """Validate an attached pack; save it (asking first before replacing one)."""
    guild_id = guild_id_of(interaction)
    check_upload(file.filename, file.size, file.content_type)
    await interaction.response.defer(ephemeral=True, thinking=True)
    name = discord.utils.escape_markdown(shorten(file.filename, 100))
    try:
        data = await read_limited(file, MAX_FILE_BYTES)
    except TooBig:
        raise UserFacingError(f"**{name}** is bigger than {human_size(MAX_FILE_BYTES)}.") from None
    shipped = shipped_bank(bot)
    try:
        pack = await asyncio.to_thread(
            parse_pack,
            data,
            filename=file.filename,
            sources=shipped.sources,
            require_evidence=False,
        )
    except PackError as exc:
        n = count_words(len(exc.problems), "problem")
        header = f"**{name}** was not imported ({n}); nothing was saved. Fix and import it again:"
        await interaction.edit_original_response(content=problems_message(header, exc.problems))
        return
    hint = (
        "rename the file (a Red list's pack name is its file name)."
        if pack.format == "red"
        else "change `pack:` at the top of the file."
    )
    refuse_shipped(bot, pack.slug, hint)
    # the loader accepted it, so it is UTF-8: keep the text exactly for export
    text = data.decode("utf-8")
    user_id = interaction.user.id
    what = f"`{pack.slug}` ({count_words(len(pack.questions), 'question')})"
    existing = await store_of(bot).get_pack(guild_id, pack.slug)
    if existing is None:
        await save(bot, guild_id, pack, text, user_id)
        await interaction.edit_original_response(content=f"Imported {what}. It is playable now.")
        return

    async def replace() -> str:
        await save(bot, guild_id, pack, text, user_id)
        return f"Replaced `{pack.slug}` with {what}."

    view = Confirm(user_id, replace, confirm_label="Replace")
    await view.prompt(
        interaction,
        f"This server already has a pack `{pack.slug}` "
        f"({count_words(existing.question_count, 'question')}, updated "
        f"<t:{int(existing.updated_at)}:R>). Replace it with {what}?",
    )


async def export_pack(bot: TriviaBot, interaction: discord.Interaction[Any], slug: str) -> None:
    """Send a pack as a YAML file: a server pack exactly as imported, a shipped one as shipped."""
    guild_id = guild_id_of(interaction)
    stored = await store_of(bot).get_pack(guild_id, slug)
    if stored is not None:
        data = stored.yaml_text.encode("utf-8")
        note = f"`{slug}`, exactly as this server has it."
    else:
        shipped = shipped_bank(bot).packs.get(slug)
        if shipped is None or not shipped.origin:
            raise UserFacingError(f"There is no pack named `{shorten(slug, 64)}` here.")
        data = await asyncio.to_thread(Path(shipped.origin).read_bytes)
        note = (
            f"`{slug}` as shipped with the bot: a starting point. Give your copy another "
            "`pack:` name before importing it."
        )
    file = discord.File(io.BytesIO(data), filename=f"{slug}.yaml")
    await interaction.response.send_message(note, file=file, ephemeral=True)


async def remove_pack(bot: TriviaBot, interaction: discord.Interaction[Any], slug: str) -> None:
    """Delete one of the server's packs, after confirmation."""
    guild_id = guild_id_of(interaction)
    store = store_of(bot)
    stored = await store.get_pack(guild_id, slug)
    if stored is None:
        if slug in shipped_bank(bot).packs:
            raise UserFacingError(f"`{slug}` ships with the bot; only server packs can be removed.")
        raise UserFacingError(f"This server has no pack named `{shorten(slug, 64)}`.")

    async def delete() -> str:
        await store.delete_pack(guild_id, slug)
        invalidate(bot, guild_id)
        return f"Removed `{slug}`. Its scores stay on the leaderboard."

    view = Confirm(interaction.user.id, delete, confirm_label="Remove")
    await view.prompt(
        interaction,
        f"Remove `{slug}` ({count_words(stored.question_count, 'question')}) from this server? "
        "Export it first if you may want it back.",
    )


async def list_packs(bot: TriviaBot, interaction: discord.Interaction[Any]) -> None:
    """The server's own packs with their question counts and last update."""
    packs = await store_of(bot).list_packs(guild_id_of(interaction))
    await interaction.response.send_message(packs_message(packs), ephemeral=True)


async def pack_choices(
    bot: TriviaBot,
    interaction: discord.Interaction[Any],
    current: str,
    *,
    shipped: bool,
) -> list[app_commands.Choice[str]]:
    """Autocomplete: the server's packs (and the shipped ones if asked) matching `current`."""
    if interaction.guild_id is None:
        return []
    slugs = [p.slug for p in await store_of(bot).list_packs(interaction.guild_id)]
    if shipped:
        slugs += [s for s in shipped_bank(bot).packs if s not in slugs]
    typed = current.strip().lower()
    found = [s for s in slugs if typed in s]
    found.sort(key=lambda s: (not s.startswith(typed), s))
    return [app_commands.Choice(name=s, value=s) for s in found[:25]]
