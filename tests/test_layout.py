"""Guard tests: every module imports, and imports point inward (the engine stays pure)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import bot

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"

#: modules the pure engine may never import (I/O, clocks, Discord, storage, YAML)
ENGINE_FORBIDDEN = {
    "discord",
    "aiosqlite",
    "sqlite3",
    "yaml",
    "asyncio",
    "time",
    "datetime",
    "rich",
    "bot.store",
    "bot.bank",
    "bot.chat",
    "bot.runner",
    "bot.terminal",
}


def _all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(bot.__path__, prefix="bot."))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _forbidden_hit(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("module", _all_modules())
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)


@pytest.mark.parametrize("path", sorted((BOT / "engine").glob("*.py")), ids=lambda p: p.name)
def test_engine_imports_nothing_impure(path: Path) -> None:
    bad = sorted(n for n in _imports(path) if _forbidden_hit(n, ENGINE_FORBIDDEN))
    assert bad == [], f"{path.name} imports {bad}"


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("bank", {"discord", "aiosqlite", "sqlite3", "bot.store", "bot.chat", "bot.runner"}),
        ("store", {"discord", "yaml", "bot.chat", "bot.bank", "bot.runner", "bot.terminal"}),
    ],
)
def test_adapters_do_not_reach_sideways(package: str, forbidden: set[str]) -> None:
    for path in sorted((BOT / package).rglob("*.py")):
        bad = sorted(n for n in _imports(path) if _forbidden_hit(n, forbidden))
        assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


def test_no_package_named_discord_inside_bot() -> None:
    assert not (BOT / "discord").exists()
