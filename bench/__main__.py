"""Run every benchmark and print one table: `python -m bench` (or `python -m bench models search`)."""

from __future__ import annotations

import importlib
import platform
import sys
import time
from pathlib import Path

from bench.common import Row, print_table

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    rows: list[Row] = []
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        start = time.perf_counter()
        print(f"# running {name} …", file=sys.stderr, flush=True)
        rows += module.run()
        print(f"# {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    print(f"\nMachine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
