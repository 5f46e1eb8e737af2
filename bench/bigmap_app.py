"""A throwaway Streamlit script for `bench/bench_bigmap.py`: one big map, drawn by Plotly or by our component.

``streamlit run bench/bigmap_app.py`` then open ``/?n=100000&kind=plotly`` (or ``kind=component``).
The page prints one line ``run=<k> selected=<m> clicked=<id> script=<s>`` that the benchmark waits for.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere: the repository on the path

from bench.bigmap_data import CATEGORIES, map_data  # noqa: E402

started = time.perf_counter()
n = int(st.query_params.get("n", "50000"))
kind = st.query_params.get("kind", "plotly")
st.session_state["runs"] = st.session_state.get("runs", 0) + 1


@st.cache_data(max_entries=3)
def cached(n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    return map_data(n)


coords, labels, texts = cached(n)
selected, clicked = 0, None
if kind == "plotly":
    import plotly.graph_objects as go

    fig = go.Figure()
    for code, name in enumerate(CATEGORIES):
        rows = np.flatnonzero(labels == code)
        fig.add_trace(
            go.Scattergl(
                x=coords[rows, 0],
                y=coords[rows, 1],
                mode="markers",
                marker={"size": 3},
                name=name,
                hovertext=[texts[i] for i in rows],
                hoverinfo="text",
            )
        )
    fig.update_layout(dragmode="select", height=640, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    event = st.plotly_chart(fig, on_select="rerun", key="map", selection_mode=("box", "lasso"))
    if event and event.selection:
        selected = len(event.selection.point_indices)
else:
    from ui.components.scatter import MapData, prepare_map, scatter_map

    @st.cache_data(max_entries=3)
    def prepared(n: int) -> MapData:
        return prepare_map(coords, np.asarray(CATEGORIES)[labels], texts)

    picked = scatter_map(prepared(n), key="map", height=640)
    selected, clicked = len(picked.ids), picked.clicked

runs = st.session_state["runs"]
st.text(f"run={runs} selected={selected} clicked={clicked} script={time.perf_counter() - started:.3f}")
