"""IANA time zone names as moderators type them: checked against the database, never guessed."""

from __future__ import annotations

import difflib
from functools import lru_cache
from zoneinfo import available_timezones

from bot.community.errors import CommunityError

DEFAULT_TIMEZONE = "UTC"


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every known zone name by its case-folded spelling (read once: it lists a folder)."""
    return {name.casefold(): name for name in available_timezones()}


def _suggestions(typed: str) -> list[str]:
    names = _names()
    key = typed.casefold().replace(" ", "_")
    # "Seoul" for "Asia/Seoul": the city alone is the commonest slip
    cities = sorted(name for folded, name in names.items() if folded.rsplit("/", 1)[-1] == key)
    if cities:
        return cities[:3]
    return [names[k] for k in difflib.get_close_matches(key, list(names), n=3)]


def zone_name(text: str) -> str:
    """The database's spelling of a zone name typed in any case; raises CommunityError.

    Only names listed by the database are accepted, so odd input never reaches the file
    system through ZoneInfo.
    """
    typed = text.strip()
    found = _names().get(typed.casefold())
    if found is not None:
        return found
    shown = typed[:40] or "(nothing)"
    hints = _suggestions(typed) if typed else []
    also = f" Did you mean {' or '.join(f'`{h}`' for h in hints)}?" if hints else ""
    if not _names():
        also = " This machine has no time zone database: install the `tzdata` package."
    raise CommunityError(
        f"`{shown}` is not a time zone: use a name like `Europe/London`, `America/New_York` "
        f"or `Asia/Seoul`.{also}"
    )
