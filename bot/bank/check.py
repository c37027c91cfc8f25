"""``trivia-bot check``: validate packs and print every problem, or a one-line summary."""

from __future__ import annotations

from collections import Counter

from bot.bank.bank import Bank, ordered_categories
from bot.bank.layers import load_packs
from bot.bank.loader import load_bank
from bot.bank.problems import BankError, Problem
from bot.engine.model import DIFFICULTIES


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(bank: Bank) -> str:
    """One line: packs, questions, then counts per category and per difficulty."""
    questions = bank.questions()
    parts = [f"OK: {_plural(len(bank.packs), 'pack')}, {_plural(len(questions), 'question')}"]
    by_category = Counter(q.category for q in questions)
    if by_category:
        parts.append(", ".join(f"{c} {by_category[c]}" for c in ordered_categories(by_category)))
        by_difficulty = Counter(q.difficulty for q in questions)
        order = [d for d in DIFFICULTIES if d in by_difficulty]
        order += sorted(set(by_difficulty) - set(DIFFICULTIES))
        parts.append(", ".join(f"{d} {by_difficulty[d]}" for d in order))
    return "; ".join(parts)


def _failed(problems: list[Problem]) -> int:
    for problem in sorted(problems):
        print(problem)
    files = len({p.file for p in problems})
    print(f"FAILED: {_plural(len(problems), 'problem')} in {_plural(files, 'file')}")
    return 1


def _warnings(bank: Bank) -> None:
    for warning in bank.warnings:
        print(f"warning: {warning}")


def run_check(paths: list[str], *, strict: bool = False) -> int:
    """Check pack files and folders under the moderators' rules (``strict``: every question
    cites a source and quotes its evidence, as the shipped bank must); print problems or a
    summary; the exit code."""
    try:
        bank = load_bank(paths, require_evidence=strict)
    except BankError as exc:
        return _failed(exc.problems)
    _warnings(bank)
    print(summary(bank))
    return 0


def run_check_loaded(extra: str | None, *, shipped: bool, strict: bool = False) -> int:
    """Check what `play` and `run` would load: the shipped packs (strictly with ``strict``)
    and the operator's folder; exit 1 if any file has a problem."""
    try:
        loaded = load_packs(extra, shipped=shipped, strict=strict)
    except BankError as exc:
        return _failed(exc.problems)
    if loaded.skipped:
        _warnings(loaded.bank)
        return _failed(list(loaded.skipped))
    _warnings(loaded.bank)
    print(summary(loaded.bank))
    return 0
