"""Fans' suggestions: the bank's rules with a clear message each, and the daily limit."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.bank.limits import MAX_ANSWER, MAX_EVIDENCE, MAX_QUESTION
from bot.bank.loader import parse_pack
from bot.bank.problems import PackError
from bot.community.errors import CommunityError
from bot.community.suggestion import (
    MAX_REASON,
    Suggestion,
    SuggestionError,
    check_daily_limit,
    check_suggestion,
    credit,
    decline_reason,
    is_link,
    split_answers,
)

GOOD: dict[str, Any] = {
    "question": "Who plays the singer-songwriter K?",
    "answer": "Sohn Jeong-hyuck",
    "wrong_answers": ["Noh Sang-hyun", "Park Hyung-sik", "Han So-hee"],
    "source": "known only as K, played by real-life singer-songwriter Sohn Jeong-hyuck",
}


def suggest(**changes: Any) -> Suggestion:
    fields = {**GOOD, **changes}
    return check_suggestion(**fields, user_id=5, name="Mina")


def problems_of(**changes: Any) -> list[str]:
    with pytest.raises(SuggestionError) as caught:
        suggest(**changes)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_a_good_suggestion_is_kept_as_typed_but_trimmed() -> None:
    s = suggest(answer="  Sohn Jeong-hyuck ", source=" https://example.com/k ")
    assert s == Suggestion(
        question=GOOD["question"],
        answer="Sohn Jeong-hyuck",
        wrong_answers=tuple(GOOD["wrong_answers"]),
        source="https://example.com/k",
        user_id=5,
        name="Mina",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"question": ""}, "Question: is empty"),
        (
            {"question": "Q" * (MAX_QUESTION + 1)},
            f"Question: is {MAX_QUESTION + 1} characters long; the limit is {MAX_QUESTION}",
        ),
        ({"answer": "   "}, "Answer: is empty"),
        (
            {"answer": "A" * (MAX_ANSWER + 1)},
            f"Answer: is {MAX_ANSWER + 1} characters long; the limit is {MAX_ANSWER}",
        ),
        (
            {"wrong_answers": ["Sohn Jung Hyuk", "Park Hyung-sik", "Han So-hee"]},
            "would be accepted as the right answer",
        ),
        (
            {"wrong_answers": ["Han So-hee", "Park Hyung-sik", "han so-hee"]},
            "is listed twice",
        ),
        (
            {"wrong_answers": ["Han So-hee", "Park Hyung-sik", "Han Sohee"]},
            "is the same answer as",
        ),
        (
            {"wrong_answers": ["W" * (MAX_ANSWER + 1), "Park Hyung-sik", "Han So-hee"]},
            f"Wrong answers: is {MAX_ANSWER + 1} characters long; the limit is {MAX_ANSWER}",
        ),
        ({"wrong_answers": ["Han So-hee", "Park Hyung-sik"]}, "give exactly 3 (one a line)"),
        ({"wrong_answers": ["A", "B", "C", "D"]}, "give exactly 3 (one a line), you gave 4"),
        ({"wrong_answers": ["A", " ", "C"]}, "you gave 2"),
        ({"source": ""}, "Source: say where the fact comes from: a link, or a quote"),
        ({"source": "https://nowhere"}, "Source: that link is not a web address"),
        ({"source": "https://exa mple.com/x"}, "Source: that link is not a web address"),
        (
            {"source": "S" * (MAX_EVIDENCE + 1)},
            f"Source: is {MAX_EVIDENCE + 1} characters long; the limit is {MAX_EVIDENCE}",
        ),
        ({"question": "\ud800?"}, "Question:"),
    ],
)
def test_each_fault_has_its_own_message(changes: dict[str, Any], expected: str) -> None:
    problems = problems_of(**changes)
    assert len(problems) == 1
    assert expected in problems[0]
    # the bank's internals (file, line, the throw-away id) never reach the member
    assert "suggestion" not in problems[0].lower()
    assert "field '" not in problems[0]


def test_every_fault_is_reported_at_once() -> None:
    problems = problems_of(question="", answer="A" * 81, wrong_answers=["x"], source="")
    assert [p.split(":")[0] for p in problems] == ["Wrong answers", "Source", "Question", "Answer"]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"answer": "yes"},
        {"answer": "2023", "wrong_answers": ["2022", "2021", "2024"]},
        {"question": "A" * MAX_QUESTION},
        {"answer": "B" * MAX_ANSWER},
        {"wrong_answers": ["Sohn Jeong", "Noh Sang-hyun", "Han So-hee"]},
        {"wrong_answers": ["Sohn Jung Hyuk", "Noh Sang-hyun", "Han So-hee"]},
        {"wrong_answers": ["Han So-hee", "Han Sohee", "Noh Sang-hyun"]},
        {"question": "Q" * (MAX_QUESTION + 1)},
        {"source": "E" * MAX_EVIDENCE},
        {"source": "E" * (MAX_EVIDENCE + 1)},
    ],
)
def test_verdict_is_the_banks_on_the_same_question(changes: dict[str, Any]) -> None:
    """One definition: a suggestion passes exactly when the same question imports."""
    fields = {**GOOD, **changes}
    item = {
        "id": "q",
        "question": fields["question"],
        "answer": fields["answer"],
        "wrong_answers": fields["wrong_answers"],
        "evidence": fields["source"],
    }
    text = yaml.safe_dump({"pack": "p", "title": "P", "questions": [item]}, allow_unicode=True)
    try:
        parse_pack(text, filename="p.yaml", sources={}, require_evidence=False)
        imports = True
    except PackError:
        imports = False
    try:
        suggest(**changes)
        suggested = True
    except SuggestionError:
        suggested = False
    assert suggested == imports


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A, B, C", ("A", "B", "C")),
        ("A\nB\nC\n", ("A", "B", "C")),
        # a line break means one a line: commas inside an answer stay
        ("Seoul, Korea\nBusan\nJeju", ("Seoul, Korea", "Busan", "Jeju")),
        ("  A ,, B ", ("A", "B")),
        ("", ()),
    ],
)
def test_split_answers(text: str, expected: tuple[str, ...]) -> None:
    assert split_answers(text) == expected


@pytest.mark.parametrize(
    ("text", "link"),
    [("https://a.b/c", True), ("HTTP://a.b", True), ("The article says so", False)],
)
def test_is_link(text: str, link: bool) -> None:
    assert is_link(text) is link


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("Mina", "Suggested by Mina."),
        ("  Ji\nwoo ", "Suggested by Ji woo."),
        ("", "Suggested by member 5."),
        ("n" * 200, f"Suggested by {'n' * MAX_ANSWER}."),
    ],
)
def test_credit(name: str, note: str) -> None:
    s = suggest()
    assert credit(Suggestion(s.question, s.answer, s.wrong_answers, s.source, 5, name)) == note


def test_decline_reason() -> None:
    assert decline_reason("  Not in\nthe show ") == "Not in the show"
    with pytest.raises(CommunityError, match="Give a reason"):
        decline_reason(" ")
    with pytest.raises(CommunityError, match=f"at most {MAX_REASON} characters"):
        decline_reason("r" * (MAX_REASON + 1))


HOUR = 3600.0
NOW = 1_000_000.0


@pytest.mark.parametrize(
    ("earlier", "limit", "wait"),
    [
        ([], 3, None),
        ([NOW - HOUR, NOW - 2 * HOUR], 3, None),
        # the oldest of three left the 24 hours a second ago
        ([NOW - 24 * HOUR, NOW - HOUR, NOW - 2 * HOUR], 3, None),
        ([NOW - 23 * HOUR, NOW - HOUR, NOW - 2 * HOUR], 3, "1 h"),
        ([NOW - 20.5 * HOUR, NOW - HOUR, NOW - 2 * HOUR], 3, "3 h 30 min"),
        # waits are rounded up to the minute: never sooner than allowed
        ([NOW - 10, NOW - 20], 2, "24 h"),
        ([NOW - 24 * HOUR + 30], 1, "1 min"),
        # five sent (a lower limit before): the third newest decides
        ([NOW - h * HOUR for h in (1, 2, 3, 4, 5)], 3, "21 h"),
    ],
)
def test_daily_limit(earlier: list[float], limit: int, wait: str | None) -> None:
    if wait is None:
        check_daily_limit(earlier, NOW, limit)
        return
    with pytest.raises(CommunityError, match=f"You can suggest {limit} questions a day") as caught:
        check_daily_limit(earlier, NOW, limit)
    assert str(caught.value).endswith(f"the next one can go in {wait}.")
