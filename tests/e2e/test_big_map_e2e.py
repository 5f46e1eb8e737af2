"""In a real browser: 6,000 imported vectors on the Maps page are drawn by the WebGL map; a click lists
the point's nearest neighbours in the original space, and Find marks the matching texts."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, Frame, Page, expect

import embedding_core as ec
from tests.e2e.helpers import (
    assert_no_exception,
    fill_text_input,
    go,
    open_app,
    open_tab,
    pick,
    screenshot,
    table_cells,
    wait_idle,
)

pytestmark = pytest.mark.e2e
N = 6_000
expect.set_options(timeout=60_000)  # the page reruns with 6,000 points on a shared machine


def _vectors() -> tuple[np.ndarray, list[str]]:
    """`N` unit vectors in 8 tight groups, and a text for each ("item i of group g")."""
    rng = np.random.default_rng(0)
    groups = rng.integers(0, 8, N)
    x = rng.normal(0, 1, (8, 32))[groups] + rng.normal(0, 0.15, (N, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    return x, [f"item {i} of group {g}" for i, g in enumerate(groups)]


@pytest.fixture
def tab(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield page
    context.close()


def _map_frame(page: Page) -> Frame:
    handle = page.wait_for_selector("iframe[title*='scatter']", timeout=120_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_function(f"() => (window.__scatter || {{}}).drawn === {N}", timeout=120_000)
    return frame


def test_imported_vectors_on_the_big_map_click_and_find(tab: Page, app_url: str, tmp_path: Path):
    x, texts = _vectors()
    buf = io.BytesIO()
    np.save(buf, x)
    (tmp_path / "big.npy").write_bytes(buf.getvalue())
    rows = [f"{t}\tgroup {t.rsplit(' ', 1)[1]}" for t in texts]
    (tmp_path / "metadata.tsv").write_text("text\tlabel\n" + "\n".join(rows) + "\n")

    open_app(tab, app_url)
    go(tab, "Your data")
    open_tab(tab, "Import vectors")
    tab.get_by_test_id("stFileUploader").filter(has_text="Vectors").locator("input[type=file]").set_input_files(
        str(tmp_path / "big.npy")
    )
    wait_idle(tab)
    tab.get_by_test_id("stFileUploader").filter(has_text="Metadata").locator("input[type=file]").set_input_files(
        str(tmp_path / "metadata.tsv")
    )
    wait_idle(tab)
    expect(tab.get_by_text(f"{N:,} vectors of 32 numbers.")).to_be_visible()
    tab.get_by_role("button", name="Add to my data").click()
    wait_idle(tab)

    go(tab, "Maps: projections")
    pick(tab, "Data", "My data: big")
    frame = _map_frame(tab)
    expect(tab.get_by_text(f"{N:,} of {N:,} points shown.")).to_be_visible()
    assert_no_exception(tab)

    # A click on a point lists its nearest neighbours in the original space, best first.
    row = 42
    tab.locator("iframe[title*='scatter']").scroll_into_view_if_needed()
    tab.wait_for_timeout(300)
    canvas = frame.locator("#map").bounding_box()
    assert canvas
    px, py = frame.evaluate("i => window.__scatter.screenOf(i)", row)
    tab.mouse.click(canvas["x"] + px, canvas["y"] + py)
    wait_idle(tab)
    heading = tab.get_by_role("heading", name="Nearest to")
    expect(heading).to_be_visible()
    clicked = heading.inner_text().split("“")[1].split("”")[0]
    i = texts.index(clicked)  # the point under the mouse (several may overlap: any of them)
    hits = ec.semantic_search(x[i], x, top_k=11)[0]
    expected = [texts[h.index] for h in hits if h.index != i][:10]
    tab.get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    cells = table_cells(tab)
    assert [c for c in cells if c.startswith("item ")][:10] == expected
    expect(frame.locator("#status")).to_have_text("11 highlighted")
    screenshot(tab, "big-map-neighbours")

    # Find: every text with "item 12" is marked.
    fill_text_input(tab, "Find a text", "item 12")
    count = sum("item 12" in t for t in texts)
    expect(tab.get_by_text(f"{count:,} of {N:,} texts contain “item 12”.")).to_be_visible()
    expect(frame.locator("#status")).to_have_text(f"{count:,} highlighted")
    assert_no_exception(tab)

    # Cluster labels and the density layer, asked for in the app, drawn on the map in the browser.
    fill_text_input(tab, "Find a text", "")
    tab.get_by_test_id("stCheckbox").filter(has_text="Cluster labels").locator("label").click()
    wait_idle(tab)
    expect(frame.locator("#marks span")).to_have_count(12)
    tab.get_by_test_id("stCheckbox").filter(has_text="Density").locator("label").click()
    wait_idle(tab)
    expect(frame.locator("#density")).to_be_visible()
    expect(tab.get_by_role("button", name=re.compile(r"Download the map \(HTML, [\d.]+ MB\)"))).to_be_visible()
    screenshot(tab, "big-map-labels-density")
    assert_no_exception(tab)
