"""The big map in the project's Chromium: Plotly `scattergl` + `on_select` against our WebGL component.

For 50,000, 100,000 and 200,000 points it measures, in a fresh browser each time:

- paint: from the page request to the map drawn with every point, and from the arrival of the
  largest websocket message (the map's data) to the map drawn;
- selection round trip: from releasing the mouse after a box (Plotly) or lasso (component)
  drag to the Python script's answer shown on the page, and to the page idle again;
- browser memory: the resident memory of every Chromium process over a blank page, and the page's JS heap.

Run ``python -m bench bigmap`` (both), or ``python -m bench.bench_bigmap plotly 50000 100000``.
Chromium renders WebGL in software here (SwiftShader), the slowest case a browser meets.
"""

from __future__ import annotations

import os
import re
import sys
import time
from contextlib import ExitStack

from bench.common import ROOT, Row

SIZES = (50_000, 100_000, 200_000)
KINDS = ("plotly", "component")
#: Longest wait for one paint or one selection; past it the figure is recorded as this many seconds.
TIMEOUT_S = 240

# Record the arrival time (ms since the epoch) and size of the largest websocket message.
_WS_HOOK = """
(() => {
  const Native = window.WebSocket;
  window.__bigMsg = { t: 0, size: 0 };
  class Hooked extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const size = e.data.byteLength ?? e.data.size ?? e.data.length ?? 0;
        if (size > window.__bigMsg.size) window.__bigMsg = { t: Date.now(), size };
      });
    }
  }
  window.WebSocket = Hooked;
})();
"""

_PLOTLY_DRAWN = """n => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd.data) return false;
  const total = gd.data.reduce((s, t) => s + (t.x ? (t.x._inputArray || t.x).length || 0 : 0), 0);
  return total === n && gd.querySelector('canvas') !== null;
}"""

_NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(Date.now()))))"

_STATUS = re.compile(r"run=(\d+) selected=(\d+) clicked=(\S+) script=([\d.]+)")


def _status(page) -> tuple[int, int, float]:
    text = " ".join(page.locator("[data-testid='stText']").all_inner_texts())
    m = _STATUS.search(text)
    if not m:
        return 0, 0, 0.0
    return int(m.group(1)), int(m.group(2)), float(m.group(4))


def _browser_mb() -> float:
    import psutil

    total = 0
    for proc in psutil.Process().children(recursive=True):
        try:
            if "chrom" in proc.name().lower():
                total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def _component_frame(page, n: int):
    """The component's iframe once its map reports `n` points drawn."""
    deadline = time.time() + TIMEOUT_S
    while time.time() < deadline:
        for frame in page.frames:
            if frame == page.main_frame:
                continue
            try:
                if frame.evaluate("() => (window.__scatter || {}).drawn") == n:
                    return frame
            except Exception:  # noqa: BLE001 - a frame detached while we looked
                continue
        page.wait_for_timeout(50)
    raise TimeoutError(f"the component did not draw {n} points in {TIMEOUT_S} s")


def measure(browser, url: str, kind: str, n: int) -> dict[str, float]:
    """Open the map of `n` points drawn by `kind`, then box- or lasso-select its middle; return the figures."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.add_init_script(_WS_HOOK)
    out: dict[str, float] = {"blank_mb": _browser_mb(), "load_1min": os.getloadavg()[0]}
    start = time.perf_counter()
    page.goto(f"{url}/?n={n}&kind={kind}")
    if kind == "plotly":
        page.wait_for_function(_PLOTLY_DRAWN, arg=n, timeout=TIMEOUT_S * 1000, polling=50)
        drawn_at = page.evaluate(_NEXT_FRAME)
        target = page.locator(".js-plotly-plot .nsewdrag").first
    else:
        frame = _component_frame(page, n)
        drawn_at = frame.evaluate(_NEXT_FRAME)
        target = page.locator("iframe[title*='scatter']").first
    out["paint_s"] = time.perf_counter() - start
    msg = page.evaluate("() => window.__bigMsg")
    out["after_data_s"] = (drawn_at - msg["t"]) / 1000
    out["message_mb"] = msg["size"] / 2**20
    page.wait_for_function("() => /run=1 /.test(document.body.innerText)", timeout=TIMEOUT_S * 1000)
    out["first_script_s"] = _status(page)[2]

    box = target.bounding_box()
    assert box is not None, "the map has no size on the page"
    # A big selection (the middle 30 % of the map, about half of the points on the component's
    # square view) and then a small one (the middle 10 %), each until Python answers.
    for run, (lo, hi), name in ((2, (0.35, 0.65), "select"), (3, (0.45, 0.55), "select_small")):
        x0, y0 = box["x"] + box["width"] * lo, box["y"] + box["height"] * lo
        x1, y1 = box["x"] + box["width"] * hi, box["y"] + box["height"] * hi
        page.mouse.move(x0, y0)
        if kind == "component":
            page.keyboard.down("Shift")  # shift-drag draws a lasso on the component
        page.mouse.down()
        # A box is its two corners; a lasso is the path around the same square.
        path = [(x1, y1)] if kind == "plotly" else [(x1, y0), (x1, y1), (x0, y1), (x0, y0 + 12)]
        for x, y in path:
            page.mouse.move(x, y, steps=12)
        released = time.perf_counter()
        page.mouse.up()
        if kind == "component":
            page.keyboard.up("Shift")
        page.wait_for_function(
            f"() => /run={run} selected=[1-9]/.test(document.body.innerText)", timeout=TIMEOUT_S * 1000, polling=20
        )
        out[f"{name}_s"] = time.perf_counter() - released
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_S * 1000)
        page.evaluate(_NEXT_FRAME)
        out[f"{name}_idle_s"] = time.perf_counter() - released
        _, out[f"{name}_count"], out[f"{name}_script_s"] = _status(page)
        if kind == "component":
            out[f"{name}_release_to_send_s"] = frame.evaluate("() => window.__scatter.sentAfterLassoMs") / 1000
    out["browser_mb"] = _browser_mb() - out["blank_mb"]
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    out["js_heap_mb"] = metrics.get("JSHeapUsedSize", 0) / 2**20
    page.close()
    return out


def measure_all(kinds=KINDS, sizes=SIZES) -> dict[tuple[str, int], dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    results: dict[tuple[str, int], dict[str, float]] = {}
    log = ROOT / "test-artifacts"
    log.mkdir(exist_ok=True)
    with ExitStack() as stack:
        out = stack.enter_context(open(log / "bench-bigmap-server.log", "w"))
        url, _ = stack.enter_context(streamlit_server(log=out, script="bench/bigmap_app.py"))
        p = stack.enter_context(sync_playwright())
        for kind in kinds:
            for n in sizes:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    results[kind, n] = measure(browser, url, kind, n)
                except Exception as err:  # noqa: BLE001 - a timeout is a result too
                    results[kind, n] = {"error": 1.0}
                    print(f"# {kind} {n:,}: {type(err).__name__}: {str(err)[:200]}", file=sys.stderr)
                finally:
                    browser.close()
                print(f"# {kind} {n:,}: {results[kind, n]}", file=sys.stderr, flush=True)
    return results


def rows_from(results: dict[tuple[str, int], dict[str, float]]) -> list[Row]:
    rows = []
    for (kind, n), r in results.items():
        what = "Plotly scattergl" if kind == "plotly" else "our WebGL component"
        if "error" in r:
            rows.append(Row(f"{what}, {n:,} points: did not finish", TIMEOUT_S, "s", goal="paint < 3 s"))
            continue
        plotly = results.get(("plotly", n), {})
        ref = plotly.get if kind == "component" and "error" not in plotly else (lambda _k: None)
        rows += [
            Row(f"{what}, {n:,} points: machine load average (2 cores)", r["load_1min"], "", goal="context"),
            Row(f"{what}, {n:,} points: first paint from request", r["paint_s"], "s", ref("paint_s"), "Plotly"),
            Row(
                f"{what}, {n:,} points: paint after the data arrived ({r['message_mb']:.1f} MB)",
                r["after_data_s"],
                "s",
                ref("after_data_s"),
                "Plotly",
                goal="< 3 s",
            ),
            Row(
                f"{what}, {n:,} points: big selection → Python's answer ({r['select_count']:,.0f} points)",
                r["select_s"],
                "s",
                ref("select_s"),
                "Plotly",
                goal="< 1 s",
            ),
            Row(
                f"{what}, {n:,} points: small selection → Python's answer ({r['select_small_count']:,.0f} points)",
                r["select_small_s"],
                "s",
                ref("select_small_s"),
                "Plotly",
                goal="< 1 s",
            ),
            Row(f"{what}, {n:,} points: selection → idle", r["select_idle_s"], "s", ref("select_idle_s"), "Plotly"),
            Row(
                f"{what}, {n:,} points: browser memory over a blank page (all processes)",
                r["browser_mb"],
                "MB",
                ref("browser_mb"),
                "Plotly",
            ),
            Row(f"{what}, {n:,} points: page JS heap", r["js_heap_mb"], "MB", ref("js_heap_mb"), "Plotly"),
        ]
    return rows


def run() -> list[Row]:
    return rows_from(measure_all())


if __name__ == "__main__":
    from bench.common import print_table

    args = sys.argv[1:]
    kinds = tuple(a for a in args if a in KINDS) or KINDS
    sizes = tuple(int(a) for a in args if a.isdigit()) or SIZES
    print_table(rows_from(measure_all(kinds, sizes)))
