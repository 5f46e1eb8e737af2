"""A room on one server: N sessions through the workshop flow, measured at the server, no browsers.

    python -m bench.load                              # rooms of N = 10, 30, 60, 100, one after another
    python -m bench.load --sessions 60 --leave 120    # and RSS for 2 minutes after the 60 leave
    python -m bench.load --sessions 30 --ramp 0 --think 0   # all at once, no reading time

It starts `streamlit run app.py` on a free loopback port, pinned to core 0 (``taskset -c 0``)
while this client runs on core 1, so the figures are one core's capacity and carry to a small host.
The rooms follow each other on that one server, as a workshop day does.
One warm-up session loads the models first (not counted) and the server is let settle (the
UMAP warm-up compiles in the background); then N sessions speak Streamlit's own
websocket protocol (`bench.stclient`: the browser's protobuf messages, nothing rendered) and go
through Embed → Similarity → Maps → Analogies → Search → Clusters, each page opened with its inputs
in the query string as the app's links do, with texts, words and queries unique to the session so
no session is served from another's cache. Sessions arrive spread over ``--ramp`` seconds (a room
opening the app within a minute) and read each page for ``--think`` seconds (±50 %, seeded).

Reported per N: p50/p95/max server time per step (send → ``script_finished``), errors (exception
boxes, ``st.error`` boxes, timeouts, server tracebacks), the server's CPU per session (its UMAP worker's
apart) and the RSS of both (sampled every 0.5 s) before, at peak and, with ``--leave``, while the
closed sessions are let go.

(The former mode, Chromium tabs on the server's cores, is gone: it measured the browsers. What a
person sees is the browser tests' job, in tests/e2e.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import psutil

from bench.common import children_cpu, process_cpu
from bench.stclient import StepResult, StreamlitSession
from embedding_core.baselines import relation_pairs
from tests.support.streamlit_server import streamlit_server

STEPS = ["embed", "similarity", "projections", "analogies", "search", "clusters"]
LABELS = {"projections": "maps"}
#: Goals from issue 17, for 60 sessions on one core.
GOAL_P95_S, GOAL_RSS_MB = 2.0, 1500

_WORDS = {
    "animals": ["cat", "dog", "horse", "rabbit", "parrot", "tiger"],
    "food": ["bread", "cheese", "apple", "soup", "rice", "cake"],
    "travel": ["train", "bicycle", "airport", "ferry", "taxi", "bus"],
}
_QUESTIONS = [
    "someone who writes code for websites",
    "a job looking after patients at night",
    "teaching children to read",
    "driving a delivery van",
    "keeping the company's accounts",
]


def _texts(i: int, page: str, n: int) -> str:
    """`n` sentences that only session `i` types on `page` (three topics, so maps and clusters have structure)."""
    groups = list(_WORDS.values())
    lines = [f"the {groups[k % 3][(k // 3 + i) % 6]} of visitor {i}, {page} note {k}" for k in range(n)]
    return "\n".join(lines)


def _analogy(i: int) -> dict[str, str]:
    """Session `i`'s own analogy a : b :: c : expected, from the built-in relation pairs (540 distinct)."""
    questions = [
        (a, b, c, d) for pairs in relation_pairs().values() for a, b in pairs for c, d in pairs if (c, d) != (a, b)
    ]
    a, b, c, d = questions[(i * 7919) % len(questions)]
    return {"analogies_a": a, "analogies_b": b, "analogies_c": c, "analogies_expected": d}


def flow(i: int) -> list[tuple[str, dict[str, str]]]:
    """The pages session `i` visits, in order, each with the query string it is opened with."""
    model = {"model": "minilm"}
    return [
        ("embed", {**model, "embed_texts": _texts(i, "embed", 6)}),
        ("similarity", {**model, "similarity_texts": _texts(i, "similarity", 5), "similarity_metric": "cosine"}),
        ("projections", {**model, "projection_source": "__typed__", "projection_typed": _texts(i, "maps", 18)}),
        ("analogies", _analogy(i)),
        ("search", {**model, "search_source": "job_listings", "search_query": f"{_QUESTIONS[i % 5]} ({i})"}),
        ("clusters", {**model, "clusters_source": "__typed__", "clusters_typed": _texts(i, "clusters", 18)}),
    ]


@dataclass
class Run:
    """What one N measured."""

    sessions: int
    steps: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: list[str] = field(default_factory=list)
    #: `st.warning` boxes the pages drew (not errors: e.g. a note about a link value).
    warnings: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    #: CPU seconds of the server's child processes (the UMAP worker) during the room.
    worker_cpu_s: float = 0.0
    rss_mb: dict[str, float] = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)

    def percentile(self, step: str, q: float) -> float:
        times = self.steps[step]
        return float(np.percentile(times, q)) if times else float("nan")


def rss(pid: int) -> int:
    """Bytes resident in the server and its child processes (the UMAP worker, `ui.umap_worker`)."""
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return total


class RssSampler(threading.Thread):
    """The RSS of the server and its children every `every` seconds: its peak and the latest value."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak = self.last = rss(pid)
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.every):
            try:
                self.last = rss(self.pid)
            except psutil.Error:
                return
            self.peak = max(self.peak, self.last)


def _cpu(pid: int) -> float:
    return process_cpu(psutil.Process(pid))


def _children_cpu(pid: int) -> float:
    return children_cpu(psutil.Process(pid))


def settle(pid: int, *, idle_share: float = 0.05, window: float = 3, limit: float = 240) -> float:
    """Wait until the server and its children use less than `idle_share` of a core (the UMAP worker
    warms up in the background after the first model load); returns the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        before = _cpu(pid) + _children_cpu(pid)
        time.sleep(window)
        if _cpu(pid) + _children_cpu(pid) - before < idle_share * window:
            break
    return time.perf_counter() - start


async def _session(url: str, i: int, *, delay: float, think: float, timeout: float, seed: float, room: _Room) -> tuple:
    await asyncio.sleep(delay)
    rng = random.Random(seed)
    results: list[StepResult] = []
    errors: list[str] = []
    through = False
    try:
        async with StreamlitSession(url, timeout=timeout) as session:
            for n, (page, params) in enumerate(flow(i)):
                if n and think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                step = await session.open(page, params)
                results.append(step)
                errors += [f"session {i} {page}: exception {e}" for e in step.exceptions]
                errors += [f"session {i} {page}: error box {e!r}" for e in step.error_boxes]
            through = True
            room.arrived()
            await room.everyone_done.wait()  # stay on the last page until the room leaves together
    except Exception as err:  # noqa: BLE001 - a timeout or a dropped socket is this session's error
        errors.append(f"session {i} step {len(results) + 1}: {type(err).__name__}: {str(err)[:160]}")
        if not through:
            room.arrived()
    return results, errors


class _Room:
    """Counts the sessions through their flow; when all are, they close their sockets together."""

    def __init__(self, n: int) -> None:
        self.waiting = n
        self.everyone_done = asyncio.Event()

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.everyone_done.set()


async def run_room(
    url: str, n: int, *, first: int = 0, ramp: float = 0, think: float = 0, timeout: float = 300
) -> list[tuple[list[StepResult], list[str]]]:
    """Sessions ``first … first+n-1`` through `flow`: each one's `StepResult` list and its errors."""
    room, rng = _Room(n), random.Random(first)
    return await asyncio.gather(
        *(
            _session(url, first + k, delay=ramp * k / n, think=think, timeout=timeout, seed=rng.random(), room=room)
            for k in range(n)
        )
    )


def run_rooms(
    sizes: list[int],
    *,
    ramp: float = 60,
    think: float = 10,
    timeout: float = 300,
    leave: float = 0,
    leave_sizes: tuple[int, ...] = (60,),
    pin: bool = True,
    show: Callable[[Run], None] | None = None,
) -> list[Run]:
    """Measure a room of each size in `sizes`, one after another on one server (see the module docstring).

    Session numbers run on from room to room, so no room reuses another's texts.
    """
    pin = pin and len(os.sched_getaffinity(0)) > 1
    if pin:
        os.sched_setaffinity(0, {1})
    runs: list[Run] = []
    with (
        tempfile.NamedTemporaryFile("w", suffix=".log") as log,
        open(log.name) as server_log,  # read with its own offset: the server appends to `log`
        streamlit_server(log=log, cpus="0" if pin else None) as (url, pid),
    ):
        idle_mb = rss(pid) / 2**20
        (_, warm_errors), *_ = asyncio.run(run_room(url, 1, first=100_000, ramp=0, think=0, timeout=timeout))
        settle(pid)
        first = 0
        for n in sizes:
            run = Run(n)
            run.errors += [f"warm-up: {e}" for e in warm_errors]
            run.rss_mb["idle"], warm_errors = idle_mb, []
            _measure(run, url, pid, first=first, ramp=ramp, think=think, timeout=timeout)
            if leave and n in leave_sizes:
                _watch_leave(run, pid, leave)
            run.errors += [f"server log: {line.strip()[:160]}" for line in server_log if "Traceback" in line]
            first += n
            runs.append(run)
            if show:
                show(run)
    return runs


def _measure(run: Run, url: str, pid: int, *, first: int, ramp: float, think: float, timeout: float) -> None:
    sampler = RssSampler(pid)
    sampler.start()
    run.rss_mb["before"] = sampler.last / 2**20
    cpu0, start, load0 = _cpu(pid), time.perf_counter(), os.getloadavg()[0]
    worker0 = _children_cpu(pid)
    results = asyncio.run(run_room(url, run.sessions, first=first, ramp=ramp, think=think, timeout=timeout))
    run.wall_s, run.cpu_s = time.perf_counter() - start, _cpu(pid) - cpu0
    run.worker_cpu_s = _children_cpu(pid) - worker0
    run.load = (load0, os.getloadavg()[0])
    sampler.halt.set()
    run.rss_mb["peak"] = sampler.peak / 2**20
    for steps, errors in results:
        run.errors += errors
        for step in steps:
            run.steps[step.page].append(step.seconds)
            run.warnings += [f"{step.page}: {w}" for w in step.warnings]


def _watch_leave(run: Run, pid: int, seconds: float) -> None:
    """RSS every 30 s after the room's sockets closed (ui.cache shuts closed sessions down after 110 s)."""
    for at in range(30, int(seconds) + 1, 30):
        time.sleep(30)
        run.rss_mb[f"{at} s after"] = rss(pid) / 2**20


def report(run: Run) -> str:
    out = [
        f"N = {run.sessions}: {run.wall_s:.0f} s, server CPU {run.cpu_s / run.sessions:.2f} s per session "
        f"({100 * run.cpu_s / run.wall_s:.0f} % of its core), its UMAP worker {run.worker_cpu_s:.1f} s in all, "
        f"load average {run.load[0]:.1f} → {run.load[1]:.1f}",
        f"  {'step':<11} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'done':>5}",
    ]
    for step in STEPS:
        t = run.steps[step]
        out.append(
            f"  {LABELS.get(step, step):<11} {run.percentile(step, 50):7.2f} {run.percentile(step, 95):7.2f} "
            f"{max(t, default=float('nan')):7.2f} {len(t):5d}"
        )
    out.append("  RSS MB: " + ", ".join(f"{k} {v:,.0f}" for k, v in run.rss_mb.items()))
    worst = max((run.percentile(s, 95) for s in STEPS), default=float("nan"))
    verdict = "meets" if worst < GOAL_P95_S and not run.errors and run.rss_mb["peak"] < GOAL_RSS_MB else "misses"
    out.append(
        f"  errors: {len(run.errors)}; worst p95 {worst:.2f} s; {verdict} the goal "
        f"(p95 < {GOAL_P95_S:g} s per step, 0 errors, RSS < {GOAL_RSS_MB:,} MB)"
    )
    out += [f"    {e}" for e in run.errors[:10]]
    if run.warnings:
        out.append(f"  warning boxes: {len(run.warnings)}, e.g. {run.warnings[0]!r}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30, 60, 100], help="room sizes to run")
    parser.add_argument("--ramp", type=float, default=60, help="sessions arrive over this many seconds (0: at once)")
    parser.add_argument("--think", type=float, default=10, help="mean seconds a session reads a page (0: none)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one step may take")
    parser.add_argument("--leave", type=float, default=0, help="watch RSS this long after the sessions close")
    parser.add_argument("--leave-sessions", type=int, nargs="*", default=[60], help="room sizes --leave applies to")
    parser.add_argument("--no-pin", action="store_true", help="do not pin server and client to cores 0 and 1")
    args = parser.parse_args()
    flow_names = " → ".join(LABELS.get(s, s) for s in STEPS)
    print(f"flow: {flow_names}; ramp {args.ramp:g} s, think {args.think:g} s ± 50 %", flush=True)
    run_rooms(
        args.sessions,
        ramp=args.ramp,
        think=args.think,
        timeout=args.timeout,
        leave=args.leave,
        leave_sizes=tuple(args.leave_sessions),
        pin=not args.no_pin,
        show=lambda run: print(report(run), flush=True),
    )


if __name__ == "__main__":
    main()
