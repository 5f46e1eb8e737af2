"""A table's hover toolbar (search, download, full screen) covers no control or tab label above it."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.helpers import assert_no_exception, open_app, wait_idle

pytestmark = pytest.mark.e2e

_BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


def _toolbar_box(page: Page, table) -> list[float]:
    """Hover `table` and return its toolbar's box once shown."""
    table.wait_for(timeout=120_000)  # a loaded machine draws the table late
    table.scroll_into_view_if_needed()
    table.hover()
    toolbar = table.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]").locator(
        "[data-testid='stElementToolbar']"
    )
    toolbar.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # the toolbar fades in
    return toolbar.evaluate(_BOX)


def _apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.parametrize("width", [1440, 390])
def test_embed_table_toolbar_clears_the_tab_labels(page: Page, app_url: str, width: int):
    """On a phone the three tab labels fill the row, right where the toolbar sits."""
    page.set_viewport_size({"width": width, "height": 900 if width > 1000 else 844})
    open_app(page, app_url, "embed")
    assert_no_exception(page)
    bar = _toolbar_box(page, page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first)
    for name in ("The numbers", "Bar plot", "Barcode heatmap"):
        tab = page.get_by_role("tab", name=name).evaluate(_BOX)
        assert _apart(bar, tab), f"the table's toolbar {bar} covers the tab {name!r} {tab}"


def test_upload_preview_toolbar_clears_the_name_box(page: Page, app_url: str, tmp_path: Path):
    csv = tmp_path / "reviews.csv"
    csv.write_text("text,topic\n" + "".join(f"review number {i} of the shop,topic {i % 3}\n" for i in range(30)))
    open_app(page, app_url, "data")
    preview = page.get_by_text("Preview: 30 of 30 rows shown.")
    for _ in range(3):  # a file given while the page reruns can be dropped by the remounted uploader: give it again
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(csv))
        try:
            preview.wait_for(timeout=40_000)
            break
        except PlaywrightTimeout:
            wait_idle(page)
    expect(preview).to_be_visible()
    wait_idle(page)
    assert_no_exception(page)
    bar = _toolbar_box(page, page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first)
    for label in ("Text column", "Label column (optional)", "Name"):
        box = (
            page.locator("[data-testid='stMain'] [data-testid='stElementContainer']")
            .filter(has=page.get_by_label(label, exact=True))
            .last.evaluate(_BOX)
        )
        assert _apart(bar, box), f"the preview's toolbar {bar} covers the {label!r} box {box}"
