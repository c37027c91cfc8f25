"""Choosing a game's questions: spoiler limit, mode, no repeats, recently seen ones last, and
no question whose answer another one in the game gives away."""

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
    recently seen first. Returns fewer than ``count`` when fewer are eligible, or when
    ``gives_away`` links leave fewer that can share a game.
    """
    rng = rng if rng is not None else random.Random()
    pool = eligible(candidates, mode=mode, up_to_episode=up_to_episode)
    age = {key: n for n, key in reversed(list(enumerate(recent)))}
    fresh = [q for q in pool if q.key not in age]
    # Sort before shuffling so the result depends only on the seed, not the input order.
    fresh.sort(key=lambda q: q.key)
    links = linked(pool)
    if not links:
        chosen = rng.sample(fresh, min(count, len(fresh)))
    else:
        chosen = _apart(rng.sample(fresh, len(fresh)), count, links, [])
    if len(chosen) < count:
        stale = sorted((q for q in pool if q.key in age), key=lambda q: -age[q.key])
        chosen = _apart(stale, count, links, chosen)
        rng.shuffle(chosen)
    return chosen


def linked(questions: Sequence[Question]) -> dict[str, set[str]]:
    """Which question keys must not share a game: ``gives_away`` links, taken both ways
    (a game's order is random, so either question may come first)."""
    links: dict[str, set[str]] = {}
    for q in questions:
        for other in q.gives_away:
            key = f"{q.pack}/{other}"
            links.setdefault(q.key, set()).add(key)
            links.setdefault(key, set()).add(q.key)
    return links


def _apart(
    ordered: Sequence[Question], count: int, links: dict[str, set[str]], chosen: list[Question]
) -> list[Question]:
    """``chosen`` plus questions from ``ordered`` in turn, skipping any linked to one taken."""
    out = list(chosen)
    taken = {q.key for q in out}
    for q in ordered:
        if len(out) >= count:
            break
        if q.key in taken or not links.get(q.key, set()).isdisjoint(taken):
            continue
        out.append(q)
        taken.add(q.key)
    return out
