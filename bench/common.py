"""Timing helpers and the one result table every benchmark feeds."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One benchmark figure.

    `ratio` is ours / reference, in the row's unit: for a time, below 1 means faster than
    the bare library; for a throughput (`lower_is_better=False`), above 1 means faster.
    """

    name: str
    ours: float
    unit: str
    reference: float | None = None
    reference_name: str = ""
    goal: str = ""
    lower_is_better: bool = True

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference == 0 or self.ours == 0:
            return None
        return self.ours / self.reference


def best_time(fn: Callable[[], object], *, repeat: int = 3, number: int = 1) -> float:
    """Best wall time of `number` calls of `fn`, over `repeat` rounds, in seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def interleaved(
    ours: Callable[[], object],
    ref: Callable[[], object],
    *,
    repeat: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Best times of two callables measured alternately, so machine noise hits both alike.

    `clock` is wall time by default; `time.process_time` gives CPU time (for single-threaded work
    on a shared machine).
    """
    a = b = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = clock()
        ref()
        b = min(b, clock() - t)
        gc.collect()
        t = clock()
        ours()
        a = min(a, clock() - t)
    return a, b


#: Python source defining `peak_mb()`: this process's peak resident memory (VmHWM), in MB. Unlike
#: `ru_maxrss`, it starts afresh at `exec`, so a child started by a big parent does not report the parent's.
PEAK_MB_CODE = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


def run_python(code: str) -> dict:
    """Run `code` in a fresh interpreter (cold caches) and return the JSON it prints last."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(rows: list[Row]) -> str:
    """Print and return the rows as a Markdown table."""
    lines = [
        "| benchmark | ours | bare library | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        ref = f"{r.reference:.4g} {r.unit} ({r.reference_name})" if r.reference is not None else "–"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "–"
        lines.append(f"| {r.name} | {r.ours:.4g} {r.unit} | {ref} | {ratio} | {r.goal} |")
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def process_cpu(proc) -> float:
    """CPU seconds (user + system) of a `psutil.Process` so far."""
    t = proc.cpu_times()
    return t.user + t.system


def children_cpu(proc) -> float:
    """CPU seconds so far of a `psutil.Process`'s live child processes (the app's UMAP worker)."""
    import psutil

    total = 0.0
    for child in proc.children(recursive=True):
        try:
            total += process_cpu(child)
        except psutil.Error:
            pass
    return total
