"""The Maps page's inputs beyond the settings form, and its parts: the map with its selection, distortion, axes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import maps_figure, projection_figure

from . import predict
from .cache import cached, embed, get_model
from .charts import show
from .inputs import core_errors
from .params import Param, Text, selectbox, slider, text_area, text_input
from .parts import part
from .projection import MAX_POINTS, cached_projection

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


def compare_three(
    vectors: np.ndarray,
    texts: list[str],
    groups: list[str] | None,
    params: dict[str, dict],
    *,
    dims: int,
    run: dict[str, Any],
) -> None:
    """The "Compare the three" tab: PCA, t-SNE and UMAP of the same points and seed, side by side."""
    st.caption("The same points, the same seed, three methods. Which groups stay together in all three?")
    panels, notes = [], []
    for name in ec.PROJECTION_METHODS:
        with core_errors():
            p = cached_projection(
                vectors, name, n_components=2, params=params[name], max_points=min(MAX_POINTS.values()), **run
            )
        t, g = shown_of(p, texts, groups)
        panels.append((ec.method_label(name), p.coords, t, g))
        notes.append(
            f"{ec.method_label(name)}: trustworthiness {ec.trustworthiness(vectors[p.indices], p.coords):.2f} · "
            f"{len(p.indices):,} of {p.n_input:,} points shown"
        )
    show(maps_figure(panels, height=520), key="projection_cmp")  # one legend for the three maps
    st.caption(" | ".join(notes) + (" (2D maps: 3D maps cannot be compared side by side.)" if dims == 3 else ""))


def plotly_map(fig: Any, texts: list[str], groups: list[str] | None, *, dims: int) -> None:
    """A map of up to `ui.bigmap.BIG_MAP` points drawn by Plotly; in 2D, box and lasso list the texts."""
    if dims == 3:
        show(fig, key="projection_map3d", width="stretch")
        st.caption("Drag to turn the map. Box and lasso selection work on the 2D map.")
        return
    map_view(fig, texts, groups)


def selection_table(rows: list[int], texts: list[str], groups: list[str] | None) -> pd.DataFrame:
    """The selected points' texts and groups."""
    return pd.DataFrame({"text": [texts[i] for i in rows], "group": [groups[i] for i in rows] if groups else ""})


@part("projection_map")
def map_view(fig: Any, texts: list[str], groups: list[str] | None) -> None:
    """The 2D map and the list of the points selected on it: a box or a lasso reruns only these."""
    event = show(
        fig, key="projection_map", on_select="rerun", selection_mode=("box", "lasso", "points"), width="stretch"
    )
    picked = selected_rows(event)
    if picked:
        st.subheader(f"{len(picked)} selected")
        st.dataframe(selection_table(picked, texts, groups), hide_index=True, width="stretch")
    else:
        st.caption("Draw a box or lasso around points (toolbar, top right) to list their texts here.")


@part("projection_distortion")
def distortion_view(
    proj: ec.Projection, vectors: np.ndarray, texts: list[str], groups: list[str] | None, trust: tuple[float, str]
) -> None:
    """A text's true nearest neighbours against its neighbours on the map: the text and k rerun only this.

    Args:
        vectors: the vectors of the points on the map (``proj.indices``), in its order.
        trust: the whole map's trustworthiness and its help line.
    """
    st.caption(
        "A map must squash distances. Pick a text: are its true nearest neighbours still near it? The map "
        "opens zoomed on the text and its neighbours; double-click it to see the whole map."
    )
    d1, d2 = st.columns([3, 1])
    focus = d1.selectbox(
        "Text",
        range(min(len(texts), FOCUS_CHOICES)),
        format_func=lambda i: texts[i][:80],
        key="projection_focus",
        help=f"The point whose neighbours we compare (one of the first {FOCUS_CHOICES:,}; on a big map, "
        "a click on any point lists its neighbours).",
    )
    k = slider(K, container=d2)
    try:
        ov = ec.neighbor_overlap(vectors, proj.coords, focus or 0, k=k)
    except ec.EmbeddingCoreError as err:
        st.error(str(err), icon=":material/error:")
        return
    m1, m2 = st.columns(2)
    m1.metric(f"Neighbours kept for this text (k={ov.k})", f"{len(ov.shared)} of {ov.k}")
    m2.metric("Trustworthiness of the whole map", f"{trust[0]:.2f}", help=trust[1])
    if proj.coords.shape[1] == 2:
        show(
            projection_figure(proj.coords, texts, groups, focus=ov, labels=False),
            width="stretch",
            key="projection_focus_map",
        )
    for column, table in zip(st.columns(2), overlap_tables(ov, texts), strict=True):
        column.dataframe(table, hide_index=True)


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


# -- Custom axes: an axis from several pairs --------------------------------------------------------

#: The ready axes of data/lessons.toml (``[[projections.axis]]``): name -> one pair a line.
READY_AXES = {a["name"]: "\n".join(f"{x}, {y}" for x, y in a["pairs"]) for a in ec.lesson("projections")["axis"]}
OWN_AXIS = "my own pairs"
AXIS_PRESET = Param(
    "projection_pairs_axis",
    next(iter(READY_AXES)),
    ec.Options((*READY_AXES, OWN_AXIS)),
    "Ready axis",
    "Fills the pairs below with a relation that several pairs share; or type your own pairs.",
)
PAIRS = Param(
    "projection_pairs",
    next(iter(READY_AXES.values())),
    Text(2_000),
    "Pairs, one a line",
    "Two texts a line, 'man, woman' or 'man → woman'. The axis points from the first text to the second.",
)


def apply_axis_preset() -> None:
    """on_change of the ready-axis picker: put its pairs into the box (my own pairs keeps the box)."""
    choice = st.session_state[AXIS_PRESET.key]
    if choice in READY_AXES:
        st.session_state[PAIRS.key] = READY_AXES[choice]


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def pair_axis(name: str, pairs: tuple[tuple[str, str], ...]) -> ec.Axis:
    """The axis of `pairs` with model `name`, cached in the model's scope."""
    return ec.multi_pair_axis(get_model(name), pairs)


@part("projection_pairs")
def pair_axis_view(vectors: np.ndarray, texts: list[str], groups: list[str] | None, model: str) -> None:
    """The 'axis from several pairs' block: the pairs, their consistency and the texts placed on the axis."""
    st.subheader("An axis from several pairs")
    st.caption(ec.lesson_text("projections", "pairs_explained"))
    left, right = st.columns([1, 2])
    with left:
        selectbox(AXIS_PRESET, on_change=apply_axis_preset)
        raw = text_area(PAIRS, height=190)
    try:
        pairs = tuple(ec.parse_pairs(raw))
        axis = pair_axis(model, pairs)
        ends = embed(model, tuple(w for p in pairs for w in p))
        along, rest = axis.coordinates(np.vstack([vectors, ends]))
    except ec.EmbeddingCoreError as err:  # a part shows the message and ends (no st.stop: see ui.parts)
        st.error(str(err), icon=":material/error:")
        return
    with left:
        if len(pairs) == 1:
            st.metric("Consistency", "–", help="One pair has nothing to agree with: add more pairs.")
        else:
            st.metric(
                "Consistency",
                f"{axis.consistency:.2f}",
                help="The mean, over the pairs, of the cosine between a pair's difference and the mean difference "
                "of the other pairs. About 0 for unrelated pairs, 1 when all point the same way.",
            )
        st.dataframe(
            pd.DataFrame(
                {"pair": [f"{a} → {b}" for a, b in pairs], "agrees with the others": np.round(axis.pair_agreement, 2)}
            ),
            hide_index=True,
            key="projection_pairs_table",
        )
    words = [w for p in pairs for w in p]
    labels = (list(groups) if groups else ["your texts"] * len(texts)) + ["pair: from", "pair: to"] * len(pairs)
    title = f"{pairs[0][0]} → {pairs[0][1]} and {len(pairs) - 1} more pair(s)"
    with right:
        show(
            projection_figure(
                np.column_stack([along, rest]),
                [*texts, *words],
                labels,
                axis_titles=[f"along the axis ({title})", "off the axis (residual length)"],
                title=f"{len(texts):,} texts on the axis, with the pair words",
            ),
            width="stretch",
            key="projection_pairs_map",
        )


# -- Map tab: predict where a new text lands ---------------------------------------------------------

PREDICT_TEXT = Param(
    "projection_predict_text",
    ec.lesson_text("projections", "predict_text"),
    Text(200),
    "A new text",
    "Any word or sentence. Guess which group it lands nearest on this map, then see where it goes.",
)


@part("projection_predict")
def predict_landing(proj: ec.Projection, texts: list[str], groups: list[str] | None, model: str) -> None:
    """'Predict first: where will a new text land?': pick the group (a region of the map), then see it placed."""
    box = st.expander("Predict first: where will a new text land?", key="projection_predict_open", on_change="rerun")
    with box:
        if not groups or len(set(groups)) < 2 or proj.coords.shape[1] != 2 or not proj.can_transform:
            st.caption(
                "This needs a 2D PCA map of texts in two or more groups (or a UMAP map of a whole built-in dataset): "
                "t-SNE cannot place new points."
            )
            return
        text = ec.clean_text(text_input(PREDICT_TEXT))
        if not text:
            st.caption("Type a new text to place on the map.")
            return
        if not proj.transform_ready and not box.open:
            return  # a shipped map's model is fitted only when someone opens this (UMAP: seconds)
        with core_errors(stop=False):
            vector = embed(model, (text,))
            if vector.shape[1] != proj.params.get("n_features", vector.shape[1]):
                st.caption(
                    f"This map's vectors have {proj.params['n_features']} numbers and the sidebar's model writes "
                    f"{vector.shape[1]}: a text can only be placed on a map made with the same model."
                )
                return
            if proj.transform_ready:
                point = proj.transform(vector)[0]
            else:
                with st.spinner(
                    f"Fitting the {ec.method_label(proj.method)} model behind this map once, to place new texts…"
                ):
                    point = proj.transform(vector)[0]
            centres = {
                g: proj.coords[[i for i, h in enumerate(groups) if h == g]].mean(axis=0) for g in dict.fromkeys(groups)
            }
            scores = {g: float(np.linalg.norm(point - c)) for g, c in centres.items()}
            what = "distance on the map to the group's centre"
            why = predict.ranked_why(scores, model=model, what=what, higher_first=False)
            question = f"Near which group will “{text}” land?"
            if predict.ask("projection_predict", question, scores, score_label=what, why=why, higher_is_answer=False):
                show(
                    projection_figure(
                        np.vstack([proj.coords, point]),
                        [*texts, text],
                        [*groups, f"new: {text}"],
                        axis_titles=axis_titles(proj),
                        title=f"Where “{text}” lands",
                    ),
                    width="stretch",
                    key="projection_predict_map",
                )
