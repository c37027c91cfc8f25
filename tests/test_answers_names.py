"""Generated from the shipped bank: every Korean name answer is accepted in Western order and in
Hangul, and every other person's name in the bank is rejected in all three forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answers import FAMILY_ALIASES, FAMILY_NAMES, is_correct, romanize
from bot.bank import load_bank
from bot.engine.model import Question

QUESTIONS = Path(__file__).resolve().parent.parent / "questions"

#: Every spelling of a person's name that the bank uses, and that person's name in Hangul.
#: (The sources give no Hangul, so this table lives here, not in the shipped bank.)
HANGUL: dict[str, str] = {
    "Sohn Jeong-hyuck": "손정혁",
    "Sohn Jung Hyuk": "손정혁",
    "Keum Sae-rok": "금새록",
    "Geum Sae-rok": "금새록",
    "Geum Sae Rok": "금새록",
    "Noh Sang-hyun": "노상현",
    "Noh Sang Hyun": "노상현",
    "Nah Sang-hyun": "노상현",  # a source's misspelling, kept as an alias
    "Park Hyung-sik": "박형식",
    "Park Hyung Shik": "박형식",
    "Park Hyun-sik": "박형식",  # a source's misspelling, kept as an alias
    "Han So-hee": "한소희",
    "Han So Hee": "한소희",
    "Park Min Jung": "박민정",
    "Park Min-jung": "박민정",
    "Park Eun-bin": "박은빈",
    "Kim Tae-ri": "김태리",
    "Park Seo-joon": "박서준",
    "Baek Isak": "백이삭",
    "Baek Isaac": "백이삭",
    "Koh Hansu": "고한수",
    "Seo Seung-ah": "서승아",
    "Lee Soo-ryun": "이수련",
    "Kim Myung-hee": "김명희",
    "Lee Eun-soo": "이은수",
    "Jung Hye-seung": "정혜승",
    "Kim Hee-won": "김희원",
    "Choi Jung-kyu": "최정규",
    "Choi Jungkyu": "최정규",
    "Kim Eun-sook": "김은숙",
    "Park Ji-eun": "박지은",
    "Shin Won-ho": "신원호",
    "Lee Eung-bok": "이응복",
    "Han Sun-woo": "한선우",
    "Do Hyeon-seo": "도현서",
    "Do Hyun Seo": "도현서",
    "Ji Su-ho": "지수호",
    "Ji Soo Ho": "지수호",
}

_NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+)?")
_FAMILIES = frozenset(romanize(f) for f in FAMILY_NAMES)


def _is_korean_name(text: str) -> bool:
    """A family name and a given name, as the bank writes Korean names ("Park Min Jung")."""
    if not _NAME.fullmatch(text):
        return False
    family = text.split()[0].lower()
    return romanize(FAMILY_ALIASES.get(family, family)) in _FAMILIES


def _western(name: str) -> str:
    """The given name first, then the family name: "Sohn Jeong-hyuck" -> "Jeong-hyuck Sohn"."""
    family, given = name.split(" ", 1)
    return f"{given} {family}"


def _shipped() -> list[Question]:
    return list(load_bank([QUESTIONS]).questions())


QUESTIONS_LIST = _shipped()
NAMES = sorted(
    {
        text
        for q in QUESTIONS_LIST
        for text in (*q.accepted, *q.wrong_answers)
        if _is_korean_name(text)
    }
)
NAME_QUESTIONS = [q for q in QUESTIONS_LIST if _is_korean_name(q.answer)]


def test_the_bank_has_name_questions_to_generate_from() -> None:
    assert len(NAME_QUESTIONS) >= 12
    assert len(NAMES) >= 30


def test_every_korean_name_in_the_bank_has_its_hangul_here() -> None:
    assert [n for n in NAMES if n not in HANGUL] == []


@pytest.mark.parametrize("question", NAME_QUESTIONS, ids=lambda q: q.key)
def test_western_order_and_hangul_of_the_answer_are_accepted(question: Question) -> None:
    spellings = [a for a in question.accepted if _is_korean_name(a)]
    guesses = [_western(a) for a in spellings] + [HANGUL[question.answer]]
    # with a space between family and given name, as some fans type Hangul names
    hangul = HANGUL[question.answer]
    guesses.append(f"{hangul[0]} {hangul[1:]}")
    assert [g for g in guesses if not is_correct(g, question.accepted)] == []


@pytest.mark.parametrize("question", NAME_QUESTIONS, ids=lambda q: q.key)
def test_every_other_persons_name_is_rejected_in_every_form(question: Question) -> None:
    person = HANGUL[question.answer]
    others = [n for n in NAMES if HANGUL[n] != person]
    guesses = [form for n in others for form in (n, _western(n), HANGUL[n])]
    assert len(guesses) >= 60
    assert [g for g in guesses if is_correct(g, question.accepted)] == []
