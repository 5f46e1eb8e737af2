"""The Clusters page in a real browser: the map is coloured by cluster, HDBSCAN's noise is grey."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, plotly_traces, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_clusters_page_maps_the_word_sets_and_shows_noise(page: Page, app_url: str):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_app(page, app_url, "clusters")
    expect(page.get_by_role("heading", name="Clusters: find groups, name them, measure them")).to_be_visible()
    assert_no_exception(page)
    expect(page.get_by_text("Adjusted Rand index")).to_be_visible(timeout=120_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert plotly_traces(page)[0] == 14  # one trace per cluster on the map
    screenshot(page, "clusters-kmeans")
    page.get_by_role("tab", name="Choosing k").click()
    wait_idle(page)
    screenshot(page, "clusters-choosing-k")
    page.get_by_test_id("stSelectbox").filter(has_text="Algorithm").click()
    page.get_by_role("option", name="HDBSCAN (density)").click()
    wait_idle(page)
    expect(page.get_by_text("Noise", exact=True)).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    names = page.eval_on_selector(".js-plotly-plot", "el => el.data.map(t => t.name)")
    assert names[0] == "noise"  # drawn first, underneath, in grey
    screenshot(page, "clusters-hdbscan")
