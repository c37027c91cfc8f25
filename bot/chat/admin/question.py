"""Pure: one question typed into the Add modal, and the pack text with it appended."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from bot.bank.limits import WRONG_ANSWERS
from bot.bank.red import question_id as red_question_id
from bot.chat.errors import UserFacingError
from bot.community.approval import question_id


@dataclass(frozen=True, slots=True)
class NewQuestion:
    """What a moderator typed into the Add modal, split into fields."""

    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    wrong_answers: tuple[str, ...] = ()
    category: str | None = None


def split_list(text: str) -> tuple[str, ...]:
    """Comma-separated items, stripped, empty ones dropped."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def new_question(
    question: str, answer: str, aliases: str = "", wrong_answers: str = "", category: str = ""
) -> NewQuestion:
    """The modal's text boxes as a NewQuestion; refuses a wrong-answer count other than 0 or 3."""
    wrong = split_list(wrong_answers)
    if len(wrong) not in (0, WRONG_ANSWERS):
        raise UserFacingError(
            f"Give exactly {WRONG_ANSWERS} wrong answers separated by commas (you gave "
            f"{len(wrong)}), or none for a typed-only question. Nothing was added."
        )
    return NewQuestion(
        question=question.strip(),
        answer=answer.strip(),
        aliases=split_list(aliases),
        wrong_answers=wrong,
        category=category.strip() or None,
    )


def _mapping(q: NewQuestion, qid: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": qid, "question": q.question, "answer": q.answer}
    if q.aliases:
        item["aliases"] = list(q.aliases)
    if q.wrong_answers:
        item["wrong_answers"] = list(q.wrong_answers)
    if q.category:
        item["category"] = q.category
    return item


def _native_episodes(questions: list[Any]) -> None:
    """Episode numbers back to ints (the base loader reads every scalar as text)."""
    for item in questions:
        episode = item.get("episode") if isinstance(item, dict) else None
        if isinstance(episode, str) and episode.isdigit():
            item["episode"] = int(episode)


def added_pack_text(existing: str | None, slug: str, q: NewQuestion) -> tuple[str, str]:
    """The pack text with `q` appended (or a new pack), and the new question's id.

    The stored text is read with PyYAML's base loader, which keeps every scalar exactly as
    written (`3.10` stays `3.10`, `yes` stays `yes`), and written back with safe_dump, which
    quotes what needs quoting. Comments and layout of the stored file are not kept.
    """
    if existing is None:
        qid = question_id(q.question, ())
        data: dict[str, Any] = {
            "pack": slug,
            "title": slug.replace("-", " ").replace("_", " ").capitalize(),
            "questions": [_mapping(q, qid)],
        }
    else:
        # the stored text passed the safe loader already: no tags, no aliases, one mapping
        data = yaml.load(existing, Loader=yaml.BaseLoader)
        questions = data.get("questions") if "pack" in data else None
        if isinstance(questions, list):
            _native_episodes(questions)
            qid = question_id(q.question, (str(i.get("id")) for i in questions))
            questions.append(_mapping(q, qid))
        else:
            # a Red-DiscordBot list: the question is the key, its answers the value
            if q.wrong_answers:
                raise UserFacingError(
                    f"`{slug}` is a Red-DiscordBot list, which cannot hold wrong answers: "
                    "leave them out (the question will be typed-only)."
                )
            if q.question in data:
                raise UserFacingError(f"`{slug}` already has that question.")
            data[q.question] = [q.answer, *q.aliases]
            qid = red_question_id(q.question)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096)
    return text, qid
