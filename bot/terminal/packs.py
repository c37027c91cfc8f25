"""The bank a terminal game plays: shipped packs, the operator's folder, or pack files given."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.bank import Bank, BankError, load_bank
from bot.bank.layers import load_packs, skipped_report
from bot.bank.loader import PACK_SUFFIXES


class PackLoadError(Exception):
    """The questions cannot be loaded: one line (and maybe the problems) for stderr."""


def is_pack_file(name: str) -> bool:
    """Whether `--pack` names a file (``my-pack.yaml``, ``./packs/x.yml``) rather than a slug."""
    return name.endswith(PACK_SUFFIXES) or "/" in name or "\\" in name


def _first(exc: BankError) -> str:
    first = exc.problems[0] if exc.problems else "unknown problem"
    more = len(exc.problems) - 1
    return f"{first}" + (f" (and {more} more; run `trivia-bot check`)" if more else "")


def terminal_bank(
    packs: Sequence[str], extra: str | None, *, shipped: bool, err: TextIO
) -> tuple[Bank, tuple[str, ...]]:
    """The bank and the pack slugs to play (empty: all) for `play --pack`.

    Pack files named in ``packs`` are played directly, under the moderators' rules; slugs are
    looked up in the shipped packs and the operator's folder, whose broken files are skipped
    with their problems written to ``err``.
    """
    files = [p for p in packs if is_pack_file(p)]
    slugs = [p for p in packs if not is_pack_file(p)]
    try:
        loaded = load_packs(extra, shipped=shipped)
    except BankError as exc:
        raise PackLoadError(f"cannot load the shipped questions: {_first(exc)}") from exc
    for line in skipped_report(loaded):
        print(line, file=err)
    bank = loaded.bank
    if files:
        try:
            own = load_bank(
                [Path(f) for f in files],
                require_evidence=False,
                base=Bank(packs={}, sources=bank.sources),
            )
        except BankError as exc:
            for problem in exc.problems:
                print(problem, file=err)
            count = len(exc.problems)
            raise PackLoadError(
                f"cannot load {', '.join(files)}: {count} problem{'s' if count != 1 else ''} "
                "(listed above)"
            ) from exc
        # the files are played as they are, even one whose slug a loaded pack already uses
        chosen = {slug: bank.packs[slug] for slug in slugs if slug in bank.packs}
        for slug in own.packs:
            chosen.pop(slug, None)
        bank = Bank(packs={**chosen, **own.packs}, sources=bank.sources, warnings=own.warnings)
        slugs = [*slugs, *own.packs]
    for warning in bank.warnings:
        print(f"warning: {warning}", file=err)
    return bank, tuple(dict.fromkeys(slugs))
