"""The `trivia-bot` command (also `python -m bot`): subcommands check, play, leaderboard, run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per job."""
    parser = argparse.ArgumentParser(
        prog="trivia-bot",
        description="Soundtrack #2 trivia: a Discord bot and a terminal game.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate question packs (default: questions/)")
    check.add_argument("paths", nargs="*", help="pack files or folders")
    check.add_argument(
        "--import",
        dest="as_import",
        action="store_true",
        help="check as a server import (source and evidence optional)",
    )

    sub.add_parser("run", help="run the Discord bot (settings from .env and the environment)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from bot.bank.check import run_check

        return run_check(args.paths or ["questions"], as_import=args.as_import)
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


if __name__ == "__main__":
    sys.exit(main())
