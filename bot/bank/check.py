"""``trivia-bot check``: validate packs and print every problem, or a one-line summary."""

from __future__ import annotations

from collections import Counter

from bot.bank.bank import Bank, ordered_categories
from bot.bank.loader import load_bank
from bot.bank.problems import BankError
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


def run_check(paths: list[str], as_import: bool = False) -> int:
    """Check packs (as shipped, or as a server import); print problems or a summary; exit code."""
    try:
        bank = load_bank(paths, require_evidence=not as_import)
    except BankError as exc:
        for problem in sorted(exc.problems):
            print(problem)
        files = len({p.file for p in exc.problems})
        print(f"FAILED: {_plural(len(exc.problems), 'problem')} in {_plural(files, 'file')}")
        return 1
    print(summary(bank))
    return 0
