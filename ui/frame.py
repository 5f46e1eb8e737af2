"""The frame app.py draws around every page: the sidebar (model, presenter mode, scenes) and the link.

Before the page: the model picker, the presenter toggle and a talk's scenes, then the switch to a
page a "Try it" or scene button asked for. After the page, even when it stopped early: the notes
about link values that could not be used, the URL brought up to date, the share control, and the
UMAP warm-up (started once the page has painted).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from .presenter import is_presenting, presenter_toggle, scene_controls
from .projection import start_umap_warmup
from .share import link_control
from .sidebar import model_picker
from .state import follow_requested_page, link_notes, sync_query_params


@contextmanager
def frame(page: st.Page) -> Iterator[None]:
    """Draw the frame around `page`; run the page inside the ``with`` block."""
    model_picker()
    presenter_toggle()
    scene_controls()
    follow_requested_page()
    notes = st.container()
    try:
        yield
    finally:
        for note in link_notes():
            notes.warning(note, icon=":material/link_off:")
        sync_query_params()
        if not is_presenting():
            link_control(page)
        start_umap_warmup()  # after the page has painted: UMAP compiles in a background thread
