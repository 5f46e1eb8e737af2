"""What a person sees: wait for a run to finish, find charts with data, catch error boxes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_idle(page: Page, timeout: float = 120_000) -> None:
    """Wait until Streamlit has finished running the script (and its spinners are gone)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.locator("[data-testid='stSpinner']")).to_have_count(0, timeout=timeout)


def open_app(page: Page, url: str, path: str = "") -> None:
    page.goto(f"{url}/{path}")
    page.wait_for_selector("[data-testid='stApp']", timeout=60_000)
    wait_idle(page)


def go(page: Page, title: str) -> None:
    """Open a page by clicking its entry in the sidebar menu, as a person does."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    wait_idle(page)
    current = page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")
    expect(current).to_have_accessible_name(title)


def plotly_traces(page: Page) -> list[int]:
    """Number of traces in each plotly chart on the page."""
    return page.eval_on_selector_all(".js-plotly-plot", "els => els.map(e => (e.data || []).length)")


def assert_chart_with_data(page: Page, timeout: float = 60_000) -> None:
    """At least one plotly chart is drawn with a trace holding data points."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(e => (e.data || []).some(t =>
            ['x', 'z', 'values', 'r'].some(k => t[k] && (t[k].length > 0 || Object.keys(t[k]).length > 0))))""",
        timeout=timeout,
    )


def assert_no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def screenshot(page: Page, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main area, so the window is made tall first."""
    size = page.viewport_size or {"width": 1440, "height": 1000}
    page.mouse.move(size["width"] - 2, 2)  # no hover tooltip over the page
    height = page.eval_on_selector("[data-testid='stMain']", "e => e.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8_000)})
    page.wait_for_timeout(400)  # plotly charts resize to the new window
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def fill_text_area(page: Page, label: str, text: str) -> None:
    """Type into a text area and apply it (Ctrl+Enter), then wait for the rerun."""
    box = page.get_by_label(label, exact=True).and_(page.locator("textarea")).first
    box.fill(text)
    box.press("Control+Enter")
    wait_idle(page)


def fill_text_input(page: Page, label: str, text: str) -> None:
    """Type into a one-line text box and apply it (Enter), then wait for the rerun."""
    box = page.get_by_label(label, exact=True).and_(page.locator("input")).first
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def pick(page: Page, label: str, option: str) -> None:
    """Choose `option` in the select box labelled `label`."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option).first.click()
    wait_idle(page)


def open_tab(page: Page, name: str) -> None:
    """Click a tab (charts in tabs that are not shown may not be drawn)."""
    page.get_by_role("tab", name=name, exact=True).first.click()
    wait_idle(page)


def table_cells(page: Page) -> list[str]:
    """The text of every visible cell of the page's data frames (their accessible grid)."""
    expect(page.locator("[data-testid='stDataFrame'] [role='gridcell']").first).to_be_attached()
    return page.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()
