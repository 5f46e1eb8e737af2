"""Shared fixtures: the real bundled models (loaded once per test session) and AppTest helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

import embedding_core as ec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def minilm() -> ec.SentenceEmbedder:
    return ec.load_model("minilm")  # type: ignore[return-value]


@pytest.fixture(scope="session")
def glove() -> ec.WordEmbedder:
    return ec.load_model("glove-50d")  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def _no_legacy_pages_mode(monkeypatch):
    """Run AppTest the way a warm server runs the app: `st.navigation` only, no legacy `pages/` mode.

    AppTest resets Streamlit's "uses the pages/ folder" flag before every run, so each run
    would start in legacy mode and `ui.shell.ensure_app_shell` would rerun it, dropping
    button clicks. A real server is in that mode for its very first run only; the browser
    tests (tests/e2e) cover that path on a fresh server.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
