"""`trivia-bot play`: a game in the terminal on the real engine, runner and SQLite store."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console

from bot.bank import Bank, BankError, cache, load_bank
from bot.dbfile import DatabasePathError, check_database_path, explain_database_error
from bot.engine.config import GameConfig
from bot.engine.errors import GameError
from bot.engine.game import Game, new_game
from bot.engine.model import Player, Question
from bot.recording import GameRecorder, chain
from bot.runner import Clock, GameRunner, Sleep
from bot.session.identity import LOCAL_GUILD_ID
from bot.session.rules import may_control
from bot.session.start import GamePlan, start_recorded_game
from bot.store import Recovery, Store, StoreError, open_store
from bot.terminal import render
from bot.terminal.drive import Driver, Ending
from bot.terminal.input import FdSource, Keys, Lines, TextSource, cbreak
from bot.terminal.lock import terminal_games_lock
from bot.terminal.options import LOCAL_CHANNEL_ID, PlayOptions
from bot.terminal.packs import PackLoadError, terminal_bank
from bot.terminal.view import LiveView, PlainView, Progress

EXIT_STOPPED_BY_USER = 130


class PlayError(Exception):
    """The game cannot start (bad option, unknown pack, no questions): one line for stderr."""


def load_questions(path: str | Path) -> Bank:
    """The question bank, or PlayError with the first problem found."""
    try:
        return load_bank([path])
    except BankError as exc:
        first = exc.problems[0] if exc.problems else "unknown problem"
        more = (
            f" (and {len(exc.problems) - 1} more; run `trivia-bot check`)"
            if len(exc.problems) > 1
            else ""
        )
        raise PlayError(f"cannot load the questions: {first}{more}") from exc


def candidates(bank: Bank, options: PlayOptions) -> list[Question]:
    """The questions the options allow (PlayError for an unknown pack or an empty category)."""
    unknown = [p for p in options.packs if p not in bank.packs]
    if unknown:
        known = ", ".join(sorted(bank.packs)) or "none"
        raise PlayError(f"unknown pack {unknown[0]!r} (packs: {known})")
    packs = list(options.packs) or None
    found = bank.questions(packs, options.category)
    if not found:
        where = f" in category {options.category!r}" if options.category else ""
        cats = ", ".join(bank.categories(packs))
        raise PlayError(f"no questions{where} (categories: {cats})")
    return found


def build_game(
    bank: Bank,
    options: PlayOptions,
    player: Player,
    *,
    recent: Sequence[str] = (),
    interactive: bool = False,
) -> Game:
    """The game `play` runs for these options: same seed and recent questions, same game."""
    config = _config(options, interactive)
    try:
        return new_game(
            candidates(bank, options), config, recent=recent, starter=player, players=[player]
        )
    except GameError as exc:
        raise PlayError(exc.message) from exc


def _config(options: PlayOptions, interactive: bool) -> GameConfig:
    """The engine's settings for these options (PlayError if one is out of range)."""
    try:
        return options.config(interactive=interactive)
    except GameError as exc:
        raise PlayError(exc.message) from exc


async def play(
    options: PlayOptions,
    player: Player,
    *,
    db_path: str | Path,
    bank: Bank,
    source: TextSource,
    console: Console,
    interactive: bool = False,
    clock: Clock = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    wallclock: Clock = time.time,
    stop: asyncio.Event | None = None,
) -> int:
    """Play one game reading ``source`` and writing to ``console``; the exit status.

    ``interactive``: a person at a TTY (live countdown, single keys, a pause after each
    reveal). Otherwise one line per answer and plain text. ``stop`` set ends the game early
    (Ctrl-C). Raises PlayError when the game cannot start.
    """
    build_game(bank, options, player, interactive=interactive)  # fail fast, before the store
    try:
        check_database_path(db_path)
    except DatabasePathError as exc:
        raise PlayError(str(exc)) from None
    with terminal_games_lock(db_path) as alone:
        # only a game with no other terminal game beside it may mark local games interrupted
        try:
            recover = Recovery(guild_id=LOCAL_GUILD_ID) if alone else None
            store = await open_store(db_path, now=wallclock(), recover=recover)
        except (StoreError, sqlite3.Error, OSError) as exc:
            raise PlayError(explain_database_error(db_path, exc) or str(exc)) from exc
        return await _play_stored(
            store,
            bank,
            options,
            player,
            source=source,
            console=console,
            interactive=interactive,
            clock=clock,
            sleep=sleep,
            wallclock=wallclock,
            stop=stop,
        )


async def _play_stored(
    store: Store,
    bank: Bank,
    options: PlayOptions,
    player: Player,
    *,
    source: TextSource,
    console: Console,
    interactive: bool,
    clock: Clock,
    sleep: Sleep,
    wallclock: Clock,
    stop: asyncio.Event | None,
) -> int:
    """The game itself, on an open store (closed at the end)."""
    try:
        plan = GamePlan(
            candidates(bank, options),
            _config(options, interactive),
            list(options.packs) or sorted(bank.packs),
            options.mode,
        )
        try:
            game, recorder = await start_recorded_game(
                store,
                LOCAL_GUILD_ID,
                LOCAL_CHANNEL_ID,
                plan,
                player,
                wallclock=wallclock,
                recorder=lambda game_id: GameRecorder(
                    store, game_id, LOCAL_GUILD_ID, wallclock=wallclock
                ),
                players=[player],
            )
        except GameError as exc:
            raise PlayError(exc.message) from exc
        return await _run(
            game,
            recorder,
            player,
            source=source,
            console=console,
            interactive=interactive,
            clock=clock,
            sleep=sleep,
            stop=stop or asyncio.Event(),
        )
    finally:
        await store.close()


async def _run(
    game: Game,
    recorder: GameRecorder,
    player: Player,
    *,
    source: TextSource,
    console: Console,
    interactive: bool,
    clock: Clock,
    sleep: Sleep,
    stop: asyncio.Event,
) -> int:
    """Drive the game with the runner until it ends; print how it ended; the exit status."""
    idle = game.config.idle_limit
    view = LiveView(console, clock, idle) if interactive else PlainView(console, idle)
    progress = Progress()
    # The recorder first: a question is committed before it is shown or the next one asked.
    runner = GameRunner(
        game, chain(recorder, view, progress), clock=clock, sleep=sleep, name="local"
    )
    driver = Driver(runner, progress, view, player, stop)
    console.print(
        render.you_line(
            player, game.config.mode, game.config.seconds, game.total, interactive=interactive
        )
    )
    with _live(view), _ctrl_c(stop):
        runner.start()
        if interactive:
            with cbreak(0):
                ending = await driver.keys(Keys(source))
        else:
            ending = await driver.lines(Lines(source))
        await _finish(runner, player, view, ending)
        result = await runner.wait()
    if ending == "interrupted":
        return EXIT_STOPPED_BY_USER
    return 1 if result is None or result.reason == "error" else 0


async def _finish(runner: GameRunner, player: Player, view: PlainView, ending: Ending) -> None:
    """Stop the game if the input ended or Ctrl-C came first (the points so far are kept)."""
    if ending == "finished" or runner.game.finished:
        return
    view.say("Input ended: stopping the game." if ending == "eof" else "Stopping the game.")
    # A GameError here means it ended on its own meanwhile: nothing left to stop.
    with contextlib.suppress(GameError):
        await runner.stop(player, allowed=may_control(runner.game.starter, player, False))


@contextlib.contextmanager
def _live(view: PlainView) -> Iterator[None]:
    """Run the live display for the game (a plain view has none)."""
    if not isinstance(view, LiveView):
        yield
        return
    with view.live:
        yield


@contextlib.contextmanager
def _ctrl_c(stop: asyncio.Event) -> Iterator[None]:
    """Ctrl-C sets ``stop`` (the game then ends cleanly) instead of raising KeyboardInterrupt."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGINT, stop.set)
    except (NotImplementedError, RuntimeError, ValueError):
        # Not the main thread, or no signal support: Ctrl-C stays a KeyboardInterrupt.
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def make_console(interactive: bool) -> Console:
    """Colour and live redraws for a TTY; plain text with no escape codes otherwise."""
    if interactive:
        return Console(highlight=False)
    return Console(
        file=sys.stdout,
        force_terminal=False,
        color_system=None,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


def run_play(
    options: PlayOptions,
    player: Player,
    db_path: str,
    extra: str | None,
    *,
    shipped: bool = True,
) -> int:
    """The command's body: play on stdin/stdout; exit 2 with one line on stderr if it can't.

    ``extra`` is the operator's folder (TRIVIA_QUESTIONS) and ``shipped`` whether the shipped
    packs are loaded; pack files among ``options.packs`` are played directly.
    """
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    console = make_console(interactive)
    try:
        bank, slugs = terminal_bank(options.packs, extra, shipped=shipped, err=sys.stderr)
    except PackLoadError as exc:
        print(f"trivia-bot play: {exc}", file=sys.stderr)
        return 2
    options = dataclasses.replace(options, packs=slugs)

    async def main() -> int:
        source = FdSource(sys.stdin.fileno(), asyncio.get_running_loop())
        return await play(
            options,
            player,
            db_path=db_path,
            bank=bank,
            source=source,
            console=console,
            interactive=interactive,
        )

    try:
        with cache.enabled(cache.default_folder()):  # validated packs kept between games
            return asyncio.run(main())
    except PlayError as exc:
        print(f"trivia-bot play: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Ctrl-C before the game began (loading questions, opening the database).
        return EXIT_STOPPED_BY_USER


def user_name() -> str | None:
    """The login name, if the environment has one."""
    return os.environ.get("USER") or os.environ.get("USERNAME")
