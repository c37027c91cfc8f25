"""GameConfig: defaults and range checks."""

from __future__ import annotations

import pytest

from bot.engine.config import GameConfig
from bot.engine.errors import GameError, InvalidConfig


def test_defaults_are_valid() -> None:
    config = GameConfig()
    assert (config.questions, config.seconds, config.mode) == (10, 20.0, "choice")
    assert config.streak_bonus and config.idle_limit == 3 and config.max_guesses == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("questions", 0),
        ("questions", 51),
        ("questions", 2.5),
        ("questions", True),
        ("seconds", 4),
        ("seconds", 121),
        ("seconds", float("nan")),
        ("mode", "essay"),
        ("guess_style", "shouted"),
        ("up_to_episode", -1),
        ("reveal_seconds", -1),
        ("idle_limit", 0),
        ("max_guesses", 0),
        ("public_guess_limit", 0),
        ("hint_fractions", (0.5, 0.25)),
        ("hint_fractions", (0.0,)),
        ("hint_fractions", (1.0,)),
        ("hint_penalty", 0.5),
    ],
)
def test_out_of_range_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidConfig) as info:
        GameConfig(**{field: value})  # type: ignore[arg-type]
    assert isinstance(info.value, GameError)
    assert info.value.message


def test_range_limits_are_allowed() -> None:
    GameConfig(questions=1, seconds=5, reveal_seconds=0)
    GameConfig(questions=50, seconds=120, up_to_episode=0, hint_fractions=())


def test_message_names_the_setting_and_range() -> None:
    with pytest.raises(InvalidConfig, match="questions must be a whole number from 1 to 50"):
        GameConfig(questions=99)
