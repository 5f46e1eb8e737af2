"""Maps for pages: the Maps settings (Params drawn from the core's constraint tables), cached projections
(in the scope `ui.cache` gives their source) and the UMAP warm-up.

UMAP's first use in a process imports numba and compiles code (tens of CPU-seconds). The app fits
UMAP in a child process (`ui.umap_worker`, at lower CPU priority), started with its warm-up once the
first model is loaded, so the server process never compiles it. `wait_for_umap` shows an honest
spinner if a user asks for UMAP before the warm-up is done. Without the child (it could not start,
or died) UMAP runs here, with the same spinners.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import time
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import cached
from .params import Param, prepare, radio, select_slider, selectbox, slider, value
from .sources import Owner, Source, builtin_dataset, builtin_vectors
from .umap_worker import worker

_ready = threading.Event()
_lock = threading.Lock()
_state: dict[str, Any] = {"thread": None, "seconds": None, "error": None}

#: CPU seconds of UMAP's warm-up in a fresh process (`import umap` and a 40-point fit, empty numba
#: cache): 26.6 alone, 33.4 and 34.9 in the worker on the shared machine (README "Cold start").
WARMUP_CPU_S = 30


def _warm_up() -> None:
    """The warm-up in this process, used only when the UMAP worker cannot run."""
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
    """Start the UMAP worker and its warm-up, once per server process (else warm up in a daemon thread here)."""
    with _lock:
        if _state["thread"] is None:
            if worker().start():
                _state["thread"] = "worker"
                return
            thread = threading.Thread(target=_warm_up, name="umap-warmup", daemon=True)
            _state["thread"] = thread
            thread.start()


def wait_for_umap() -> None:
    """Block behind a spinner until the UMAP warm-up is done (returns at once when it is)."""
    start_umap_warmup()
    with _lock:
        if _state["thread"] == "worker" and worker().failed:  # the worker died: UMAP warms up here instead
            _state["thread"] = threading.Thread(target=_warm_up, name="umap-warmup", daemon=True)
            _state["thread"].start()
    done = worker().warmed if _state["thread"] == "worker" else _ready
    if done.is_set():
        return
    where = "in a background process" if _state["thread"] == "worker" else "on this server"
    with st.spinner(
        f"UMAP is getting ready: its first use compiles fast code {where}, about {WARMUP_CPU_S} seconds of "
        "one processor core, once (longer when the server is busy). PCA and t-SNE work meanwhile.",
        show_time=True,
    ):
        done.wait(timeout=600)


def fit_map(function: str, *args: Any, keep: bool = True, **kwargs: Any) -> ec.Projection:
    """``ec.<function>(*args, **kwargs)`` (`project` or `fit_search_map`): a UMAP map in the UMAP worker.

    Without `keep`, the worker does not keep a UMAP model for placing texts later (the caller drops it).
    """
    method = args[1] if function == "project" and len(args) > 1 else kwargs.get("method")
    if method != "umap":
        return getattr(ec, function)(*args, **kwargs)
    return worker().run(function, *args, keep=keep, **kwargs)


def _params(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(params.items()))


@cached(kind="resource", model_arg="model_name", max_entries=48)
def _shipped_projection(
    dataset: str, model_name: str, method: str, n_components: int, seed: int | None, params: tuple, max_points: int
) -> ec.Projection | None:
    """The map shipped in ``data/maps/`` for exactly this request, or None (`ec.shipped_map`)."""
    vectors = builtin_vectors(dataset, model_name)
    shipped = ec.shipped_map(
        dataset,
        builtin_dataset(dataset).texts,
        model_name,
        vectors,
        method,
        n_components=n_components,
        random_state=seed,
        max_points=max_points,
        max_fit=MAX_FIT[method],
        **dict(params),
    )
    if shipped is None or method != "umap":
        return shipped
    # Its model is fitted on first use (to place a text), in the UMAP worker: the same request, the same map.
    model = worker().lazy_model(
        "project", vectors, method, n_components=n_components, random_state=seed, **dict(params)
    )
    return dataclasses.replace(shipped, estimator=model)


@cached(kind="resource", model_arg="model_name", max_entries=48)
def _builtin_projection(
    dataset: str, model_name: str, method: str, n_components: int, seed: int | None, params: tuple, max_points: int
) -> ec.Projection:
    vectors = builtin_vectors(dataset, model_name)
    return fit_map(
        "project",
        vectors,
        method,
        n_components=n_components,
        random_state=seed,
        max_points=max_points,
        max_fit=MAX_FIT[method],
        **dict(params),
    )


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def _vectors_projection(
    owner: Owner, vectors: np.ndarray, method: str, n_components: int, seed: int | None, params: tuple, max_points: int
) -> ec.Projection:
    result = fit_map(
        "project",
        vectors,
        method,
        keep=False,  # the map's model is dropped below: the UMAP worker need not keep it
        n_components=n_components,
        random_state=seed,
        max_points=max_points,
        max_fit=MAX_FIT[method],
        **dict(params),
    )
    # Small to pickle: a UMAP model holds its whole graph. A PCA fit is two axes, kept so that the
    # Maps page can place a new text on the map ("Predict first").
    return result if method == "pca" else dataclasses.replace(result, estimator=None)


#: Largest number of points each method maps on a page (the rest are left out, and the page says so).
#: PCA and UMAP place every row of 200,000; t-SNE cannot place new points, so it stops at 3,000.
MAX_POINTS = {"pca": 200_000, "tsne": 3_000, "umap": 200_000}
#: Rows each method is fitted on; the other rows are placed on the fitted map (`Projection.n_fitted`).
#: UMAP fits 10,000 rows in about 20 CPU-seconds and places 90,000 more in about 12 (bench_bigdata).
MAX_FIT: dict[str, int | None] = {"pca": None, "tsne": None, "umap": 10_000}


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def _trust(owner: Owner, vectors: np.ndarray, coords: np.ndarray, k: int) -> float:
    return ec.trustworthiness(vectors, coords, k=k)


def map_trust(source: Source, vectors: np.ndarray, coords: np.ndarray, *, k: int = 5) -> tuple[float, int]:
    """A map's trustworthiness, computed once per map, and how many points it was computed on.

    Above `ec.TRUST_SAMPLE` points it is computed on a sample of that many (its memory grows with
    the square of the points): say so where it is shown.
    """
    with st.spinner("Measuring how well the map keeps neighbours…"):
        return _trust(source.owner, vectors, coords, k), min(len(coords), ec.TRUST_SAMPLE)


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
            model, so `Projection.transform` works for PCA and UMAP; at the default settings and seed it
            is the map shipped in ``data/maps/`` (`ec.shipped_map`), whose model is fitted on first use.
        n_components, seed, params: as for `embedding_core.project`.
        max_points: map at most this many points (default `MAX_POINTS[method]`), drawn with the seed.
    """
    limit = max_points or MAX_POINTS[method]
    args = (method, n_components, seed, _params(params or {}), limit)
    whole_builtin = source.kind == "builtin" and source.rows is None and vectors is source.vectors
    if whole_builtin:
        shipped = _shipped_projection(source.id, source.model, *args)
        if shipped is not None:
            return shipped  # computed at build time for these settings (data/build_maps.py)
    if method == "umap":
        wait_for_umap()
    shown = min(len(vectors), limit)
    fit = min(shown, MAX_FIT[method] or shown)
    with st.spinner(run_label(method, shown, fit), show_time=True):
        if whole_builtin:
            result = _builtin_projection(source.id, source.model, *args)
        else:
            result = _vectors_projection(source.owner, vectors, *args)
    if method == "umap" and fit >= LARGE_UMAP:
        _large_umap_done.set()
    return result


#: From this many fitted points on, UMAP finds neighbours with pynndescent's approximate search, whose
#: numba code compiles on its first use in a process (the small warm-up, on 40 points, does not reach it;
#: the UMAP worker's second warm-up does).
LARGE_UMAP = 4_096
#: CPU seconds of the first UMAP on 5,000 points in a fresh process after the small warm-up (MiniLM
#: loaded), with UMAP in the server (no worker), measured by `python -m bench.cold --umap-worker off`
#: (README "Cold start"): 42.7, 49.8 and 52.3 s of server CPU.
FIRST_LARGE_UMAP_S = 50
#: CPU seconds of the UMAP worker's second warm-up (placing points, then a fit and a placement on
#: `ui.umap_worker.LARGE_WARM` points) with an empty numba cache: 121 (49 with a filled one).
LARGE_WARMUP_S = 120
_large_umap_done = threading.Event()


def run_label(method: ec.ProjectionMethod, shown: int, fit: int) -> str:
    """The spinner's text while a map is computed; the first large UMAP of the process says what it costs."""
    label = f"Running {ec.method_label(method)} on {fit:,} points" + (
        f", then placing {shown - fit:,} more on its map…" if fit < shown else "…"
    )
    if method != "umap" or fit < LARGE_UMAP or _large_umap_done.is_set():
        return label
    ready = worker().large_ready() if _state["thread"] == "worker" else None
    if ready is False:
        label += (
            f" UMAP's fast neighbour search for {LARGE_UMAP:,} or more points is still being compiled in the "
            f"background (about {LARGE_WARMUP_S} s of one processor core from the first model load, longer "
            "when the server is busy); this map waits for it, once."
        )
    elif ready is None:
        label += (
            f" The first UMAP on {LARGE_UMAP:,} or more points since the server started also compiles its "
            f"fast neighbour search: about {FIRST_LARGE_UMAP_S} s of one processor core, once (longer when the "
            "server is busy). Later ones are quicker."
        )
    return label


_RULES = ec.PARAM_CONSTRAINTS
_FIRST = ec.DEFAULT_PARAMS


def _whole(domain: ec.Interval) -> ec.Interval:
    """The core's range, offered in whole numbers (the slider's steps)."""
    return dataclasses.replace(domain, integer=True)


#: The Maps page's settings, each declared once; ranges and choices come from the core's tables.
METHOD = Param(
    "projection_method",
    "pca",
    ec.Options(ec.PROJECTION_METHODS),
    "Method",
    "PCA: straight-line, exact, fast. t-SNE and UMAP bend the space to keep neighbours "
    "together; they are random, so a seed fixes the picture.",
    format_func=ec.method_label,
)
DIMS = Param(
    "projection_dims",
    2,
    ec.N_COMPONENTS,
    "Dimensions",
    "2D maps can be selected with box or lasso; 3D maps can be turned with the mouse.",
    format_func=lambda d: f"{d}D",
)
PERPLEXITY = Param(
    "projection_perplexity",
    int(_FIRST["tsne"]["perplexity"]),
    _whole(_RULES["tsne"]["perplexity"]),
    "Perplexity",
    "About how many neighbours each point pays attention to. Small: tight local clumps. "
    "Large: more of the global shape. Lowered automatically for small sets.",
)
LEARNING_RATE = Param(
    "projection_lr",
    _FIRST["tsne"]["learning_rate"],
    ec.Options(ec.LEARNING_RATES),
    "Learning rate",
    "Step size of the optimisation. 'auto' picks one from the number of points.",
)
ITERATIONS = Param(
    "projection_iter",
    _FIRST["tsne"]["max_iter"],
    _RULES["tsne"]["max_iter"],
    "Iterations",
    "How long t-SNE keeps moving the points. Too few leaves the map unsettled.",
)
TSNE_INIT = Param(
    "projection_tsne_init",
    _FIRST["tsne"]["init"],
    _RULES["tsne"]["init"],
    "Start from",
    "t-SNE moves points from a starting layout. From PCA the map is the same whatever the seed; "
    "from a random layout each seed gives a different map.",
    format_func={"pca": "PCA layout", "random": "random layout"}.get,
)
NEIGHBORS = Param(
    "projection_neighbors",
    _FIRST["umap"]["n_neighbors"],
    _RULES["umap"]["n_neighbors"],
    "n_neighbors",
    "How many neighbours define 'local'. Small: many small islands. Large: the big picture.",
)
MIN_DIST = Param(
    "projection_min_dist",
    _FIRST["umap"]["min_dist"],
    _RULES["umap"]["min_dist"],
    "min_dist",
    "How tightly points may pack together. 0: dense clumps. 1: evenly spread out.",
)
METRIC = Param(
    "projection_metric",
    _FIRST["umap"]["metric"],
    _RULES["umap"]["metric"],
    "Metric",
    "How closeness is measured in the original space. Cosine suits text embeddings.",
)
SEED = Param("projection_seed", 0, ec.SEED)


class MapSettings(NamedTuple):
    """What the settings form chose: the method, 2 or 3 dimensions, each method's parameters, the seed."""

    method: ec.ProjectionMethod
    dims: int
    params: dict[str, dict[str, Any]]
    seed: int


def chosen_method() -> ec.ProjectionMethod:
    """The method chosen on the Maps page (PCA until one is chosen), for pages that follow it."""
    return value(METHOD)


def settings_form() -> MapSettings:
    """The Maps page's settings: the method and dimensions (applied at once), the method's settings.

    A change of method redraws the map straight away. t-SNE's and UMAP's own settings sit in a form
    under the method (only the chosen method's), applied with "Draw the map"; the other method's
    keep their values. The block has the key ``projection_settings`` (presenter mode and phones
    show it after the map).
    """
    seed = prepare(SEED)
    for param in (PERPLEXITY, LEARNING_RATE, ITERATIONS, TSNE_INIT, NEIGHBORS, MIN_DIST, METRIC):
        prepare(param)
    with st.container(key="projection_settings", border=True):
        c0, c1 = st.columns([1, 2.6])
        method = radio(METHOD, container=c0, horizontal=True)
        dims = radio(DIMS, container=c0, horizontal=True)
        with c1:
            if method == "pca":
                st.caption("PCA has no settings: it keeps the directions in which the texts differ most.")
            else:
                with st.form("projection_form", border=False):
                    left, right = st.columns(2)
                    if method == "tsne":
                        slider(PERPLEXITY, container=left)
                        select_slider(LEARNING_RATE, container=right)
                        slider(ITERATIONS, container=left)
                        radio(TSNE_INIT, container=right, horizontal=True)
                    else:
                        slider(NEIGHBORS, container=left)
                        slider(MIN_DIST, container=right)
                        selectbox(METRIC, container=left)
                    st.form_submit_button(
                        "Draw the map",
                        type="primary",
                        help="A change of these settings takes effect when you press this.",
                    )
        b1, b2, b3 = st.columns([1, 1, 4])
        if b1.button("New seed", key="projection_new_seed", help="Run t-SNE and UMAP again from another random start."):
            seed = st.session_state[SEED.key] = random.randint(1, 9_999)
        if b2.button(
            "Seed 0", key="projection_reset_seed", help="Back to the seed that gives the same map every time."
        ):
            seed = st.session_state[SEED.key] = 0
        b3.caption(
            f"Seed **{seed}**. The same seed gives the same t-SNE and UMAP map; "
            "a new seed shows that they are random. PCA (and t-SNE started from PCA) never changes."
        )
    state = st.session_state
    perplexity, lr, iters, init = (state[p.key] for p in (PERPLEXITY, LEARNING_RATE, ITERATIONS, TSNE_INIT))
    neighbors, min_dist, metric = (state[p.key] for p in (NEIGHBORS, MIN_DIST, METRIC))
    params = {
        "pca": {},
        "tsne": {"perplexity": perplexity, "learning_rate": lr, "max_iter": iters, "init": init},
        "umap": {"n_neighbors": neighbors, "min_dist": min_dist, "metric": metric},
    }
    return MapSettings(method, dims, params, seed)
