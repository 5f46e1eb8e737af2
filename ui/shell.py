"""Guard against Streamlit's legacy `pages/` folder mode.

The design card puts the page files in `pages/`. Streamlit treats a folder of
that name as an old-style multipage app until `st.navigation` runs once in the
process, so the very first run of a fresh server (and every AppTest run) may
execute a page file directly, skipping `app.py` (no sidebar, no page config).
Each page calls `ensure_app_shell()` first: in that case it switches the legacy
mode off and reruns, so `app.py` and its `st.navigation` always drive the page.
"""

from __future__ import annotations

import streamlit as st

try:  # a private Streamlit API; without it the guard does nothing
    from streamlit.runtime.pages_manager import PagesManager
except ImportError:  # pragma: no cover
    PagesManager = None  # type: ignore[assignment,misc]


def ensure_app_shell() -> None:
    """Rerun through `app.py` when Streamlit ran this page file directly."""
    if PagesManager is not None and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
