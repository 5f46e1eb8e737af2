"""Presenter mode as the back row sees it: 1920×1080, large text, no toolbar."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_chart_with_data, assert_no_exception, open_app, screenshot

pytestmark = pytest.mark.e2e


def test_presenter_mode_on_a_projector(page: Page, app_url: str):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url, "similarity?present=1")
    assert_no_exception(page)
    # Retried until the presenter CSS applies (a fresh server reruns its first page once).
    expect(page.get_by_test_id("stAppViewContainer")).to_have_css("font-size", "21px", timeout=60_000)
    expect(page.get_by_test_id("stToolbar")).to_have_count(0)
    assert_chart_with_data(page)
    page.screenshot(path="test-artifacts/screenshots/presenter-similarity.png")
    screenshot(page, "presenter-similarity-full")
