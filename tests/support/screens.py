"""Full-page screenshots of every page, and a pixel comparison of two sets of them.

Take screenshots (one fresh browser session per page, Debian Chromium, 1440x900; the Maps page
also in presenter mode at 1920x1080)::

    python -m tests.support.screens OUTDIR

Compare two folders taken before and after a change; prints, per page, the share of pixels that
differ and exits with 1 when a page is missing or differs by more than ``--max-share``::

    python -m tests.support.screens --compare BEFORE AFTER

The pages are the files in ``pages/`` (the home page is the app's default page, at ``/``), so a
page added or removed by a change shows up as missing on one side of the comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

VIEWPORT = {"width": 1440, "height": 900}
PRESENTER_VIEWPORT = {"width": 1920, "height": 1080}
MAX_HEIGHT = 10_000  # px: a taller page is cut here (Chromium's limit for one capture is far above)
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

#: Every plotly chart on screen has been drawn: its SVG exists and, if it has traces, one holds points
#: (a figure made of shapes and annotations only, like the Inside page's word pieces, has no traces).
_CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .filter(c => c.offsetParent !== null)
    .every(c => { const p = c.querySelector('.js-plotly-plot');
        if (!p || !p._fullLayout || !p.querySelector('.main-svg')) return false;
        const traces = p.data || [];
        return traces.length === 0 || traces.some(t => ['x', 'z', 'values', 'r', 'cells'].some(k =>
            t[k] && (t[k].length > 0 || Object.keys(t[k]).length > 0))); })"""


#: Bottom edge of the page's content, in px from the top of the main area, scrolled or not.
_CONTENT_HEIGHT = """() => { const main = document.querySelector("[data-testid='stMain']");
    const block = document.querySelector("[data-testid='stMainBlockContainer']") || main;
    return Math.ceil(block.getBoundingClientRect().bottom - main.getBoundingClientRect().top + main.scrollTop); }"""


@dataclass(frozen=True)
class Shot:
    name: str  # file stem of the PNG
    path: str  # URL path after the server address, with its query
    viewport: dict[str, int]


def shots(root: Path = ROOT) -> list[Shot]:
    """One shot per file in pages/ (home at "/"), plus the Maps page in presenter mode."""
    found = [Shot("home", "", VIEWPORT)]
    found += [Shot(p.stem, p.stem, VIEWPORT) for p in sorted((root / "pages").glob("*.py")) if p.stem != "home"]
    found.append(Shot("projections-presenter", "projections?present=1", PRESENTER_VIEWPORT))
    return found


def _wait_idle(page, timeout: float = 180_000) -> None:
    """Wait until the script run has finished and no spinner is left (twice: a first run may rerun)."""
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_function("() => !document.querySelector(\"[data-testid='stSpinner']\")", timeout=timeout)


def _capture(browser, url: str, shot: Shot, out: Path) -> tuple[str, bool]:
    """Open `shot` in a fresh session, wait for its charts, save a full-page PNG.

    Returns:
        ``(status line, whether something was wrong)``.
    """
    context = browser.new_context(viewport=shot.viewport, device_scale_factor=1)
    try:
        page = context.new_page()
        page.set_default_timeout(180_000)
        started = time.perf_counter()
        page.goto(f"{url}/{shot.path}")
        page.wait_for_selector("[data-testid='stApp']")
        _wait_idle(page)
        note = ""
        try:
            page.wait_for_function(_CHARTS_DRAWN, timeout=60_000)
        except Exception:  # noqa: BLE001 (a chart that never draws is reported, the page is still saved)
            note = " (a chart was not drawn within 60 s)"
        if page.locator("[data-testid='stException']").count():
            note += " (an exception box is shown)"
        page.mouse.move(shot.viewport["width"] - 2, 2)  # no hover label over a chart
        # Streamlit scrolls inside its main area: make the window as tall as the content, then capture.
        # The height is the bottom of the content (not the main area's scroll height, which never falls
        # below the window's), measured again after each resize until it stays the same.
        for _attempt in range(3):
            content = int(page.evaluate(_CONTENT_HEIGHT))
            wanted = min(max(content, shot.viewport["height"]), MAX_HEIGHT)
            if wanted == page.viewport_size["height"]:
                break
            page.set_viewport_size({"width": shot.viewport["width"], "height": wanted})
            page.wait_for_timeout(1_000)  # plotly charts resize to the new window
            _wait_idle(page)
        height = page.viewport_size["height"]
        page.screenshot(path=str(out / f"{shot.name}.png"), full_page=True, animations="disabled")
        charts = page.locator("[data-testid='stPlotlyChart']").count()
        line = f"{shot.name}: {charts} charts, {height} px tall, {time.perf_counter() - started:.1f} s{note}"
        return line, bool(note)
    finally:
        context.close()


def take(out: Path) -> int:
    """Screenshot every page into `out`; return the number of pages with a problem."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    problems = 0
    with streamlit_server() as (url, _pid), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for shot in shots():
                line, problem = _capture(browser, url, shot, out)
                problems += problem
                print(line, flush=True)
        finally:
            browser.close()
    print(f"{len(shots())} screenshots in {out}")
    return problems


def differing_share(before: Path, after: Path, *, tolerance: int = 16) -> tuple[float, str]:
    """Share of pixels whose colour differs by more than `tolerance` (0-255, any channel).

    Images of different sizes are compared on the larger canvas: the area only one of them
    covers counts as different. Returns ``(share, size note)``.
    """
    import numpy as np
    from PIL import Image

    a = np.asarray(Image.open(before).convert("RGB"), dtype=np.int16)
    b = np.asarray(Image.open(after).convert("RGB"), dtype=np.int16)
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    differ = np.ones((h, w), dtype=bool)
    ch, cw = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    differ[:ch, :cw] = (np.abs(a[:ch, :cw] - b[:ch, :cw]) > tolerance).any(axis=2)
    size = "" if a.shape == b.shape else f" (size {a.shape[1]}x{a.shape[0]} -> {b.shape[1]}x{b.shape[0]})"
    return float(differ.mean()), size


def _pairs(before: Path, after: Path) -> Iterator[tuple[str, Path | None, Path | None]]:
    names = sorted({p.stem for p in before.glob("*.png")} | {p.stem for p in after.glob("*.png")})
    for name in names:
        a, b = before / f"{name}.png", after / f"{name}.png"
        yield name, a if a.exists() else None, b if b.exists() else None


def compare(before: Path, after: Path, *, max_share: float, tolerance: int) -> int:
    """Print the share of differing pixels per page; return the number of pages over `max_share` or missing."""
    failures = 0
    rows = list(_pairs(before, after))
    if not rows:
        print(f"No PNG files in {before} or {after}.")
        return 1
    width = max(len(name) for name, _, _ in rows)
    for name, a, b in rows:
        if a is None or b is None:
            failures += 1
            print(f"{name:<{width}}  missing in {'BEFORE' if a is None else 'AFTER'}")
            continue
        share, size = differing_share(a, b, tolerance=tolerance)
        over = share > max_share
        failures += over
        print(f"{name:<{width}}  {share:7.2%} of pixels differ{size}{'  <- over the limit' if over else ''}")
    print(f"{failures} of {len(rows)} pages over {max_share:.1%} or missing (tolerance {tolerance}/255 per channel).")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.screens", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path, help="folder to save the screenshots in")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="compare two folders")
    parser.add_argument("--max-share", type=float, default=0.01, help="share of differing pixels allowed (0.01)")
    parser.add_argument("--tolerance", type=int, default=16, help="colour difference ignored per channel (16)")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = args.compare
        for folder in (before, after):
            if not folder.is_dir():
                parser.error(f"{folder} is not a folder")
        return 1 if compare(before, after, max_share=args.max_share, tolerance=args.tolerance) else 0
    if args.outdir is None:
        parser.error("give OUTDIR to take screenshots, or --compare BEFORE AFTER")
    return 1 if take(args.outdir) else 0


if __name__ == "__main__":
    sys.exit(main())
