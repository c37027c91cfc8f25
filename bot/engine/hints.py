"""Letter hints for typed answers, never revealing the whole answer.

Rules:
- letters and digits (``str.isalnum``, so Hangul too) are hidden as ``_``; everything else
  (spaces, hyphens, ``+``, ``#``, apostrophes, dots) is shown as-is, so the shape is visible;
- level 1 shows the first letter or digit of each word; each later level shows more, in a
  fixed order drawn from the answer itself, so each hint shows everything the last one did;
- at most half of the letters and digits are ever shown (rounded down), so at least one is
  always hidden: ``K`` and ``6`` stay ``_``, ``BTS`` is at most ``B__``.
Digits are treated exactly like letters (a year or an episode number is the answer too).
Front ends should show hints in inline code, since ``_`` is Markdown.
"""

from __future__ import annotations

import math
import random

HIDDEN = "_"


def hint_text(answer: str, level: int) -> str:
    """The answer with letters hidden: level 0 hides all, each level shows more, never all."""
    positions = [i for i, ch in enumerate(answer) if ch.isalnum()]
    if not positions:
        # An answer with no letters or digits at all: show only its length.
        return HIDDEN * len(answer)
    cap = len(positions) // 2
    count = min(cap, _target(len(positions), _first_letters(answer), level))
    shown = set(_reveal_order(answer, positions)[:count])
    return "".join(
        ch if (i in shown or not ch.isalnum()) else HIDDEN for i, ch in enumerate(answer)
    )


def _target(total: int, first_letters: list[int], level: int) -> int:
    """How many letters a hint of this level shows (the caller applies the half cap)."""
    if level <= 0:
        return 0
    base = min(len(first_letters), total // 2)
    # Level 1: the first letters; each later level closes part of the gap up to the half cap.
    room = total // 2 - base
    return base + math.ceil(room * (level - 1) / level)


def _first_letters(answer: str) -> list[int]:
    """Index of the first letter or digit of each word (a word: a run of letters and digits)."""
    starts = []
    for i, ch in enumerate(answer):
        if ch.isalnum() and (i == 0 or not answer[i - 1].isalnum()):
            starts.append(i)
    return starts


def _reveal_order(answer: str, positions: list[int]) -> list[int]:
    """First letters of each word, then the other letters in an order fixed by the answer."""
    first = _first_letters(answer)
    rest = [i for i in positions if i not in set(first)]
    # Seeded with the answer itself: the same answer always gets the same hints.
    random.Random(answer).shuffle(rest)
    return first + rest
