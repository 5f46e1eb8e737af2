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


def plotly_traces(page: Page) -> list[int]:
    """Number of traces in each plotly chart on the page."""
    return page.eval_on_selector_all(".js-plotly-plot", "els => els.map(e => (e.data || []).length)")


def assert_no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def screenshot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fill_text_area(page: Page, label: str, text: str) -> None:
    """Type into a text area and apply it (Ctrl+Enter), then wait for the rerun."""
    box = page.get_by_label(label, exact=True).and_(page.locator("textarea")).first
    box.fill(text)
    box.press("Control+Enter")
    wait_idle(page)
