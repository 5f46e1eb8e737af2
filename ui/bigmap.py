"""The big map: a 2D map of thousands to 200,000 points, drawn by the WebGL component, with find and neighbours.

Plotly's WebGL scatter needs seconds to draw and to answer a selection past a few thousand points
(`bench/bench_bigmap.py`); the component draws 200,000 in about 2 s. Above `BIG_MAP` points the Maps
page draws its 2D map here: hover shows the text, box or lasso lists the texts, a click lists the
point's nearest neighbours in the original space (and marks them), a search box marks matching texts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec
from ui.components.scatter import MapData, prepare_map, scatter_map, selection_of

from .cache import cached
from .sources import Owner

#: 2D maps with more points than this are drawn by the WebGL component instead of Plotly.
BIG_MAP = 3_000
#: Neighbours listed for a clicked point.
NEIGHBOURS = 10
#: Rows of a selection listed on the page (all of them go into the download).
LISTED = 1_000


@cached(kind="data", model_arg="owner", max_entries=6)
def _map_data(owner: Owner, coords: np.ndarray, texts: tuple[str, ...], groups: tuple[str, ...] | None) -> MapData:
    return prepare_map(coords, groups, texts)


@cached(kind="resource", model_arg="owner", max_entries=4)
def _index(owner: Owner, vectors: np.ndarray) -> ec.SemanticIndex:
    return ec.SemanticIndex(vectors)


def find_rows(texts: list[str], query: str) -> np.ndarray:
    """Rows whose text contains `query`, ignoring case (all of them, in order)."""
    needle = query.strip().casefold()
    if not needle:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero([needle in t.casefold() for t in texts])


def big_map(
    coords: np.ndarray, vectors: np.ndarray, texts: list[str], groups: list[str] | None, *, owner: Owner, key: str
) -> None:
    """Draw the 2D map `coords` with the WebGL component, then what was found, clicked or selected on it.

    Args:
        coords: ``(n, 2)`` map positions; its rows are `vectors`, `texts` and `groups` (for a
            `Projection`, its ``coords`` with the rows taken at its ``indices``).
        vectors: ``(n, dim)`` the rows' vectors, for the neighbours of a clicked point.
        texts, groups: the rows' texts and groups (groups colour the points).
        owner: whose data it is (decides the caches' scope).
        key: the widget-key prefix.
    """
    data = _map_data(owner, coords, tuple(texts), tuple(groups) if groups else None)
    query = st.text_input(
        "Find a text",
        key=f"{key}_find",
        max_chars=200,
        help="Marks every point whose text contains these letters (upper or lower case) and zooms to them.",
    )
    found = find_rows(texts, query)
    before = selection_of(st.session_state.get(f"{key}_map"), data)  # a click of the last run
    hits = []
    if before.clicked is not None and not query.strip():
        hits = _index(owner, vectors).search(vectors[before.clicked], top_k=NEIGHBOURS + 1)[0]
        hits = [h for h in hits if h.index != before.clicked][:NEIGHBOURS]
    if query.strip():
        marked = found
    elif hits:
        marked = np.array([before.clicked, *(h.index for h in hits)], dtype=np.int64)
    else:
        marked = np.zeros(0, dtype=np.int64)
    picked = scatter_map(
        data, key=f"{key}_map", height=620, highlight=marked if len(marked) else None, zoom_to_highlight=len(found) > 0
    )
    if query.strip():
        st.caption(f"{len(found):,} of {len(texts):,} texts contain “{query.strip()}”.")
    if picked.clicked is not None and hits:
        st.subheader(f"Nearest to “{texts[picked.clicked][:80]}” in the original space")
        st.caption(
            f"The {len(hits)} most similar texts by cosine in all {vectors.shape[1]} dimensions, marked on the map: "
            "close on the map is not always close in meaning."
        )
        st.dataframe(
            pd.DataFrame({"text": [texts[h.index] for h in hits], "cosine": [round(h.score, 3) for h in hits]}),
            hide_index=True,
            width="stretch",
        )
    elif len(picked.ids):
        rows = picked.ids
        st.subheader(f"{len(rows):,} selected")
        table = pd.DataFrame({"text": [texts[i] for i in rows], "group": [groups[i] for i in rows] if groups else ""})
        if len(rows) > LISTED:
            st.caption(f"The first {LISTED:,} of {len(rows):,} are listed; the download has all of them.")
        st.dataframe(table.head(LISTED), hide_index=True, width="stretch")
        st.download_button(
            "Download the selection (CSV)",
            table.to_csv(index=False).encode(),
            file_name="selection.csv",
            key=f"{key}_download",
            help="Every selected text, with its group.",
        )
    else:
        st.caption(
            "Drag to pan, wheel to zoom, hover for a text. Lasso or Box (or shift-drag) selects; "
            "a click on a point lists its nearest neighbours."
        )
