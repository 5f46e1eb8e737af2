"""A page that holds data in its session, for the test that a closed tab's session is freed.

``?hold=1`` puts 1 MB in `st.session_state` (watched through a weak reference); ``?report=1``
writes how many held objects are still alive after a full collection, and how many closed sessions
`ui.cache` has shut down.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, to import ui and tests

import ui.cache  # noqa: E402
from tests.support.apps.held import HELD, Held  # noqa: E402

ui.cache.watch_session()  # as ui/frame.py does on every page of the app
if st.query_params.get("hold"):
    st.session_state.setdefault("held", Held())
    HELD.add(st.session_state["held"])
if st.query_params.get("report"):
    gc.collect()
    st.write(f"alive {len(HELD)} closed {ui.cache.closed_sessions}")
