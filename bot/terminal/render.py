"""Pure rendering: game events and leaderboard pages as rich renderables (Text and Table).

Question and answer text is always wrapped in ``Text`` objects, never parsed as markup, so a
pack's "[brackets]" or a player's name show as typed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bot.engine.events import (
    AnswerLocked,
    GameFinished,
    GuessJudged,
    HintRevealed,
    QuestionAsked,
    QuestionClosed,
)
from bot.engine.model import Player
from bot.engine.ranking import RankingRow
from bot.store import LeaderboardPage

LETTERS = "ABCDEFGH"
BAR_WIDTH = 24

_CLOSE_LINES = {
    "time": "Time's up!",
    "skipped": "Question skipped.",
    "stopped": "Game stopped.",
}
_FINISH_LINES = {
    "completed": "Game over: {asked} of {total} questions played.",
    "stopped": "Game stopped after {asked} of {total} questions.",
    "idle": "Game ended: nobody answered {asked_last} questions in a row.",
    "error": "Sorry, something went wrong and the game had to end.",
    "shutdown": "The game was ended.",
}


def letter(option: int) -> str:
    """The label of a 0-based option: A, B, C, D."""
    return LETTERS[option] if 0 <= option < len(LETTERS) else str(option + 1)


def parse_option(text: str, count: int) -> int | None:
    """A 0-based option from "B", "b", "2" or "b)"; None if it names no option of ``count``."""
    raw = text.strip().rstrip(").").strip()
    if len(raw) == 1 and raw.upper() in LETTERS[:count]:
        return LETTERS.index(raw.upper())
    if raw.isdigit() and 1 <= int(raw) <= count:
        return int(raw) - 1
    return None


def option_help(count: int) -> str:
    """What a valid choice looks like, e.g. "a letter A-D or a number 1-4"."""
    return f"a letter A-{letter(count - 1)} or a number 1-{count}"


def question_block(event: QuestionAsked) -> Text:
    """The question as asked: a header, the text, then the options or the typing rules."""
    q = event.question
    text = Text()
    text.append(f"Question {event.index}/{event.total}", style="bold cyan")
    text.append(f" · {q.category} · {q.difficulty}", style="dim")
    text.append("\n")
    text.append(q.question, style="bold")
    if event.options:
        for i, option in enumerate(event.options):
            text.append("\n  ")
            text.append(f"{letter(i)})", style="bold yellow")
            text.append(f" {option}")
    else:
        guesses = event.guesses_per_player
        text.append(f"\n  Type your answer ({guesses} guess{'es' if guesses != 1 else ''}).")
    return text


def countdown(remaining: float, seconds: float, width: int = BAR_WIDTH) -> Text:
    """A bar that empties as time runs out, and the whole seconds left (rounded up)."""
    left = max(0.0, min(remaining, seconds))
    filled = round(width * left / seconds) if seconds > 0 else 0
    style = "green" if left > seconds / 3 else "red"
    text = Text()
    text.append("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    text.append(f" {math.ceil(left)}s")
    return text


def hint_line(event: HintRevealed) -> Text:
    """A typed-mode hint, e.g. "Hint 1: S_____ ___"."""
    text = Text(f"Hint {event.level}: ", style="magenta")
    text.append(event.text, style="bold")
    return text


def judged_line(event: GuessJudged) -> Text:
    """What a typed guess earned: points when right, the guesses left when wrong."""
    if event.correct:
        return Text(f"Right! +{event.points} points", style="bold green")
    left = event.guesses_left
    rest = f"{left} guess{'es' if left != 1 else ''} left." if left else "No guesses left."
    return Text(f"Not it. {rest}", style="red")


def locked_line(event: AnswerLocked, options: Sequence[str]) -> Text:
    """A choice answer was taken (whether it is right waits for the reveal)."""
    chosen = options[event.option] if 0 <= event.option < len(options) else ""
    return Text(f"Locked in: {letter(event.option)}) {chosen}", style="dim")


def reveal_block(event: QuestionClosed) -> Text:
    """The reveal: the right answer, each player's result, the source and its quote, the note."""
    q = event.question
    text = Text()
    opening = _CLOSE_LINES.get(event.reason)
    if opening:
        text.append(opening + "\n", style="yellow")
    text.append("Answer: ", style="bold")
    if event.correct_option is not None:
        text.append(f"{letter(event.correct_option)}) ", style="bold green")
    text.append(q.answer, style="bold green")
    for record in event.results:
        text.append(f"\n  {record.name}: ")
        if record.correct:
            text.append(f"right, +{record.points} points", style="green")
            if record.streak > 1:
                text.append(f" (streak {record.streak})", style="green")
        elif record.ms is None:
            text.append("no answer", style="dim")
        else:
            text.append("wrong", style="red")
    if q.source is not None:
        text.append("\nSource: ", style="bold")
        text.append(q.source.title)
        details = ", ".join(p for p in (q.source.outlet, q.source.date) if p)
        if details:
            text.append(f" ({details})", style="dim")
    if q.evidence:
        text.append(f'\n  "{q.evidence}"', style="italic")
    if q.note:
        text.append("\nNote: ", style="bold")
        text.append(q.note)
    return text


def finish_line(event: GameFinished, idle_limit: int = 3) -> Text:
    """Why the game ended and how far it got."""
    template = _FINISH_LINES.get(event.reason, "Game over.")
    line = template.format(asked=event.asked, total=event.total, asked_last=idle_limit)
    return Text(line, style="bold")


def ranking_table(rows: Sequence[RankingRow], title: str = "Final ranking") -> Table:
    """Rank (shared by ties), player, points, right/asked and best streak; the podium in bold."""
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Rank", justify="right")
    table.add_column("Player")
    table.add_column("Points", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Best streak", justify="right")
    for row in rows:
        style = "bold yellow" if row.rank == 1 else ("bold" if row.top_three else "")
        table.add_row(
            str(row.rank),
            Text(row.player.name),
            str(row.points),
            row.right_of_asked,
            str(row.best_streak),
            style=style,
        )
    return table


def game_over(event: GameFinished, idle_limit: int = 3) -> RenderableType:
    """The end of a game: why it ended and the final ranking."""
    return Group(finish_line(event, idle_limit), ranking_table(event.ranking))


def leaderboard_table(page: LeaderboardPage, guild_name: str = "local") -> Table:
    """A leaderboard page: rank, player, points, right answers, accuracy, games."""
    period = {"all": "all time", "month": "this month", "week": "this week"}[page.period]
    title = f"Leaderboard ({guild_name}, {period}" + (f", pack {page.pack})" if page.pack else ")")
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Rank", justify="right")
    table.add_column("Player")
    table.add_column("Points", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Accuracy", justify="right")
    table.add_column("Games", justify="right")
    for row in page.rows:
        table.add_row(
            str(row.rank),
            Text(row.name),
            str(row.points),
            f"{row.right}/{row.answered}",
            f"{row.accuracy:.0%}",
            str(row.games),
            style="bold" if row.rank <= 3 else "",
        )
    return table


def you_line(
    player: Player, mode: str, seconds: float, total: int, *, interactive: bool = True
) -> Text:
    """The line printed before the first question: who plays, how, and how to answer."""
    if interactive:
        how = "press A-D" if mode == "choice" else "type your answer and press Enter"
        how += "; Ctrl-C stops"
    else:
        how = "one line per answer (A-D or 1-4)" if mode == "choice" else "one guess per line"
    plural = "s" if total != 1 else ""
    return Text(
        f"{player.name}: {total} question{plural}, {seconds:g} seconds each; {how}.",
        style="dim",
    )
