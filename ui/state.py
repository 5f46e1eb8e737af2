"""Page state that survives page switches and travels in the URL: the mechanism under `ui.params`.

Inputs are declared as `ui.params.Param` and drawn with its widget functions, which call
`register` here. That keeps three promises:

- the value survives moving to another page and back (`keep_page_state`, run by app.py);
- the value is written back to the URL after every run when it differs from its default
  (`sync_query_params`), so the address bar always holds a link to the current view;
- a link value that could not be used is reported once after the page (`link_notes`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_KEPT = "_kept_widget_keys"
_RUN_KEYS = "_run_link_keys"
_NOTES = "_link_notes"
#: Longer values are left out of the URL (browsers and chat apps cut long links).
MAX_LINK_VALUE = 1_500


def register(key: str, first: Any, *, link: bool = True) -> None:
    """Keep widget `key` across pages and, with `link`, mirror it in the URL when it differs from `first`.

    Called by `ui.params.prepare` for every input a run draws (the model and presenter mode too).
    """
    st.session_state.setdefault(_KEPT, set()).add(key)
    if link:
        st.session_state.setdefault(_RUN_KEYS, {})[key] = first


def keep_page_state() -> None:
    """Re-assign every registered widget value so Streamlit does not drop it on a page switch.

    Called at the start of every run, before the page; also starts a fresh list of link keys.
    """
    st.session_state[_RUN_KEYS] = {}
    for key in st.session_state.get(_KEPT, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def link_params() -> dict[str, str | list[str]]:
    """The current view as query parameters: the page's inputs that differ from their defaults."""
    params: dict[str, str | list[str]] = {}
    state = st.session_state
    for key, first in state.get(_RUN_KEYS, {}).items():
        value = state.get(key, first)
        if value == first:
            continue
        if isinstance(value, bool):
            params[key] = "1" if value else "0"
        elif isinstance(value, list | tuple):
            params[key] = [str(v) for v in value]
        else:
            params[key] = str(value)
        if sum(len(v) for v in (params[key] if isinstance(params[key], list) else [params[key]])) > MAX_LINK_VALUE:
            del params[key]
    return params


def sync_query_params() -> None:
    """Write the current view into the URL (called by app.py after every run)."""
    wanted = link_params()
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != as_lists:
        st.query_params.from_dict(wanted)


def add_link_note(note: str) -> None:
    """Record a note about a link value that could not be used (shown after the page)."""
    st.session_state.setdefault(_NOTES, []).append(note)


def link_notes() -> list[str]:
    """Notes about link values that could not be used (shown once, then cleared)."""
    return st.session_state.pop(_NOTES, [])


def request_page(page: str, params: dict[str, Any]) -> None:
    """Button callback: put `params` in the session as the page's inputs, then go to `page`.

    Used by the workshop's "Try it" buttons and the presenter's scenes. Callbacks run before
    the script, so the inputs are set before the page's widgets are created.
    """
    for key, value in params.items():
        st.session_state[key] = value
        st.session_state.setdefault(_KEPT, set()).add(key)
    st.session_state["_requested_page"] = page


def follow_requested_page() -> None:
    """Switch to the page a `request_page` callback asked for (called by app.py)."""
    page = st.session_state.pop("_requested_page", None)
    if page:
        st.switch_page(page)
