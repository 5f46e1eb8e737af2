"""'Copy link to this view': the current page's URL with its inputs as query parameters."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from .state import link_params


def view_url(url_path: str) -> str:
    """The address of the current page with the current inputs."""
    base = urlsplit(st.context.url or "http://localhost:8501")
    query = urlencode(link_params(), doseq=True)
    path = "/" + url_path if url_path else "/"
    return f"{base.scheme}://{base.netloc}{path}" + (f"?{query}" if query else "")


def link_control(page: st.Page) -> None:
    """A sidebar popover with the link to this view and a copy button."""
    with st.sidebar.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.caption("Opens this page with the same model and inputs. Click the copy icon.")
        st.code(view_url(page.url_path), language=None, wrap_lines=True)
