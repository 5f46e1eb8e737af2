"""The Analogies page in a real browser: both models answer, the parallelogram draws, fixes and the explorer work."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, plotly_traces, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def _type(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True).and_(page.locator("input")).first
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def test_analogies_page_end_to_end(page: Page, app_url: str):
    open_app(page, app_url)
    page.get_by_test_id("stSidebarNav").get_by_text("Analogies", exact=False).first.click()
    wait_idle(page)
    expect(page.get_by_text("Rank of “queen”")).to_have_count(2, timeout=180_000)
    assert_no_exception(page)
    traces = plotly_traces(page)
    assert len(traces) == 2 and all(n >= 5 for n in traces)
    screenshot(page, "analogies-1-question")

    _type(page, "is to b", "kingg")
    expect(page.get_by_text("did you mean 'king'", exact=False)).to_be_visible()
    page.get_by_role("button", name="Use “king” for “kingg”").click()
    wait_idle(page)
    expect(page.get_by_text("did you mean", exact=False)).to_have_count(0)

    page.get_by_role("tab", name="Explore neighbours and arithmetic").click()
    _type(page, "A word or an expression", "king - * man")
    expect(page.get_by_text("got '*' at character 8", exact=False)).to_have_count(1)
    _type(page, "A word or an expression", "<b>frog</b>")
    assert_no_exception(page)
    screenshot(page, "analogies-2-explorer")
