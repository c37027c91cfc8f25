"""Letter hints never give the whole answer away and keep its shape."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answers import is_correct
from bot.engine.hints import HIDDEN, hint_text

ANSWERS = ["K", "6", "Disney+", "Camino de Santiago", "BTS", "Soundtrack #2", "Han Ji-hyun", "2024"]


@pytest.mark.parametrize("answer", ANSWERS)
@pytest.mark.parametrize("level", [0, 1, 2, 3, 4, 10])
def test_hint_never_shows_the_whole_answer(answer: str, level: int) -> None:
    text = hint_text(answer, level)
    assert text != answer
    assert len(text) == len(answer)
    assert HIDDEN in text


@pytest.mark.parametrize(
    ("answer", "level", "expected"),
    [
        ("K", 1, "_"),
        ("K", 5, "_"),
        ("6", 2, "_"),
        ("Disney+", 0, "______+"),
        ("Disney+", 1, "D_____+"),
        ("Camino de Santiago", 0, "______ __ ________"),
        ("Camino de Santiago", 1, "C_____ d_ S_______"),
        ("Han Ji-hyun", 1, "H__ J_-h___"),
        ("Soundtrack #2", 1, "S_________ #2"),
        ("BTS", 3, "B__"),
    ],
)
def test_known_hints(answer: str, level: int, expected: str) -> None:
    assert hint_text(answer, level) == expected


@pytest.mark.parametrize("answer", ["Camino de Santiago", "Disney+", "Jang Hee-ryung", "2024"])
def test_each_hint_shows_more_and_keeps_what_was_shown(answer: str) -> None:
    previous = hint_text(answer, 0)
    shown_counts = []
    for level in range(1, 4):
        text = hint_text(answer, level)
        for old, new in zip(previous, text, strict=True):
            assert old in (HIDDEN, new)
        shown_counts.append(sum(ch != HIDDEN for ch in text))
        previous = text
    assert shown_counts[1] > shown_counts[0]


def test_at_most_half_the_letters_are_ever_shown() -> None:
    answer = "Camino de Santiago"
    letters = sum(ch.isalnum() for ch in answer)
    shown = sum(ch.isalnum() for ch in hint_text(answer, 50))
    assert shown == letters // 2


@given(st.text(min_size=1, max_size=40), st.integers(min_value=0, max_value=8))
def test_any_answer_keeps_a_letter_hidden_and_its_punctuation(answer: str, level: int) -> None:
    text = hint_text(answer, level)
    assert len(text) == len(answer)
    if any(ch.isalnum() for ch in answer):
        assert text != answer
    for ch, hinted in zip(answer, text, strict=True):
        if ch.isalnum():
            assert hinted in (ch, HIDDEN)
        elif any(c.isalnum() for c in answer):
            assert hinted == ch


@pytest.mark.parametrize("answer", ["40 minutes", "20 years", "6 episodes", "16 episodes long"])
@pytest.mark.parametrize("level", [1, 2, 3, 10])
def test_a_hint_never_shows_the_number_that_alone_is_the_answer(answer: str, level: int) -> None:
    # is_correct takes "40" for "40 minutes": showing the whole number would give it away.
    text = hint_text(answer, level)
    shown_words = " ".join(word for word in text.split() if HIDDEN not in word)
    assert not shown_words or not is_correct(shown_words, [answer])
    assert HIDDEN in text.split()[0]
