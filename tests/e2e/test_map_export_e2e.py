"""In a real browser, from file:// with no server: the exported map draws every point, hovers, shows its
labels, the placed text and the density layer (toggled by its button), and asks the network for nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import SCREENSHOTS
from ui.components.scatter import prepare_map, standalone_html

pytestmark = pytest.mark.e2e
N = 3_001  # two blocks of 1,500 and the lonely point, as the component's own browser test


def _page(tmp_path: Path) -> Path:
    gx, gy = np.meshgrid(np.linspace(0, 4, 30), np.linspace(-2, 2, 50))
    block = np.column_stack([gx.ravel(), gy.ravel()])
    coords = np.vstack([block - [12, 0], block + [8, 0], [[0.0, 6.0]]])
    sides = ["left"] * len(block) + ["right"] * len(block) + ["lonely"]
    texts = [f"{side} #{i}" for i, side in enumerate(sides[:-1])] + ["the <b>lonely</b> point"]
    data = prepare_map(coords, sides, texts)
    page = standalone_html(
        data,
        title="Exported map",
        labels=[(-10.0, 0.0, "left block"), (10.0, 0.0, "right block")],
        query=(0.0, -4.0, "my query"),
        density=True,
    )
    path = tmp_path / "map.html"
    path.write_text(page, encoding="utf-8")
    return path


def _pixel(page: Page, x: float, y: float) -> list[int]:
    """The colour of the density layer at (x, y) in CSS pixels of the page."""
    return page.evaluate(
        """([x, y]) => {
          const c = document.getElementById("density");
          const r = window.devicePixelRatio || 1;
          return Array.from(c.getContext("2d").getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data);
        }""",
        [x, y],
    )


def test_the_exported_map_opens_from_disk_and_draws_everything(page: Page, tmp_path: Path):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    path = _page(tmp_path)
    page.goto(path.as_uri())
    page.wait_for_function(f"() => (window.__scatter || {{}}).drawn === {N}", timeout=60_000)
    expect(page).to_have_title("Exported map")
    expect(page.get_by_text("left block", exact=True)).to_be_visible()
    expect(page.get_by_text("my query", exact=True)).to_be_visible()

    # Hover: the lonely point's text, as text (never parsed as HTML).
    page.wait_for_function("() => window.__scatter.textsMs !== undefined")
    x, y = page.evaluate(f"() => window.__scatter.screenOf({N - 1})")
    page.mouse.move(x, y)
    expect(page.locator("#tooltip")).to_have_text("the <b>lonely</b> point", timeout=10_000)

    # Density: dark where a block is, white where no point is; its button hides and shows it.
    bx, by = page.evaluate("() => window.__scatter.screenOf(750)")  # inside the left block
    dense, empty = _pixel(page, bx, by), _pixel(page, (bx + x) / 2, y)
    assert dense[2] > dense[0] + 40 and dense[0] < 200, dense  # blue
    assert empty[:3] == [255, 255, 255], empty
    page.screenshot(path=str(SCREENSHOTS / "map-export-density.png"))
    button = page.get_by_role("button", name="Density")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()
    expect(page.locator("#density")).to_be_hidden()
    button.click()
    expect(page.locator("#density")).to_be_visible()
    page.get_by_role("button", name="Labels").click()
    expect(page.get_by_text("left block", exact=True)).to_be_hidden()

    outside = [u for u in requests if not u.startswith("file://")]
    assert requests and not outside, outside
