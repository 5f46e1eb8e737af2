"""Presenter mode as the back row sees it: 1920×1080, large text, no toolbar."""

import pytest
from playwright.sync_api import Page, expect

import embedding_core as ec
from tests.e2e.helpers import assert_chart_with_data, assert_no_exception, open_app, screenshot, wait_idle

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


#: The top of the topmost chart or table shown, in px from the top of the window.
_FIRST_CHART_TOP = """() => Math.min(...[...document.querySelectorAll(
    "[data-testid='stMain'] [data-testid='stPlotlyChart'], [data-testid='stMain'] [data-testid='stDataFrame'], "
    + "[data-testid='stMain'] [data-testid='stTable']")]
    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0)
    .map(e => e.getBoundingClientRect().top))"""

#: For every st.metric: [font size of the value's text, font size of the label's text] in px.
_METRIC_FONTS = """() => [...document.querySelectorAll("[data-testid='stMetric']")].map(m => {
    const leaf = e => { while (e.firstElementChild) e = e.firstElementChild;
        return parseFloat(getComputedStyle(e).fontSize); };
    return [leaf(m.querySelector("[data-testid='stMetricValue']")),
        leaf(m.querySelector("[data-testid='stMetricLabel']"))];
})"""

#: The button's label is drawn whole (not cut to "Ne…").
_WHOLE_LABEL = "b => [...b.querySelectorAll('p, span, div')].every(e => e.scrollWidth <= e.clientWidth + 1)"


def _in_view(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    box = button.bounding_box()
    assert box is not None, name
    assert box["y"] >= 0 and box["y"] + box["height"] <= 1080 and box["x"] + box["width"] <= 1920, (name, box)
    assert button.evaluate(_WHOLE_LABEL), f"{name!r} is cut"


def _pick_talk(page: Page, stem: str) -> None:
    """Choose a talk in the scene bar's box (its options show the title, e.g. 'Using embeddings')."""
    from ui.presenter import talk_title

    page.locator(".st-key-present_bar [data-testid='stSelectbox']").click()
    page.get_by_role("option", name=talk_title(stem), exact=True).click()
    wait_idle(page)


@pytest.mark.parametrize("talk", list(ec.talks()))
def test_every_scene_lands_on_its_picture_on_a_1920x1080_projector(page: Page, app_url: str, talk: str):
    """Next stays in view and whole; each scene's first chart starts in the first screen; numbers beat labels."""
    from ui.presenter import load_scenes, talks

    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url, "?present=1")
    expect(page.get_by_test_id("stAppViewContainer")).to_have_css("font-size", "21px", timeout=60_000)
    if talk != next(iter(talks())):
        _pick_talk(page, talk)
    scenes = load_scenes(talks()[talk])
    for number, scene in enumerate(scenes, start=1):
        _in_view(page, "Next ▶")
        page.get_by_role("button", name="Next ▶", exact=True).click()
        expect(page.get_by_text(f"Scene {number} of {len(scenes)}:")).to_be_visible(timeout=60_000)
        path = scene["page"].removeprefix("pages/").removesuffix(".py")
        page.wait_for_url(f"**/{path}*", timeout=60_000)
        wait_idle(page)
        assert_no_exception(page)
        assert_chart_with_data(page)
        page.wait_for_function(f"() => ({_FIRST_CHART_TOP})() < Infinity", timeout=60_000)
        page.wait_for_timeout(500)
        top = page.evaluate(_FIRST_CHART_TOP)
        assert 0 <= top <= 1080 - 200, f"scene {number} ({scene['page']}): first chart starts at y={top:.0f}"
        for value, label in page.evaluate(_METRIC_FONTS):
            assert value >= 2 * label, f"scene {number}: metric value {value}px, label {label}px"
        page.screenshot(path=f"test-artifacts/screenshots/presenter-{talk.replace(' ', '-')}-scene-{number}.png")
        page.eval_on_selector("[data-testid='stMain']", "m => { m.scrollTop = m.scrollHeight; }")
        page.wait_for_timeout(300)
        _in_view(page, "Next ▶")  # pinned to the top of the main area, however far the page scrolls
        _in_view(page, "◀ Previous")
        page.eval_on_selector("[data-testid='stMain']", "m => { m.scrollTop = 0; }")
