"""Letter hints for typed answers, never revealing the whole answer.

Rules:
- letters and digits (``str.isalnum``, so Hangul too) are hidden as ``_``; everything else
  (spaces, hyphens, ``+``, ``#``, apostrophes, dots) is shown as-is, so the shape is visible;
- level 1 shows the first letter or digit of each word; each later level shows more, in a
  fixed order drawn from the answer itself, so each hint shows everything the last one did;
- at most half of the letters and digits are ever shown (rounded down), so at least one is
  always hidden: ``K`` and ``6`` stay ``_``, ``BTS`` is at most ``B__``;
- a number that starts the answer is never shown whole: the number alone counts for a
  quantity such as ``40 minutes`` (``bot.answers``), so ``40 m______`` would give it away.
Otherwise digits are treated exactly like letters (a year or an episode number is the answer too).
Front ends should show hints in inline code, since ``_`` is Markdown.
"""

from __future__ import annotations

import math
import random
import re

HIDDEN = "_"


def hint_text(answer: str, level: int) -> str:
    """The answer with letters hidden: level 0 hides all, each level shows more, never all."""
    positions = [i for i, ch in enumerate(answer) if ch.isalnum()]
    if not positions:
        # An answer with no letters or digits at all: show only its length.
        return HIDDEN * len(answer)
    cap = len(positions) // 2
    order = _reveal_order(answer, positions)
    starts = set(_first_letters(answer))
    firsts = sum(1 for i in order if i in starts)
    count = min(cap, len(order), _target(len(positions), firsts, level))
    shown = set(order[:count])
    return "".join(
        ch if (i in shown or not ch.isalnum()) else HIDDEN for i, ch in enumerate(answer)
    )


def _target(total: int, firsts: int, level: int) -> int:
    """How many letters a hint of this level shows (``firsts``: word starts it may show)."""
    if level <= 0:
        return 0
    base = min(firsts, total // 2)
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
    """First letters of each word, then the others in an order fixed by the answer.

    A leading number loses the last of its digits in that order, so it never shows whole.
    """
    first = _first_letters(answer)
    rest = [i for i in positions if i not in set(first)]
    # Seeded with the answer itself: the same answer always gets the same hints.
    random.Random(answer).shuffle(rest)
    order = first + rest
    lead = _leading_number(answer)
    if lead:
        del order[max(order.index(i) for i in lead)]
    return order


def _leading_number(answer: str) -> list[int]:
    """Positions of the digits of the number the answer starts with ("40 minutes"), or []."""
    match = re.match(r"\W*(\d+)(?!\w)", answer)
    return list(range(match.start(1), match.end(1))) if match else []
