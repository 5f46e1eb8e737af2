"""Open the app in Streamlit's AppTest, from app.py, and switch to a page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def open_page(page: str | None = None, *, model: str | None = None, query: dict | None = None) -> AppTest:
    """Run app.py, optionally pick a model and switch to `page` (e.g. ``"pages/embed.py"``).

    With `query`, the app is opened as from a shared link: the first run shows `page`
    with those query parameters (put the model in `query` too, as ``{"model": ...}``).
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    if query:  # a deep link: the first run opens the page with the URL's parameters
        at.query_params.update(query)
        if page:
            at.switch_page(page)
        at.run()
    else:
        at.run()
        if model:
            at.selectbox(key="model_choice").select(model).run()
        if page:
            at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def exceptions(at: AppTest) -> list[str]:
    return [e.value for e in at.exception]
