"""Every page opens from the sidebar, its main interaction works, a chart with data is drawn, no error box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, fill_text_area, open_app, plotly_traces, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_home_paints_and_lists_the_lesson(page: Page, app_url: str):
    open_app(page, app_url)
    expect(page.get_by_role("heading", name="Embeddings Explorer")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "01-home")


def test_embed_page_from_the_sidebar(page: Page, app_url: str):
    open_app(page, app_url)
    page.get_by_test_id("stSidebarNav").get_by_text("Embed", exact=False).first.click()
    wait_idle(page)
    fill_text_area(page, "Texts, one per line", "king\nqueen\n<script>alert('x')</script>")
    assert_no_exception(page)
    # HTML typed by the user is shown as text, never run.
    expect(page.get_by_text("<script>alert('x')</script>").first).to_be_attached()
    page.get_by_role("tab", name="Barcode heatmap").click()
    wait_idle(page)
    assert any(n > 0 for n in plotly_traces(page))
    screenshot(page, "02-embed")
