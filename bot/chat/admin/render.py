"""Pure rendering for the moderators' commands: problems, pack lists, reports, settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot.bank.bank import Bank
from bot.store.types import GuildSettings, ReportGroup, StoredPack

#: Discord's limits (content, embed description, field value, fields per embed, embed total)
MAX_CONTENT = 2000
MAX_DESCRIPTION = 4096
MAX_FIELD = 1024
MAX_FIELDS = 25
MAX_EMBED = 6000
#: one problem line is cut here, so a single huge message cannot crowd out the others
MAX_LINE = 300


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def _no_fence(text: str) -> str:
    """Text that cannot close a code block it is put in."""
    return text.replace("```", "`\u200b``")


def more_line(n: int) -> str:
    """The polite tail of a truncated list."""
    return f"… and {n} more"


def fit_lines(lines: Sequence[str], limit: int, *, reserve: int = 0) -> tuple[list[str], int]:
    """The longest prefix of `lines` whose join (plus a "… and N more" line) fits `limit`.

    Returns the kept lines and how many were left out. `reserve` is room kept for a wrapper.
    """
    kept: list[str] = []
    used = reserve
    for i, line in enumerate(lines):
        rest = len(lines) - i - 1
        tail = len(more_line(rest)) + 1 if rest else 0
        cost = len(line) + (1 if kept else 0)
        if used + cost + tail > limit:
            return kept, len(lines) - len(kept)
        kept.append(line)
        used += cost
    return kept, 0


def problems_message(header: str, problems: Sequence[object], limit: int = MAX_CONTENT) -> str:
    """`header`, then every problem (`file:LINE:COL: message`) in a code block, within `limit`."""
    lines = [_no_fence(shorten(str(p), MAX_LINE)) for p in problems]
    head = f"{header}\n```\n"
    foot = "\n```"
    kept, left = fit_lines(lines, limit, reserve=len(head) + len(foot))
    body = "\n".join(kept)
    text = f"{head}{body}{foot}"
    if left:
        text += f"\n{more_line(left)}"
    return text


def count_words(n: int, word: str) -> str:
    """`1 question`, `2 questions`."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def pack_line(pack: StoredPack) -> str:
    """One line of the server's pack list."""
    who = f" by <@{pack.updated_by}>" if pack.updated_by is not None else ""
    title = discord.utils.escape_markdown(shorten(pack.title, 80))
    return (
        f"`{pack.slug}`: {title}, {count_words(pack.question_count, 'question')}, "
        f"updated{who} <t:{int(pack.updated_at)}:R>"
    )


def packs_message(packs: Sequence[StoredPack]) -> str:
    """The `list` answer: the server's own packs, or how to add one."""
    if not packs:
        return (
            "This server has no packs of its own yet. Import one with `/trivia-admin import` "
            "or add a question with `/trivia-admin add`."
        )
    lines = [pack_line(p) for p in packs]
    head = f"This server's packs ({len(packs)}):\n"
    kept, left = fit_lines(lines, MAX_CONTENT, reserve=len(head))
    text = head + "\n".join(kept)
    return text + (f"\n{more_line(left)}" if left else "")


def report_field(group: ReportGroup, bank: Bank | None) -> tuple[str, str]:
    """A reported question as an embed field: its key and count, then what it says and why."""
    name = shorten(f"{group.question_key} ({count_words(group.count, 'report')})", 256)
    question = bank.question(group.question_key) if bank is not None else None
    parts: list[str] = []
    if question is None:
        parts.append("*This question is no longer in the bank.*")
    else:
        esc = discord.utils.escape_markdown
        parts.append(f"**Q:** {esc(shorten(question.question, 300))}")
        parts.append(f"**A:** {esc(shorten(question.answer, 80))}")
        if question.source is not None:
            parts.append(f"**Source:** {esc(shorten(question.source.title, 200))}")
    reasons = [f"• {discord.utils.escape_markdown(shorten(r, 200))}" for r in group.reasons]
    used = sum(len(p) + 1 for p in parts)
    kept, left = fit_lines(reasons, MAX_FIELD, reserve=used)
    parts.extend(kept)
    if left:
        parts.append(more_line(left))
    return name, "\n".join(parts)


def reports_embed(groups: Sequence[ReportGroup], bank: Bank | None) -> discord.Embed:
    """The open reports, one field per question, within Discord's embed limits."""
    embed = discord.Embed(title="Open reports", colour=discord.Colour.orange())
    if not groups:
        embed.description = "No open reports. Nothing to fix."
        return embed
    embed.description = (
        "Resolve one with `/trivia-admin resolve question:<key> action:dismiss|disable`."
    )
    total = len(embed.title or "") + len(embed.description) + 40
    shown = 0
    for group in groups:
        name, value = report_field(group, bank)
        if shown == MAX_FIELDS - 1 or total + len(name) + len(value) > MAX_EMBED - 100:
            break
        embed.add_field(name=name, value=value, inline=False)
        total += len(name) + len(value)
        shown += 1
    if shown < len(groups):
        embed.set_footer(text=more_line(len(groups) - shown) + " reported questions")
    return embed


Describe = Callable[[int], str]


def settings_embed(
    settings: GuildSettings,
    role_name: Describe | None = None,
    channel_name: Describe | None = None,
) -> discord.Embed:
    """The server's settings; role and channel ids shown as mentions unless named."""

    def role(i: int) -> str:
        return role_name(i) if role_name else f"<@&{i}>"

    def channel(i: int) -> str:
        return channel_name(i) if channel_name else f"<#{i}>"

    channels = (
        ", ".join(channel(c) for c in settings.allowed_channel_ids)
        if settings.allowed_channel_ids
        else "every channel"
    )
    rows = [
        ("Default mode", settings.default_mode),
        ("Seconds per question", str(settings.seconds)),
        ("Questions per game", str(settings.questions)),
        (
            "Moderator role",
            role(settings.moderator_role_id)
            if settings.moderator_role_id
            else "none (Manage Server only)",
        ),
        ("Channels", shorten(channels, MAX_FIELD)),
        ("Games at once", str(settings.max_games)),
        ("Streak bonus", "on" if settings.streak_bonus else "off"),
        ("Start cooldown", f"{settings.start_cooldown} s"),
    ]
    embed = discord.Embed(title="Trivia settings", colour=discord.Colour.blurple())
    for name, value in rows:
        embed.add_field(name=name, value=value, inline=True)
    return embed
