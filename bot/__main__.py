"""The `trivia-bot` command (also `python -m bot`): check, play, leaderboard, run, backup,
migrate-db."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per job."""
    parser = argparse.ArgumentParser(
        prog="trivia-bot",
        description="Soundtrack #2 trivia: a Discord bot and a terminal game.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="validate question packs (default: what play and run load)",
        description="With no path: the shipped packs and the TRIVIA_QUESTIONS folder, as "
        "play and run load them. Packs follow the moderators' rules (as for an import).",
    )
    check.add_argument("paths", nargs="*", help="pack files or folders")
    check.add_argument(
        "--strict",
        action="store_true",
        help="the shipped bank's rule too: every question cites a source and quotes evidence",
    )
    check.add_argument(
        "--import",
        dest="as_import",
        action="store_true",
        help="check as a server import (the default rules; kept for old scripts)",
    )

    _add_play(sub.add_parser("play", help="play a game in the terminal (no Discord needed)"))
    board = sub.add_parser("leaderboard", help="show the terminal games' leaderboard")
    board.add_argument("--period", choices=("all", "month", "week"), default="all")
    board.add_argument("--pack", help="only this pack's questions")

    sub.add_parser("run", help="run the Discord bot (settings from .env and the environment)")
    backup = sub.add_parser(
        "backup",
        help="copy the database (TRIVIA_DB) safely, even while the bot runs",
        description="An online, consistent copy through SQLite's backup API. To restore: stop "
        "the bot, replace TRIVIA_DB with the copy (and delete its -wal and -shm files), start.",
    )
    backup.add_argument("dest", help="the new file to write (an existing one is refused)")
    _add_migrate_db(sub)
    return parser


def version() -> str:
    """The installed package's version (or the source tree's, when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("soundtrack-trivia")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _add_migrate_db(sub: Any) -> None:
    """`trivia-bot migrate-db FROM TO`: a SQLite file's data into an empty PostgreSQL database."""
    move = sub.add_parser("migrate-db", help="copy a SQLite database into an empty PostgreSQL one")
    move.add_argument("source", metavar="FROM", help="the SQLite file (e.g. data/trivia.sqlite3)")
    move.add_argument("target", metavar="TO", help="a postgresql://user:password@host/db URL")


def _migrate_db(args: argparse.Namespace) -> int:
    """Run `migrate-db`: one line per table copied, or one line saying why nothing was."""
    import asyncio

    from bot.store import StoreError
    from bot.store.transfer import migrate_db

    try:
        counts = asyncio.run(migrate_db(args.source, args.target))
    except StoreError as exc:
        print(f"migrate-db: {exc}", file=sys.stderr)
        return 1
    for table, count in counts.items():
        print(f"{table}: {count} rows")
    return 0


def _add_play(play: argparse.ArgumentParser) -> None:
    """The options of `trivia-bot play`; their ranges are checked by the engine's GameConfig."""
    play.add_argument(
        "--pack",
        dest="packs",
        action="extend",
        nargs="+",
        default=[],
        metavar="P",
        help="play only these packs: names, or pack files (.yaml) to play directly "
        "(default: every loaded pack)",
    )
    play.add_argument("--category", metavar="C", help="only questions of this category")
    play.add_argument("--questions", type=int, default=10, metavar="N", help="1 to 50 (10)")
    play.add_argument("--mode", choices=("choice", "typed"), default="choice")
    play.add_argument("--seconds", type=float, default=20.0, metavar="S", help="5 to 120 (20)")
    play.add_argument("--player", metavar="NAME", help="your name (default: $USER)")
    play.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="fixes the draw and the option order (questions played lately are still avoided)",
    )
    play.add_argument("--up-to-episode", type=int, metavar="E", help="no spoilers past episode E")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return _check(args)
    if args.command in ("play", "leaderboard", "backup"):
        return _terminal(args)
    if args.command == "migrate-db":
        return _migrate_db(args)
    if args.command == "run":
        from bot.chat.app import run
        from bot.config import ConfigError, Settings

        try:
            settings = Settings.from_env()
        except ConfigError as exc:
            print(f"Bad setting: {exc}", file=sys.stderr)
            return 2
        return run(settings)
    raise AssertionError(f"unhandled command {args.command!r}")  # argparse rejects unknown ones


def _check(args: argparse.Namespace) -> int:
    """`check`: the paths given, or what play and run load."""
    from bot.bank.check import run_check, run_check_loaded

    if args.paths:
        return run_check(args.paths, strict=args.strict)
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"Bad setting: {exc}", file=sys.stderr)
        return 2
    return run_check_loaded(
        settings.trivia_questions, shipped=settings.trivia_shipped_packs, strict=args.strict
    )


def _terminal(args: argparse.Namespace) -> int:
    """`play`, `leaderboard` and `backup`: on the SQLite file from TRIVIA_DB."""
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"Bad setting: {exc}", file=sys.stderr)
        return 2
    if args.command == "backup":
        from bot.store.backup import run_backup

        return run_backup(settings.trivia_db, args.dest)
    if args.command == "leaderboard":
        from bot.terminal.leaderboard import run_leaderboard

        return run_leaderboard(settings.trivia_db, args.period, args.pack)
    from bot.terminal.options import PlayOptions, local_player, player_name
    from bot.terminal.play import run_play, user_name

    options = PlayOptions(
        packs=tuple(dict.fromkeys(args.packs)),
        category=args.category,
        questions=args.questions,
        mode=args.mode,
        seconds=args.seconds,
        player=player_name(args.player, user_name()),
        seed=args.seed,
        up_to_episode=args.up_to_episode,
    )
    player = local_player(options.player)
    return run_play(
        options,
        player,
        settings.trivia_db,
        settings.trivia_questions,
        shipped=settings.trivia_shipped_packs,
    )


if __name__ == "__main__":
    sys.exit(main())
