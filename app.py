"""Embeddings Explorer: the entry point. Run it with `streamlit run app.py`."""

import streamlit as st

from ui.nav import pages
from ui.projection import start_umap_warmup
from ui.shell import ensure_app_shell
from ui.sidebar import model_picker
from ui.state import keep_page_state

ensure_app_shell()
st.set_page_config(page_title="Embeddings Explorer", page_icon=":material/scatter_plot:", layout="wide")
keep_page_state()
model_picker()
page = st.navigation(pages())
page.run()
start_umap_warmup()  # after the first paint: UMAP compiles in the background
