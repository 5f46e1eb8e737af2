"""Presenter mode: projector-sized text, less chrome, and scenes (a talk as a list of links).

Turn it on with the sidebar toggle or the URL switch ``?present=1``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import embedding_core as ec

from .params import Flag, Param, toggle
from .state import request_page

# Static CSS written for this app (no user text): bigger type, no toolbar, tighter margins.
_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.15rem; }
h1 { font-size: 2.6rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
label, [data-testid="stWidgetLabel"] p { font-size: 1.05rem !important; }
textarea, input { font-size: 1.1rem !important; }
</style>
"""


PRESENT = Param(
    "present",
    False,
    Flag(),
    "Presenter mode",
    "Large text and plots for a projector, less clutter, and a next/previous control for a talk's scenes.",
)


def is_presenting() -> bool:
    """True when presenter mode is on in this session."""
    return bool(st.session_state.get("present", False))


def presenter_toggle() -> None:
    """The sidebar toggle (first value from ``?present=1``), and the presenter CSS when on."""
    toggle(PRESENT, container=st.sidebar)
    if is_presenting():
        st.html(_CSS)


def load_scenes(path: Path) -> list[dict[str, str]]:
    """Read a talk's scenes: a TOML file with ``[[scene]]`` tables of ``title``, ``page``, ``params``."""
    return ec.read_scenes(path)


def talks() -> dict[str, Path]:
    """The talks in data/scenes/, by title (file stem)."""
    return ec.talks()


def _go_to_scene(scenes: list[dict], index: int) -> None:
    """Button callback: remember the scene and open its page with its inputs."""
    st.session_state["present_scene"] = index
    request_page(scenes[index]["page"], scenes[index]["params"])


def scene_controls() -> None:
    """In presenter mode: pick a talk, then previous / next through its scenes."""
    if not is_presenting():
        return
    available = talks()
    if not available:
        return
    with st.sidebar.container(border=True):
        name = st.selectbox(
            "Talk", list(available), key="present_talk", help="A talk is a list of scenes in data/scenes/*.toml."
        )
        scenes = load_scenes(available[name])
        if not scenes:
            st.caption("This talk has no scenes.")
            return
        index = min(st.session_state.get("present_scene", -1), len(scenes) - 1)
        prev_col, next_col = st.columns(2)
        prev_col.button(
            "◀ Previous",
            disabled=index <= 0,
            on_click=_go_to_scene,
            args=(scenes, max(index - 1, 0)),
            width="stretch",
            key="present_prev",
        )
        next_col.button(
            "Next ▶",
            disabled=index >= len(scenes) - 1,
            on_click=_go_to_scene,
            args=(scenes, index + 1),
            width="stretch",
            key="present_next",
        )
        st.caption(f"Scene {index + 1} of {len(scenes)}: {scenes[index]['title']}" if index >= 0 else "Press Next.")
