"""Page state that survives moving between pages.

Streamlit forgets a widget's value when its page is not shown. Pages give their
main inputs a first value with `default`, which also registers the key; every run
of `app.py` calls `keep_page_state`, which writes those values back so they are
still there when the user returns to the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_KEPT = "_kept_widget_keys"


def default(key: str, value: Any) -> None:
    """Give widget `key` its first value and keep it across page switches.

    The widget itself must then be created with ``key=key`` and no ``value=``.
    """
    kept = st.session_state.setdefault(_KEPT, set())
    kept.add(key)
    if key not in st.session_state:
        st.session_state[key] = value


def keep_page_state() -> None:
    """Re-assign every registered widget value so Streamlit does not drop it on a page switch."""
    for key in st.session_state.get(_KEPT, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
