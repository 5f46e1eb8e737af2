"""Parts of a page that rerun alone: a control that changes one chart reruns only its part.

A page wraps the controls of one chart and the chart itself in a part::

    @part("similarity_arrows")
    def arrows() -> None:
        angle = slider(ANGLE)
        show(angle_figure(...))

Moving a slider inside `arrows` then reruns `arrows` (a Streamlit fragment), not app.py, the sidebar and
the rest of the page. What the rest of a run does for the page's inputs still happens:

- a `ui.params` input drawn in a part asks, when it changes, for its part *and* the page's link to rerun
  (`rerun_with_link`), so the URL and the "Link to this view" popover follow the new value;
- the value stays in the session, so it survives moving to another page and back, as every input's does;
- a link's value is read and checked the first time the part is drawn, in the page's full run.

A part may take arguments (the texts and vectors the page computed); its own reruns reuse the
arguments of the last full run. A part writes only inside its own place on the page, and it never
calls `st.stop` (`core_errors(stop=True)` included): that ends the whole run, so the page link queued
after the part would not follow the change. A part shows its message and returns instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .share import link_control
from .state import sync_query_params

F = TypeVar("F", bound=Callable[..., Any])

#: The fragment key of the page's link (the URL and the "Link to this view" popover), rerun with every part.
PAGE_LINK = "page_link"
_CURRENT: ContextVar[str | None] = ContextVar("ui_part", default=None)


def part(key: str) -> Callable[[F], F]:
    """Decorator: `func` draws one part of a page, which reruns alone when one of its widgets changes.

    Args:
        key: the fragment's key, unique on the page and prefixed with the page's name
            (``"similarity_arrows"``); the reserved names ``"app"`` and ``"fragment"`` are not allowed.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def body(*args: Any, **kwargs: Any) -> Any:
            token = _CURRENT.set(key)
            try:
                return func(*args, **kwargs)
            finally:
                _CURRENT.reset(token)

        return st.fragment(body, key=key)  # type: ignore[return-value]

    return decorate


def current_part() -> str | None:
    """The key of the part being drawn, or None outside every part."""
    return _CURRENT.get()


def rerun_with_link(callback: Callable[..., Any] | None, *, key: str) -> Callable[..., Any] | None:
    """The ``on_change`` of a linked input: `callback` (if any), then a rerun of its part and the page link.

    Outside a part the input's change reruns the whole page anyway, so `callback` is returned as it is.
    """
    part_key = current_part()
    if part_key is None:
        return callback

    def on_change(*args: Any, **kwargs: Any) -> None:
        if callback is not None:
            callback(*args, **kwargs)
        # Kept as the session's own value, as `ui.state.keep_page_state` does at a full run's start:
        # a part's rerun has no such start, and a widget value alone is dropped on a page switch.
        st.session_state[key] = st.session_state[key]
        try:
            st.rerun([part_key, PAGE_LINK])
        except StreamlitAPIException:  # no page link drawn yet in this session: the part alone
            st.rerun([part_key])

    return on_change


@st.fragment(key=PAGE_LINK)
def page_link(page: st.Page, *, with_popover: bool) -> None:
    """Bring the URL up to date with the page's inputs and draw the "Link to this view" popover.

    Called by the frame after every full run, and rerun with a part when one of its inputs changes.
    """
    sync_query_params()
    if with_popover:
        link_control(page)
