"""Cold start: what the first attendee waits for after the app (re)starts.

    python -m bench.cold                  # with the shipped maps, then without them
    python -m bench.cold --maps shipped   # only with them (or: --maps ignored)
    python -m bench.cold --warm-numba-cache
    python -m bench.cold --umap-worker both   # UMAP in the server (off, as before) and in its worker (on)

Each run starts a fresh `streamlit run app.py` (pinned to CPU 0) and drives one Chromium page
(pinned to CPU 1) through what a workshop does first, each step timed from the request to the
moment the page has finished running (no spinner left):

1. the health endpoint answers (from the server's start),
2. the home page's first paint (its picture drawn),
3. the first Embed (loads MiniLM),
4. the first map of a built-in dataset with t-SNE, then with UMAP (word_sets, the default settings),
5. the first UMAP of typed texts (which cannot be shipped),
6. the first UMAP on 5,000 points (imported vectors: UMAP switches to its approximate
   nearest-neighbour search at 4,096 points, whose code compiles on first use).

"ignored" runs the same app from a copy of the repository without ``data/maps/``: the maps are
computed as they were before they were shipped. numba's compiled-code cache starts empty (a fresh
host), unless ``--warm-numba-cache``. The machine may be shared: each step's server CPU time, the CPU
of the server's child processes (the UMAP worker, `ui.umap_worker`, which inherits the server's core)
and the load average are printed beside its wall time.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import numpy as np
import psutil

from bench.common import ROOT, children_cpu, process_cpu
from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
#: Wait at most this long for one step (a first UMAP on a loaded machine can take minutes).
STEP_TIMEOUT_MS = 600_000
#: Points in the large-UMAP step (above UMAP's 4,096-point switch to approximate neighbours).
LARGE = 5_000
TYPED = ["a red apple", "a ripe banana", "a sour lemon", "a big dog", "a small cat", "a fast horse"] + [
    f"a cold-start test line {i}" for i in range(6)
]


@dataclass
class Step:
    name: str
    wall_s: float
    server_cpu_s: float
    load1: float
    #: CPU of the server's child processes in the step (the UMAP worker), counted apart from the server's.
    child_cpu_s: float = 0.0


def _cpus() -> tuple[set[int], set[int]] | None:
    """(server CPUs, browser CPUs): one core each when there are two or more, else None (no pinning)."""
    cores = sorted(os.sched_getaffinity(0))
    return ({cores[0]}, {cores[1]}) if len(cores) >= 2 else None


@contextmanager
def _app_tree(maps: str) -> Iterator[Path]:
    """The repository, or (maps == "ignored") a copy of it without the shipped maps."""
    if maps == "shipped":
        yield ROOT
        return
    with tempfile.TemporaryDirectory(prefix="cold-app-") as tmp:
        tree = Path(tmp) / "app"
        shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", ".ruff_cache", "maps"))
        yield tree


@contextmanager
def _server(
    tree: Path, numba_dir: str, cpus: set[int] | None, worker: str = "on"
) -> Iterator[tuple[str, psutil.Process, float]]:
    """Start the app; yield its URL, its process and the seconds until /_stcore/health answered."""
    env = {"NUMBA_CACHE_DIR": numba_dir, "EMBEDDINGS_EXPLORER_UMAP_WORKER": worker}
    pin = ",".join(map(str, sorted(cpus))) if cpus else None
    start = time.perf_counter()
    with streamlit_server(cwd=tree, env=env, cpus=pin, timeout=300, poll=0.05) as (url, pid):
        yield url, psutil.Process(pid), time.perf_counter() - start


def _ready(page, selector: str) -> None:
    """Wait for `selector`, then for the script to finish and every spinner to go."""
    page.wait_for_selector(selector, state="attached", timeout=STEP_TIMEOUT_MS)
    page.wait_for_timeout(200)
    page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stSpinner']\").length === 0", timeout=STEP_TIMEOUT_MS
    )
    if page.locator("[data-testid='stException']").count():
        raise RuntimeError(f"an exception box on {page.url}")


CHART = ".js-plotly-plot .main-svg, iframe[title*='scatter']"


def _timed(steps: list[Step], name: str, proc: psutil.Process, action: Callable[[], None]) -> None:
    load1 = os.getloadavg()[0]
    cpu, kids, start = process_cpu(proc), children_cpu(proc), time.perf_counter()
    action()
    wall = time.perf_counter() - start
    steps.append(Step(name, wall, process_cpu(proc) - cpu, load1, children_cpu(proc) - kids))
    print(f"  {name}: {steps[-1].wall_s:.1f} s", file=sys.stderr, flush=True)


def _open(page, url: str, path: str, params: dict[str, str] | None = None) -> Callable[[], None]:
    def go() -> None:
        page.goto(f"{url}/{path}" + (f"?{urlencode(params)}" if params else ""), timeout=STEP_TIMEOUT_MS)
        _ready(page, CHART)

    return go


def _large_upload(page, url: str, folder: Path) -> None:
    """Import `LARGE` vectors on the Your data page and open them on the Maps page (PCA, not timed)."""
    rng = np.random.default_rng(0)
    groups = rng.integers(0, 10, LARGE)
    x = rng.normal(0, 1, (10, 50))[groups] + rng.normal(0, 0.3, (LARGE, 50))
    buf = io.BytesIO()
    np.save(buf, (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32))
    (folder / "cold.npy").write_bytes(buf.getvalue())
    page.goto(f"{url}/data", timeout=STEP_TIMEOUT_MS)
    _ready(page, "[data-testid='stFileUploader']")
    page.get_by_role("tab", name="Import vectors", exact=True).first.click()
    _ready(page, "[data-testid='stFileUploader']")
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Vectors").locator("input[type=file]")
    uploader.set_input_files(str(folder / "cold.npy"))
    page.wait_for_timeout(500)
    _ready(page, "[data-testid='stApp']")
    page.get_by_role("button", name="Add to my data").click()
    page.wait_for_timeout(500)
    _ready(page, "[data-testid='stApp']")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Maps: projections", exact=True).click()
    _ready(page, CHART)
    page.get_by_test_id("stSelectbox").filter(has_text="Data").first.click()
    page.get_by_role("option", name="My data: cold").first.click()
    page.wait_for_timeout(500)
    _ready(page, CHART)


def _pick_umap(page) -> None:
    page.get_by_test_id("stRadio").filter(has_text="Method").get_by_text("UMAP", exact=True).click()
    page.wait_for_timeout(500)
    _ready(page, CHART)


def run_cold(maps: str, *, warm_numba_cache: bool = False, worker: str = "on") -> list[Step]:
    """One fresh server, one browser page, the steps above; returns them timed."""
    from playwright.sync_api import sync_playwright

    pins = _cpus()
    if pins:
        os.sched_setaffinity(0, pins[1])  # this process, Playwright and Chromium: the browser's core
    steps: list[Step] = []
    numba_dir = str(Path(tempfile.gettempdir()) / "cold-numba-warm") if warm_numba_cache else None
    with (
        tempfile.TemporaryDirectory(prefix="cold-") as tmp,
        _app_tree(maps) as tree,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.set_default_timeout(STEP_TIMEOUT_MS)
        with _server(tree, numba_dir or str(Path(tmp) / "numba"), pins[0] if pins else None, worker) as (
            url,
            proc,
            health,
        ):
            steps.append(Step("health endpoint up (from process start)", health, process_cpu(proc), os.getloadavg()[0]))
            _timed(steps, "home page, first paint", proc, _open(page, url, ""))
            _timed(steps, "first Embed (loads MiniLM)", proc, _open(page, url, "embed"))
            for method in ("tsne", "umap"):
                link = {"projection_source": "word_sets", "projection_method": method}
                _timed(steps, f"first built-in map, {method}", proc, _open(page, url, "projections", link))
            typed = {"projection_source": "__typed__", "projection_typed": "\n".join(TYPED)}
            typed["projection_method"] = "umap"
            _timed(steps, "first typed-text UMAP", proc, _open(page, url, "projections", typed))
            _large_upload(page, url, Path(tmp))
            _timed(steps, f"first UMAP on {LARGE:,} points", proc, lambda: _pick_umap(page))
            total = Step("whole run, from the server's start (CPU)", 0.0, process_cpu(proc), os.getloadavg()[0])
            steps.append(dataclasses.replace(total, child_cpu_s=children_cpu(proc)))
        browser.close()
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", choices=["shipped", "ignored", "both"], default="both")
    parser.add_argument("--warm-numba-cache", action="store_true", help="keep numba's cache between runs")
    parser.add_argument(
        "--umap-worker",
        choices=["on", "large", "off", "both"],
        default="on",
        help="UMAP in its worker process (on, the app's default; large: also warmed up for 4,096+ points) or "
        "in the server (off, as before the worker); both: off, then on",
    )
    args = parser.parse_args()
    maps = ["ignored", "shipped"] if args.maps == "both" else [args.maps]
    workers = ["off", "on"] if args.umap_worker == "both" else [args.umap_worker]
    variants = [(m, w) for m in maps for w in workers]
    pins = _cpus()
    print(
        f"# {os.cpu_count()} CPUs, load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}; "
        + (f"server on CPU {min(pins[0])}, browser on CPU {min(pins[1])}" if pins else "no pinning (one CPU)")
        + f"; numba cache {'kept' if args.warm_numba_cache else 'empty at start'}",
        flush=True,
    )
    results = {}
    for m, w in variants:
        print(f"# run with the maps {m}, UMAP worker {w} …", file=sys.stderr, flush=True)
        results[m, w] = run_cold(m, warm_numba_cache=args.warm_numba_cache, worker=w)
    names = [s.name for s in results[variants[0]]]
    head = " | ".join(f"maps {m}, worker {w}: wall s (server CPU s, worker CPU s, load)" for m, w in variants)
    print(f"| step | {head} |")
    print("|" + "---|" * (len(variants) + 1))
    for i, name in enumerate(names):
        cells = [
            f"{r[i].wall_s:.1f} ({r[i].server_cpu_s:.1f}, {r[i].child_cpu_s:.1f}, {r[i].load1:.1f})"
            for r in results.values()
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
