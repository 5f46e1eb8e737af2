"""`python -m bench` ends its table with a pointer to the benchmarks that run on their own."""

from __future__ import annotations

import importlib
import types

import bench.__main__ as bench_main
from bench.common import Row


def test_the_table_points_to_the_separate_cold_start_and_load_benchmarks(monkeypatch, capsys):
    fake = types.SimpleNamespace(run=lambda: [Row("tiny step", 1.0, "ms", 1.0)])
    real = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda name: fake if name == "bench.bench_tiny" else real(name))
    assert bench_main.main(["tiny"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == (
        "Not in this table (long-running): python -m bench.cold (cold start); "
        "python -m bench.load (many sessions on one server)"
    )
    for module in bench_main.SEPARATE:  # each named module exists and runs as `python -m`
        assert callable(real(module).main)
