"""In a real browser: the Compare page, and connecting to an embedding server (a real one on 127.0.0.1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, plotly_traces, screenshot, wait_idle
from tests.support.openai_server import EmbeddingServer

pytestmark = pytest.mark.e2e
KEY = "sk-e2e-0123456789abcdef"


def test_compare_page_shows_figures_for_minilm_and_glove(page: Page, app_url: str):
    open_app(page, app_url, "compare")
    expect(page.get_by_role("heading", name="Compare two models")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(3)
    page.wait_for_selector(".js-plotly-plot")
    page.get_by_role("tab", name="Aligned maps").click()
    wait_idle(page)
    # twin heatmaps (2 traces), pairs (1), aligned maps (lines + A + B)
    assert plotly_traces(page) == [2, 1, 3]
    assert_no_exception(page)
    screenshot(page, "10-compare")


def test_server_form_connects_and_never_shows_the_key(page: Page, app_url: str, minilm):
    with EmbeddingServer(minilm, api_key=KEY) as server:
        open_app(page, app_url, "embed")
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("More models").click()
        sidebar.get_by_role("tab", name="Server").click()
        sidebar.get_by_role("textbox", name="Server address").fill(server.base_url)
        sidebar.get_by_role("textbox", name="Model name").fill(server.model_id)
        sidebar.get_by_role("textbox", name="API key").fill(KEY)
        sidebar.get_by_role("button", name="Connect").click()
        wait_idle(page)
        expect(sidebar.get_by_text("384 numbers per text, from the server at 127.0.0.1")).to_be_visible()
        expect(sidebar.get_by_role("textbox", name="API key")).to_have_value("")
        assert KEY not in page.content() and KEY not in page.url
        assert all(s.key_ok for s in server.seen) and len(server.seen) >= 2
        assert_no_exception(page)
        screenshot(page, "11-server-model")
