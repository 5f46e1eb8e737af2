"""Maps for pages: cached projections (in the scope `ui.cache` gives their source) and the UMAP warm-up.

UMAP's first use in a process imports numba and compiles code (tens of seconds on a
small machine). `start_umap_warmup` does that in a background thread as soon as the app
has painted its first page; `wait_for_umap` shows an honest spinner if a user asks for
UMAP before the warm-up is done.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import time
from typing import Any

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import cached
from .sources import Owner, Source, builtin_vectors
from .state import default

_ready = threading.Event()
_lock = threading.Lock()
_state: dict[str, Any] = {"thread": None, "seconds": None, "error": None}


def _warm_up() -> None:
    start = time.perf_counter()
    try:
        x = np.random.default_rng(0).normal(size=(40, 8)).astype(np.float32)
        ec.project(x, "umap", n_neighbors=5)  # imports umap and compiles its numba code
    except Exception as err:  # noqa: BLE001 - a failed warm-up must never break a page
        _state["error"] = f"{type(err).__name__}: {err}"
    finally:
        _state["seconds"] = time.perf_counter() - start
        _ready.set()


def start_umap_warmup() -> None:
    """Start the UMAP warm-up in a daemon thread, once per server process."""
    with _lock:
        if _state["thread"] is None:
            thread = threading.Thread(target=_warm_up, name="umap-warmup", daemon=True)
            _state["thread"] = thread
            thread.start()


def umap_ready() -> bool:
    """True once UMAP has been imported and compiled in this process."""
    return _ready.is_set()


def wait_for_umap() -> None:
    """Block behind a spinner until the UMAP warm-up is done (returns at once when it is)."""
    if _ready.is_set():
        return
    start_umap_warmup()
    with st.spinner(
        "UMAP is getting ready: its first use on this server compiles fast code, which takes "
        "20–40 seconds once. PCA and t-SNE work meanwhile.",
        show_time=True,
    ):
        _ready.wait(timeout=600)


def _params(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(params.items()))


@cached(kind="resource", model_arg="model_name", max_entries=48)
def _builtin_projection(
    dataset: str, model_name: str, method: str, n_components: int, seed: int | None, params: tuple, max_points: int
) -> ec.Projection:
    vectors = builtin_vectors(dataset, model_name)
    return ec.project(
        vectors, method, n_components=n_components, random_state=seed, max_points=max_points, **dict(params)
    )


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def _vectors_projection(
    owner: Owner, vectors: np.ndarray, method: str, n_components: int, seed: int | None, params: tuple, max_points: int
) -> ec.Projection:
    result = ec.project(
        vectors, method, n_components=n_components, random_state=seed, max_points=max_points, **dict(params)
    )
    return dataclasses.replace(result, estimator=None)  # small to pickle; pages do not transform typed texts


#: Largest number of points each method maps on a page (the rest are left out, and the page says so).
MAX_POINTS = {"pca": 20_000, "tsne": 3_000, "umap": 10_000}


def cached_projection(
    vectors: np.ndarray,
    method: ec.ProjectionMethod,
    *,
    source: Source,
    n_components: int = 2,
    seed: int | None = 0,
    params: dict[str, Any] | None = None,
    max_points: int | None = None,
) -> ec.Projection:
    """A projection, cached per built-in dataset (with its fitted model), else per vectors.

    A public model's maps are shared by every session; a server model's or an upload's stay in this
    session (`ui.cache.scope` decides).

    Args:
        vectors: the rows to map: `source.vectors`, or rows made from them (e.g. scaled).
        method: ``"pca"``, ``"tsne"`` or ``"umap"``.
        source: the data `vectors` come from. A whole built-in dataset's map keeps the fitted
            model, so `Projection.transform` works for PCA and UMAP.
        n_components, seed, params: as for `embedding_core.project`.
        max_points: map at most this many points (default `MAX_POINTS[method]`), drawn with the seed.
    """
    limit = max_points or MAX_POINTS[method]
    args = (method, n_components, seed, _params(params or {}), limit)
    if method == "umap":
        wait_for_umap()
    label = f"Running {ec.method_label(method)} on {min(len(vectors), limit):,} points…"
    with st.spinner(label, show_time=True):
        if source.kind == "builtin" and source.rows is None and vectors is source.vectors:
            return _builtin_projection(source.id, source.model, *args)
        return _vectors_projection(source.owner, vectors, *args)


_SETTINGS = {
    "method": "pca",
    "dims": 2,
    "perplexity": 30,
    "lr": "auto",
    "iter": 1000,
    "tsne_init": "pca",
    "neighbors": 15,
    "min_dist": 0.1,
    "metric": "cosine",
    "seed": 0,
}


#: What a shared link may set each setting to (a widget given a value outside its range raises).
_VALID: dict[str, dict[str, Any]] = {
    "method": {"options": ec.PROJECTION_METHODS},
    "dims": {"options": [2, 3]},
    "perplexity": {"limits": (2, 100)},
    "lr": {"options": ["auto", "10", "50", "100", "200", "500", "1000"]},
    "iter": {"options": range(250, 3001, 250)},
    "tsne_init": {"options": ["pca", "random"]},
    "neighbors": {"limits": (2, 100)},
    "min_dist": {"limits": (0.0, 1.0)},
    "metric": {"options": ec.UMAP_METRICS},
    "seed": {"limits": (0, 2**32 - 1)},
}


def _set_seed(key: str, value: int | None) -> None:
    st.session_state[key] = random.randint(1, 9_999) if value is None else value


def settings_form(key: str = "projection") -> tuple[ec.ProjectionMethod, int, dict[str, dict[str, Any]]]:
    """The projection settings, chosen before the run (a form), and the seed buttons.

    Returns:
        ``(method, n_components, params)`` where ``params[method]`` holds each method's parameters.
    """
    for name, value in _SETTINGS.items():
        default(f"{key}_{name}", value, **_VALID.get(name, {}))
    if str(st.session_state[f"{key}_lr"]).isdigit():  # a link gives text ("50"); the slider's options are ints
        st.session_state[f"{key}_lr"] = int(st.session_state[f"{key}_lr"])
    with st.form(f"{key}_form"):
        c0, c1, c2 = st.columns([1, 1.3, 1.3])
        method = c0.radio(
            "Method",
            ec.PROJECTION_METHODS,
            key=f"{key}_method",
            format_func=ec.method_label,
            help="PCA: straight-line, exact, fast. t-SNE and UMAP bend the space to keep neighbours "
            "together; they are random, so a seed fixes the picture.",
        )
        dims = c0.radio(
            "Dimensions",
            [2, 3],
            key=f"{key}_dims",
            format_func=lambda d: f"{d}D",
            horizontal=True,
            help="2D maps can be selected with box or lasso; 3D maps can be turned with the mouse.",
        )
        c0.caption("PCA has no settings: it keeps the directions in which the texts differ most.")
        c1.markdown("**t-SNE**")
        perplexity = c1.slider(
            "Perplexity",
            2,
            100,
            key=f"{key}_perplexity",
            help="About how many neighbours each point pays attention to. Small: tight local clumps. "
            "Large: more of the global shape. Lowered automatically for small sets.",
        )
        lr = c1.select_slider(
            "Learning rate",
            ["auto", 10, 50, 100, 200, 500, 1000],
            key=f"{key}_lr",
            help="Step size of the optimisation. 'auto' picks one from the number of points.",
        )
        iters = c1.slider(
            "Iterations",
            250,
            3000,
            step=250,
            key=f"{key}_iter",
            help="How long t-SNE keeps moving the points. Too few leaves the map unsettled.",
        )
        init = c1.radio(
            "Start from",
            ["pca", "random"],
            key=f"{key}_tsne_init",
            horizontal=True,
            format_func={"pca": "PCA layout", "random": "random layout"}.get,
            help="t-SNE moves points from a starting layout. From PCA the map is the same whatever the seed; "
            "from a random layout each seed gives a different map.",
        )
        c2.markdown("**UMAP**")
        neighbors = c2.slider(
            "n_neighbors",
            2,
            100,
            key=f"{key}_neighbors",
            help="How many neighbours define 'local'. Small: many small islands. Large: the big picture.",
        )
        min_dist = c2.slider(
            "min_dist",
            0.0,
            1.0,
            step=0.05,
            key=f"{key}_min_dist",
            help="How tightly points may pack together. 0: dense clumps. 1: evenly spread out.",
        )
        metric = c2.selectbox(
            "Metric",
            ec.UMAP_METRICS,
            key=f"{key}_metric",
            help="How closeness is measured in the original space. Cosine suits text embeddings.",
        )
        st.form_submit_button("Draw the map", type="primary", help="New settings take effect when you press this.")
    b1, b2, b3 = st.columns([1, 1, 4])
    if b1.button("New seed", key=f"{key}_new_seed", help="Run t-SNE and UMAP again from another random start."):
        st.session_state[f"{key}_seed"] = random.randint(1, 9_999)

    if b2.button("Seed 0", key=f"{key}_reset_seed", help="Back to the seed that gives the same map every time."):
        st.session_state[f"{key}_seed"] = 0
    b3.caption(
        f"Seed **{st.session_state[f'{key}_seed']}**. The same seed gives the same t-SNE and UMAP map; "
        "a new seed shows that they are random. PCA (and t-SNE started from PCA) never changes."
    )
    params = {
        "pca": {},
        "tsne": {"perplexity": perplexity, "learning_rate": lr, "max_iter": iters, "init": init},
        "umap": {"n_neighbors": neighbors, "min_dist": min_dist, "metric": metric},
    }
    return method, dims, params
