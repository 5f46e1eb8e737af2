"""What pages do with their inputs: parse a text box, show notes, show core errors, act on a click."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

import embedding_core as ec
from embedding_core import EmbeddingCoreError


@contextmanager
def core_errors(stop: bool = True) -> Iterator[None]:
    """Catch `EmbeddingCoreError` in the block and show it with `st.error`.

    With ``stop=True`` the rest of the page is skipped (the inputs above stay as typed).
    """
    try:
        yield
    except EmbeddingCoreError as err:
        st.error(str(err), icon=":material/error:")
        if stop:
            st.stop()


def show_notes(notes: list[str], *, icon: str = ":material/info:") -> None:
    """Each note (a text cut, a repeat dropped, …) as an info box."""
    for note in notes:
        st.info(note, icon=icon)


def text_list(raw: str, *, max_items: int, grouped: bool = False, notes: bool = True) -> ec.TextList:
    """A text box's value as a list of texts: parsed, its notes shown, a bad input stopping the page.

    Args:
        raw: what the user typed, one text per line.
        max_items: keep at most this many texts (a note says when some are left out).
        grouped: lines may name groups (``fruit: apple, banana``); returns the `TextList` subclass
            `GroupedTexts`, whose `group_names()` are the labels.
        notes: show the parser's notes here (pass False to show them elsewhere with `show_notes`).
    """
    with core_errors():
        parse = ec.parse_grouped_texts if grouped else ec.parse_texts
        parsed = parse(raw, max_items=max_items)
    if notes:
        show_notes(parsed.notes())
    return parsed


def request(key: str, value: object = True) -> None:
    """A button's `on_click`: remember that it was clicked (a click survives the app's reruns).

    The page reads it once with `requested(key)`, where it draws the button::

        st.button("Embed", on_click=request, args=("data_request", "data_embed"))
        if requested("data_request") == "data_embed": ...
    """
    st.session_state[key] = value


def requested(key: str) -> object | None:
    """The value `request` stored under `key`, taken out so that it acts once (None when not clicked)."""
    return st.session_state.pop(key, None)
