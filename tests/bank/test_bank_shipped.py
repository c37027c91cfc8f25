"""The real shipped bank in questions/ loads whole and keeps the bank's own rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.answers import is_correct
from bot.bank import Bank, load_bank
from bot.engine.model import CATEGORIES


@pytest.fixture(scope="module")
def shipped() -> Bank:
    root = Path(__file__).resolve().parent.parent.parent
    return load_bank([root / "questions"])


def test_shipped_bank_has_packs_and_questions(shipped: Bank) -> None:
    assert shipped.packs
    assert len(shipped.questions()) >= 80


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
