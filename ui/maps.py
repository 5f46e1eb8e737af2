"""The Maps page's inputs beyond the settings form, and what it shows about a map: its points, notes and tables."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import embedding_core as ec

from .params import Param, Text

#: Neighbours compared on the Distortion tab.
K = Param(
    "projection_k", 5, ec.Interval(1, 20, integer=True), "Neighbours (k)", "How many nearest neighbours to compare."
)
#: Texts offered in the Distortion tab's picker (a list of 200,000 would be sent to the browser).
FOCUS_CHOICES = 2_000
#: The four texts of the Custom axes tab: x runs from A to B, y from C to D.
ENDS = tuple(
    Param(
        f"projection_ax_{end}",
        first,
        Text(200),
        end.upper(),
        "Any word or sentence; it is embedded with the current model.",
    )
    for end, first in ec.lesson("projections")["axes"].items()
)


def shown_of(proj: ec.Projection, texts: list[str], groups: list[str] | None) -> tuple[list[str], list[str] | None]:
    """The texts and groups of the points on a map (a sample when the method caps the number of points)."""
    rows = proj.indices.tolist()
    return [texts[i] for i in rows], ([groups[i] for i in rows] if groups else None)


def axis_titles(proj: ec.Projection) -> list[str]:
    """PCA's axes with the share of the spread each keeps; t-SNE's and UMAP's are only numbered."""
    if proj.method == "pca":
        return [f"PC{i + 1} ({100 * r:.0f}%)" for i, r in enumerate(proj.explained_variance_ratio)]
    return [f"{ec.method_label(proj.method)} {i + 1}" for i in range(proj.coords.shape[1])]


def points_note(proj: ec.Projection) -> None:
    """The map's adjustments (e.g. a lowered perplexity) and how many of the points it shows."""
    for note in proj.adjustments:
        st.info(note, icon=":material/tune:")
    n, m = len(proj.indices), proj.n_input
    if proj.n_placed:
        st.info(
            f"**Fitted on {proj.n_fitted:,} of {n:,} points**, drawn with the seed; the other "
            f"{proj.n_placed:,} were placed on that map with {ec.method_label(proj.method)}'s `transform` "
            "(each lands near its nearest fitted points). Fitting on all of them would take minutes.",
            icon=":material/scatter_plot:",
        )
    if proj.sampled:
        st.info(
            f"**{n:,} of {m:,} points shown**: {ec.method_label(proj.method)} maps at most {n:,} here; "
            "the sample is drawn with the seed.",
            icon=":material/filter_alt:",
        )
    else:
        st.caption(f"{n:,} of {m:,} points shown.")


def selected_rows(event: Any) -> list[int]:
    """The points picked with box, lasso or click on a 2D map, as indices into the shown points."""
    picked = [p["customdata"] for p in event.selection.points if "customdata" in p]
    return [int(c[0] if isinstance(c, list) else c) for c in picked]


def selection_table(rows: list[int], texts: list[str], groups: list[str] | None) -> pd.DataFrame:
    """The selected points' texts and groups."""
    return pd.DataFrame({"text": [texts[i] for i in rows], "group": [groups[i] for i in rows] if groups else ""})


def overlap_tables(ov: ec.NeighborOverlap, texts: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The focus text's true neighbours (kept on the map?) and its neighbours on the map (truly near?)."""
    original = pd.DataFrame(
        {
            "nearest in the original space": [texts[i] for i in ov.original],
            "also near on the map": [i in ov.shared for i in ov.original],
        }
    )
    on_map = pd.DataFrame(
        {"nearest on the map": [texts[i] for i in ov.on_map], "truly near": [i in ov.original for i in ov.on_map]}
    )
    return original, on_map
