"""An approved suggestion in a server pack: ids, credit, and YAML the bank's loader accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.bank.bank import Bank
from bot.bank.limits import MAX_QUESTIONS
from bot.bank.loader import load_bank, parse_pack
from bot.bank.sources import load_sources
from bot.community.approval import approve, question_id
from bot.community.suggestion import Suggestion, SuggestionError, check_suggestion
from bot.engine.model import Pack

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_SOURCES = ROOT / "questions" / "sources.yaml"

COMMUNITY = """\
# the server's own pack
pack: community
title: Community
questions:
  - id: who-plays-k          # a comment that is not kept
    question: Who plays K?
    answer: yes
    aliases: ['no']
    wrong_answers: [maybe, "3.10", '2023']
    episode: 3
    note: '2023'
  - id: piano
    question: What does Hyeon-seo play?
    answer: Piano
    source: 002_948bca94df964f5a
"""

RED = """\
AUTHOR: someone
Who plays K?:
  - Sohn Jeong-hyuck
"""


def suggestion(question: str = "Who plays K in Soundtrack #2?", name: str = "Mina") -> Suggestion:
    return check_suggestion(
        question,
        "Sohn Jeong-hyuck",
        ["Noh Sang-hyun", "Park Hyung-sik", "Han So-hee"],
        "https://example.com/soundtrack-2-review",
        user_id=5,
        name=name,
    )


@pytest.fixture(scope="module")
def sources() -> dict:
    return load_sources(SHIPPED_SOURCES)


def load(text: str, sources: dict) -> Pack:
    return parse_pack(text, filename="community.yaml", sources=sources, require_evidence=False)


def test_a_new_pack_is_made_for_the_first_approval(sources: dict) -> None:
    done = approve(suggestion(), None, "community", sources=sources)
    assert (done.pack.slug, done.pack.title, len(done.pack.questions)) == (
        "community",
        "Community",
        1,
    )
    q = done.question
    assert (q.id, q.pack, q.note, q.evidence, q.category) == (
        "who-plays-k-in-soundtrack-2",
        "community",
        "Suggested by Mina.",
        "https://example.com/soundtrack-2-review",
        "community",
    )
    assert q.wrong_answers == ("Noh Sang-hyun", "Park Hyung-sik", "Han So-hee")
    assert q.supports_choice


def test_approval_keeps_every_other_question_exactly(sources: dict) -> None:
    before = load(COMMUNITY, sources)
    done = approve(suggestion(), COMMUNITY, "community", sources=sources)
    assert done.pack.questions[:-1] == before.questions
    assert done.pack.questions[-1] == done.question
    # numbers stay numbers and quoted text stays text
    assert before.questions[0].episode == 3
    assert before.questions[0].wrong_answers == ("maybe", "3.10", "2023")


def test_a_taken_id_gets_a_number(sources: dict) -> None:
    done = approve(
        suggestion("Who plays K?!  (the singer)"), COMMUNITY, "community", sources=sources
    )
    assert done.question.id == "who-plays-k-the-singer"
    again = approve(suggestion("Who plays K"), done.text, "community", sources=sources)
    assert again.question.id == "who-plays-k-2"


@pytest.mark.parametrize(
    ("text", "taken", "expected"),
    [
        ("Who plays K?", [], "who-plays-k"),
        ("Who plays K?", ["who-plays-k", "who-plays-k-2"], "who-plays-k-3"),
        ("?!", [], "q"),
        ("Café owner's name in Sokcho, the seaside town, in episode one", [], None),
    ],
)
def test_question_id(text: str, taken: list[str], expected: str | None) -> None:
    qid = question_id(text, taken)
    if expected is not None:
        assert qid == expected
    assert len(qid) <= 40 and qid.startswith(("q", "who", "cafe-owner-s-name"))


def test_the_same_question_twice_is_refused(sources: dict) -> None:
    done = approve(suggestion(), COMMUNITY, "community", sources=sources)
    with pytest.raises(SuggestionError, match="`community` already has that question"):
        approve(
            suggestion("who plays K in  soundtrack #2?"), done.text, "community", sources=sources
        )


def test_a_red_list_cannot_take_a_suggestion(sources: dict) -> None:
    with pytest.raises(SuggestionError, match="is a Red-DiscordBot list"):
        approve(suggestion(), RED, "red-pack", sources=sources)


def test_a_damaged_stored_pack_is_a_message_not_a_traceback(sources: dict) -> None:
    with pytest.raises(SuggestionError, match="as stored is not valid YAML"):
        approve(suggestion(), "pack: community\nquestions: [\n", "community", sources=sources)


def test_a_bad_pack_name_is_the_banks_message(sources: dict) -> None:
    with pytest.raises(SuggestionError, match="is not a valid slug"):
        approve(suggestion(), None, "Community Pack", sources=sources)


def test_a_full_pack_is_refused_with_the_banks_limit(sources: dict) -> None:
    items = "".join(
        f"  - {{id: q{i}, question: Q{i}, answer: A{i}}}\n" for i in range(MAX_QUESTIONS)
    )
    full = f"pack: community\ntitle: Community\nquestions:\n{items}"
    with pytest.raises(SuggestionError, match=f"the limit is {MAX_QUESTIONS} per pack"):
        approve(suggestion(), full, "community", sources=sources)


def test_round_trip_the_exported_pack_passes_trivia_bot_check(
    tmp_path: Path, sources: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    """Approve two into a pack, export it, and `trivia-bot check --import` accepts the file."""
    first = approve(suggestion(), COMMUNITY, "community", sources=sources)
    second = approve(
        suggestion("Who plays K, again?", name="Ji-woo"), first.text, "community", sources=sources
    )
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "community.yaml").write_text(second.text, encoding="utf-8")
    # the pack cites a shipped source, which the check finds in sources.yaml beside it
    shutil.copy(SHIPPED_SOURCES, folder / "sources.yaml")
    assert main(["check", "--import", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("OK: 1 pack, 4 questions")
    loaded = load_bank(folder, require_evidence=False).pack("community")
    assert loaded.questions == second.pack.questions
    assert [q.note for q in loaded.questions[-2:]] == ["Suggested by Mina.", "Suggested by Ji-woo."]


def test_an_approved_question_is_in_the_next_game(sources: dict) -> None:
    shipped = load_bank(ROOT / "questions")
    done = approve(suggestion(), None, "community", sources=sources)
    bank: Bank = shipped.with_packs([done.pack])
    keys = {q.key for q in bank.questions(["community"], choice_only=True)}
    assert keys == {"community/who-plays-k-in-soundtrack-2"}
