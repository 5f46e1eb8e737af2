"""Predict, then reveal, as a room sees it: the guess first, the speaker's Reveal, then answer and why."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_the_room_guesses_then_the_speaker_reveals(page: Page, app_url: str):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url, "similarity?present=1")
    box = page.get_by_test_id("stExpander").filter(has_text="Predict first")
    expect(box.get_by_text("The answer shows on Reveal.")).to_be_visible(timeout=120_000)
    expect(box.get_by_text("Why:", exact=False)).to_have_count(0)  # nothing given away before Reveal
    box.get_by_text("“I love this movie” and “I love this pizza”").click()  # the room's guess
    wait_idle(page)
    expect(box.get_by_text("Why:", exact=False)).to_have_count(0)
    box.get_by_role("button", name="Reveal").click()
    wait_idle(page)
    expect(box.get_by_text("Why: with MiniLM", exact=False)).to_be_visible()
    expect(box.get_by_text("Your guesses this session:", exact=False)).to_be_visible()
    verdict = box.get_by_test_id("stAlert").first
    expect(verdict).to_contain_text("I love this pizza")  # the guess, right or wrong, is named beside the answer
    expect(box.get_by_test_id("stDataFrame")).to_have_count(1)
    assert_no_exception(page)
    screenshot(page, "predict-then-reveal")
