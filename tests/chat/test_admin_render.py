"""Pure parts of /trivia-admin: problem messages, report embeds, and the Add modal's pack text."""

from __future__ import annotations

import pytest

from bot.bank import Problem, parse_pack
from bot.chat.admin.question import added_pack_text, new_question, question_id
from bot.chat.admin.render import problems_message, reports_embed
from bot.chat.errors import UserFacingError
from bot.store.types import Report, ReportGroup


def test_problems_fit_in_a_message_and_say_how_many_were_left_out() -> None:
    problems = [Problem("p.yaml", i, 3, "x" * 80) for i in range(1, 200)]
    text = problems_message("**p.yaml** was not imported:", problems)
    assert len(text) <= 2000
    shown = [line for line in text.splitlines() if line.startswith("p.yaml:")]
    assert shown[0] == "p.yaml:1:3: " + "x" * 80
    assert text.endswith(f"… and {199 - len(shown)} more")


def test_a_few_problems_are_all_shown_without_a_tail() -> None:
    text = problems_message("h", [Problem("p.yaml", 2, 5, "bad")])
    assert text == "h\n```\np.yaml:2:5: bad\n```"


def test_a_problem_cannot_close_the_code_block() -> None:
    text = problems_message("h", [Problem("p.yaml", 1, 1, "```@everyone")])
    assert text.count("```") == 2


def test_the_reports_embed_stays_within_discords_limits() -> None:
    reports = tuple(Report(i, 1, f"p/q{i % 40}", i, "r" * 200, 0.0, "open") for i in range(400))
    groups = [
        ReportGroup(f"p/q{k}", tuple(r for r in reports if r.question_key == f"p/q{k}"))
        for k in range(40)
    ]
    embed = reports_embed(groups, None).to_dict()
    assert len(embed["fields"]) <= 25
    assert all(len(f["value"]) <= 1024 for f in embed["fields"])
    assert sum(len(f["name"]) + len(f["value"]) for f in embed["fields"]) < 6000
    assert embed["footer"]["text"].startswith("… and ")


@pytest.mark.parametrize("wrong", ["a, b", "a, b, c, d", "a"])
def test_only_zero_or_three_wrong_answers_are_accepted(wrong: str) -> None:
    with pytest.raises(UserFacingError, match="exactly 3 wrong answers"):
        new_question("Q?", "A", wrong_answers=wrong)


def test_question_ids_are_slugs_unique_in_the_pack() -> None:
    assert question_id("Who is K?", []) == "who-is-k"
    assert question_id("Who is K?", ["who-is-k", "who-is-k-2"]) == "who-is-k-3"
    assert question_id("서울?", []) == "q"


def test_appending_keeps_scalars_exactly_and_the_result_parses() -> None:
    text = (
        "pack: p\ntitle: T\nquestions:\n  - id: v\n    question: Version?\n    answer: 3.10\n"
        "    aliases: [yes]\n    episode: 2\n"
    )
    q = new_question("Who is K?", "a singer", "singer", "chef, pilot, lawyer", "cast")
    out, qid = added_pack_text(text, "p", q)
    pack = parse_pack(out, filename="p.yaml", sources={}, require_evidence=False)
    first, added = pack.questions
    assert (first.answer, first.aliases, first.episode) == ("3.10", ("yes",), 2)
    assert (added.id, added.category, added.wrong_answers) == (
        qid,
        "cast",
        ("chef", "pilot", "lawyer"),
    )


def test_a_red_list_refuses_wrong_answers() -> None:
    q = new_question("Q?", "A", wrong_answers="b, c, d")
    with pytest.raises(UserFacingError, match="Red-DiscordBot list"):
        added_pack_text('"Old?":\n- yes\n', "red", q)
