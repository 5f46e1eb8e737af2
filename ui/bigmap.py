"""The big map: a 2D map of thousands to 200,000 points, drawn by the WebGL component, with find and neighbours.

Plotly's WebGL scatter needs seconds to draw and to answer a selection past a few thousand points
(`bench/bench_bigmap.py`); the component draws 200,000 in about 2 s. Above `BIG_MAP` points the Maps
page draws its 2D map here: hover shows the text, box or lasso lists the texts, a click lists the
point's nearest neighbours in the original space (and marks them), a search box marks matching texts.
On top: cluster labels (c-TF-IDF keywords at each k-means cluster's centre), a density layer, a typed
query placed on the map with every point above a cosine selected, and the map as one offline HTML file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec
from ui.components.scatter import STATIC, MapData, prepare_map, scatter_map, selection_of, standalone_html

from .cache import cached, embed
from .inputs import core_errors
from .params import Flag, Param, Text, slider, text_input, toggle
from .parts import part
from .presenter import is_presenting
from .sources import Owner, Source

#: 2D maps with more points than this are drawn by the WebGL component instead of Plotly.
BIG_MAP = 3_000
#: Neighbours listed for a clicked point.
NEIGHBOURS = 10
#: Rows of a selection listed on the page (all of them go into the download).
LISTED = 1_000
#: The exported page's script (inlined in every exported map).
SCRIPT_BYTES = (STATIC / "scatter.js").stat().st_size
LABELS = Param(
    "projection_big_labels",
    False,
    Flag(),
    "Cluster labels",
    "Groups the map's points with k-means and writes each group's most typical words (c-TF-IDF) at its "
    "centre. The groups come from the map, not from the original space.",
)
CLUSTERS = Param(
    "projection_big_clusters",
    12,
    ec.LABEL_CLUSTERS,
    "Labelled groups",
    "How many groups k-means makes on the map for the labels.",
)
DENSITY = Param(
    "projection_big_density",
    False,
    Flag(),
    "Density",
    "Shades the map by how many points lie in each place (a smoothed 2D histogram): crowded regions "
    "show even where points are drawn over each other.",
)
QUERY = Param(
    "projection_big_query",
    "",
    Text(200),
    "Place a text on the map",
    "Embeds this text with the sidebar's model (the map's vectors must come from it) and marks where it "
    "lands, without refitting the map.",
)
THRESHOLD = Param(
    "projection_big_threshold",
    0.5,
    ec.Interval(-1.0, 1.0, step=0.01),
    "Select texts with cosine at least",
    "Selects every point whose cosine similarity to the placed text (in all dimensions, not on the map) "
    "is at least this.",
)


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


@cached(kind="data", model_arg="owner", max_entries=6)
def _labels(owner: Owner, coords: np.ndarray, texts: tuple[str, ...], n_clusters: int) -> ec.MapLabels:
    return ec.map_labels(coords, texts, n_clusters=n_clusters)


def _latest(key: str, seq: object, query: object) -> str:
    """``"map"`` or ``"query"``: whichever the person changed last (a lasso after a query, or the reverse)."""
    seen = st.session_state.setdefault(f"{key}_latest", {"seq": None, "query": None, "who": "map"})
    if query != seen["query"]:
        seen.update(query=query, who="query" if query is not None else "map")
    if seq != seen["seq"]:
        seen.update(seq=seq, who="map" if seq is not None else seen["who"])
    return seen["who"]


def _placed(
    proj: ec.Projection, vectors: np.ndarray, owner: Owner, text: str, *, index: ec.SemanticIndex
) -> ec.PlacedQuery | None:
    """`text` placed on the map, or None (with a caption) when the map's vectors come from another model."""
    vector = embed(owner.model, (text,))
    if vector.shape[1] != vectors.shape[1]:
        st.caption(
            f"This map's vectors have {vectors.shape[1]} numbers and {ec.model_label(owner.model)} writes "
            f"{vector.shape[1]}: a text can only be placed on a map made with the same model."
        )
        return None
    return ec.place_query(proj, index, vector)


@part("big_map")
def big_map(
    coords: np.ndarray,
    vectors: np.ndarray,
    texts: list[str],
    groups: list[str] | None,
    *,
    source: Source,
    key: str,
    placer: ec.Projection | None = None,
) -> None:
    """Draw the 2D map `coords` with the WebGL component, then what was found, clicked, placed or selected on it.

    A part of its page (`ui.parts.part`, at most one big map a page): a box, lasso or click on the map,
    the find box, a placed text, labels and density rerun only the map and its lists, not the page.

    Args:
        coords: ``(n, 2)`` map positions; its rows are `vectors`, `texts` and `groups` (for a
            `Projection`, its ``coords`` with the rows taken at its ``indices``).
        vectors: ``(n, dim)`` the rows' vectors, for the neighbours of a clicked point and a placed text.
        texts, groups: the rows' texts and groups (groups colour the points).
        source: whose data it is (decides the caches' scope and the model a typed text is embedded with;
            its name names the exported file).
        key: the widget-key prefix of the map and its find box.
        placer: the fitted map that made `coords`, to place a typed text on it without refitting
            (no "Place a text" box without it).
    """
    owner, name = source.owner, source.name
    data = _map_data(owner, coords, tuple(texts), tuple(groups) if groups else None)
    index = _index(owner, vectors)
    c1, c2, c3 = st.columns([2, 2, 2])
    query = c1.text_input(
        "Find a text",
        key=f"{key}_find",
        max_chars=200,
        help="Marks every point whose text contains these letters (upper or lower case) and zooms to them.",
    )
    typed, threshold = "", THRESHOLD.default
    if placer is not None:
        typed = ec.clean_text(text_input(QUERY, container=c2))
        threshold = slider(THRESHOLD, container=c3, disabled=not typed)
    t1, t2, t3 = st.columns([1, 1, 2])
    labelled, shaded = toggle(LABELS, container=t1), toggle(DENSITY, container=t2)
    n_clusters = slider(CLUSTERS, container=t3, disabled=not labelled)
    found = find_rows(texts, query)
    raw = st.session_state.get(f"{key}_map")
    before = selection_of(raw, data)  # a click of the last run
    placed = None
    if typed:
        with core_errors(stop=False):
            placed = _placed(placer, vectors, owner, typed, index=index)
    above = ec.rows_above(placed.cosines, threshold) if placed is not None else np.zeros(0, dtype=np.int64)
    latest = _latest(key, raw.get("seq") if isinstance(raw, dict) else None, (typed, threshold) if placed else None)
    hits = []
    if before.clicked is not None and not query.strip() and latest == "map":
        hits = index.search(vectors[before.clicked], top_k=NEIGHBOURS + 1)[0]
        hits = [h for h in hits if h.index != before.clicked][:NEIGHBOURS]
    if query.strip():
        marked = found
    elif hits:
        marked = np.array([before.clicked, *(h.index for h in hits)], dtype=np.int64)
    elif latest == "query":
        marked = above
    else:
        marked = np.zeros(0, dtype=np.int64)
    labels = []
    if labelled:
        with st.spinner("Naming the map's groups…"):
            found_labels = _labels(owner, coords, tuple(texts), n_clusters)
        labels = [(label.x, label.y, label.text) for label in found_labels.labels]
    ring = (float(placed.xy[0]), float(placed.xy[1]), typed) if placed is not None else None
    layers = {"labels": labels, "query": ring, "density": shaded}
    picked = scatter_map(
        data,
        key=f"{key}_map",
        height=620,
        highlight=marked if len(marked) else None,
        zoom_to_highlight=len(found) > 0,
        text_scale=1.5 if is_presenting() else 1.0,
        **layers,
    )
    notes = []
    if query.strip():
        notes.append(f"{len(found):,} of {len(texts):,} texts contain “{query.strip()}”.")
    if labelled:
        notes.append(
            f"Labels: {len(labels)} groups by k-means on the map's points; keywords read from "
            f"{found_labels.n_texts:,} of {len(texts):,} texts."
        )
    if placed is not None:
        notes.append(
            f"“{typed[:60]}” is the orange ring. {placed.note} {len(above):,} of {len(texts):,} texts have "
            f"cosine ≥ {threshold:.2f} with it."
        )
    if notes:
        st.caption(" ".join(notes))
    _export(data, name, marked, key=key, **layers)
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
    elif latest == "query" and placed is not None:
        _selection(above, texts, groups, key=key, what=f"with cosine ≥ {threshold:.2f}", cosines=placed.cosines)
    elif len(picked.ids):
        _selection(picked.ids, texts, groups, key=key, what="selected")
    else:
        st.caption(
            "Drag to pan, wheel to zoom, hover for a text. Lasso or Box (or shift-drag) selects; "
            "a click on a point lists its nearest neighbours."
        )


def _selection(
    rows: np.ndarray,
    texts: list[str],
    groups: list[str] | None,
    *,
    key: str,
    what: str,
    cosines: np.ndarray | None = None,
) -> None:
    """The selected rows listed (the first `LISTED`) and all of them as a CSV download."""
    st.subheader(f"{len(rows):,} {what}")
    table = pd.DataFrame({"text": [texts[i] for i in rows], "group": [groups[i] for i in rows] if groups else ""})
    if cosines is not None:
        table["cosine"] = np.round(cosines[rows], 3)
    if len(rows) > LISTED:
        st.caption(f"The first {LISTED:,} of {len(rows):,} are listed; the download has all of them.")
    st.dataframe(table.head(LISTED), hide_index=True, width="stretch")
    st.download_button(
        "Download the selection (CSV)",
        table.to_csv(index=False).encode(),
        file_name="selection.csv",
        key=f"{key}_download",
        help="Every selected text, with its group" + (" and its cosine." if cosines is not None else "."),
    )


def _export(data: MapData, name: str, marked: np.ndarray, *, key: str, **layers) -> None:
    """The whole map as one HTML file that opens from disk (built when the button is pressed)."""
    size = 4 * (len(data.xy) + len(data.codes) + len(data.texts)) / 3 + SCRIPT_BYTES
    st.download_button(
        f"Download the map (HTML, {size / 1e6:.1f} MB)",
        lambda: standalone_html(data, title=f"Map of {name}", highlight=marked, **layers),
        file_name=f"{name}-map.html",
        mime="text/html",
        key=f"{key}_export",
        on_click="ignore",
        help="One file with every point, its hover text, the labels, the density layer and the placed text: "
        "it opens from disk in a browser with no server and no network.",
    )
