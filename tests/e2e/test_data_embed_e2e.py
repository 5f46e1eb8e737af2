"""In a real browser: an upload embeds in the background, with a live progress bar and Cancel, and the
page stays usable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_no_exception, open_app, open_tab, screenshot

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)  # a shared machine: reruns can take seconds
BAR = re.compile(r"Embedding 'tickets' with MiniLM .*: [\d,]+ of 5,000 texts · [\d,]+ texts/s · about .+ left")


@pytest.fixture
def tab(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 1440, "height": 900}})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _upload(page: Page, path: Path, rows: int) -> None:
    page.get_by_test_id("stFileUploader").filter(has_text="A file of texts").locator(
        "input[type=file]"
    ).set_input_files(str(path))
    expect(page.get_by_text(f"Preview: 50 of {rows:,} rows shown.")).to_be_visible()


def test_background_embed_progress_and_cancel(tab: Page, app_url: str, tmp_path: Path):
    big = tmp_path / "tickets.csv"
    big.write_text(
        "text,team\n" + "".join(f"ticket {i}: printer on floor {i % 9} jams,team {i % 4}\n" for i in range(5_000))
    )
    open_app(tab, app_url, "data?model=minilm")
    _upload(tab, big, 5_000)
    tab.get_by_role("button", name="Embed 5,000 texts").click()
    bar = tab.get_by_test_id("stMain").get_by_test_id("stProgress")
    expect(bar).to_have_text(BAR)  # redrawn on its own: the rate and time left are measured
    first = bar.inner_text()
    expect(bar).not_to_have_text(first)  # it moves without any click
    expect(tab.get_by_role("button", name=re.compile("^Embed 5,000 texts"))).to_be_disabled()  # one at a time
    open_tab(tab, "Import vectors")  # the page stays usable meanwhile
    expect(tab.get_by_text("Vectors made elsewhere")).to_be_visible()
    screenshot(tab, "data-embed-running")
    tab.get_by_role("button", name="Cancel").click()
    note = tab.get_by_text(re.compile(r"The embedding was cancelled at [\d,]+ of 5,000 texts"))
    expect(note).to_be_visible()
    expect(bar).to_have_count(0)
    assert_no_exception(tab)
