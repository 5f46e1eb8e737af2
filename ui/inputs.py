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


def part_texts(raw: str, *, max_items: int) -> list[str] | None:
    """`text_list` for a part of a page (`ui.parts.part`, which must not stop the run).

    Returns the texts, with the parser's notes shown; or None after showing what is wrong.
    """
    with core_errors(stop=False):
        parsed = ec.parse_texts(raw, max_items=max_items)
        show_notes(parsed.notes())
        return parsed.texts
    return None


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


def unfamiliar_note(model: ec.Embedder, text: str, *, share: float = 0.5) -> str | None:
    """A warning when at least `share` of `text`'s words are ones `model` reads only as pieces.

    Shown with the results, so a score for a typo, a name or a word of another language is not
    taken at face value. Returns the text shown, or None.
    """
    odd = ec.unfamiliar_words(model, text)
    words = {w.lower() for w in ec.tokens.WORD_PATTERN.findall(text)} if odd else set()
    if not odd or len(odd) < share * len(words):
        return None
    shown = "; ".join(f"“{w}” as {' '.join(pieces)}" for w, pieces in odd[:4])
    note = (
        f"{ec.model_label(model.name)} does not know {len(odd)} of these words as words: it reads {shown}. "
        "A typo, a name or a word of another language (MiniLM was trained on English) gets a vector that "
        "means little, so take its scores with care."
    )
    st.warning(note, icon=":material/translate:")
    return note
