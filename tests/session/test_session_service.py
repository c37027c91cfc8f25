"""The session service on a fake clock and a real SQLite file, with no front end at all."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.engine.config import GameConfig
from bot.engine.errors import GameOver, NotAllowed
from bot.engine.events import Event, GameFinished, QuestionAsked, QuestionClosed
from bot.session.errors import (
    ChannelBusy,
    ChannelNotAllowed,
    CoolingDown,
    NoGameHere,
    Restarting,
    TooManyGames,
)
from bot.session.service import PreparedGame, SessionService
from bot.session.start import GamePlan
from bot.store import Store, open_store
from bot.store.types import GuildSettings
from tests.engine.engine_fakes import ALICE, BOB, CARA, FakeTime, make_questions

GUILD = 7
NOW = 1_700_000_000.0


class Screen:
    """A front end's display that keeps what it was given."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.told: list[str] = []
        self.drained = False

    async def __call__(self, event: Event) -> None:
        self.events.append(event)

    async def tell(self, text: str) -> None:
        self.told.append(text)

    async def drain(self) -> None:
        self.drained = True

    @property
    def done(self) -> bool:
        return any(isinstance(e, GameFinished) for e in self.events)


class Setup:
    """A service, its store, its fake time and each server's settings."""

    def __init__(self, store: Store, time: FakeTime) -> None:
        self.store = store
        self.time = time
        self.settings: dict[int, GuildSettings] = {}
        self.launched: list[PreparedGame] = []
        self.service: SessionService[GuildSettings] = SessionService(
            store=store,
            settings=self.get,
            clock=time.clock,
            sleep=time.sleep,
            wallclock=lambda: NOW + time.now,
        )

    async def get(self, guild_id: int) -> GuildSettings:
        return self.settings.get(guild_id, GuildSettings())

    async def prepare(self, channel_id: int, starter=ALICE, questions: int = 3) -> PreparedGame:  # type: ignore[no-untyped-def]
        async def plan(settings: GuildSettings) -> GamePlan:
            config = GameConfig(questions=questions, seconds=10, reveal_seconds=0, seed=1)
            return GamePlan(make_questions(5), config, ["test"], "choice")

        return await self.service.prepare(GUILD, channel_id, starter, plan)

    async def start(self, channel_id: int, starter=ALICE) -> Screen:  # type: ignore[no-untyped-def]
        screen = Screen()
        prepared = await self.prepare(channel_id, starter)
        self.service.launch(prepared, screen)
        self.launched.append(prepared)
        await self.time.settle()
        return screen

    async def written(self) -> None:
        """Wait until every launched game's recorder has saved (or given up) what it has."""
        await self.time.settle()
        for prepared in self.launched:
            await prepared.recorder.settled()

    async def statuses(self) -> list[str]:
        return [g.status for g in await self.store.recent_games(GUILD)]


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    store = await open_store(tmp_path / "t.sqlite3")
    made = Setup(store, FakeTime(start=0.0))
    try:
        yield made
    finally:
        await made.service.shutdown()
        await store.close()


async def test_a_launched_game_is_shown_and_recorded(setup: Setup) -> None:
    screen = await setup.start(70)
    runner = setup.service.running_in(GUILD, 70)
    asked = [e for e in screen.events if isinstance(e, QuestionAsked)]
    assert len(asked) == 1
    await runner.answer(ALICE, asked[0].options.index("Right"))
    await setup.time.advance(10)
    assert any(isinstance(e, QuestionClosed) for e in screen.events)
    await setup.service.stop(GUILD, 70, ALICE, moderator=False)
    await setup.written()
    [game] = await setup.store.recent_games(GUILD)
    # q1 closed at once (Alice, the only player, answered), q2 at its deadline, q3 was open
    assert (game.status, game.asked, game.players) == ("stopped", 3, 1)


async def test_a_channel_being_prepared_is_reserved(setup: Setup) -> None:
    gate = asyncio.Event()

    async def slow(settings: GuildSettings) -> GamePlan:
        await gate.wait()
        return GamePlan(make_questions(3), GameConfig(questions=3), ["test"], "choice")

    first = asyncio.ensure_future(setup.service.prepare(GUILD, 70, ALICE, slow))
    await setup.time.settle()
    with pytest.raises(ChannelBusy):
        await setup.prepare(70, BOB)
    gate.set()
    prepared = await first
    with pytest.raises(ChannelBusy):
        await setup.prepare(70, BOB)
    setup.service.launch(prepared, Screen())
    with pytest.raises(ChannelBusy):
        await setup.prepare(70, BOB)


async def test_a_reservation_counts_toward_the_servers_limit(setup: Setup) -> None:
    setup.settings[GUILD] = GuildSettings(max_games=2)
    await setup.start(70)
    await setup.prepare(71)  # prepared, not launched: still holds a place
    with pytest.raises(TooManyGames, match="already has 2 games running"):
        await setup.prepare(72)


async def test_a_refused_plan_frees_the_channel_and_stores_nothing(setup: Setup) -> None:
    async def refuse(settings: GuildSettings) -> GamePlan:
        raise NotAllowed("no")

    with pytest.raises(NotAllowed):
        await setup.service.prepare(GUILD, 70, ALICE, refuse)
    assert await setup.statuses() == []
    await setup.prepare(70)  # the channel is free again


async def test_an_abandoned_game_is_stored_as_an_error_and_frees_the_channel(
    setup: Setup,
) -> None:
    prepared = await setup.prepare(70)
    await setup.service.abandon(prepared)
    assert await setup.statuses() == ["error"]
    await setup.prepare(70)


async def test_only_allowed_channels_start_games(setup: Setup) -> None:
    setup.settings[GUILD] = GuildSettings(allowed_channel_ids=(71,))
    with pytest.raises(ChannelNotAllowed):
        await setup.prepare(70)
    await setup.prepare(71)


async def test_a_channel_cools_down_after_a_start(setup: Setup) -> None:
    setup.settings[GUILD] = GuildSettings(start_cooldown=10)
    screen = await setup.start(70)
    await setup.service.stop(GUILD, 70, ALICE, moderator=False)
    await setup.time.settle()
    assert screen.done
    with pytest.raises(CoolingDown, match="wait 10 s"):
        await setup.prepare(70)
    await setup.prepare(71)  # another channel is not cooling down
    await setup.time.advance(10)
    await setup.prepare(70)


@pytest.mark.parametrize(("by", "moderator"), [(ALICE, False), (BOB, True)])
async def test_the_starter_or_a_moderator_stops_and_skips(
    setup: Setup, by: object, moderator: bool
) -> None:
    await setup.start(70)
    assert await setup.service.skip(GUILD, 70, by, moderator) == 1  # type: ignore[arg-type]
    await setup.service.stop(GUILD, 70, by, moderator)  # type: ignore[arg-type]
    await setup.written()
    assert await setup.statuses() == ["stopped"]


async def test_another_member_can_neither_stop_nor_skip(setup: Setup) -> None:
    await setup.start(70)
    with pytest.raises(NotAllowed):
        await setup.service.stop(GUILD, 70, BOB, moderator=False)
    with pytest.raises(NotAllowed):
        await setup.service.skip(GUILD, 70, BOB, moderator=False)
    assert await setup.statuses() == ["running"]


async def test_stop_where_no_game_runs_says_so(setup: Setup) -> None:
    with pytest.raises(NoGameHere, match=r"^No game is running in this channel\.$"):
        await setup.service.stop(GUILD, 70, ALICE, moderator=True)


async def test_a_game_is_found_only_from_its_own_channel(setup: Setup) -> None:
    await setup.start(70)
    runner = setup.service.running_in(GUILD, 70)
    game_id = runner.game.game_id
    assert game_id is not None
    assert setup.service.runner_for_game(game_id, GUILD, 70) is runner
    for guild_id, channel_id in [(GUILD, 71), (8, 70), (None, None)]:
        with pytest.raises(GameOver):
            setup.service.runner_for_game(game_id, guild_id, channel_id)


async def test_a_removed_member_is_dropped_from_the_servers_running_games(
    setup: Setup,
) -> None:
    await setup.start(70)
    runner = setup.service.running_in(GUILD, 70)
    for player in (BOB, CARA):
        await runner.join(player)
    assert await setup.service.forget(GUILD, BOB.user_id) == 1
    assert {p.user_id for p in runner.game.players} == {ALICE.user_id, CARA.user_id}
    assert await setup.service.forget(GUILD + 1, CARA.user_id) == 0


async def test_shutdown_ends_every_game_and_refuses_new_ones(setup: Setup) -> None:
    first, second = await setup.start(70), await setup.start(71)
    assert await setup.service.shutdown() == 2
    assert first.done and second.done and first.drained and second.drained
    assert setup.service.closing
    with pytest.raises(Restarting):
        await setup.prepare(72)


async def test_a_lost_question_is_told_on_the_games_screen(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    async def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(setup.store, "record_question", refuse)
    screen = await setup.start(70)
    await setup.time.advance(10)
    # the retrying recorder gives the question up after about a minute of refusals
    await setup.time.advance(120)
    assert screen.told and screen.told[0].startswith("⚠️ Question 1's answers could not be saved")
