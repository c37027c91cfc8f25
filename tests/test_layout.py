"""Guard tests: every module imports, and every layer imports only what points inward."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import bot

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"

SQL_DRIVERS = frozenset({"aiosqlite", "asyncpg", "sqlite3"})


@dataclass(frozen=True, slots=True)
class Layer:
    """One layer: its files (globs under bot/) and what none of them may import."""

    name: str
    globs: tuple[str, ...]
    forbidden: frozenset[str]
    #: if set, the only project packages the layer may import
    allowed_project: tuple[str, ...] | None = None

    def paths(self) -> list[Path]:
        """The layer's files."""
        return sorted({p for g in self.globs for p in BOT.glob(g)})


LAYERS: tuple[Layer, ...] = (
    Layer(
        "engine",
        ("engine/**/*.py",),
        SQL_DRIVERS
        | {
            "discord",
            "yaml",
            "asyncio",
            "time",
            "datetime",
            "rich",
            "bot.store",
            "bot.bank",
            "bot.chat",
            "bot.runner",
            "bot.recording",
            "bot.session",
            "bot.terminal",
            "bot.community",
        },
    ),
    Layer(
        "bank",
        ("bank/**/*.py",),
        SQL_DRIVERS
        | {"discord", "rich", "bot.store", "bot.chat", "bot.runner", "bot.session", "bot.terminal"},
    ),
    Layer(
        "store",
        ("store/**/*.py",),
        frozenset(
            {
                "discord",
                "rich",
                "yaml",
                "bot.chat",
                "bot.bank",
                "bot.runner",
                "bot.recording",
                "bot.terminal",
                "bot.session",
            }
        ),
    ),
    Layer(
        "runner and session",
        ("runner.py", "session/**/*.py"),
        SQL_DRIVERS | {"discord", "rich", "bot.chat", "bot.terminal"},
    ),
    # recording.py: as the runner, but it still names sqlite3's error (see retryable) until
    # the store port offers a backend-neutral one
    Layer(
        "recording",
        ("recording.py",),
        frozenset(
            {"discord", "rich", "aiosqlite", "asyncpg", "bot.chat", "bot.terminal", "bot.session"}
        ),
    ),
    Layer("terminal", ("terminal/**/*.py",), frozenset({"discord", "bot.chat"})),
    Layer("chat", ("chat/**/*.py",), SQL_DRIVERS | {"rich", "bot.terminal"}),
    # the same rule as tests/community/test_community_layout.py, relative imports included
    Layer(
        "community",
        ("community/**/*.py",),
        SQL_DRIVERS
        | {"discord", "rich", "asyncio", "time", "bot.chat", "bot.store", "bot.terminal"}
        | {"bot.runner"},
        allowed_project=("bot.community", "bot.engine", "bot.bank", "bot.answers"),
    ),
)

#: top-level modules that belong to no layer: the wiring and small pure helpers
UNLAYERED = {
    "__init__.py",
    "__main__.py",
    "answers.py",
    "hangul.py",
    "romanisation.py",
    "config.py",
    "dbfile.py",
}
UNLAYERED |= {"startup.py"}


def _all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(bot.__path__, prefix="bot."))


def module_name(path: Path) -> str:
    """The dotted name of a file under bot/ (a package's __init__ is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every name ``source`` imports, relative imports resolved as if it were ``module``.

    ``from x import y`` yields both ``x`` and ``x.y`` (``y`` may be a module:
    ``from bot import chat``).
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                keep = len(parts) - (node.level - 1)
                if keep <= 0:
                    raise ValueError(f"{module}: relative import beyond the top package")
                base = ".".join(parts[:keep])
                origin = f"{base}.{node.module}" if node.module else base
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _hits(name: str, names: frozenset[str] | tuple[str, ...]) -> bool:
    return any(name == n or name.startswith(n + ".") for n in names)


def violations(source: str, module: str, layer: Layer, *, is_package: bool = False) -> list[str]:
    """The imports of ``source`` (as ``module``) that ``layer`` forbids."""
    names = imports_of(source, module, is_package=is_package)
    bad = {n for n in names if _hits(n, layer.forbidden)}
    if layer.allowed_project is not None:
        project = {n for n in names if n == "bot" or n.startswith("bot.")}
        bad |= {n for n in project if not _hits(n, layer.allowed_project)}
    return sorted(bad)


def _file_cases() -> list[tuple[Layer, Path]]:
    return [(layer, path) for layer in LAYERS for path in layer.paths()]


@pytest.mark.parametrize("module", _all_modules())
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_every_layer_has_files(layer: Layer) -> None:
    assert layer.paths(), f"layer {layer.name} matches no file"


def test_every_module_is_in_a_layer() -> None:
    layered = {p for layer in LAYERS for p in layer.paths()}
    loose = sorted(
        str(p.relative_to(BOT))
        for p in BOT.rglob("*.py")
        if p not in layered and str(p.relative_to(BOT)) not in UNLAYERED
    )
    assert loose == [], "add these to a layer in tests/test_layout.py"


@pytest.mark.parametrize(
    ("layer", "path"),
    _file_cases(),
    ids=[f"{layer.name}:{path.relative_to(BOT)}" for layer, path in _file_cases()],
)
def test_layer_imports_point_inward(layer: Layer, path: Path) -> None:
    bad = violations(
        path.read_text(encoding="utf-8"),
        module_name(path),
        layer,
        is_package=path.name == "__init__.py",
    )
    assert bad == [], f"{path.relative_to(ROOT)} ({layer.name}) imports {bad}"


#: per layer: a module in it, a forbidden absolute import, a forbidden relative import
SYNTHETIC: dict[str, tuple[str, str, str]] = {
    "engine": ("bot.engine.game", "import asyncio", "from ..store import Store"),
    "bank": ("bot.bank.loader", "import aiosqlite", "from ..chat import client"),
    "store": ("bot.store.games", "from rich.console import Console", "from ..session import x"),
    "runner and session": (
        "bot.session.service",
        "import discord",
        "from ..terminal.play import play",
    ),
    "recording": ("bot.recording", "import asyncpg", "from .chat import errors"),
    "terminal": ("bot.terminal.play", "import discord.ext", "from ..chat.trivia import games"),
    "chat": ("bot.chat.trivia.games", "import sqlite3", "from ...terminal import render"),
    "community": ("bot.community.daily", "import time", "from .. import store"),
}


def test_every_layer_has_a_synthetic_case() -> None:
    assert set(SYNTHETIC) == {layer.name for layer in LAYERS}


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
@pytest.mark.parametrize("kind", ["absolute", "relative"])
def test_the_checker_catches_a_forbidden_import(layer: Layer, kind: str) -> None:
    module, absolute, relative = SYNTHETIC[layer.name]
    line = absolute if kind == "absolute" else relative
    clean = "from __future__ import annotations\n\nfrom bot.engine.model import Player\n"
    assert violations(clean, module, layer) == []
    assert violations(clean + line + "\n", module, layer) != []


def test_relative_imports_resolve_to_absolute_names() -> None:
    source = "from . import rules\nfrom ..engine.game import Game\nfrom .start import GamePlan\n"
    assert imports_of(source, "bot.session.service") == {
        "bot.session",
        "bot.session.rules",
        "bot.engine.game",
        "bot.engine.game.Game",
        "bot.session.start",
        "bot.session.start.GamePlan",
    }
    assert imports_of("from . import errors\n", "bot.session", is_package=True) == {
        "bot.session",
        "bot.session.errors",
    }


def test_the_community_allow_list_catches_another_project_package() -> None:
    community = next(layer for layer in LAYERS if layer.name == "community")
    assert violations("from bot.session import rules\n", "bot.community.daily", community) == [
        "bot.session",
        "bot.session.rules",
    ]


#: names defined once in bot/ (module-level assignments)
ONE_DEFINITION = ("MODES", "RECENT_QUESTIONS", "Sink", "Clock", "Sleep")


def _definitions(name: str) -> list[str]:
    found: list[str] = []
    for path in sorted(BOT.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found.append(str(path.relative_to(BOT)))
    return found


@pytest.mark.parametrize("name", ONE_DEFINITION)
def test_each_shared_name_is_defined_once(name: str) -> None:
    places = _definitions(name)
    assert len(places) == 1, f"{name} is defined in {places}"


def test_the_session_service_loads_no_front_end_or_driver_even_indirectly() -> None:
    # sqlite3 still comes in through bot.recording.retryable (see the "recording" layer)
    code = (
        "import sys, bot.runner, bot.session.service, bot.session.rules, bot.session.start\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    banned = frozenset({"discord", "rich", "aiosqlite", "asyncpg", "yaml"})
    banned |= {"bot.chat", "bot.terminal", "bot.store"}
    assert sorted(m for m in loaded if _hits(m, banned)) == []
    assert "bot.session.service" in loaded


def test_no_package_named_discord_inside_bot() -> None:
    assert not (BOT / "discord").exists()
