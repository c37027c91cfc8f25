"""Size limits for question packs, so a hostile or careless file cannot hurt the bot."""

from __future__ import annotations

#: bytes in one pack file (checked before parsing)
MAX_FILE_BYTES = 1024 * 1024
#: questions in one pack
MAX_QUESTIONS = 2000
#: an answer, alias or wrong answer becomes a button label: Discord allows 80 characters
MAX_ANSWER = 80
MAX_QUESTION = 300
MAX_EVIDENCE = 400
MAX_NOTE = 300
MAX_TITLE = 100
MAX_DESCRIPTION = 300
#: Red lists: where each text is shown decides its limit, as Discord needs it.
#: A question is shown in an embed's description (4,096 characters)
MAX_RED_QUESTION = 4096
#: a typed-only answer is never a button (80), and the reveal clips what it shows; the bound is
#: what a player can type: Discord's text input in the answer form holds 4,000 characters
MAX_TYPED_ANSWER = 4000
#: answers per Red question: Red has no limit; each is only matched against a guess
MAX_RED_ANSWERS = 100
#: AUTHOR is kept by Red for its own credits and never shown by this bot: a sanity bound only
MAX_RED_AUTHOR = 4096
#: aliases per question (Red lists: answers per question, minus the shown one)
MAX_ALIASES = 20
#: a slug (pack, question id, category)
MAX_SLUG = 64
#: the highest episode number a question may be tagged with
MAX_EPISODE = 99
#: mappings and lists nested inside each other (a pack needs 4)
MAX_DEPTH = 20
#: what the wrong_answers list must hold when present
WRONG_ANSWERS = 3


def human_size(n: int) -> str:
    """A byte count as a short human-readable string (``1.5 MiB``)."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"
