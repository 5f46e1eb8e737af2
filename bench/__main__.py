"""Run every benchmark and print one table: `python -m bench` (or `python -m bench models search`).

Two long-running measurements are not in the table and run on their own: `python -m bench.cold` (a
fresh server's first maps) and `python -m bench.load` (many sessions on one server); the table ends
with a line that says so.
"""

from __future__ import annotations

import importlib
import platform
import sys
import time
from pathlib import Path

from bench.common import Row, print_table

HERE = Path(__file__).resolve().parent
#: The benchmarks that run on their own (each a module with a `main`), printed after the table.
SEPARATE = {"bench.cold": "cold start", "bench.load": "many sessions on one server"}


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
    print("\nNot in this table (long-running): " + "; ".join(f"python -m {m} ({what})" for m, what in SEPARATE.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
