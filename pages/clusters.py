"""Clusters: find groups in the embeddings, name them with keywords, and measure how good they are."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import agreement_figure, cluster_map_figure, sizes_figure, sweep_figure
from ui.bigmap import BIG_MAP, big_map
from ui.charts import show
from ui.clusters import (
    AUTO_K,
    DENSE,
    LINKAGE,
    RESTARTS,
    SMALLEST,
    TYPED_EXAMPLE,
    cluster_names,
    clustered_space,
    describe,
    map_coords,
    own_k,
    run_cluster,
    show_scores,
    sweep,
)
from ui.inputs import core_errors
from ui.params import Param, number_input, prepare, radio, selectbox, slider, toggle
from ui.shell import ensure_app_shell
from ui.sources import picker

ensure_app_shell()

st.title("Clusters: find groups, name them, measure them")
st.caption(ec.lesson_text("clusters", "intro"))

src = picker("clusters", typed_default=TYPED_EXAMPLE, grouped=True, first="word_sets")
texts, vectors = src.texts, src.vectors
with core_errors():
    coords, map_method, map_notes = map_coords(src)

METHODS = {"kmeans": "k-means", "agglomerative": "Agglomerative (hierarchical)", "hdbscan": "HDBSCAN (density)"}
ABOUT = ec.lesson("clusters")["about"]
ALGORITHM = Param(
    "clusters_method",
    "kmeans",
    ec.Options(METHODS),
    "Algorithm",
    "Three classic ways to find groups; each explained below the box.",
    format_func=METHODS.get,
)
SPACE = Param(
    "clusters_space",
    "full",
    ec.Options(("full", "map")),
    "Cluster in",
    "Where distances are measured: in the model's full vectors, or on the flattened 2D map.",
    format_func={"full": f"the full embedding ({vectors.shape[1]} numbers per text)", "map": "the 2D map"}.get,
)
left, right = st.columns(2)
method = selectbox(ALGORITHM, container=left)
left.caption(ABOUT[method])
space = radio(SPACE, container=right, horizontal=True)
right.caption(ec.lesson_text("clusters", "space"))
x, overruled = clustered_space(space, method, vectors, coords)
if overruled:
    st.info(overruled, icon=":material/info:")
elif method == "hdbscan" and space == "full":
    st.caption(ec.lesson_text("clusters", "hdbscan_full"))

params: dict[str, object] = {}
c1, c2, c3 = st.columns(3)
if method == "kmeans":
    params["n_init"] = slider(RESTARTS, container=c1)
elif method == "agglomerative":
    params["linkage"] = radio(LINKAGE, container=c1, horizontal=True)
else:
    params["min_cluster_size"] = slider(SMALLEST, container=c1)
    params["min_samples"] = slider(DENSE, container=c2)

k = None
if method != "hdbscan":
    with core_errors():
        curve = sweep(src.owner, x, method, tuple(sorted(params.items())))
    auto = toggle(AUTO_K, container=c2)
    k_param = own_k(curve.best_k, len(texts))
    prepare(k_param)  # a link's k is read (and checked) before 'best k' replaces it
    if auto:
        st.session_state[k_param.key] = curve.best_k
    chosen = number_input(k_param, container=c3, disabled=auto)
    k = curve.best_k if auto else int(chosen)

with core_errors(), st.spinner("Clustering…"):
    result = run_cluster(src.owner, x, method, k, tuple(sorted(params.items())))
    keywords, nearest = describe(src.owner, tuple(texts), x, result.labels)
for note in [*result.notes, *map_notes]:
    st.info(note, icon=":material/info:")

with core_errors():
    agree = show_scores(src.owner, result, src.labels, noise=method == "hdbscan")

tabs = st.tabs(["Map", "Choosing k", "Clusters", "Sizes", *(["Against the labels"] if src.labels else [])])
with tabs[0]:
    where = "full embedding" if x is vectors else "2D map"
    if len(texts) > BIG_MAP:  # the WebGL map: Plotly needs seconds per draw at this size
        st.caption(f"{map_method} map, coloured by clusters found in the {where}. All {len(texts):,} texts shown.")
        big_map(coords, vectors, texts, cluster_names(result.labels), source=src, key="clusters_big")
    else:
        title = f"{map_method} map, coloured by clusters found in the {where}"
        show(cluster_map_figure(coords, result.labels, texts, true_labels=src.labels, keywords=keywords, title=title))
        st.caption(f"All {len(texts):,} texts shown. Noise points are grey.")
with tabs[1]:
    if method == "hdbscan":
        st.info("HDBSCAN chooses the number of clusters itself; switch to k-means or agglomerative to see the curve.")
    else:
        show(sweep_figure(curve, chosen_k=k))
        for note in curve.notes():
            st.caption(note)
        st.caption(ec.lesson_text("clusters", "choose_k"))
with tabs[2]:
    with core_errors():
        table = ec.cluster_overview(texts, result.labels, keywords=keywords, nearest=nearest)
    st.dataframe(table, hide_index=True, height=35 * (len(table) + 1) + 3)  # every cluster, no inner scroll
    st.caption("Keywords: the words most typical of each cluster (class-based TF-IDF). Typical: nearest the centre.")
with tabs[3]:
    show(sizes_figure(result.sizes(), keywords=keywords))
if src.labels:
    with tabs[4]:
        show(agreement_figure(agree.table))
        st.caption("Each row is a cluster; a clean clustering puts each label's texts in one row.")

st.download_button(
    "Download the assignments (CSV)",
    lambda: (
        ec.assignments_table(texts, result.labels, true_labels=src.labels, keywords=keywords)
        .to_csv(index=False)
        .encode("utf-8")
    ),  # built when clicked, not on every rerun
    file_name=f"clusters-{method}-{src.name}.csv".replace("/", "_").replace(" ", "_"),
    mime="text/csv",
    key="clusters_download",
    help="One row per text: the text, its true label (if any), its cluster and the cluster's keywords.",
)
