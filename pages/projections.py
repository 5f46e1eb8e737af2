"""Maps: PCA, t-SNE and UMAP squeeze hundreds of dimensions into 2 or 3, and every map distorts."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import projection_figure, variance_figure
from ui import maps
from ui.bigmap import BIG_MAP, big_map
from ui.cache import embed_current
from ui.charts import show
from ui.inputs import core_errors
from ui.maps import (
    ENDS,
    axis_titles,
    points_note,
    shown_of,
)
from ui.params import text_input
from ui.projection import cached_projection, map_trust, settings_form
from ui.shell import ensure_app_shell
from ui.sources import picker, shown_name

ensure_app_shell()

EXAMPLE = ec.lesson_text("projections", "example")

st.title("Maps: from hundreds of dimensions down to 2")
st.caption(ec.lesson_text("projections", "intro"))

source = picker("projection", typed_default=EXAMPLE, grouped=True)
texts, groups, vectors = source.texts, source.labels, source.vectors
if len(texts) < 3:
    st.warning(f"A map needs at least 3 texts; there are {len(texts)}. Add more lines.", icon=":material/info:")
    st.stop()

method, dims, params, seed = settings_form()
run = {"source": source, "seed": seed}


tabs = st.tabs(["Map", "Compare the three", "Distortion", "Custom axes"], key="projection_tab", on_change="rerun")
with core_errors():
    proj = cached_projection(vectors, method, n_components=dims, params=params[method], **run)
shown_texts, shown_groups = shown_of(proj, texts, groups)
TRUST_K = 5  # neighbours per point in the trustworthiness shown on the Map and Distortion tabs (as map_trust)
trust, trust_n = map_trust(source, proj.on_map(vectors), proj.coords)
on_sample = f" Computed on {trust_n:,} of {len(proj.coords):,} points drawn at random." * (trust_n < len(proj.coords))

if tabs[0].open:
    with tabs[0]:
        points_note(proj)
        st.metric(
            "Trustworthiness (1 = neighbours kept)",
            f"{trust:.2f}",
            help=ec.lesson_text("projections", "trustworthiness_help").format(k=TRUST_K) + on_sample,
        )
        if dims == 2 and len(proj.coords) > BIG_MAP:
            big_map(
                proj.coords,
                proj.on_map(vectors),
                shown_texts,
                shown_groups,
                source=source,
                key="projection_big",
                placer=proj,
            )
        else:  # the Plotly figure only here: building it costs seconds per rerun at 100,000 points
            fig = projection_figure(
                proj.coords,
                shown_texts,
                shown_groups,
                axis_titles=axis_titles(proj),
                title=f"{ec.method_label(method)} map of {shown_name(source)}",
            )
            maps.plotly_map(fig, shown_texts, shown_groups, dims=dims)
        if method == "pca":
            show(variance_figure(proj.explained_variance_ratio), width="stretch")
        else:
            st.caption("t-SNE and UMAP axes have no meaning and distances between far groups mean little.")
        maps.predict_landing(proj, shown_texts, shown_groups, source.model)

if tabs[1].open:
    with tabs[1]:
        maps.compare_three(vectors, texts, groups, params, dims=dims, run=run)

if tabs[2].open:
    with tabs[2]:
        trust_help = ec.lesson_text("projections", "trustworthiness_help").format(k=TRUST_K) + on_sample
        maps.distortion_view(proj, proj.on_map(vectors), shown_texts, shown_groups, (trust, trust_help))

if tabs[3].open:
    with tabs[3]:
        st.caption(ec.lesson_text("projections", "axes_explained"))
        a, b, c, d = (ec.clean_text(text_input(p, container=col)) for p, col in zip(ENDS, st.columns(4), strict=True))
        if not all((a, b, c, d)):
            st.warning("Fill in all four texts A, B, C and D.")
            st.stop()
        with core_errors():
            ev = embed_current([a, b, c, d])
            ax = ec.axes_projection(vectors, x_axis=(ev[0], ev[1]), y_axis=(ev[2], ev[3]))
        if abs(ax.axes_cosine) > 0.7:
            st.warning(f"The two directions are alike (cosine {ax.axes_cosine:.2f}), so the map looks like a line.")
        show(
            projection_figure(
                ax.coords,
                texts,
                groups,
                axis_titles=[f"{a} → {b}", f"{c} → {d}"],
                title=f"Custom axes ({len(texts):,} of {len(texts):,} points shown)",
            ),
            width="stretch",
            key="projection_axes_map",
        )
        maps.pair_axis_view(vectors, texts, groups, source.model)
