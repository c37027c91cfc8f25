"""Shared helpers for the benchmarks: timing, percentiles, figures, the table, JSON, the machine."""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: where generated databases and packs are kept between runs of the same size
CACHE_DIR = Path(tempfile.gettempdir()) / "trivia-bench-cache"

#: a fixed "now" for generated data (mid-March 2026, a Wednesday), so periods are reproducible
NOW = 1_767_225_600.0 + 76 * 86_400.0 + 12 * 3600.0


def pct(values: Sequence[float], q: float) -> float:
    """The q-th quantile (0..1) of ``values`` by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def now() -> float:
    """A monotonic high-resolution time in seconds."""
    return time.perf_counter()


@dataclass(slots=True)
class Figure:
    """One measured number, with its unit, what it is compared with, and the goal if any."""

    metric: str
    value: float
    unit: str
    #: the same-run reference it should be read against ("" if none)
    reference: str = ""
    #: the goal in words, e.g. "< 50 ms" ("" if this figure has no goal)
    goal: str = ""
    #: whether the goal is met (None when there is no goal)
    met: bool | None = None


@dataclass(slots=True)
class Result:
    """What one benchmark produced: its figures, its size, and how long it took."""

    name: str
    size: dict[str, Any] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        metric: str,
        value: float,
        unit: str,
        *,
        reference: str = "",
        goal: str = "",
        met: bool | None = None,
    ) -> Figure:
        """Record one figure and return it."""
        figure = Figure(metric, float(value), unit, reference, goal, met)
        self.figures.append(figure)
        return figure

    def value(self, metric: str) -> float:
        """The value of one figure by its metric name."""
        for figure in self.figures:
            if figure.metric == metric:
                return figure.value
        raise KeyError(metric)


def run_in_tmp(prefix: str, body: Callable[[Path], Coroutine[Any, Any, Result]]) -> Result:
    """Run an async benchmark on a fresh temporary folder, timing it into ``seconds``."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        t = now()
        result = asyncio.run(body(Path(tmp)))
        result.seconds = now() - t
    return result


def machine() -> dict[str, Any]:
    """Cores, CPU model, Python and SQLite versions: printed with every run."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "executable": sys.executable,
    }


def _fmt(value: float) -> str:
    """A number for the table: thousands separators for big ones, 3 significant digits else."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(results: Sequence[Result]) -> str:
    """The figures of every result as a plain-text table (Markdown-compatible)."""
    rows = [("benchmark", "metric", "value", "unit", "reference (same run)", "goal", "met")]
    for result in results:
        for f in result.figures:
            met = "" if f.met is None else ("yes" if f.met else "NO")
            rows.append((result.name, f.metric, _fmt(f.value), f.unit, f.reference, f.goal, met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i == 2 else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def payload(results: Sequence[Result], *, quick: bool, seconds: float) -> dict[str, Any]:
    """Everything a run measured, as JSON-ready data."""
    return {
        "machine": machine(),
        "quick": quick,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": seconds,
        "results": [asdict(r) for r in results],
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write the figures as indented JSON (creating the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def choice_questions(n: int, pack: str = "bench") -> list[Any]:
    """``n`` generated multiple-choice questions (an answer and four wrong ones each)."""
    from bot.engine.model import Question

    cats = ("cast", "characters", "story", "production", "soundtrack-1")
    return [
        Question(
            id=f"q{i}",
            pack=pack,
            question=f"Generated question number {i}?",
            answer=f"Answer {i}",
            wrong_answers=tuple(f"Wrong {i}-{k}" for k in range(4)),
            category=cats[i % len(cats)],
        )
        for i in range(n)
    ]


class VirtualClock:
    """A clock the benchmark moves by hand, with a ``sleep`` that waits for it to move."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self._waiters: list[tuple[float, Any]] = []

    def __call__(self) -> float:
        return self.t

    async def sleep(self, delay: float) -> None:
        """Return once the clock has been advanced past now + ``delay``."""
        import asyncio

        target = self.t + delay
        if target <= self.t:
            await asyncio.sleep(0)
            return
        fut = asyncio.get_running_loop().create_future()
        entry = (target, fut)
        self._waiters.append(entry)
        try:
            await fut
        finally:
            if entry in self._waiters:
                self._waiters.remove(entry)

    def advance(self, seconds: float) -> None:
        """Move time on and wake every sleeper whose time has come."""
        self.t += seconds
        for target, fut in list(self._waiters):
            if target <= self.t and not fut.done():
                fut.set_result(None)
