"""On a phone (390x844) the main picture comes before long settings, and plotly's toolbar clears the title."""

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.helpers import assert_chart_with_data, assert_no_exception, open_app

pytestmark = pytest.mark.e2e

#: Page path → the keyed block of settings that must come after the page's first chart.
SETTINGS = {"embed": "embed_metrics", "analogies": "analogies_options", "projections": "projection_settings"}

_TOPS = """key => {
    const chart = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart'],"
        + "[data-testid='stMain'] [data-testid='stDataFrame']")].filter(e => e.offsetParent !== null)[0];
    const settings = document.querySelector('.st-key-' + key);
    return [chart.getBoundingClientRect().top, settings.getBoundingClientRect().top];
}"""


@pytest.mark.parametrize("path", list(SETTINGS))
def test_the_picture_comes_before_long_settings_on_a_phone(page: Page, app_url: str, path: str):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, app_url, path)
    assert_no_exception(page)
    assert_chart_with_data(page)
    page.wait_for_function(f"() => document.querySelector('.st-key-{SETTINGS[path]}')", timeout=60_000)
    # The layout settles after the run (the page's CSS and its late elements arrive in separate messages):
    # wait for the order, then measure, so a failure reports the settled positions.
    try:
        page.wait_for_function(
            f"key => {{ try {{ const [c, s] = ({_TOPS})(key); return c < s; }} catch (e) {{ return false; }} }}",
            arg=SETTINGS[path],
        )
    except PlaywrightTimeout:
        pass
    chart, settings = page.evaluate(_TOPS, SETTINGS[path])
    assert chart < settings, f"{path}: the first chart starts at y={chart:.0f}, below the settings at y={settings:.0f}"
    page.screenshot(path=f"test-artifacts/screenshots/phone-{path}.png", full_page=True)
