"""Points: speed rule, streak bonus and its cap, hint penalty."""

from __future__ import annotations

import pytest

from bot.engine.scoring import hint_factor, speed_points, streak_bonus


@pytest.mark.parametrize(
    ("elapsed", "points"),
    [(0, 1000), (20, 500), (10, 750), (5, 875), (2, 950), (-3, 1000), (25, 500)],
)
def test_speed_points_fall_from_1000_to_500(elapsed: float, points: int) -> None:
    assert speed_points(elapsed, 20) == points


@pytest.mark.parametrize(
    ("streak", "bonus"), [(0, 0), (1, 0), (2, 100), (3, 200), (6, 500), (7, 500), (40, 500)]
)
def test_streak_bonus_grows_by_100_and_caps_at_500(streak: int, bonus: int) -> None:
    assert streak_bonus(streak) == bonus


def test_streak_bonus_can_be_switched_off() -> None:
    assert streak_bonus(5, enabled=False) == 0


@pytest.mark.parametrize(("hints", "factor"), [(0, 1.0), (1, 0.75), (2, 0.5), (5, 0.0)])
def test_hint_factor(hints: int, factor: float) -> None:
    assert hint_factor(hints, 0.25) == factor
