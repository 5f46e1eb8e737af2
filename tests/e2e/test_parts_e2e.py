"""In a real browser: a control in a part of a page (`ui.parts.part`) updates its chart, the URL and the link.

The AppTests (tests/app/test_parts.py) show that such a control reruns only its part; here a person's
browser shows that the rest of the page stays on screen, the address bar and the "Link to this view"
popover follow the new value, and the value is still there after a visit to another page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, go, open_app, open_tab, wait_idle

pytestmark = pytest.mark.e2e


def _slider(page: Page, label: str):
    return page.get_by_test_id("stSlider").filter(has_text=label).get_by_role("slider")


def test_arrow_slider_updates_its_chart_the_url_and_the_link_and_survives_a_page_switch(page: Page, app_url: str):
    open_app(page, app_url, "similarity")
    open_tab(page, "How cosine similarity works")
    charts = page.locator(".js-plotly-plot").count()
    thumb = _slider(page, "Direction of b (degrees)")
    thumb.focus()
    thumb.press("Home")  # 0 degrees; arrow a points at 30
    wait_idle(page)
    expect(thumb).to_have_value("0")
    angle = page.get_by_test_id("stMetric").filter(has_text="Angle")
    expect(angle).to_contain_text("30°")
    expect(page.get_by_role("heading", name="Similarity: the angle between meanings")).to_be_visible()
    assert page.locator(".js-plotly-plot").count() == charts  # the other charts stayed on the page
    assert "similarity_b_angle=0" in page.url
    page.get_by_test_id("stSidebar").get_by_text("Link to this view").click()
    expect(page.get_by_test_id("stCode").filter(has_text="similarity_b_angle=0")).to_be_visible()
    page.keyboard.press("Escape")
    assert_no_exception(page)

    go(page, "Embed: the numbers")
    go(page, "Similarity")
    open_tab(page, "How cosine similarity works")
    expect(_slider(page, "Direction of b (degrees)")).to_have_value("0")
    expect(page.get_by_test_id("stMetric").filter(has_text="Angle")).to_contain_text("30°")
