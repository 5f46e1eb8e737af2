"""Clusters: find groups in the embeddings, name them with keywords, and measure how good they are."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import agreement_figure, cluster_map_figure, sizes_figure, sweep_figure
from ui.charts import show
from ui.clusters import TYPED_EXAMPLE, clamp, describe, map_coords, run_cluster, sweep
from ui.inputs import core_errors
from ui.shell import ensure_app_shell
from ui.sources import picker
from ui.state import default

ensure_app_shell()

st.title("Clusters: find groups, name them, measure them")
st.caption(ec.lesson_text("clusters", "intro"))

default("clusters_source", "word_sets", options=["__typed__", *ec.list_datasets()])
src = picker("clusters", typed_default=TYPED_EXAMPLE, grouped=True)
texts, vectors = src.texts, src.vectors
with core_errors():
    coords, map_method, map_notes = map_coords(src)

METHODS = {"kmeans": "k-means", "agglomerative": "Agglomerative (hierarchical)", "hdbscan": "HDBSCAN (density)"}
ABOUT = ec.lesson("clusters")["about"]
default("clusters_method", "kmeans", options=METHODS)
default("clusters_space", "full", options=["full", "map"])
left, right = st.columns(2)
method = left.selectbox(
    "Algorithm",
    list(METHODS),
    key="clusters_method",
    format_func=METHODS.get,
    help="Three classic ways to find groups; each explained below the box.",
)
left.caption(ABOUT[method])
space = right.radio(
    "Cluster in",
    ["full", "map"],
    key="clusters_space",
    format_func={"full": f"the full embedding ({vectors.shape[1]} numbers per text)", "map": "the 2D map"}.get,
    horizontal=True,
    help="Where distances are measured: in the model's full vectors, or on the flattened 2D map.",
)
right.caption(ec.lesson_text("clusters", "space"))
x = vectors if space == "full" else coords
if method == "hdbscan" and space == "full":
    st.caption(ec.lesson_text("clusters", "hdbscan_full"))

params: dict[str, object] = {}
c1, c2, c3 = st.columns(3)
if method == "kmeans":
    default("clusters_n_init", 10)
    clamp("clusters_n_init", 1, 20)
    params["n_init"] = c1.slider(
        "Restarts",
        1,
        20,
        key="clusters_n_init",
        help="k-means runs this many times from random centres and keeps the best.",
    )
elif method == "agglomerative":
    default("clusters_linkage", "ward", options=ec.LINKAGES)
    params["linkage"] = c1.radio(
        "Linkage",
        list(ec.LINKAGES),
        key="clusters_linkage",
        horizontal=True,
        help="Which groups merge first: ward = least added spread; average = closest on average; "
        "complete = closest farthest members.",
    )
else:
    default("clusters_min_size", 5)
    default("clusters_min_samples", 5)
    clamp("clusters_min_size", 2, 50)
    clamp("clusters_min_samples", 1, 50)
    params["min_cluster_size"] = c1.slider(
        "Smallest cluster", 2, 50, key="clusters_min_size", help="A dense region needs at least this many texts."
    )
    params["min_samples"] = c2.slider(
        "Neighbours for 'dense'", 1, 50, key="clusters_min_samples", help="Higher = stricter, more texts become noise."
    )

k = None
if method != "hdbscan":
    with core_errors():
        curve = sweep(src.owner, x, method, tuple(sorted(params.items())))
    default("clusters_auto_k", True)
    auto = c2.toggle("Best k by silhouette", key="clusters_auto_k", help="Let the silhouette curve below choose k.")
    top = max(2, min(len(texts), 30))
    default("clusters_k", curve.best_k)
    if auto:
        st.session_state["clusters_k"] = curve.best_k
    clamp("clusters_k", 2, top)
    chosen = c3.number_input(
        "Number of clusters k", 2, top, key="clusters_k", disabled=auto, help="Your own k, when you turn 'best k' off."
    )
    k = curve.best_k if auto else int(chosen)

with core_errors(), st.spinner("Clustering…"):
    result = run_cluster(src.owner, x, method, k, tuple(sorted(params.items())))
    keywords, nearest = describe(src.owner, tuple(texts), x, result.labels)
for note in [*result.notes, *map_notes]:
    st.info(note, icon=":material/info:")

metrics = st.columns(5 if src.labels else 3)
metrics[0].metric("Clusters", result.n_clusters, help="Groups found (noise not counted).")
metrics[1].metric(
    "Silhouette",
    "–" if result.silhouette is None else f"{result.silhouette:.3f}",
    help="From -1 to 1: how much closer texts are to their own cluster than to the next one, in the space "
    "clustered. With hundreds of dimensions even good groups score low (0.05-0.15): compare, don't judge alone.",
)
if method == "hdbscan":
    metrics[2].metric("Noise", f"{result.n_noise} of {len(texts)}", help="Texts in no dense region (grey).")
else:
    metrics[2].metric("Texts", f"{len(texts):,}", help="Every text is in exactly one cluster.")
if src.labels:
    with core_errors():
        agree = ec.cluster_agreement(src.labels, result.labels)
    metrics[3].metric("Adjusted Rand index", f"{agree.ari:.3f}", help="1 = same groups as the labels, 0 = chance.")
    metrics[4].metric("NMI", f"{agree.nmi:.3f}", help="Normalised mutual information: 1 = same groups, 0 = unrelated.")

tabs = st.tabs(["Map", "Choosing k", "Clusters", "Sizes", *(["Against the labels"] if src.labels else [])])
with tabs[0]:
    where = "full embedding" if space == "full" else "2D map"
    show(
        cluster_map_figure(
            coords,
            result.labels,
            texts,
            true_labels=src.labels,
            keywords=keywords,
            title=f"{map_method} map, coloured by clusters found in the {where}",
        )
    )
    st.caption(f"All {len(texts):,} texts shown. Noise points are grey.")
with tabs[1]:
    if method == "hdbscan":
        st.info("HDBSCAN chooses the number of clusters itself; switch to k-means or agglomerative to see the curve.")
    else:
        show(sweep_figure(curve, chosen_k=k))
        for note in curve.notes():
            st.caption(note)
        st.caption("Pick the k with the highest silhouette; for k-means, the bend ('elbow') of the inertia agrees.")
with tabs[2]:
    with core_errors():
        table = ec.cluster_overview(texts, result.labels, keywords=keywords, nearest=nearest)
    st.dataframe(table, hide_index=True)
    st.caption("Keywords: the words most typical of each cluster (class-based TF-IDF). Typical: nearest the centre.")
with tabs[3]:
    show(sizes_figure(result.sizes(), keywords=keywords))
if src.labels:
    with tabs[4]:
        show(agreement_figure(agree.table))
        st.caption("Each row is a cluster; a clean clustering puts each label's texts in one row.")

with core_errors():
    csv = ec.assignments_table(texts, result.labels, true_labels=src.labels, keywords=keywords).to_csv(index=False)
st.download_button(
    "Download the assignments (CSV)",
    csv.encode("utf-8"),
    file_name=f"clusters-{method}-{src.name}.csv".replace("/", "_").replace(" ", "_"),
    mime="text/csv",
    key="clusters_download",
    help="One row per text: the text, its true label (if any), its cluster and the cluster's keywords.",
)
