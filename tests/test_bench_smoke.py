"""The benchmark suite still runs: every benchmark at its tiny size, numbers out (no timings)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.__main__ import BENCHMARKS
from bench.common import Result, pct, table

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``python -m bench --quick`` once, in a subprocess, read back from its JSON."""
    out = tmp_path_factory.mktemp("bench") / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data: dict[str, Any] = json.loads(out.read_text())
    data["stdout"] = proc.stdout
    return data


def test_quick_run_reports_every_benchmark(quick_run: dict[str, Any]) -> None:
    assert [r["name"] for r in quick_run["results"]] == [
        "answer path",
        "click path",
        "leaderboard",
        "bank",
        "memory",
        "postgres",
    ]
    assert quick_run["quick"] is True


@pytest.mark.parametrize("index", range(len(BENCHMARKS)))
def test_each_benchmark_produces_positive_finite_figures(
    quick_run: dict[str, Any], index: int
) -> None:
    result = quick_run["results"][index]
    assert result["figures"], f"{result['name']} reported no figures"
    for figure in result["figures"]:
        value = figure["value"]
        assert math.isfinite(value) and value > 0, (result["name"], figure)
        assert figure["unit"]


def test_goals_carry_a_met_flag(quick_run: dict[str, Any]) -> None:
    goals = [f for r in quick_run["results"] for f in r["figures"] if f["goal"]]
    assert len(goals) >= 10
    assert all(isinstance(f["met"], bool) for f in goals)


def test_the_table_and_machine_are_printed(quick_run: dict[str, Any]) -> None:
    assert "machine:" in quick_run["stdout"]
    assert "| click path" in quick_run["stdout"]
    assert quick_run["machine"]["cores"] >= 1
    assert quick_run["machine"]["python"].startswith("3.")


def test_only_runs_the_named_benchmark(tmp_path: Path) -> None:
    out = tmp_path / "memory.json"
    subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "memory", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert [r["name"] for r in json.loads(out.read_text())["results"]] == ["memory"]


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([1.0], 0.99, 1.0), ([1.0, 2.0, 3.0], 0.5, 2.0), ([0.0, 10.0], 0.99, 9.9)],
)
def test_pct_interpolates_between_ranks(values: list[float], q: float, expected: float) -> None:
    assert pct(values, q) == pytest.approx(expected)


def test_table_marks_a_missed_goal() -> None:
    result = Result("demo")
    result.add("latency p99", 120.0, "ms", goal="< 100 ms", met=False)
    assert "NO" in table([result])


def _metrics(quick_run: dict[str, Any], name: str) -> list[str]:
    return [f["metric"] for r in quick_run["results"] if r["name"] == name for f in r["figures"]]


def test_clicks_are_reported_end_to_end_for_the_bot_and_the_bare_button(
    quick_run: dict[str, Any],
) -> None:
    metrics = _metrics(quick_run, "click path")
    for clicks in (10, 20):
        for row in ("bot, p50", "bot, p99", "bare discord.py button, p99", "bot / bare, p99",
                    "bot CPU per click"):  # fmt: skip
            assert f"{clicks} clicks at once: {row}" in metrics


def test_the_bank_reports_cold_and_warm_starts_with_the_cache(quick_run: dict[str, Any]) -> None:
    metrics = " | ".join(_metrics(quick_run, "bank"))
    assert "cache empty (cold start" in metrics
    assert "every pack cached (warm start)" in metrics
    assert "(collector paused)" in metrics


def test_memory_is_reported_per_guild_and_per_game(quick_run: dict[str, Any]) -> None:
    metrics = _metrics(quick_run, "memory")
    assert sum("per guild" in m for m in metrics) == 2
    assert sum("per waiting game" in m for m in metrics) == 3
