"""Presenter mode as the back row sees it: 1920×1080, large text, no toolbar."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, plotly_traces, screenshot

pytestmark = pytest.mark.e2e


def test_presenter_mode_on_a_projector(page: Page, app_url: str):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url, "similarity?present=1")
    assert_no_exception(page)
    expect(page.get_by_test_id("stToolbar")).to_have_count(0)
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-testid=stAppViewContainer]')).fontSize)"
    )
    assert size >= 20
    assert any(n > 0 for n in plotly_traces(page))
    page.screenshot(path="test-artifacts/screenshots/presenter-similarity.png")
    screenshot(page, "presenter-similarity-full")
