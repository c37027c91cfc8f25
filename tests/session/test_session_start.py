"""Start a recorded game: the one path both front ends take, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.config import GameConfig
from bot.engine.errors import NoQuestions
from bot.recording import GameRecorder
from bot.session.start import RECENT_QUESTIONS, GamePlan, start_recorded_game
from bot.store import Store, open_store
from tests.engine.engine_fakes import ALICE, BOB, make_questions

GUILD, CHANNEL = 7, 70
NOW = 1_700_000_000.0


@pytest.fixture
async def store(tmp_path: Path) -> Store:
    opened = await open_store(tmp_path / "t.sqlite3")
    yield opened  # type: ignore[misc]
    await opened.close()


def _plan(n: int, questions: int, **config: object) -> GamePlan:
    return GamePlan(
        make_questions(n),
        GameConfig(questions=questions, seed=1, **config),  # type: ignore[arg-type]
        ["test"],
        "choice",
    )


def _recorder(store: Store) -> object:
    return lambda game_id: GameRecorder(store, game_id, GUILD, wallclock=lambda: NOW)


async def test_the_game_is_stored_and_its_recorder_gets_its_id(store: Store) -> None:
    game, recorder = await start_recorded_game(
        store, GUILD, CHANNEL, _plan(5, 3), ALICE, wallclock=lambda: NOW, recorder=_recorder(store)
    )
    assert game.game_id is not None and recorder.game_id == game.game_id  # type: ignore[attr-defined]
    assert game.starter == ALICE and game.total == 3
    [summary] = await store.recent_games(GUILD)
    assert (summary.id, summary.status, summary.mode) == (game.game_id, "running", "choice")


async def test_players_given_are_in_the_game_from_the_start(store: Store) -> None:
    game, _ = await start_recorded_game(
        store,
        GUILD,
        CHANNEL,
        _plan(5, 3),
        ALICE,
        wallclock=lambda: NOW,
        recorder=_recorder(store),
        players=[ALICE, BOB],
    )
    assert {p.user_id for p in game.players} == {ALICE.user_id, BOB.user_id}


async def test_the_channels_recent_questions_are_avoided(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[int, int, int]] = []
    real = store.recent_question_keys

    async def recent(guild_id: int, channel_id: int, limit: int) -> list[str]:
        asked.append((guild_id, channel_id, limit))
        await real(guild_id, channel_id, limit)
        return ["test/q1", "test/q2", "test/q3"]

    monkeypatch.setattr(store, "recent_question_keys", recent)
    game, _ = await start_recorded_game(
        store, GUILD, CHANNEL, _plan(4, 1), ALICE, wallclock=lambda: NOW, recorder=_recorder(store)
    )
    assert asked == [(GUILD, CHANNEL, RECENT_QUESTIONS)]
    game.start(0.0)
    assert game.question is not None and game.question.key == "test/q4"


async def test_no_questions_leaves_no_game_row(store: Store) -> None:
    plan = GamePlan([], GameConfig(questions=3), ["test"], "choice")
    with pytest.raises(NoQuestions):
        await start_recorded_game(
            store, GUILD, CHANNEL, plan, ALICE, wallclock=lambda: NOW, recorder=_recorder(store)
        )
    assert await store.recent_games(GUILD) == []
