"""Pure rendering of game events and store results, and the custom_id scheme, without Discord."""

from __future__ import annotations

import re

import pytest

from bot.chat.trivia import render
from bot.chat.trivia.views import (
    GAME_TEMPLATE,
    REPORT_TEMPLATE,
    game_custom_id,
    report_ref,
    resolve_ref,
)
from bot.engine.events import GameFinished, GuessJudged, QuestionAsked, QuestionClosed, Winner
from bot.engine.model import Player
from bot.engine.ranking import RankingRow
from bot.store.types import LeaderboardPage, LeaderboardRow
from tests.engine.engine_fakes import make_question

from .trivia_helpers import small_bank


def asked(
    question_text: str = "Who?", options: tuple[str, ...] = ("a", "b", "c", "d")
) -> QuestionAsked:
    q = make_question("q1")
    q = type(q)(**{**{f: getattr(q, f) for f in q.__slots__}, "question": question_text})
    return QuestionAsked(
        index=3,
        total=10,
        question=q,
        options=options,
        asked_at=0.0,
        deadline=20.0,
        mode="choice" if options else "typed",
        guess_style="private",
        guesses_per_player=1 if options else 3,
        hint_times=(),
    )


def test_the_question_embed_shows_number_category_difficulty_and_countdown() -> None:
    embed = render.question_embed(asked(), deadline_unix=1_750_000_020)
    assert embed.title == "Question 3/10"
    assert [(f.name, f.value) for f in embed.fields] == [
        ("Category", "story"),
        ("Difficulty", "medium"),
        ("Time", "Closes <t:1750000020:R>"),
    ]


def test_question_text_cannot_ping_or_break_the_layout() -> None:
    embed = render.question_embed(
        asked("@everyone **look** <@123456789012345678>"), deadline_unix=None
    )
    assert embed.description is not None
    assert "@everyone" not in embed.description and "<@123456789012345678>" not in embed.description
    assert "\\*\\*look\\*\\*" in embed.description


def test_a_huge_question_stays_within_discords_limits() -> None:
    embed = render.question_embed(asked("x" * 10_000, ("y" * 500,) * 4), deadline_unix=None)
    assert embed.description is not None and len(embed.description) <= 4096
    assert len(embed) <= 6000


def test_button_labels_are_cut_to_80_characters() -> None:
    label = render.button_label("z" * 200)
    assert len(label) == 80 and label.endswith("…")


def test_hints_are_shown_as_code() -> None:
    embed = render.question_embed(asked(options=()), deadline_unix=1, hints=["R _ _ _ t", "a`b"])
    assert [(f.name, f.value) for f in embed.fields[3:]] == [
        ("Hint 1", "`R _ _ _ t`"),
        ("Hint 2", "`a'b`"),
    ]
    assert embed.footer.text == "Press Answer to type your guess (3 tries)."


def closed(winners: tuple[Winner, ...], reason: str = "time") -> QuestionClosed:
    q = make_question("q1")
    return QuestionClosed(
        index=1,
        total=2,
        question=q,
        reason=reason,  # type: ignore[arg-type]
        results=(),
        winners=winners,
        correct_option=0,
        options=("Right", "Wrong 1", "Wrong 2", "Wrong 3"),
        closed_at=1.0,
        next_at=None,
        standings=(),
    )


def test_the_reveal_names_winners_source_evidence_and_note() -> None:
    embed = render.reveal_embed(closed((Winner(Player(1, "@here"), 900, 100),)))
    assert embed.title == "Answer: Right"
    assert embed.description == "✅ **@\u200bhere** +900"
    assert [(f.name, f.value) for f in embed.fields] == [
        ("Source", "*Glitz review* (Glitz)\n> It says so."),
        ("Note", "A note."),
    ]


@pytest.mark.parametrize(
    ("reason", "start"), [("time", "Nobody got it"), ("skipped", "⏭️ Skipped. Nobody")]
)
def test_a_reveal_without_winners_says_so(reason: str, start: str) -> None:
    assert (render.reveal_embed(closed((), reason)).description or "").startswith(start)


def row(rank: int, name: str, points: int, streak: int = 1) -> RankingRow:
    return RankingRow(rank, Player(rank, name), points, 1, 2, streak)


def test_the_final_ranking_has_medals_for_the_top_three_and_ties() -> None:
    finished = GameFinished(
        reason="completed",
        ranking=(row(1, "a", 900, 3), row(2, "b", 500), row(2, "c", 500), row(4, "d", 0)),
        asked=2,
        total=2,
        at=0.0,
    )
    assert (render.final_embed(finished).description or "").splitlines() == [
        "🥇 **a**: 900 pts · 1/2 right · best streak 3",
        "🥈 **b**: 500 pts · 1/2 right",
        "🥈 **c**: 500 pts · 1/2 right",
        "**4.** **d**: 0 pts · 1/2 right",
    ]


def test_a_long_ranking_is_cut_with_a_count_of_the_rest() -> None:
    ranking = tuple(row(n, "n" * 90, 10) for n in range(1, 200))
    text = render.final_embed(GameFinished("completed", ranking, 1, 1, 0.0)).description or ""
    assert len(text) <= 4096 and re.search(r"…and \d+ more$", text)


@pytest.mark.parametrize(
    ("reason", "by", "headline"),
    [
        ("stopped", Player(1, "alice"), "⏹️ Game stopped by alice. Scores so far are saved."),
        (
            "shutdown",
            None,
            "The bot is restarting: this game was stopped; scores so far are saved.",
        ),
        ("idle", None, "💤 Nobody answered for a while, so the game ended."),
    ],
)
def test_the_final_headline_says_why(reason: str, by: Player | None, headline: str) -> None:
    finished = GameFinished(reason, (), 1, 3, 0.0, by=by)  # type: ignore[arg-type]
    assert render.final_headline(finished) == headline


@pytest.mark.parametrize(
    ("correct", "left", "reply"),
    [
        (True, 0, "✅ Right! +700 points."),
        (False, 2, "❌ “x” is not it. 2 guesses left."),
        (False, 1, "❌ “x” is not it. 1 guess left."),
        (False, 0, "❌ “x” is not it, and that was your last guess for this question."),
    ],
)
def test_guess_replies(correct: bool, left: int, reply: str) -> None:
    judged = GuessJudged(
        Player(1, "a"), 1, "x", correct, left, 700 if correct else 0, False, 0.0, "private"
    )
    assert render.guess_reply(judged) == reply


def test_the_leaderboard_shows_the_callers_rank_even_off_the_page() -> None:
    rows = tuple(LeaderboardRow(n, n, f"p{n}", 100 - n, 1, 2, 1) for n in range(11, 21))
    page = LeaderboardPage("week", None, 10, 10, 25, rows)
    own = LeaderboardRow(3, 99, "me", 97, 2, 2, 1)
    embed = render.leaderboard_embed(page, own)
    assert embed.title == "Leaderboard · this week"
    assert (embed.description or "").splitlines()[0] == "**11.** **p11**: 89 pts · 1/2 right"
    assert [(f.name, f.value) for f in embed.fields] == [("Your rank", "#3 · 97 pts · 2/2 right")]
    assert embed.footer.text == "Page 2/3 · 25 players"


def test_packs_embed_lists_at_most_25_fields() -> None:
    from bot.bank import Bank
    from bot.engine.model import Pack

    bank = Bank(packs={f"p{n:02d}": Pack(slug=f"p{n:02d}", title=f"P{n}") for n in range(30)})
    embed = render.packs_embed(bank)
    assert len(embed.fields) == 25 and embed.footer.text == "…and 5 more packs"


def test_packs_embed_stays_within_6000_characters_in_all() -> None:
    from bot.bank import Bank
    from bot.engine.model import Pack

    categories = tuple(f"category-number-{c:02d}-{'x' * 40}" for c in range(15))
    bank = Bank(
        packs={
            f"p{n:02d}": Pack(slug=f"p{n:02d}", title="T" * 100, categories=categories)
            for n in range(20)
        }
    )
    embed = render.packs_embed(bank)
    assert len(embed) <= 6000
    assert 0 < len(embed.fields) < 20
    assert embed.footer.text == f"…and {20 - len(embed.fields)} more packs"


def test_game_custom_ids_encode_the_game_and_the_question() -> None:
    custom_id = game_custom_id(42, 3, 1)
    assert custom_id == "trivia:42:3:1"
    match = re.fullmatch(GAME_TEMPLATE, custom_id)
    assert match and match.group("game", "index", "choice") == ("42", "3", "1")
    assert re.fullmatch(GAME_TEMPLATE, game_custom_id(42, 3, "answer"))
    assert not re.fullmatch(GAME_TEMPLATE, "trivia:report:test/q1")


def test_report_ids_fit_in_100_characters_and_resolve_back() -> None:
    bank = small_bank()
    assert report_ref("test/q1") == "test/q1"
    long_key = "p" * 64 + "/" + "q" * 64
    ref = report_ref(long_key)
    assert len("trivia:report:" + ref) <= 100 and ref.startswith("#")
    assert re.fullmatch(REPORT_TEMPLATE, "trivia:report:" + ref)
    assert resolve_ref("test/q1", bank) == "test/q1"
    assert resolve_ref(report_ref("#odd"), bank) is None
