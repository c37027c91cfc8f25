"""Points: Kahoot's speed rule, the streak bonus, and the typed-mode hint penalty."""

from __future__ import annotations

MAX_POINTS = 1000
STREAK_STEP = 100
STREAK_CAP = 500


def speed_points(elapsed: float, seconds: float) -> int:
    """Kahoot's rule: 1000 for an instant answer down to 500 at the buzzer."""
    # Clamp so a clock that jumps (late tick, time going backwards) never scores outside 500..1000.
    fraction = min(max(elapsed / seconds, 0.0), 1.0) if seconds > 0 else 1.0
    return round(MAX_POINTS * (1 - fraction / 2))


def streak_bonus(streak: int, enabled: bool = True) -> int:
    """Bonus for the ``streak``-th right answer in a row: +100 per step beyond the first, <= 500."""
    if not enabled or streak <= 1:
        return 0
    return min(STREAK_STEP * (streak - 1), STREAK_CAP)


def hint_factor(hints_shown: int, penalty: float) -> float:
    """What is left of the speed points after ``hints_shown`` hints (never below zero)."""
    return max(0.0, 1.0 - penalty * hints_shown)
