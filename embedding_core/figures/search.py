"""The search map: a corpus on its fitted 2D map, the query placed on it, and the hits highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..search import SearchHit
from ..vectors import as_matrix
from .style import PALETTE, apply_style, short_label

__all__ = ["search_map_figure"]

#: Okabe–Ito first, then Paul Tol's muted colours, so up to 17 labels stay distinct.
_MANY = [
    *PALETTE[:7],
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
]


def search_map_figure(
    coords: np.ndarray,
    texts: Sequence[str],
    labels: Sequence[str] | None,
    query_xy: np.ndarray,
    query: str,
    semantic_hits: Sequence[SearchHit],
    keyword_hits: Sequence[SearchHit] = (),
    *,
    shown: np.ndarray | None = None,
) -> go.Figure:
    """Every text as a faint dot (coloured by label), the query as a star, hits ringed and numbered.

    Args:
        coords: ``(n, 2)`` map positions of the corpus.
        texts, labels: one per row of `coords` (labels may be None).
        query_xy: ``(2,)`` or ``(1, 2)`` position of the query on the same map.
        query: the query text, for the hover.
        semantic_hits: hits by meaning, ringed in black and numbered by rank.
        keyword_hits: hits by words, marked with an orange diamond.
        shown: the rows drawn as dots (default all); the hits are drawn whether shown or not.
    """
    xy = as_matrix(coords, name="coords")
    q = np.asarray(query_xy, dtype=np.float32).reshape(-1)[:2]
    fig = go.Figure()
    drawn = np.arange(len(xy)) if shown is None else np.asarray(shown, dtype=np.int64)
    groups = sorted(set(labels)) if labels is not None else [None]
    for i, group in enumerate(groups):
        rows = drawn if group is None else drawn[np.asarray(labels, dtype=object)[drawn] == group]
        fig.add_scattergl(
            x=xy[rows, 0],
            y=xy[rows, 1],
            mode="markers",
            name=short_label(str(group), 20) if group is not None else "texts",
            marker={"size": 7, "color": _MANY[i % len(_MANY)], "opacity": 0.45},
            hovertext=[short_label(texts[r], 80) for r in rows],
            hovertemplate="%{hovertext}<extra>" + ("" if group is None else short_label(str(group), 20)) + "</extra>",
        )
    if keyword_hits:
        rows = [h.index for h in keyword_hits]
        fig.add_scatter(
            x=xy[rows, 0],
            y=xy[rows, 1],
            mode="markers",
            name="hits by words",
            marker={"symbol": "diamond-open", "size": 15, "color": PALETTE[3], "line": {"width": 3}},
            hovertext=[f"words #{r + 1}: {short_label(texts[h.index], 70)}" for r, h in enumerate(keyword_hits)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    if semantic_hits:
        rows = [h.index for h in semantic_hits]
        fig.add_scatter(
            x=xy[rows, 0],
            y=xy[rows, 1],
            mode="markers+text",
            name="hits by meaning",
            text=[str(r + 1) for r in range(len(rows))],
            textposition="top center",
            textfont={"size": 12},
            marker={"symbol": "circle-open", "size": 13, "color": "#000000", "line": {"width": 2.5}},
            hovertext=[f"meaning #{r + 1}: {short_label(texts[h.index], 70)}" for r, h in enumerate(semantic_hits)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.add_scatter(
        x=[q[0]],
        y=[q[1]],
        mode="markers+text",
        name="your query",
        text=[short_label(query, 30)],
        textposition="bottom center",
        textfont={"size": 14},
        marker={
            "symbol": "star",
            "size": 20,
            "color": PALETTE[6],
            "line": {"width": 1.5, "color": "#000"},
        },
        hovertext=[short_label(query, 80)],
        hovertemplate="query: %{hovertext}<extra></extra>",
    )
    fig.update_layout(
        title="Where your query lands on the map of the data",
        xaxis={"showticklabels": False, "title": "", "zeroline": False},
        yaxis={"showticklabels": False, "title": "", "zeroline": False, "scaleanchor": "x"},
        legend={"itemsizing": "constant"},
    )
    return apply_style(fig, height=520)
