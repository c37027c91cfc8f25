"""The ``gives_away`` field: links between questions of one pack, checked at load time."""

from __future__ import annotations

import pytest

from bot.bank import PackError, parse_pack
from bot.engine.model import Pack

PACK = """\
pack: links
title: Links
questions:
  - id: hyeon-seo-name
    question: What is the name of the pianist played by Keum Sae-rok?
    answer: Do Hyeon-seo
    wrong_answers: [Lee Eun-soo, Lee Soo-ryun, Seo Seung-ah]
    gives_away: [{target}]
  - id: hyeon-seo-family-name
    question: What is Hyeon-seo's family name?
    answer: Do
    wrong_answers: [Ji, Han, Lee]
"""


def _parse(target: str) -> Pack:
    return parse_pack(
        PACK.format(target=target), filename="links.yaml", sources={}, require_evidence=False
    )


def test_a_link_to_a_question_of_the_pack_is_kept() -> None:
    pack = _parse("hyeon-seo-family-name")
    assert pack.questions[0].gives_away == ("hyeon-seo-family-name",)
    assert pack.questions[1].gives_away == ()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("no-such-question", "'no-such-question' is not the id of a question in this pack"),
        ("hyeon-seo-name", "'hyeon-seo-name' is this question's own id"),
    ],
)
def test_a_link_to_an_unknown_or_own_id_is_refused_at_its_place(target: str, message: str) -> None:
    with pytest.raises(PackError) as caught:
        _parse(target)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (8, 18)
    assert problem.message == f"question 'hyeon-seo-name': field 'gives_away': {message}"


def test_gives_away_must_be_a_list() -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(
            PACK.replace("[{target}]", "hyeon-seo-family-name"),
            filename="links.yaml",
            sources={},
            require_evidence=False,
        )
    assert "field 'gives_away': must be a list such as [A, B]" in caught.value.problems[0].message
