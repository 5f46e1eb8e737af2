"""Home: what an embedding is, and the path through the app. Loads no model."""

import streamlit as st

from ui.shell import ensure_app_shell

ensure_app_shell()

st.title("Embeddings Explorer")
st.markdown(
    "An **embedding** turns a word or a sentence into a list of numbers, a vector. "
    "Texts with similar meanings get vectors that point in similar directions, "
    "so a computer can measure meaning with geometry."
)
st.markdown("Start with **Embed** in the menu: type a few words and look at their numbers.")
