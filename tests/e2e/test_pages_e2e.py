"""Every page of the menu in a real browser, as an attendee uses it.

One browser tab walks the whole menu (one server, one session: faster, and it is how a person
moves through the lesson). For each page: it opens from the sidebar, its main interaction works,
a plotly chart with data is drawn, no exception box appears, and a full-page screenshot is saved
to test-artifacts/screenshots/. Then: a box selection on the map lists the selected texts, and
HTML typed by a user is shown as text and never run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import (
    assert_chart_with_data,
    assert_no_exception,
    fill_text_area,
    fill_text_input,
    go,
    open_app,
    open_tab,
    pick,
    plotly_traces,
    screenshot,
    table_cells,
    wait_idle,
)
from ui.nav import HOME, LESSON, WORKSHOP, PageInfo

pytestmark = pytest.mark.e2e

MENU: list[PageInfo] = [HOME, WORKSHOP, *LESSON]
XSS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>"]


@pytest.fixture(scope="module")
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt the app's tab opened (there must be none)."""
    return []


@pytest.fixture(scope="module")
def app(browser: Browser, browser_context_args: dict, app_url: str, dialogs: list[str]) -> Iterator[Page]:
    """One tab for the whole walk through the menu."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, app_url)
    yield page
    context.close()


def _home(page: Page) -> None:
    expect(page.get_by_role("heading", name="Embeddings Explorer")).to_be_visible()
    expect(page.get_by_role("link", name="1. Embed: the numbers")).to_be_visible()


def _workshop(page: Page) -> None:
    page.get_by_role("button", name="Go on").click()
    wait_idle(page)
    expect(page.get_by_text("Step 2 of", exact=False)).to_be_visible()
    screenshot(page, "02-workshop")
    page.get_by_role("button", name="Open the page with these inputs").click()
    wait_idle(page)  # the step's page, with its inputs filled in: its chart is checked below


def _embed(page: Page) -> None:
    fill_text_area(page, "Texts, one per line", "king\nqueen\nman\nwoman\nbanana")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("5")
    open_tab(page, "Barcode heatmap")


def _similarity(page: Page) -> None:
    fill_text_area(page, "Texts, one per line", "cat\nkitten\ndog\nThe stock market fell\nShares dropped today")
    expect(page.get_by_role("heading", name="Most similar pairs")).to_be_visible()
    expect(page.get_by_text("kitten").first).to_be_attached()


def _analogies(page: Page) -> None:
    expect(page.get_by_text("Rank of “queen”")).to_have_count(2, timeout=180_000)
    traces = plotly_traces(page)
    assert len(traces) == 2 and all(n >= 5 for n in traces)
    fill_text_input(page, "is to b", "kingg")
    expect(page.get_by_text("did you mean 'king'", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Use “king” for “kingg”").click()
    wait_idle(page)
    expect(page.get_by_text("did you mean", exact=False)).to_have_count(0)
    open_tab(page, "Explore neighbours and arithmetic")
    fill_text_input(page, "A word or an expression", "king - * man")
    expect(page.get_by_text("got '*' at character 8", exact=False)).to_have_count(1)
    fill_text_input(page, "A word or an expression", "paris - france + italy")
    expect(page.get_by_text("Nearest words by cosine", exact=False)).to_have_count(2)
    open_tab(page, "The parallelogram")


def _game(page: Page) -> None:
    fill_text_input(page, "Your guess", "water")
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("cosine")
    page.get_by_role("button", name="Give up").click()
    wait_idle(page)
    expect(page.get_by_text("The secret word was", exact=False)).to_be_visible()


def _maps(page: Page) -> None:
    page.get_by_test_id("stRadio").get_by_text("t-SNE", exact=True).first.click()  # applies at once
    wait_idle(page)
    assert "t-SNE map" in page.eval_on_selector(".js-plotly-plot", "e => e.layout.title.text")
    expect(page.get_by_text("Trustworthiness (1 = neighbours kept)")).to_be_visible()


def _search(page: Page) -> None:
    expect(page.get_by_role("heading", name="By meaning")).to_be_visible(timeout=180_000)
    page.get_by_role("button", name="DP-203").click()
    wait_idle(page)
    expect(page.get_by_text("A certification code means nothing to the model").first).to_be_visible()
    expect(page.get_by_role("heading", name="By words (BM25)")).to_be_visible()


def _rag(page: Page) -> None:
    expect(page.get_by_role("heading", name="By meaning")).to_be_visible(timeout=180_000)
    expect(page.get_by_role("heading", name="7. How good is retrieval?")).to_be_visible()
    fill_text_input(page, "Question", "When is the Repair Café?")
    answer = "The Repair Café runs on the last Saturday of every month from 11:00 to 15:00."
    expect(page.get_by_test_id("stText").get_by_text(answer)).to_be_visible(timeout=120_000)


def _data(page: Page, tmp: Path) -> None:
    upload = tmp / "pets.csv"
    rows = [("my cat sleeps all day", "cat"), ("the dog barks at night", "dog"), ("a kitten chases string", "cat")]
    upload.write_text("text,kind\n" + "".join(f"{t} {i},{k}\n" for i in range(8) for t, k in rows))
    page.locator("input[type=file]").first.set_input_files(str(upload))
    expect(page.get_by_text("Preview: 24 of 24 rows shown.")).to_be_visible()
    page.get_by_role("button", name="Embed 24 texts").click()
    expect(page.get_by_text("Kept 'pets' for this session")).to_be_visible(timeout=120_000)
    assert_no_exception(page)
    screenshot(page, "08-data-upload")
    go(page, "Maps: projections")  # the upload is a dataset on the other pages of this session
    pick(page, "Data", "My data: pets")
    expect(page.get_by_text("24 of 24 points shown.")).to_be_visible()


def _clusters(page: Page) -> None:
    expect(page.get_by_text("Adjusted Rand index")).to_be_visible(timeout=120_000)
    pick(page, "Algorithm", "HDBSCAN (density)")
    expect(page.get_by_text("Noise", exact=True)).to_be_visible(timeout=120_000)
    names = page.eval_on_selector(".js-plotly-plot", "el => el.data.map(t => t.name)")
    assert names[0] == "noise"  # drawn first, underneath, in grey


def _features(page: Page) -> None:
    expect(page.get_by_text("MiniLM: accuracy", exact=True)).to_be_visible(timeout=180_000)
    open_tab(page, "Few examples")
    expect(page.get_by_text("Accuracy on the same 82 held-out texts", exact=False)).to_be_attached(timeout=120_000)
    open_tab(page, "Recommend")
    expect(page.get_by_role("heading", name="By words (TF-IDF)")).to_be_visible()


def _learning(page: Page) -> None:
    expect(page.get_by_text("Words in the corpus")).to_be_visible(timeout=120_000)
    page.get_by_role("button", name="New seed").click()
    wait_idle(page)
    expect(page.get_by_text("Seed 1 against seed 2", exact=False)).to_be_visible(timeout=60_000)
    assert page.eval_on_selector(".js-plotly-plot", "e => e.layout.sliders[0].steps.length") == 31


def _inside(page: Page) -> None:
    expect(page.get_by_text("Words GloVe knows")).to_be_visible()
    page.get_by_text("Contextual vs static", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Mean cosine, same meaning")).to_be_visible()


def _compare(page: Page) -> None:
    expect(page.get_by_test_id("stMetric")).to_have_count(3)
    open_tab(page, "Aligned maps")
    assert plotly_traces(page) == [2, 1, 3]  # twin heatmaps, pairs, aligned maps (lines + A + B)


TOURS: dict[str, Callable[..., None]] = {
    "home": _home,
    "workshop": _workshop,
    "embed": _embed,
    "similarity": _similarity,
    "analogies": _analogies,
    "game": _game,
    "projections": _maps,
    "search": _search,
    "rag": _rag,
    "data": _data,
    "clusters": _clusters,
    "features": _features,
    "learning": _learning,
    "inside": _inside,
    "compare": _compare,
}


def test_every_menu_page_has_a_tour():
    assert [p.url_path for p in MENU if p.url_path not in TOURS] == []


@pytest.mark.parametrize("info", MENU, ids=[p.url_path for p in MENU])
def test_page_from_the_menu(app: Page, info: PageInfo, tmp_path: Path):
    number = MENU.index(info) + 1
    go(app, info.title)
    assert_no_exception(app)
    tour = TOURS[info.url_path]
    tour(app, tmp_path) if info.url_path == "data" else tour(app)
    assert_chart_with_data(app)
    assert_no_exception(app)
    screenshot(app, f"{number:02d}-{info.url_path}" + ("-opened-page" if info.url_path == "workshop" else ""))


def test_box_selection_on_the_map_lists_the_selected_texts(app: Page):
    go(app, "Maps: projections")
    pick(app, "Data", "Texts I type")
    plot = app.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    app.locator(".modebar-btn[data-title='Box Select']").first.click()
    area = plot.locator(".nsewdrag").first.bounding_box()
    assert area is not None
    x0, y0 = area["x"] + 4, area["y"] + 4  # the left half of the plot area, top to bottom
    app.mouse.move(x0, y0)
    app.mouse.down()
    app.mouse.move(x0 + area["width"] / 2, y0 + area["height"] - 8, steps=12)
    app.mouse.up()
    wait_idle(app)
    picked: list[str] = app.eval_on_selector(
        ".js-plotly-plot",
        "e => e.data.flatMap(t => (t.selectedpoints || []).map(i => t.text[i]))",
    )
    assert 0 < len(picked) < 24, picked
    expect(app.get_by_role("heading", name=f"{len(picked)} selected")).to_be_visible()
    expect(app.get_by_test_id("stDataFrame")).to_have_count(1)
    cells = table_cells(app)
    shown = [c for c in cells if c in picked]
    assert shown and set(shown) <= set(picked), (cells, picked)
    assert not set(cells) & ({"apple", "dog", "car", "happy"} - set(picked))  # texts outside the box are not listed
    assert_no_exception(app)
    screenshot(app, "20-map-box-selection")


def test_user_html_is_text_and_never_runs(app: Page, dialogs: list[str]):
    go(app, "Embed: the numbers")
    fill_text_area(app, "Texts, one per line", "\n".join([*XSS, "king"]))
    open_tab(app, "The numbers")
    cells = table_cells(app)
    assert all(x in cells for x in XSS), cells
    open_tab(app, "Bar plot")
    for text in XSS:  # the "Texts to plot" chips
        expect(app.get_by_text(text, exact=True).first).to_be_visible()

    go(app, "Analogies")
    fill_text_input(app, "a", XSS[0])
    open_tab(app, "The parallelogram")  # MiniLM takes it as a word: drawn as text on its parallelogram
    expect(app.locator(".js-plotly-plot").last).to_contain_text("<img src=x onerror=")

    go(app, "Maps: projections")
    fill_text_area(app, "Texts, one per line", f"{XSS[0]}: dog, cat, cow\n{XSS[1]}: car, bus, train")
    expect(app.locator(".js-plotly-plot .legendtext")).to_have_text(XSS)  # as typed: not run, not escaped twice
    assert_no_exception(app)
    screenshot(app, "21-user-html-as-text")

    assert dialogs == []
    assert app.locator("img[src='x']").count() == 0
    assert app.eval_on_selector_all("script", "els => els.filter(e => e.textContent.includes('alert(')).length") == 0
