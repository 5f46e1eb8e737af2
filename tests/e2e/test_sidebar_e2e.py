"""In a real browser: connecting to an embedding server (a real one on 127.0.0.1) from the sidebar."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, screenshot, wait_idle
from tests.support.openai_server import EmbeddingServer

pytestmark = pytest.mark.e2e
KEY = "sk-e2e-0123456789abcdef"


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
        screenshot(page, "22-server-model")
