"""What the daily question looks like: the post, its reveal, and a member's streak."""

from __future__ import annotations

import random
from datetime import date

import discord

from bot.chat.trivia.render import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    LETTER_EMOJI,
    QUESTION_COLOUR,
    REVEAL_COLOUR,
    clip,
    safe,
    source_text,
)
from bot.community.daily import Streak
from bot.engine.model import Question


def options_of(question: Question, day: date) -> tuple[str, ...]:
    """The day's four options in a fixed order (the same on every restart and every copy)."""
    options = [question.answer, *question.wrong_answers[:3]]
    random.Random(f"{question.key}/{day.isoformat()}").shuffle(options)
    return tuple(options)


def right_index(question: Question, day: date) -> int:
    """Which option is the answer."""
    return options_of(question, day).index(question.answer)


def daily_embed(question: Question, day: date) -> discord.Embed:
    """The day's question with its lettered options."""
    lines = [f"**{clip(safe(question.question), 1500)}**", ""]
    lines += [
        f"{LETTER_EMOJI[n]} {clip(safe(o), 200)}" for n, o in enumerate(options_of(question, day))
    ]
    embed = discord.Embed(
        title=f"Daily question · {day.isoformat()}",
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=QUESTION_COLOUR,
    )
    embed.add_field(name="Category", value=clip(safe(question.category), FIELD_LIMIT))
    embed.set_footer(text="One answer each · the answer comes with the next daily question")
    return embed


def reveal_embed(question: Question, right: int, answered: int) -> discord.Embed:
    """Yesterday's answer: the right option, how many got it, the source and evidence."""
    got = f"{right} of {answered} got it right." if answered else "Nobody answered."
    embed = discord.Embed(
        title=clip(f"Answer: {question.answer}", 256), description=got, colour=REVEAL_COLOUR
    )
    source = source_text(question)
    if source:
        embed.add_field(name="Source", value=clip(source, FIELD_LIMIT), inline=False)
    return embed


def streak_text(streak: Streak) -> str:
    """A member's day streak and best streak."""
    days = "day" if streak.current == 1 else "days"
    return f"🔥 Day streak: {streak.current} {days} · best {streak.best}"


def locked_in(choice: int, option: str) -> str:
    """The private acknowledgement of an answer (the answer itself waits for the reveal)."""
    return (
        f"Locked in: {'ABCD'[choice]} ({clip(safe(option), 200)}). "
        "The answer comes with the next daily question."
    )
