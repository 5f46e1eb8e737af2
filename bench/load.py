"""A room opening the app at once: N concurrent browser sessions against one Streamlit server.

    python -m bench.load            # 60 sessions
    python -m bench.load --sessions 20

Starts `streamlit run app.py` on a free loopback port, opens N browser sessions (one
headless Chromium, one context each), and has every session embed its own texts and
draw a map through deep links. Reports completion times, errors and the server's peak
RSS (sampled every 0.2 s). Traffic stays on 127.0.0.1; the run is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import threading
import time
from urllib.parse import urlencode

import psutil

from bench.common import ROOT
from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
WORDS = ["river", "money", "guitar", "piano", "tiger", "lion", "rain", "snow", "doctor", "nurse", "bread", "cheese"]


def _texts(i: int) -> str:
    """Texts unique to session `i`, so no session is served from another's cache."""
    return "\n".join(f"{WORDS[(i + k) % len(WORDS)]} number {i}-{k}" for k in range(8))


def _steps(i: int) -> list[tuple[str, dict[str, str]]]:
    """The pages session `i` visits, each opened by a deep link with its inputs."""
    steps = [("embed", {"embed_texts": _texts(i)})]
    if (ROOT / "pages" / "projections.py").exists():
        steps.append(("projections", {"projection_source": "__typed__", "projection_typed": _texts(i)}))
    return steps


class _RssSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)


async def _session(browser, url: str, i: int, timeout_s: float) -> tuple[float, str | None]:
    start = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for path, params in _steps(i):
            await page.goto(f"{url}/{path}?{urlencode(params)}", timeout=timeout_s * 1000)
            await page.wait_for_selector(".js-plotly-plot", state="attached", timeout=timeout_s * 1000)
            await page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
            if await page.locator("[data-testid='stException']").count():
                return time.perf_counter() - start, f"session {i}: exception on {path}"
        return time.perf_counter() - start, None
    except Exception as err:  # noqa: BLE001 - a timeout or a crash is this session's error
        return time.perf_counter() - start, f"session {i}: {type(err).__name__}: {str(err).splitlines()[0][:120]}"
    finally:
        await context.close()


async def _drive(url: str, sessions: int, timeout_s: float) -> list[tuple[float, str | None]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        try:
            return await asyncio.gather(*(_session(browser, url, i, timeout_s) for i in range(sessions)))
        finally:
            await browser.close()


def run_load(sessions: int = 60, timeout_s: float = 600) -> dict:
    with streamlit_server() as (url, pid):
        sampler = _RssSampler(pid)
        sampler.start()
        idle_rss = psutil.Process(pid).memory_info().rss
        start = time.perf_counter()
        try:
            results = asyncio.run(_drive(url, sessions, timeout_s))
        finally:
            wall = time.perf_counter() - start
            sampler.stop.set()
    times = sorted(t for t, _ in results)
    errors = [e for _, e in results if e]
    return {
        "sessions": sessions,
        "steps": [p for p, _ in _steps(0)],
        "wall_s": wall,
        "median_s": statistics.median(times),
        "p90_s": times[int(0.9 * (len(times) - 1))],
        "max_s": times[-1],
        "errors": errors,
        "idle_rss_mb": idle_rss / 2**20,
        "peak_rss_mb": sampler.peak / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--timeout", type=float, default=600, help="per-session limit in seconds")
    args = parser.parse_args()
    r = run_load(args.sessions, args.timeout)
    print(f"{r['sessions']} concurrent sessions through {' → '.join(r['steps'])}")
    print(
        f"all done in {r['wall_s']:.1f} s; per session median {r['median_s']:.1f} s, p90 {r['p90_s']:.1f} s, "
        f"max {r['max_s']:.1f} s"
    )
    print(f"errors: {len(r['errors'])}" + "".join(f"\n  {e}" for e in r["errors"][:10]))
    print(f"server RSS: {r['idle_rss_mb']:.0f} MB idle, peak {r['peak_rss_mb']:.0f} MB (goal < 1,500 MB)")


if __name__ == "__main__":
    main()
