"""What `play`, `run` and `check` load: the shipped packs, then an operator's extra folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.bank.bank import Bank
from bot.bank.loader import PACK_SUFFIXES, load_bank
from bot.bank.problems import BankError, Problem
from bot.bank.shipped import shipped_folder
from bot.bank.sources import is_sources_file


@dataclass(frozen=True)
class Loaded:
    """The bank to play, and the operator's files left out of it (every problem of each)."""

    bank: Bank
    skipped: tuple[Problem, ...] = ()

    @property
    def skipped_files(self) -> list[str]:
        """The files left out, in order."""
        return sorted({p.file for p in self.skipped})


def extra_files(folder: Path) -> list[Path]:
    """The pack files of an operator's folder (its sources.yaml is not a pack)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in PACK_SUFFIXES and p.is_file() and not is_sources_file(p)
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def load_packs(extra: str | Path | None, *, shipped: bool = True, strict: bool = False) -> Loaded:
    """The shipped packs (a problem there raises BankError), then each file of ``extra``.

    Operator packs follow the moderators' rules (source, evidence, category and difficulty
    optional). A broken operator file is left out whole, with every problem in ``skipped``;
    the others still load. ``strict`` holds the shipped packs to the project's own rule
    (every question cites a source and quotes its evidence).
    """
    home = shipped_folder()
    bank = load_bank([home], require_evidence=strict) if shipped else Bank(packs={})
    folder = Path(extra) if extra is not None else None
    if folder is None or (shipped and _same(folder, home)):
        # an older .env said TRIVIA_QUESTIONS=questions: the shipped folder is no extra one
        return Loaded(bank)
    if not folder.is_dir():
        what = "not a folder" if folder.exists() else "no such folder"
        return Loaded(bank, (Problem(str(extra), 0, 0, f"TRIVIA_QUESTIONS: {what}"),))
    try:
        files = extra_files(folder)
    except OSError as exc:
        return Loaded(bank, (Problem(str(extra), 0, 0, f"cannot list: {exc.strerror or exc}"),))
    skipped: list[Problem] = []
    for file in files:
        try:
            bank = load_bank([file], require_evidence=False, base=bank)
        except BankError as exc:
            skipped.extend(exc.problems)
    return Loaded(bank, tuple(sorted(skipped)))


def skipped_report(loaded: Loaded) -> list[str]:
    """Lines telling an operator which files were left out and why (none if nothing was)."""
    files = loaded.skipped_files
    if not files:
        return []
    lines = [str(p) for p in loaded.skipped]
    lines.append(
        f"Skipped {len(files)} broken pack file{'s' if len(files) != 1 else ''} "
        f"({', '.join(files)}); the other packs are loaded. `trivia-bot check` lists the problems."
    )
    return lines
