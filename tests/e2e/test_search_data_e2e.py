"""Search and Your data in a real browser: presets, both result lists, the map; upload → embed → search it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, plotly_traces, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_search_preset_shows_both_lists_and_the_map(page: Page, app_url: str):
    open_app(page, app_url, "search")
    expect(page.get_by_role("heading", name="By meaning")).to_be_visible(timeout=180_000)
    page.get_by_role("button", name="DP-203").click()
    wait_idle(page)
    expect(page.get_by_text("A certification code means nothing to the model").first).to_be_visible()
    assert_no_exception(page)
    assert any(n > 0 for n in plotly_traces(page))
    screenshot(page, "search")


def test_upload_embed_then_search_my_data(page: Page, app_url: str, tmp_path):
    upload = tmp_path / "pets.csv"
    upload.write_text(
        "text,kind\n"
        + "".join(f"{t},{k}\n" for t, k in [("my cat sleeps all day", "cat"), ("the dog barks", "dog")] * 10)
        + "<script>alert('x')</script>,odd\n"
    )
    open_app(page, app_url, "data")
    page.locator("input[type=file]").first.set_input_files(str(upload))
    expect(page.get_by_text("Preview: 21 of 21 rows shown.")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Embed 21 texts").click()
    expect(page.get_by_text("Kept 'pets' for this session")).to_be_visible(timeout=120_000)
    assert_no_exception(page)
    screenshot(page, "data")
    # The sidebar keeps this session (a new URL would start a new session, without the upload).
    page.get_by_test_id("stSidebarNav").get_by_text("Search", exact=False).first.click()
    expect(page.get_by_role("heading", name="By meaning")).to_be_visible(timeout=180_000)
    wait_idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Data").first.click()
    page.get_by_role("option", name="My data: pets").click()
    wait_idle(page)
    query = page.get_by_label("Your query").and_(page.locator("input")).first
    query.fill("kitten")
    query.press("Enter")
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("21 texts shown", exact=False).first).to_be_visible()
    screenshot(page, "search-my-data")
