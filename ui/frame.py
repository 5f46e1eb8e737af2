"""The frame app.py draws around every page: the sidebar (model, presenter mode, scenes) and the link.

Before the page: the model picker, a background embedding's progress (on the pages other than
"Your data", which draws its own), the presenter toggle and a talk's scenes, then the switch to a
page a "Try it" or scene button asked for. After the page, even when it stopped early: the notes
about link values that could not be used, the URL brought up to date and the share control
(`ui.parts.page_link`, which a part of the page reruns with itself), and the UMAP warm-up (started
once the page has painted, after the first model load in the process).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from .background import embed_progress
from .cache import MODEL_LOADED, watch_session
from .parts import page_link
from .presenter import is_presenting, presenter_toggle, scene_controls
from .projection import start_umap_warmup
from .sidebar import model_picker
from .state import follow_requested_page, link_notes
from .workshop import step_banner

# Static CSS written for this app (no user text). On a phone the main picture comes before long
# settings (the keyed blocks move after it), and plotly's toolbar sits under a chart, not over its title.
_PHONE_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stLayoutWrapper"]:is(:has(> .st-key-projection_settings), :has(> .st-key-analogies_options),
    :has(> .st-key-analogies_why), :has(> .st-key-embed_metrics)) { order: 1; }
  .js-plotly-plot .modebar-container { top: auto !important; bottom: 0 !important; }
}
</style>
"""


@contextmanager
def frame(page: st.Page) -> Iterator[None]:
    """Draw the frame around `page`; run the page inside the ``with`` block."""
    watch_session()  # freed soon after the tab closes
    st.html(_PHONE_CSS)
    model_picker()
    if page.url_path != "data":  # the "Your data" page draws its own, larger progress
        with st.sidebar:
            embed_progress(compact=True)
    presenter_toggle()
    scene_controls()
    follow_requested_page()
    notes = st.container()
    if not is_presenting():
        step_banner(page.url_path)
    try:
        yield
    finally:
        for note in link_notes():
            notes.warning(note, icon=":material/link_off:")
        page_link(page, with_popover=not is_presenting())  # the URL and the share popover (rerun with a part)
        if MODEL_LOADED.is_set():  # after the page has painted and the first model is loaded
            start_umap_warmup()  # UMAP compiles in its worker process (ui.umap_worker), not here
