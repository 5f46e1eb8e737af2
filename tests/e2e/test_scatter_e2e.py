"""In a real browser: the big-map component draws every point, shows hover texts, and hands box, lasso,
click and clear back to Python with the right rows. Its script comes from the app's server only."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.e2e.conftest import ROOT
from tests.e2e.helpers import SCREENSHOTS, wait_idle
from tests.support.streamlit_server import streamlit_server

pytestmark = pytest.mark.e2e
N = 3_001  # two blocks of 1,500 and the lonely point


@pytest.fixture(scope="module")
def scatter_url() -> Iterator[str]:
    log = ROOT / "test-artifacts"
    log.mkdir(exist_ok=True)
    with (
        open(log / "scatter-server.log", "w") as out,
        streamlit_server(log=out, script="tests/e2e/apps/scatter_app.py") as (url, _pid),
    ):
        yield url


def _map_frame(page: Page) -> Frame:
    handle = page.wait_for_selector("iframe[title*='scatter']", timeout=60_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_function(f"() => (window.__scatter || {{}}).drawn === {N}", timeout=60_000)
    return frame


def _said(page: Page, pattern: str) -> None:
    """Wait until Python's status line matches `pattern`."""
    expect(page.get_by_test_id("stText").filter(has_text="selected=")).to_have_text(re.compile(pattern), timeout=30_000)


def _at(page: Page, frame: Frame, row: int) -> tuple[float, float]:
    """Where point `row` is drawn, in page pixels (Playwright gives a frame's boxes in page pixels too)."""
    canvas = frame.locator("#map").bounding_box()
    x, y = frame.evaluate("i => window.__scatter.screenOf(i)", row)
    assert canvas
    return canvas["x"] + x, canvas["y"] + y


def _around(page: Page, frame: Frame, rows: list[int], pad: float = 12) -> list[tuple[float, float]]:
    """The corners of a rectangle around the points `rows`, `pad` pixels out."""
    xs, ys = zip(*(_at(page, frame, r) for r in rows), strict=True)
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


LEFT_CORNERS = [0, 29, 1470, 1499]  # the block is a 30 x 50 grid, row by row
RIGHT_CORNERS = [1500 + r for r in LEFT_CORNERS]
LONELY = 3000


def test_map_draws_hovers_selects_and_clicks(page: Page, scatter_url: str):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(scatter_url)
    frame = _map_frame(page)
    wait_idle(page)
    _said(page, r"^selected=0 .* how=none clicked=none$")
    lonely = _at(page, frame, LONELY)

    # Hover: the lonely point's text, as text (never parsed as HTML).
    page.mouse.move(*lonely)
    expect(frame.locator("#tooltip")).to_have_text("the lonely point", timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / "scatter-hover.png"))

    # Box: the left block, all of it and nothing else.
    frame.get_by_role("button", name="Box").click()
    (x0, y0), _, (x1, y1), _ = _around(page, frame, LEFT_CORNERS)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=15)
    page.mouse.up()
    _said(page, r"^selected=1500 left=1500 right=0 how=box clicked=none$")
    expect(frame.locator("#status")).to_have_text("1,500 selected")

    # Lasso: a freeform loop around the right block.
    frame.get_by_role("button", name="Lasso").click()
    loop = _around(page, frame, RIGHT_CORNERS)
    page.mouse.move(*loop[0])
    page.mouse.down()
    for x, y in [*loop[1:], (loop[0][0], loop[0][1] + 8)]:
        page.mouse.move(x, y, steps=10)
    page.mouse.up()
    _said(page, r"^selected=1500 left=0 right=1500 how=lasso clicked=none$")

    # Click: in Pan mode a click picks the point under the mouse.
    frame.get_by_role("button", name="Pan").click()
    page.mouse.click(*lonely)
    _said(page, r"^selected=1 left=0 right=0 how=click clicked=3000:the lonely point$")

    # Escape clears the selection.
    frame.locator("#map").press("Escape")
    _said(page, r"^selected=0 left=0 right=0 how=clear clicked=none$")

    # Every request went to the app's own server: nothing from a CDN.
    outside = [u for u in requests if not u.startswith(scatter_url)]
    assert requests and not outside, outside


def test_labels_sit_on_their_place_and_follow_the_zoom(page: Page, scatter_url: str):
    page.goto(scatter_url)
    frame = _map_frame(page)
    label = frame.get_by_text("left block", exact=True)
    expect(label).to_be_visible()
    near_centre = 25 * 30 + 15  # the grid point closest to (-10, 0)

    def offset() -> float:
        box = label.bounding_box()
        assert box
        x, y = _at(page, frame, near_centre)
        return max(abs(box["x"] + box["width"] / 2 - x), abs(box["y"] + box["height"] / 2 - y))

    assert offset() < 6
    before = _at(page, frame, near_centre)
    page.mouse.move(before[0] + 60, before[1] - 40)
    page.mouse.wheel(0, -300)  # zoom in near the block: it grows and moves away from the mouse
    page.wait_for_timeout(800)
    assert _at(page, frame, near_centre) != before
    assert offset() < 6


def test_find_highlights_the_matching_points(page: Page, scatter_url: str):
    page.goto(scatter_url)
    frame = _map_frame(page)
    box = page.get_by_label("Find a text")
    box.fill("right #2")
    box.press("Enter")
    wait_idle(page)
    # "right #2", "right #20".."#29", "right #200".."#299", "right #2000".."#2999" among rows 1500-2999.
    expected = sum("right #2" in t for t in [f"right #{i}" for i in range(1500, 3000)])
    expect(frame.locator("#status")).to_have_text(f"{expected:,} highlighted", timeout=20_000)
    page.screenshot(path=str(SCREENSHOTS / "scatter-find.png"))
    box.fill("")
    box.press("Enter")
    wait_idle(page)
    expect(frame.locator("#status")).to_have_text("", timeout=20_000)
