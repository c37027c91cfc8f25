"""A fan's suggested question, checked by the bank's own rules, and the daily limit on them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.bank.limits import MAX_ANSWER, MAX_NOTE, WRONG_ANSWERS
from bot.bank.loader import parse_pack
from bot.bank.problems import PackError
from bot.community.errors import CommunityError

#: suggestions one member may send in any 24 hours
SUGGESTIONS_PER_DAY = 3
#: a decline reason is sent to the suggester in one line
MAX_REASON = 300
#: the id the checked question has while it is only a suggestion
_CHECK_ID = "suggestion"
_DAY = 86_400
#: the bank's field names as the suggestion form labels them
LABELS = {
    "question": "Question",
    "answer": "Answer",
    "wrong_answers": "Wrong answers",
    "evidence": "Source",
}
_FIELD = re.compile(r"field '([a-z_]+)': ")
#: the bank names the question first, quoted or not
_PREFIX = re.compile(rf"^question '?{_CHECK_ID}'?: ")


class SuggestionError(CommunityError):
    """A suggestion that cannot be taken; ``problems`` holds one clear message per fault."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A checked suggestion: what a fan typed, and who they are (for the credit)."""

    question: str
    answer: str
    wrong_answers: tuple[str, ...]
    #: where the fact comes from: a link or a quote
    source: str
    user_id: int
    name: str

    def mapping(self) -> dict[str, Any]:
        """The question's pack fields, without id and credit (the source is its evidence)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "wrong_answers": list(self.wrong_answers),
            "evidence": self.source,
        }


def split_answers(text: str) -> tuple[str, ...]:
    """Wrong answers typed in one box: one a line, or comma-separated on one line."""
    parts = text.splitlines() if "\n" in text.strip() else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def is_link(text: str) -> bool:
    """Whether a source is given as a link (http or https) rather than a quote."""
    return text.strip().lower().startswith(("http://", "https://"))


def _link_problem(text: str) -> str | None:
    link = text.strip()
    parts = urlsplit(link)
    if any(c.isspace() for c in link) or "." not in parts.netloc:
        return (
            "Source: that link is not a web address (like `https://example.com/article`); "
            "give the full link, or quote the words that prove the answer."
        )
    return None


def _bank_problems(fields: dict[str, Any]) -> list[str]:
    """The bank's verdict on these fields as one question of a throw-away server pack."""
    text = yaml.safe_dump(
        {"pack": "suggestions", "title": "Suggestions", "questions": [{"id": _CHECK_ID, **fields}]},
        sort_keys=False,
        allow_unicode=True,
        width=4096,
    )
    try:
        parse_pack(text, filename="suggestion", sources={}, require_evidence=False)
    except PackError as exc:
        return [_relabel(p.message) for p in exc.problems]
    return []


def _relabel(message: str) -> str:
    """``question suggestion: field 'answer': is empty`` as ``Answer: is empty``."""
    message = _PREFIX.sub("", message, count=1)
    return _FIELD.sub(lambda m: f"{LABELS.get(m[1], m[1])}: ", message, count=1)


def check_suggestion(
    question: str,
    answer: str,
    wrong_answers: Sequence[str],
    source: str,
    *,
    user_id: int,
    name: str,
) -> Suggestion:
    """A suggestion checked with an imported pack's rules and limits; raises SuggestionError.

    On top of the bank's rules a suggestion needs exactly three wrong answers (it is asked as
    multiple choice) and a source, a link or a quote, which becomes the question's evidence.
    """
    problems: list[str] = []
    fields: dict[str, Any] = {"question": question, "answer": answer}
    wrong = tuple(w.strip() for w in wrong_answers if w.strip())
    if len(wrong) == WRONG_ANSWERS:
        fields["wrong_answers"] = list(wrong)
    else:
        problems.append(
            f"Wrong answers: give exactly {WRONG_ANSWERS} (one a line), you gave {len(wrong)}."
        )
    if not source.strip():
        problems.append(
            "Source: say where the fact comes from: a link, or a quote that proves the answer."
        )
    else:
        fields["evidence"] = source
        if is_link(source):
            problems.extend(p for p in [_link_problem(source)] if p)
    problems.extend(_bank_problems(fields))
    if problems:
        raise SuggestionError(problems)
    return Suggestion(
        question=question.strip(),
        answer=answer.strip(),
        wrong_answers=wrong,
        source=source.strip(),
        user_id=user_id,
        name=name,
    )


def credit(suggestion: Suggestion) -> str:
    """The question's ``note``: who suggested it (a name cut to fit, no line breaks)."""
    name = " ".join(suggestion.name.split())[:MAX_ANSWER] or f"member {suggestion.user_id}"
    return f"Suggested by {name}."[:MAX_NOTE]


def decline_reason(text: str) -> str:
    """A moderator's reason for declining, tidied; raises CommunityError if empty or long."""
    reason = " ".join(text.split())
    if not reason:
        raise CommunityError("Give a reason: the member who suggested it will read it.")
    if len(reason) > MAX_REASON:
        raise CommunityError(
            f"A reason is at most {MAX_REASON} characters; that one has {len(reason)}."
        )
    return reason


def _duration(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def check_daily_limit(
    earlier: Iterable[float], now: float, limit: int = SUGGESTIONS_PER_DAY
) -> None:
    """Refuse a member's suggestion at ``now`` if they sent ``limit`` in the last 24 hours.

    ``earlier`` are the unix times of their earlier suggestions (any order, older ones ignored).
    """
    recent = sorted(t for t in earlier if now - _DAY < t <= now)
    if len(recent) < limit:
        return
    # the oldest suggestion that keeps them at the limit must leave the 24-hour window
    free_at = recent[-limit] + _DAY
    raise CommunityError(
        f"You can suggest {limit} questions a day and have sent {len(recent)} in the last 24 "
        f"hours: the next one can go in {_duration(free_at - now)}."
    )
