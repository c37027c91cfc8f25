"""`trivia-bot leaderboard`: the terminal games' leaderboard as a rich table."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.text import Text

from bot.session.identity import LOCAL_GUILD_ID
from bot.store import Period, StoreError, is_postgres, open_store
from bot.terminal.render import leaderboard_table

#: rows shown; the line under the table says how many players there are in all
SHOWN = 20


async def show_leaderboard(
    db_path: str | Path,
    console: Console,
    *,
    period: Period = "all",
    pack: str | None = None,
    now: float | None = None,
) -> int:
    """Print the local leaderboard; the exit status (a missing database is simply empty)."""
    if not is_postgres(db_path) and not Path(db_path).exists():
        console.print(Text("No games played yet: start one with `trivia-bot play`."))
        return 0
    store = await open_store(db_path, recover=None)
    try:
        page = await store.leaderboard(
            LOCAL_GUILD_ID, period, time.time() if now is None else now, pack=pack, limit=SHOWN
        )
    finally:
        await store.close()
    if not page.rows:
        console.print(Text("No scores for this period yet."))
        return 0
    console.print(leaderboard_table(page))
    if page.has_next:
        console.print(Text(f"Top {len(page.rows)} of {page.total} players.", style="dim"))
    return 0


def run_leaderboard(db_path: str, period: Period, pack: str | None) -> int:
    """The command's body: exit 2 with one line on stderr if the database cannot be read."""
    console = Console(highlight=False)
    try:
        return asyncio.run(show_leaderboard(db_path, console, period=period, pack=pack))
    except StoreError as exc:
        print(f"trivia-bot leaderboard: {exc}", file=sys.stderr)
        return 2
