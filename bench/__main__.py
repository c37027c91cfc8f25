"""``python -m bench``: run every benchmark, print the table, write the figures as JSON."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.common import Result, machine, now, payload, table, write_json

#: benchmark name -> module (each has ``run(quick: bool) -> Result``), in the order they run
BENCHMARKS: dict[str, str] = {
    "answer_path": "bench.answer_path",
    "click_path": "bench.click_path",
    "leaderboard": "bench.leaderboard",
    "bank": "bench.bank",
    "memory": "bench.memory",
    "postgres": "bench.postgres",
}
DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"


def run_all(names: Sequence[str], *, quick: bool) -> list[Result]:
    """Run the named benchmarks one after another (one core, nothing in parallel)."""
    results = []
    for name in names:
        module = importlib.import_module(BENCHMARKS[name])
        print(f"running {name}{' (quick)' if quick else ''} ...", file=sys.stderr, flush=True)
        result = module.run(quick=quick)
        print(f"  {name} took {result.seconds:.1f} s", file=sys.stderr, flush=True)
        results.append(result)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run, print and save."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (the smoke test)")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append",
                        help="run just this benchmark (repeatable)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    args = parser.parse_args(argv)
    names = args.only or list(BENCHMARKS)
    info = machine()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, "
          f"SQLite {info['sqlite']}")  # fmt: skip
    t = now()
    results = run_all(names, quick=args.quick)
    seconds = now() - t
    print(table(results))
    for result in results:
        for note in result.notes:
            print(f"note ({result.name}): {note}")
    print(f"total {seconds:.1f} s; figures written to {args.out}")
    data = payload(results, quick=args.quick, seconds=seconds)
    write_json(args.out, data)
    missed = [(r.name, f.metric) for r in results for f in r.figures if f.met is False]
    if missed:
        print("goals missed: " + json.dumps(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
