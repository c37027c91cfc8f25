"""Final ranking: competition ranks for ties, sorting, the podium."""

from __future__ import annotations

from bot.engine.model import Player
from bot.engine.ranking import PlayerScore, podium, rank


def _score(uid: int, name: str, points: int, right: int, best: int = 0) -> PlayerScore:
    return PlayerScore(Player(uid, name), points=points, right=right, best_streak=best)


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    rows = rank([_score(1, "A", 900, 2), _score(2, "B", 1500, 2), _score(3, "C", 1500, 2)], asked=3)
    assert [(r.rank, r.player.name) for r in rows] == [(1, "B"), (1, "C"), (3, "A")]


def test_equal_points_are_split_by_right_answers() -> None:
    rows = rank([_score(1, "A", 1000, 1), _score(2, "B", 1000, 2)], asked=2)
    assert [(r.rank, r.player.name) for r in rows] == [(1, "B"), (2, "A")]


def test_rows_carry_right_of_asked_and_best_streak() -> None:
    (row,) = rank([_score(1, "A", 7000, 7, best=4)], asked=10)
    assert row.right_of_asked == "7/10"
    assert row.best_streak == 4


def test_podium_holds_every_row_ranked_three_or_better() -> None:
    rows = rank(
        [
            _score(1, "A", 500, 1),
            _score(2, "B", 500, 1),
            _score(3, "C", 400, 1),
            _score(4, "D", 300, 1),
            _score(5, "E", 300, 1),
        ],
        asked=1,
    )
    assert [r.rank for r in rows] == [1, 1, 3, 4, 4]
    assert [r.player.name for r in podium(rows)] == ["A", "B", "C"]
    assert [r.top_three for r in rows] == [True, True, True, False, False]


def test_empty_game_has_an_empty_ranking() -> None:
    assert rank([], asked=0) == ()
