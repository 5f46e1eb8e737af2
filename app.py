"""Embeddings Explorer: the entry point. Run it with `streamlit run app.py`."""

import streamlit as st

from ui.frame import frame
from ui.nav import pages
from ui.shell import ensure_app_shell
from ui.state import keep_page_state

ensure_app_shell()
st.set_page_config(page_title="Embeddings Explorer", page_icon=":material/scatter_plot:", layout="wide")
keep_page_state()
page = st.navigation(pages())
with frame(page):  # the sidebar before the page; link notes, the URL and the share control after it
    page.run()
