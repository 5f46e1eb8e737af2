"""Embeddings Explorer: the entry point. Run it with `streamlit run app.py`."""

import streamlit as st

from ui.nav import pages
from ui.presenter import is_presenting, presenter_toggle, scene_controls
from ui.projection import start_umap_warmup
from ui.share import link_control
from ui.shell import ensure_app_shell
from ui.sidebar import model_picker
from ui.state import follow_requested_page, keep_page_state, link_notes, sync_query_params

ensure_app_shell()
st.set_page_config(page_title="Embeddings Explorer", page_icon=":material/scatter_plot:", layout="wide")
keep_page_state()
page = st.navigation(pages())
model_picker()
presenter_toggle()
scene_controls()
follow_requested_page()
notes = st.container()
try:
    page.run()
finally:
    for note in link_notes():
        notes.warning(note, icon=":material/link_off:")
    sync_query_params()
    if not is_presenting():
        link_control(page)
    start_umap_warmup()  # after the page has painted: UMAP compiles in a background thread
