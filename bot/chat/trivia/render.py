"""Pure rendering: game events and store results as Discord embeds and short texts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.bank import Bank
from bot.engine.events import GameFinished, GuessJudged, QuestionAsked, QuestionClosed
from bot.engine.model import Question
from bot.engine.ranking import RankingRow
from bot.store.types import LeaderboardPage, LeaderboardRow, PlayerStats

LETTERS: tuple[str, ...] = ("A", "B", "C", "D")
LETTER_EMOJI: tuple[str, ...] = ("🇦", "🇧", "🇨", "🇩")
MEDALS: tuple[str, ...] = ("🥇", "🥈", "🥉")

# Discord's limits
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FIELD_NAME_LIMIT = 256
FOOTER_LIMIT = 2048
LABEL_LIMIT = 80
CHOICE_NAME_LIMIT = 100
MAX_FIELDS = 25
CONTENT_LIMIT = 2000
EMBED_LIMIT = 6000

QUESTION_COLOUR = discord.Colour.blurple()
REVEAL_COLOUR = discord.Colour.green()
FINAL_COLOUR = discord.Colour.gold()
INFO_COLOUR = discord.Colour.dark_teal()

#: how many winners the reveal names before "and N more"
MAX_WINNERS_SHOWN = 15

MODE_NAMES: Mapping[str, str] = {
    "choice": "multiple choice",
    "typed": "typed answers (press Answer)",
    "typed-chat": "typed answers in the chat",
}

PERIOD_NAMES: Mapping[str, str] = {"all": "all time", "month": "this month", "week": "this week"}

FINISH_HEADLINES: Mapping[str, str] = {
    "completed": "🏁 Game over! Thanks for playing.",
    "idle": "💤 Nobody answered for a while, so the game ended.",
    "error": "Sorry, something went wrong and this game had to end. Scores so far are saved.",
    "shutdown": "The bot is restarting: this game was stopped; scores so far are saved.",
}


def safe(text: str) -> str:
    """User or pack text made inert: no markdown, no pings."""
    return escape_mentions(escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lines_within(lines: Sequence[str], limit: int, more: str = "…and {n} more") -> str:
    """As many whole lines as fit in ``limit`` characters, then a line saying how many are left."""
    kept: list[str] = []
    used = 0
    for n, line in enumerate(lines):
        tail = more.format(n=len(lines) - n)
        extra = len(line) + (1 if kept else 0)
        room = limit - len(tail) - 1 if n < len(lines) - 1 else limit
        if used + extra > room:
            kept.append(tail)
            break
        kept.append(line)
        used += extra
    return clip("\n".join(kept), limit)


def button_label(option: str) -> str:
    """A choice button's label: the option itself, cut to Discord's 80 characters."""
    return clip(option.strip() or "?", LABEL_LIMIT)


def choice_name(text: str) -> str:
    """An autocomplete choice's name (100 characters at most)."""
    return clip(text, CHOICE_NAME_LIMIT)


# ----- game messages ----------------------------------------------------------------------


def question_embed(
    asked: QuestionAsked,
    *,
    deadline_unix: int | None,
    hints: Sequence[str] = (),
    chat: bool = False,
) -> discord.Embed:
    """The question message: text, number, category, difficulty, countdown (None: closed)."""
    q = asked.question
    parts = [f"**{clip(safe(q.question), 1500)}**"]
    if asked.options:
        parts.append("")
        parts += [
            f"{LETTER_EMOJI[n]} {clip(safe(option), 200)}" for n, option in enumerate(asked.options)
        ]
    embed = discord.Embed(
        title=f"Question {asked.index}/{asked.total}",
        description=clip("\n".join(parts), DESCRIPTION_LIMIT),
        colour=QUESTION_COLOUR,
    )
    embed.add_field(name="Category", value=clip(safe(q.category), FIELD_LIMIT), inline=True)
    embed.add_field(name="Difficulty", value=clip(safe(q.difficulty), FIELD_LIMIT), inline=True)
    if deadline_unix is None:
        embed.add_field(name="Time", value="Closed", inline=True)
    else:
        embed.add_field(name="Time", value=f"Closes <t:{deadline_unix}:R>", inline=True)
    for level, hint in enumerate(hints, start=1):
        embed.add_field(
            name=f"Hint {level}",
            value=clip(_code(hint), FIELD_LIMIT),
            inline=False,
        )
    embed.set_footer(text=clip(_how_to_answer(asked, chat), FOOTER_LIMIT))
    return embed


def _code(text: str) -> str:
    """Text shown as inline code (its own backticks replaced so it cannot break out)."""
    return "`" + text.replace("`", "'") + "`"


def _how_to_answer(asked: QuestionAsked, chat: bool) -> str:
    if asked.options:
        return "Pick one button: your first click counts."
    if chat:
        return "Type your answer in this channel: the first right answer wins."
    tries = asked.guesses_per_player
    return f"Press Answer to type your guess ({tries} {'try' if tries == 1 else 'tries'})."


def reveal_embed(closed: QuestionClosed) -> discord.Embed:
    """The reveal: the answer, who got it and their points, the source, evidence and note."""
    q = closed.question
    embed = discord.Embed(
        title=clip(f"Answer: {safe(q.answer)}", TITLE_LIMIT),
        description=clip(_outcome(closed), DESCRIPTION_LIMIT),
        colour=REVEAL_COLOUR,
    )
    source = source_text(q)
    if source:
        embed.add_field(name="Source", value=clip(source, FIELD_LIMIT), inline=False)
    if q.note:
        embed.add_field(name="Note", value=clip(safe(q.note), FIELD_LIMIT), inline=False)
    embed.set_footer(text=clip(f"Question {q.key}", FOOTER_LIMIT))
    return embed


def _outcome(closed: QuestionClosed) -> str:
    lead = {"skipped": "⏭️ Skipped. ", "stopped": "⏹️ Stopped. "}.get(closed.reason, "")
    if not closed.winners:
        return lead + "Nobody got it this time."
    names = [f"✅ **{clip(safe(w.player.name), 64)}** +{w.points}" for w in closed.winners]
    shown = names[:MAX_WINNERS_SHOWN]
    if len(names) > len(shown):
        shown.append(f"…and {len(names) - len(shown)} more")
    return lead + "\n".join(shown)


def source_text(q: Question) -> str:
    """The source's title (outlet, date) and the quoted evidence, escaped."""
    parts: list[str] = []
    if q.source is not None:
        about = ", ".join(safe(x) for x in (q.source.outlet, q.source.date) if x)
        title = f"*{safe(q.source.title)}*"
        parts.append(f"{title} ({about})" if about else title)
    if q.evidence:
        parts.append(f"> {clip(safe(q.evidence), 700)}")
    return "\n".join(parts)


def ranking_line(row: RankingRow) -> str:
    """One line of the final ranking: medal or rank, name, points, right/asked, best streak."""
    place = MEDALS[row.rank - 1] if row.rank <= len(MEDALS) else f"**{row.rank}.**"
    streak = f" · best streak {row.best_streak}" if row.best_streak > 1 else ""
    return (
        f"{place} **{clip(safe(row.player.name), 100)}**: {row.points} pts · "
        f"{row.right_of_asked} right{streak}"
    )


def final_embed(finished: GameFinished) -> discord.Embed:
    """The end of the game: the final ranking with medals for the top three."""
    lines = [ranking_line(row) for row in finished.ranking]
    embed = discord.Embed(
        title="Final ranking",
        description=lines_within(lines, DESCRIPTION_LIMIT) if lines else "Nobody played.",
        colour=FINAL_COLOUR,
    )
    embed.set_footer(text=f"{finished.asked} of {finished.total} questions asked")
    return embed


SAVED = " Scores so far are saved."


def final_headline(finished: GameFinished, lost: Sequence[int] = ()) -> str:
    """The text above the final ranking, saying why the game ended (and what was not saved)."""
    if finished.reason == "stopped":
        who = f" by {clip(safe(finished.by.name), 100)}" if finished.by else ""
        text = f"⏹️ Game stopped{who}.{SAVED}"
    else:
        text = FINISH_HEADLINES.get(finished.reason, FINISH_HEADLINES["completed"])
    if not lost:
        return text
    # never claim what the database does not hold
    text = text.replace(SAVED, "").replace("; scores so far are saved", "")
    which = ", ".join(str(i) for i in lost)
    plural = "s" if len(lost) > 1 else ""
    return (
        f"{text}\n⚠️ The answers to question{plural} {which} could not be saved: the ranking "
        "below counts them, the leaderboard does not."
    )


def announcement(
    *,
    starter: str,
    total: int,
    mode: str,
    seconds: float,
    pack_title: str | None,
    category: str | None,
    up_to_episode: int | None,
) -> str:
    """The public reply to /trivia start."""
    source = f"from **{safe(pack_title)}**" if pack_title else "from every pack"
    if category:
        source += f" (category **{safe(category)}**)"
    spoilers = f" Spoiler-safe up to episode {up_to_episode}." if up_to_episode is not None else ""
    how = {
        "choice": "Click the button of your answer.",
        "typed": "Press **Answer** under each question to type your guess.",
        "typed-chat": "Type your answers in this channel: the first right answer wins.",
    }[mode]
    text = (
        f"🎬 **{safe(starter)}** started a trivia game: {total} question"
        f"{'' if total == 1 else 's'} {source}, {MODE_NAMES[mode]}, {seconds:g} s each."
        f"{spoilers} {how}"
    )
    return clip(text, CONTENT_LIMIT)


def locked_in(option_index: int, option: str) -> str:
    """The private reply to a choice click."""
    return clip(f"Locked in: {LETTERS[option_index]} ({safe(option)})", CONTENT_LIMIT)


def guess_reply(judged: GuessJudged) -> str:
    """The private reply to a typed guess."""
    if judged.correct:
        first = " You were the first!" if judged.first else ""
        return f"✅ Right! +{judged.points} points.{first}"
    guess = clip(safe(judged.guess), 200)
    if judged.guesses_left <= 0:
        return f"❌ “{guess}” is not it, and that was your last guess for this question."
    left = judged.guesses_left
    return f"❌ “{guess}” is not it. {left} {'guess' if left == 1 else 'guesses'} left."


# ----- leaderboard, stats, packs ----------------------------------------------------------


def leaderboard_line(row: LeaderboardRow) -> str:
    """One leaderboard row, by the member's stored name (kept after they leave)."""
    place = MEDALS[row.rank - 1] if row.rank <= len(MEDALS) else f"**{row.rank}.**"
    return (
        f"{place} **{clip(safe(row.name), 100)}**: {row.points} pts · "
        f"{row.right}/{row.answered} right"
    )


def leaderboard_embed(
    page: LeaderboardPage, own: LeaderboardRow | None, *, pack_title: str | None = None
) -> discord.Embed:
    """A page of the leaderboard, with the caller's own rank at the bottom."""
    title = f"Leaderboard · {PERIOD_NAMES[page.period]}"
    if pack_title:
        title += f" · {safe(pack_title)}"
    lines = [leaderboard_line(row) for row in page.rows]
    if not lines:
        body = "No scores yet: start a game with `/trivia start`."
        if page.offset:
            body = "No more players on this page."
    else:
        body = lines_within(lines, DESCRIPTION_LIMIT)
    embed = discord.Embed(title=clip(title, TITLE_LIMIT), description=body, colour=INFO_COLOUR)
    if own is None:
        mine = "You have no points here yet."
    else:
        mine = f"#{own.rank} · {own.points} pts · {own.right}/{own.answered} right"
    embed.add_field(name="Your rank", value=mine, inline=False)
    pages = max(1, -(-page.total // page.limit))
    embed.set_footer(text=f"Page {page.offset // page.limit + 1}/{pages} · {page.total} players")
    return embed


def stats_embed(stats: PlayerStats, name: str) -> discord.Embed:
    """A member's record in this server."""
    embed = discord.Embed(
        title=clip(f"Trivia stats: {safe(name)}", TITLE_LIMIT), colour=INFO_COLOUR
    )
    embed.add_field(name="Rank", value=f"#{stats.rank}", inline=True)
    embed.add_field(name="Points", value=str(stats.points), inline=True)
    embed.add_field(name="Games", value=str(stats.games), inline=True)
    embed.add_field(
        name="Right answers",
        value=f"{stats.right}/{stats.answered} ({stats.accuracy:.0%})",
        inline=True,
    )
    embed.add_field(name="Best streak", value=str(stats.best_streak), inline=True)
    embed.add_field(
        name="Favourite category",
        value=clip(safe(stats.favourite_category or "none yet"), FIELD_LIMIT),
        inline=True,
    )
    embed.add_field(
        name="This month / week",
        value=f"{stats.month_points} / {stats.week_points} pts",
        inline=False,
    )
    return embed


def packs_embed(bank: Bank, guild_slugs: frozenset[str] = frozenset()) -> discord.Embed:
    """Every pack this server can play, with its question count and categories."""
    embed = discord.Embed(title="Question packs", colour=INFO_COLOUR)
    packs = sorted(bank.packs.values(), key=lambda p: (p.slug in guild_slugs, p.slug))
    # room for the title and the longest footer: the whole embed must stay within 6000
    used = len(embed.title or "") + 40
    for pack in packs[:MAX_FIELDS]:
        own = " · this server's" if pack.slug in guild_slugs else ""
        name = clip(f"{safe(pack.title)} ({safe(pack.slug)}){own}", FIELD_NAME_LIMIT)
        count = len(pack.questions)
        value = f"{count} question{'' if count == 1 else 's'}"
        if pack.categories:
            value += "\nCategories: " + ", ".join(safe(c) for c in pack.categories)
        value = clip(value, FIELD_LIMIT)
        if used + len(name) + len(value) > EMBED_LIMIT:
            break
        used += len(name) + len(value)
        embed.add_field(name=name, value=value, inline=False)
    shown = len(embed.fields)
    if not packs:
        embed.description = "No packs are loaded."
    elif len(packs) > shown:
        embed.set_footer(text=f"…and {len(packs) - shown} more packs")
    else:
        embed.set_footer(text="Start one with /trivia start pack:<name>")
    return embed
