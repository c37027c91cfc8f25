"""Setting a game up: the player's name and id, the game the options build, the live view."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from bot.bank import Bank
from bot.engine.events import QuestionAsked
from bot.engine.game import Game
from bot.engine.model import Pack
from bot.terminal.options import PlayOptions, local_player, player_name
from bot.terminal.play import PlayError, build_game
from bot.terminal.view import LiveView
from tests.engine.engine_fakes import FakeTime, make_question


@pytest.mark.parametrize(
    ("given", "user", "name"),
    [
        ("Mina", "root", "Mina"),
        ("  Kim   Ji  ", None, "Kim Ji"),
        (None, "dev", "dev"),
        ("   ", "", "player"),
        (None, None, "player"),
        ("x" * 40, None, "x" * 32),
    ],
)
def test_player_name(given: str | None, user: str | None, name: str) -> None:
    assert player_name(given, user) == name


def test_local_player_id_is_stable_positive_and_53_bits() -> None:
    mina = local_player("Mina")
    assert mina == local_player("Mina")
    assert mina.user_id == local_player("MINA").user_id
    assert mina.user_id != local_player("Joon").user_id
    assert 0 < mina.user_id < 2**53


def _bank(*episodes: int | None) -> Bank:
    questions = tuple(make_question(f"q{i}", episode=e) for i, e in enumerate(episodes))
    return Bank(packs={"test": Pack(slug="test", title="Test", questions=questions)})


def _asked(game: Game) -> list[tuple[str, tuple[str, ...]]]:
    """Each question's key and options, answering A to move on."""
    events = game.start(0.0)
    seen = []
    while not game.finished:
        asked = [e for e in events if isinstance(e, QuestionAsked)][-1]
        seen.append((asked.question.key, asked.options))
        events = game.answer(local_player("Mina"), 0, 0.0)
    return seen


def test_the_same_seed_builds_the_same_game() -> None:
    bank = _bank(*[None] * 8)
    mina = local_player("Mina")
    first = _asked(build_game(bank, PlayOptions(questions=5, seed=11), mina))
    assert len(first) == 5
    assert _asked(build_game(bank, PlayOptions(questions=5, seed=11), mina)) == first
    assert _asked(build_game(bank, PlayOptions(questions=5, seed=12), mina)) != first


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            PlayOptions(up_to_episode=1),
            "No questions left under the spoiler limit (up to episode 1).",
        ),
        (PlayOptions(packs=("other",)), "unknown pack 'other' (packs: test)"),
        (PlayOptions(category="cast"), "no questions in category 'cast' (categories: story)"),
        (PlayOptions(seconds=2), "seconds must be a number from 5 to 120."),
    ],
)
def test_options_that_cannot_make_a_game(options: PlayOptions, message: str) -> None:
    with pytest.raises(PlayError) as caught:
        build_game(_bank(5, 6), options, local_player("Mina"))
    assert str(caught.value) == message


def test_the_player_is_joined_from_the_start() -> None:
    game = build_game(_bank(None, None), PlayOptions(questions=2), local_player("Mina"))
    assert game.players == (local_player("Mina"),)


def test_piped_games_do_not_pause_after_a_reveal() -> None:
    assert PlayOptions().config(interactive=False).reveal_seconds == 0
    assert PlayOptions().config(interactive=True).reveal_seconds > 0


async def test_live_view_shows_the_countdown_and_the_answer_being_typed() -> None:
    fake = FakeTime(start=0.0)
    game = build_game(_bank(None), PlayOptions(questions=1, mode="typed"), local_player("Mina"))
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system=None)
    view = LiveView(console, fake.clock)
    for event in game.start(0.0):
        await view(event)
    fake.now = 5.2
    view.set_typing("Rig")
    screen = io.StringIO()
    Console(file=screen, width=80, color_system=None).print(view.live.renderable)
    shown = screen.getvalue()
    assert "Question q0?" in shown
    assert " 15s" in shown
    assert "Your answer: Rig" in shown
