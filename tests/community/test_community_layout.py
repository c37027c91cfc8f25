"""Guard: the community rules stay pure (no Discord, storage or clock) and point inward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COMMUNITY = Path(__file__).resolve().parent.parent.parent / "bot" / "community"
MODULES = sorted(COMMUNITY.glob("*.py"))

#: what no community module may import
FORBIDDEN = {
    "discord",
    "aiosqlite",
    "asyncpg",
    "sqlite3",
    "rich",
    "asyncio",
    "time",
    "bot.chat",
    "bot.store",
    "bot.terminal",
    "bot.runner",
}
#: the project packages a community module may use
ALLOWED_PROJECT = ("bot.community", "bot.engine", "bot.bank", "bot.answers")
#: reading the wall clock: time is always an argument
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic"}


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _hits(name: str, names: set[str] | tuple[str, ...]) -> bool:
    return any(name == n or name.startswith(n + ".") for n in names)


def test_there_are_modules_to_check() -> None:
    assert {p.name for p in MODULES} >= {"daily.py", "season.py", "suggestion.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_imports_nothing_impure(path: Path) -> None:
    imports = _imports(ast.parse(path.read_text(encoding="utf-8")))
    assert sorted(n for n in imports if _hits(n, FORBIDDEN)) == []
    project = [n for n in imports if n == "bot" or n.startswith("bot.")]
    assert sorted(n for n in project if not _hits(n, ALLOWED_PROJECT)) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_never_reads_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCK_CALLS
    ]
    assert calls == []
