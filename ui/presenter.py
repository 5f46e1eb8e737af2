"""Presenter mode: projector-sized text, less chrome, and scenes (a talk as a list of links).

Turn it on with the sidebar toggle or the URL switch ``?present=1``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import embedding_core as ec

from .params import Flag, Param, toggle
from .state import register, request_page

# Static CSS written for this app (no user text): bigger type, no toolbar, tighter margins, a wider
# sidebar whose menu items wrap instead of being cut, headline numbers well above their labels (2.6x),
# enlarged tables, the scene bar pinned to the top of the main area, and long settings after the picture.
_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.15rem; }
h1 { font-size: 2.2rem !important; padding-top: 0.25rem !important; padding-bottom: 0.25rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 0.75rem; max-width: 100%; }
label, [data-testid="stWidgetLabel"] p { font-size: 1.05rem !important; }
textarea, input { font-size: 1.1rem !important; }
[data-testid="stSidebar"] { min-width: 24rem !important; max-width: 24rem !important; }
[data-testid="stSidebarNav"] a span { white-space: normal !important; overflow: visible !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p { font-size: 1.1rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.9rem !important; line-height: 1.15; }
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {
  zoom: 1.3; max-width: calc(100% / 1.3) !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_bar) { position: sticky; top: 0; z-index: 99; }
.st-key-present_bar { background: var(--background-color, #fff); padding: 0.35rem 0;
  border-bottom: 1px solid rgba(49, 51, 63, 0.2); }
.st-key-present_bar button p { white-space: nowrap; }
[data-testid="stLayoutWrapper"]:is(:has(> .st-key-projection_settings), :has(> .st-key-analogies_answers),
  :has(> .st-key-search_presets), :has(> .st-key-search_settings), :has(> .st-key-features_settings),
  :has(> .st-key-learning_settings), :has(> .st-key-compare_settings)) { order: 1; }
[data-testid="stLayoutWrapper"]:is(:has(> .st-key-analogies_options), :has(> .st-key-analogies_why)) { order: 2; }
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


def _new_talk() -> None:
    """on_change of the talk box: another talk starts before its first scene (Next opens scene 1)."""
    st.session_state.pop("present_scene", None)


def scene_controls() -> None:
    """In presenter mode: a bar pinned to the top of the main area with the talk, previous / next and the scene.

    The bar stays in view however far the page scrolls, and the sidebar may be closed during a talk.
    """
    if not is_presenting():
        return
    available = talks()
    if not available:
        return
    register("present_talk", next(iter(available)), link=False)  # the chosen talk stays on the next page
    with st.container(key="present_bar"):
        pick, prev_col, where, next_col = st.columns([2.2, 1.3, 4, 1.3], vertical_alignment="center")
        name = pick.selectbox(
            "Talk",
            list(available),
            key="present_talk",
            format_func=talk_title,
            label_visibility="collapsed",
            help="A talk is a list of scenes in data/scenes/*.toml.",
            on_change=_new_talk,
        )
        scenes = load_scenes(available[name])
        if not scenes:
            where.caption("This talk has no scenes.")
            return
        index = min(st.session_state.get("present_scene", -1), len(scenes) - 1)
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
            type="primary",
            width="stretch",
            key="present_next",
        )
        where.markdown(
            f"**Scene {index + 1} of {len(scenes)}:** {scenes[index]['title']}" if index >= 0 else "Press **Next ▶**."
        )


def talk_title(stem: str) -> str:
    """A talk's file stem as a title: ``ten_minute_talk`` → ``Ten minute talk``."""
    return stem.replace("_", " ").capitalize()
