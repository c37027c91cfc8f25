"""The start, stop and skip rules on their own: pure functions of settings and the time."""

from __future__ import annotations

import pytest

from bot.engine.config import MODES
from bot.session import rules
from bot.session.errors import ChannelNotAllowed, CoolingDown, TooManyGames, UnknownMode
from bot.store.types import GuildSettings
from tests.engine.engine_fakes import ALICE, BOB


def test_every_channel_is_allowed_when_the_list_is_empty() -> None:
    rules.check_channel(GuildSettings(allowed_channel_ids=()), 123)


def test_a_channel_outside_the_list_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(ChannelNotAllowed) as caught:
        rules.check_channel(GuildSettings(allowed_channel_ids=(5, 6)), 7)
    assert caught.value.allowed == (5, 6)
    assert caught.value.message == "Games can't be started in this channel."
    rules.check_channel(GuildSettings(allowed_channel_ids=(5, 6)), 6)


@pytest.mark.parametrize(("running", "refused"), [(0, False), (1, False), (2, True), (3, True)])
def test_the_server_limit_counts_running_games(running: int, refused: bool) -> None:
    settings = GuildSettings(max_games=2)
    if refused:
        with pytest.raises(TooManyGames, match=f"already has {running} games running"):
            rules.check_limit(settings, running)
    else:
        rules.check_limit(settings, running)


def test_the_limit_message_uses_the_singular_for_one_game() -> None:
    with pytest.raises(TooManyGames) as caught:
        rules.check_limit(GuildSettings(max_games=1), 1)
    assert caught.value.message == (
        "This server already has 1 game running (its limit is 1): wait for one to end."
    )


@pytest.mark.parametrize(
    ("last", "now", "wait"),
    [(100.0, 100.0, 10), (100.0, 105.5, 5), (100.0, 109.9, 1)],
)
def test_a_start_within_the_cooldown_says_how_long_to_wait(
    last: float, now: float, wait: int
) -> None:
    with pytest.raises(CoolingDown) as caught:
        rules.check_cooldown(GuildSettings(start_cooldown=10), last, now)
    assert f"wait {wait} s before" in caught.value.message
    assert caught.value.wait == pytest.approx(last + 10 - now)


@pytest.mark.parametrize(
    ("cooldown", "last", "now"), [(10, None, 0.0), (10, 100.0, 110.0), (0, 100.0, 100.0)]
)
def test_no_cooldown_applies(cooldown: int, last: float | None, now: float) -> None:
    rules.check_cooldown(GuildSettings(start_cooldown=cooldown), last, now)


def test_the_mode_asked_for_wins_over_the_servers_default() -> None:
    settings = GuildSettings(default_mode="typed")
    assert rules.resolve_mode(None, settings) == "typed"
    assert rules.resolve_mode("typed-chat", settings) == "typed-chat"


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(UnknownMode) as caught:
        rules.resolve_mode("karaoke", GuildSettings())
    assert caught.value.mode == "karaoke"
    assert caught.value.message == "Unknown mode 'karaoke': use choice or typed."


def test_modes_are_the_three_game_modes() -> None:
    assert MODES == ("choice", "typed", "typed-chat")


@pytest.mark.parametrize(
    ("starter", "by", "moderator", "allowed"),
    [
        (ALICE, ALICE, False, True),
        (ALICE, BOB, False, False),
        (ALICE, BOB, True, True),
        (None, BOB, False, False),
        (None, BOB, True, True),
    ],
)
def test_only_the_starter_or_a_moderator_controls_a_game(
    starter: object, by: object, moderator: bool, allowed: bool
) -> None:
    assert rules.may_control(starter, by, moderator) is allowed  # type: ignore[arg-type]
