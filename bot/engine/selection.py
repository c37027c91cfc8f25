"""Choosing a game's questions: spoiler limit, mode, no repeats, and recently seen ones last."""

from __future__ import annotations

import random
from collections.abc import Sequence

from bot.engine.errors import NoQuestions
from bot.engine.model import Question


def eligible(
    candidates: Sequence[Question], *, mode: str = "choice", up_to_episode: int | None = None
) -> list[Question]:
    """The questions playable under the spoiler limit and in this mode (duplicates dropped)."""
    if not candidates:
        raise NoQuestions("There are no questions to play.")
    by_key: dict[str, Question] = {}
    for q in candidates:
        # The first question with a given key wins; later duplicates are dropped.
        by_key.setdefault(q.key, q)
    unique = list(by_key.values())
    if up_to_episode is not None:
        unique = [q for q in unique if q.episode is None or q.episode <= up_to_episode]
        if not unique:
            raise NoQuestions(
                f"No questions left under the spoiler limit (up to episode {up_to_episode})."
            )
    if mode == "choice":
        unique = [q for q in unique if q.supports_choice]
        if not unique:
            raise NoQuestions(
                "None of these questions can be played as multiple choice; try typed mode."
            )
    return unique


def select_questions(
    candidates: Sequence[Question],
    count: int,
    *,
    mode: str = "choice",
    up_to_episode: int | None = None,
    recent: Sequence[str] = (),
    rng: random.Random | None = None,
) -> list[Question]:
    """Draw up to ``count`` questions at random, avoiding ``recent`` keys (most recent first).

    Recently seen questions are used only when there are not enough others, the least
    recently seen first. Returns fewer than ``count`` when fewer are eligible.
    """
    rng = rng if rng is not None else random.Random()
    pool = eligible(candidates, mode=mode, up_to_episode=up_to_episode)
    age = {key: n for n, key in reversed(list(enumerate(recent)))}
    fresh = [q for q in pool if q.key not in age]
    # Sort before shuffling so the result depends only on the seed, not the input order.
    fresh.sort(key=lambda q: q.key)
    chosen = rng.sample(fresh, min(count, len(fresh)))
    if len(chosen) < count:
        stale = sorted((q for q in pool if q.key in age), key=lambda q: -age[q.key])
        chosen.extend(stale[: count - len(chosen)])
        rng.shuffle(chosen)
    return chosen
