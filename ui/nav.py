"""The menu: every page of the app in lesson order."""

from __future__ import annotations

import streamlit as st


def pages() -> dict[str, list[st.Page]]:
    """Sections of the sidebar menu, each a list of pages, in the order of the lesson."""
    return {
        "Start": [
            st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        ],
        "Lesson": [
            st.Page("pages/embed.py", title="Embed: the numbers", icon=":material/data_array:", url_path="embed"),
            st.Page("pages/clusters.py", title="Clusters", icon=":material/bubble_chart:", url_path="clusters"),
        ],
    }
