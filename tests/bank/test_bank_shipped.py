"""The real shipped bank in questions/ loads whole and keeps the bank's own rules."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from bot.answers import is_correct
from bot.bank import Bank, load_bank
from bot.engine.model import CATEGORIES, Question
from bot.engine.selection import select_questions


@pytest.fixture(scope="module")
def shipped() -> Bank:
    root = Path(__file__).resolve().parent.parent.parent
    return load_bank([root / "questions"])


def test_shipped_bank_has_packs_and_questions(shipped: Bank) -> None:
    assert shipped.packs
    assert len(shipped.questions()) >= 85


def test_no_duplicate_question_keys(shipped: Bank) -> None:
    keys = Counter(q.key for q in shipped.questions())
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_shipped_question_has_source_and_evidence(shipped: Bank) -> None:
    missing = [q.key for q in shipped.questions() if q.source is None or not q.evidence]
    assert missing == []


def test_no_wrong_answer_is_accepted_by_the_matcher(shipped: Bank) -> None:
    accepted = [
        (q.key, w)
        for q in shipped.questions()
        for w in q.wrong_answers
        if is_correct(w, q.accepted)
    ]
    assert accepted == []


def test_every_shipped_question_supports_multiple_choice(shipped: Bank) -> None:
    assert [q.key for q in shipped.questions() if not q.supports_choice] == []


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_at_least_eight_questions(shipped: Bank, category: str) -> None:
    assert len(shipped.questions(category=category)) >= 8


def test_every_cited_source_is_in_the_bank_sources(shipped: Bank) -> None:
    cited = {q.source.id for q in shipped.questions() if q.source is not None}
    assert cited <= set(shipped.sources)


def _gives_away(earlier: Question, later: Question) -> bool:
    return earlier.pack == later.pack and later.id in earlier.gives_away


@pytest.mark.parametrize("size", [5, 10, 20, 35, 50])
def test_seeded_games_never_ask_a_question_after_one_that_gives_it_away(
    shipped: Bank, size: int
) -> None:
    questions = shipped.questions()
    links = sum(len(q.gives_away) for q in questions)
    assert links >= 40  # the bank records its neighbours: this test has something to catch
    bad: list[tuple[int, str, str]] = []
    for seed in range(300):
        for mode, spoilers in (("choice", None), ("typed", 2)):
            game = select_questions(
                questions, size, mode=mode, up_to_episode=spoilers, rng=random.Random(seed)
            )
            assert len({q.key for q in game}) == len(game)
            for i, earlier in enumerate(game):
                for later in game[i + 1 :]:
                    # either way round: a game's order is random
                    if _gives_away(earlier, later) or _gives_away(later, earlier):
                        bad.append((seed, earlier.key, later.key))
    assert bad == []


def test_a_ten_question_game_is_always_full(shipped: Bank) -> None:
    for seed in range(300):
        assert len(select_questions(shipped.questions(), 10, rng=random.Random(seed))) == 10


def test_no_question_gives_itself_away_and_every_link_names_a_real_question(shipped: Bank) -> None:
    ids = {(q.pack, q.id) for q in shipped.questions()}
    broken = [
        (q.key, other)
        for q in shipped.questions()
        for other in q.gives_away
        if other == q.id or (q.pack, other) not in ids
    ]
    assert broken == []
