"""Page state that survives page switches and travels in the URL.

Pages give their main inputs a first value with `default(key, value)` and create the
widget with ``key=key`` and no ``value=``. That does three things:

- the value survives moving to another page and back (`keep_page_state`, run by app.py);
- a value given in the URL (``?similarity_metric=dot``) is the first value instead,
  checked against `options` when given, so a shared link reopens the same view;
- the value is written back to the URL after every run (`sync_query_params`), so the
  address bar always holds a link to the current view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

_KEPT = "_kept_widget_keys"
_RUN_KEYS = "_run_link_keys"
_NOTES = "_link_notes"
#: Keys that are not page inputs but still belong in a link.
GLOBAL_LINK_KEYS = ("model", "present")
#: Longer values are left out of the URL (browsers and chat apps cut long links).
MAX_LINK_VALUE = 1_500


def _from_query(key: str, value: Any, options: Iterable[Any] | None, limits: tuple[float, float] | None) -> Any:
    """The URL's value for `key`, coerced to the type of `value`; `value` if absent or invalid."""
    if key not in st.query_params:
        return value
    raw = st.query_params.get_all(key) if isinstance(value, list | tuple) else st.query_params.get(key)
    try:
        if isinstance(value, bool):
            if raw not in {"0", "1", "true", "false"}:
                raise ValueError
            parsed: Any = raw in {"1", "true"}
        elif isinstance(value, int):
            parsed = int(raw)
        elif isinstance(value, float):
            parsed = float(raw)
        elif isinstance(value, list | tuple):
            parsed = list(raw)
        else:
            parsed = str(raw)
        if options is not None:
            allowed = list(options)
            values = parsed if isinstance(parsed, list) else [parsed]
            if any(p not in allowed for p in values):
                raise ValueError
        if limits is not None and not limits[0] <= parsed <= limits[1]:  # NaN fails too
            raise ValueError
    except (TypeError, ValueError):
        shown = str(raw)[:40]
        st.session_state.setdefault(_NOTES, []).append(
            f"The link's value {shown!r} for '{key}' is not valid here, so the default is used."
        )
        return value
    return parsed


def default(
    key: str,
    value: Any,
    *,
    options: Iterable[Any] | None = None,
    limits: tuple[float, float] | None = None,
    link: bool = True,
) -> None:
    """Give widget `key` its first value (from the URL when present) and keep it across pages.

    Args:
        key: the widget key, prefixed with the page name.
        value: the first value; its type decides how a URL value is read.
        options: valid values (for select boxes, radios); an invalid URL value is ignored with a note.
        limits: ``(min, max)`` of a slider or number input; a URL value outside is ignored with a note
            (a widget given a value outside its range raises instead of drawing).
        link: mirror this input in the URL.
    """
    st.session_state.setdefault(_KEPT, set()).add(key)
    if link:
        st.session_state.setdefault(_RUN_KEYS, {})[key] = value
    if key not in st.session_state:
        st.session_state[key] = _from_query(key, value, options, limits) if link else value


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
    if state.get("model", "minilm") != "minilm":
        params["model"] = state["model"]
    if state.get("present"):
        params["present"] = "1"
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
