"""Maps of embeddings: PCA, t-SNE and UMAP down to 2 or 3 dimensions, and how much they distort.

scikit-learn and umap-learn are imported inside the functions that use them; umap's first
import in a process compiles numba code (seconds), so importing this module stays fast.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ._linalg import top_k, unit_rows
from ._validate import Interval, Options, check
from .errors import InvalidParameterError, MethodUnavailableError, check_choice
from .vectors import as_matrix

__all__ = [
    "DEFAULT_PARAMS",
    "PARAM_CONSTRAINTS",
    "PROJECTION_METHODS",
    "TRUST_SAMPLE",
    "UMAP_METRICS",
    "AxesProjection",
    "NeighborOverlap",
    "Projection",
    "ProjectionMethod",
    "axes_projection",
    "method_label",
    "method_params",
    "neighbor_overlap",
    "project",
    "trustworthiness",
]

ProjectionMethod = Literal["pca", "tsne", "umap"]
PROJECTION_METHODS: tuple[ProjectionMethod, ...] = ("pca", "tsne", "umap")
UMAP_METRICS: tuple[str, ...] = ("cosine", "euclidean", "manhattan", "correlation")

#: Parameters each method accepts, with their defaults (those of scikit-learn / umap-learn,
#: except UMAP's metric: cosine, the usual choice for text embeddings).
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "pca": {},
    "tsne": {"perplexity": 30.0, "learning_rate": "auto", "max_iter": 1000, "init": "pca"},
    "umap": {"n_neighbors": 15, "min_dist": 0.1, "metric": "cosine"},
}
_LABELS = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}

#: What each parameter may be (`project` checks with these; the app draws its widgets from them).
#: ``slider`` is the range a widget offers; ``learning_rate`` is ``"auto"`` or a number (the
#: widget offers `LEARNING_RATES`).
PARAM_CONSTRAINTS: dict[str, dict[str, Interval | Options]] = {
    "pca": {},
    "tsne": {
        "perplexity": Interval(1e-3, math.inf, slider=(2, 100)),
        "learning_rate": Interval(1e-3, math.inf),
        "max_iter": Interval(250, math.inf, integer=True, step=250, slider=(250, 3000)),
        "init": Options(("pca", "random")),
    },
    "umap": {
        "n_neighbors": Interval(2, math.inf, integer=True, slider=(2, 100)),
        "min_dist": Interval(0.0, 1.0, step=0.05),
        "metric": Options(UMAP_METRICS),
    },
}
#: The learning rates a widget offers for t-SNE ("auto" picks one from the number of points).
LEARNING_RATES: tuple[str | int, ...] = ("auto", 10, 50, 100, 200, 500, 1000)
#: Seeds: any whole number a numpy generator takes.
SEED = Interval(0, 2**32 - 1, integer=True)
#: Map dimensions.
N_COMPONENTS = Options((2, 3))
#: Neighbours compared by `trustworthiness` and `neighbor_overlap`.
NEIGHBORS_K = Interval(1, math.inf, integer=True)


def method_label(method: ProjectionMethod) -> str:
    """``"PCA"``, ``"t-SNE"`` or ``"UMAP"``."""
    return _LABELS[check_choice("method", method, PROJECTION_METHODS)]


@dataclass(frozen=True)
class Projection:
    """A map of `n` points in 2 or 3 dimensions.

    Attributes:
        coords: ``(n_shown, n_components)`` float64 coordinates, row ``r`` for input row ``indices[r]``.
        method: ``"pca"``, ``"tsne"`` or ``"umap"``.
        n_components: 2 or 3.
        params: every parameter actually used, after adjustments (including ``random_state``).
        adjustments: plain-language notes on parameters changed to fit the data.
        indices: which input rows are on the map (all of them unless `max_points` sampled).
        n_input: how many rows the input had.
        n_fitted: how many of them the map was fitted on (see `project`'s `max_fit`).
        explained_variance_ratio: for PCA, the share of the variance on each axis; else ``None``.
        estimator: the fitted scikit-learn / umap-learn object (not compared, not printed).
    """

    coords: np.ndarray
    method: ProjectionMethod
    n_components: int
    params: dict[str, Any]
    adjustments: list[str]
    indices: np.ndarray
    n_input: int
    explained_variance_ratio: np.ndarray | None = None
    estimator: Any = field(default=None, repr=False, compare=False)
    #: How many of the shown rows the map was fitted on; the others were placed with `transform`.
    #: 0 (the default) means all of them.
    n_fitted: int = 0

    def __post_init__(self) -> None:
        if not self.n_fitted:
            object.__setattr__(self, "n_fitted", len(self.indices))

    @property
    def n_placed(self) -> int:
        """How many shown rows were placed on the fitted map with `transform` instead of fitted."""
        return len(self.indices) - self.n_fitted

    @property
    def sampled(self) -> bool:
        """True when only some of the input rows are on the map."""
        return len(self.indices) < self.n_input

    def on_map(self, x: np.ndarray) -> np.ndarray:
        """The rows of `x` (the input) that are on the map, in the map's order.

        `x` itself when every row is on the map (no copy: a 200,000 x 384 input is 307 MB), else
        ``x[indices]``.
        """
        return x if not self.sampled and len(x) == self.n_input else x[self.indices]

    @property
    def can_transform(self) -> bool:
        """True when new vectors can be placed on this map without refitting (PCA and UMAP)."""
        return self.estimator is not None and self.method in ("pca", "umap")

    @property
    def transform_ready(self) -> bool:
        """True when `transform` runs at once; False for a shipped map whose model is fitted on first use."""
        return self.can_transform and getattr(self.estimator, "ready", True)

    def transform(self, x_new: np.ndarray) -> np.ndarray:
        """Place new vectors on the existing map (PCA and UMAP; t-SNE cannot).

        Args:
            x_new: ``(m, dim)`` vectors from the same model as the map.

        Returns:
            ``(m, n_components)`` coordinates in the map's axes.

        Raises:
            InvalidParameterError: the method cannot transform, or `x_new` has the wrong width.
        """
        if not self.can_transform:
            raise InvalidParameterError(
                f"A {method_label(self.method)} map cannot place new points. Got method {self.method!r}. "
                "Use PCA or UMAP, or refit the map with the new points included."
            )
        x = as_matrix(x_new, name="x_new")
        expected = int(self.params["n_features"])
        if x.shape[1] != expected:
            raise InvalidParameterError(
                f"`x_new` must have {expected} dimensions like the map's vectors. Got {x.shape[1]}. "
                "Embed the new texts with the same model."
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(self.estimator.transform(x), dtype=np.float64)


def _check_params(method: ProjectionMethod, params: dict[str, Any], n: int) -> tuple[dict[str, Any], list[str]]:
    allowed = DEFAULT_PARAMS[method]
    for name in params:
        if name not in allowed:
            valid = ", ".join(f"`{p}`" for p in allowed) or "none besides `n_components` and `random_state`"
            raise InvalidParameterError(
                f"`{name}` is not a parameter of {method_label(method)}. Got {name}={params[name]!r}. "
                f"Its parameters are: {valid}."
            )
    used = {**allowed, **params}
    notes: list[str] = []
    rules = PARAM_CONSTRAINTS[method]
    for name, rule in rules.items():
        if not (name == "learning_rate" and used[name] == "auto"):
            used[name] = check(name, used[name], rule)
    if method == "tsne":
        if used["perplexity"] >= n:
            new = round(max(1.0, (n - 1) / 3), 2)
            notes.append(
                f"Perplexity {used['perplexity']:g} is too large for {n} points (it must be below {n}); used {new:g}."
            )
            used["perplexity"] = new
    elif method == "umap":
        if used["n_neighbors"] >= n:
            new = max(2, n - 1)
            notes.append(f"n_neighbors {used['n_neighbors']} is too large for {n} points; used {new}.")
            used["n_neighbors"] = new
    return used, notes


def method_params(method: ProjectionMethod, params: dict[str, Any], *, n: int) -> dict[str, Any]:
    """Every parameter `project` uses for `n` fitted rows: `params` over the defaults, checked and adjusted.

    Raises:
        InvalidParameterError: an unknown parameter or one out of range.
    """
    return _check_params(check_choice("method", method, PROJECTION_METHODS), params, n)[0]


def project(
    x: np.ndarray,
    method: ProjectionMethod,
    *,
    n_components: int = 2,
    random_state: int | None = 0,
    max_points: int | None = None,
    max_fit: int | None = None,
    **params: Any,
) -> Projection:
    """Project the rows of `x` to `n_components` dimensions with PCA, t-SNE or UMAP.

    PCA keeps the directions of largest variance (linear, exact, deterministic up to sign).
    t-SNE and UMAP keep each point's nearest neighbours close and are random: the same
    `random_state` gives the same map; distances between far-apart groups mean little.

    Args:
        x: ``(n, dim)`` vectors, n ≥ 3 (n ≥ 4 in 3D).
        method: ``"pca"``, ``"tsne"`` or ``"umap"``.
        n_components: 2 or 3.
        random_state: the seed. ``None`` lets UMAP use every core (faster, but a new map each run).
        max_points: fit on at most this many rows, drawn with `random_state` (``None``: all rows).
            The result's `indices` and `n_input` say which rows are shown.
        max_fit: fit PCA or UMAP on at most this many of the shown rows (drawn with `random_state`)
            and place the others with the fitted map's `transform`: every row is on the map, and
            the result's `n_fitted` says how many shaped it. t-SNE cannot place new points, so for
            t-SNE it limits the rows shown, as `max_points` does, with a note in `adjustments`.
        **params: method parameters, see `DEFAULT_PARAMS` (t-SNE: ``perplexity``, ``learning_rate``,
            ``max_iter``, ``init``: "pca", repeatable whatever the seed, or "random"; UMAP: ``n_neighbors``,
            ``min_dist``, ``metric``). A value too large for the number of points is lowered and the
            change noted in ``adjustments``.

    Returns:
        A `Projection`.

    Raises:
        InvalidParameterError: unknown method or parameter, too few points, identical points,
            or a parameter out of range.

    Example:
        >>> p = project(np.random.default_rng(0).normal(size=(10, 5)), "pca")
        >>> p.coords.shape, p.explained_variance_ratio.shape
        ((10, 2), (2,))
    """
    check_choice("method", method, PROJECTION_METHODS)
    data = as_matrix(x, name="x")
    n_input = data.shape[0]
    n_components = check("n_components", n_components, N_COMPONENTS, advice="Use 2 for a map, 3 for 3D.")
    if random_state is not None:
        random_state = check("random_state", random_state, SEED)
    indices = np.arange(n_input)
    rng = np.random.default_rng(random_state)
    if max_fit is not None:
        max_fit = check("max_fit", max_fit, Interval(3, math.inf, integer=True))
    if method == "tsne" and max_fit is not None and (max_points is None or max_fit < max_points):
        max_points = max_fit  # t-SNE has no transform: show only what it was fitted on
    if max_points is not None:
        max_points = check("max_points", max_points, Interval(3, math.inf, integer=True))
        if n_input > max_points:
            indices = np.sort(rng.choice(n_input, size=max_points, replace=False))
            data = data[indices]
    n = data.shape[0]
    fit_rows = None
    if max_fit is not None and n > max_fit and method != "tsne":
        fit_rows = np.sort(rng.choice(n, max_fit, replace=False))
    needed = n_components + 1
    if n < needed:
        raise InvalidParameterError(
            f"A {n_components}D map needs at least {needed} points. Got {n}. "
            f"Add {needed - n} more text(s)" + (" or switch to 2D." if n_components == 3 else ".")
        )
    if np.ptp(data, axis=0).max() == 0:
        raise InvalidParameterError(
            f"All {n} vectors are identical, so there is nothing to spread on a map. Got {n} copies of one point. "
            "Use texts with different meanings."
        )
    fit_data = data if fit_rows is None else data[fit_rows]
    if fit_rows is not None and np.ptp(fit_data, axis=0).max() == 0:
        fit_rows, fit_data = None, data  # the sample happens to be one point repeated: fit on all rows
    used, notes = _check_params(method, params, len(fit_data))
    if method == "tsne" and max_fit is not None and n < n_input:
        notes.append(
            f"t-SNE cannot place new points on a map, so {n:,} of {n_input:,} rows are shown: the ones it was "
            "fitted on. Use PCA or UMAP to see every row."
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coords, estimator, ratio, extra = _FIT[method](fit_data, n_components, random_state, used)
        if fit_rows is not None:
            coords = _place_rest(estimator, data, fit_rows, np.asarray(coords, dtype=np.float64))
    used.update(extra, n_components=n_components, random_state=random_state, n_features=data.shape[1])
    coords = np.asarray(coords, dtype=np.float64)
    coords.setflags(write=False)
    n_fitted = n if fit_rows is None else len(fit_rows)
    return Projection(coords, method, n_components, used, notes, indices, n_input, ratio, estimator, n_fitted)


#: Rows placed per `transform` call, which bounds its memory (UMAP builds a neighbour graph per call).
_PLACE_CHUNK = 20_000


def _place_rest(estimator: Any, data: np.ndarray, fit_rows: np.ndarray, fitted: np.ndarray) -> np.ndarray:
    """Every row's coordinates: the fitted rows as fitted, the others placed with `estimator.transform`."""
    out = np.empty((len(data), fitted.shape[1]), dtype=np.float64)
    out[fit_rows] = fitted
    rest = np.setdiff1d(np.arange(len(data)), fit_rows, assume_unique=True)
    for start in range(0, len(rest), _PLACE_CHUNK):
        rows = rest[start : start + _PLACE_CHUNK]
        out[rows] = estimator.transform(data[rows])
    return out


def _fit_pca(x: np.ndarray, k: int, seed: int | None, params: dict[str, Any]):
    from sklearn.decomposition import PCA

    model = PCA(n_components=k, random_state=seed)
    coords = model.fit_transform(x)
    return coords, model, np.asarray(model.explained_variance_ratio_, dtype=np.float64), {}


def _fit_tsne(x: np.ndarray, k: int, seed: int | None, params: dict[str, Any]):
    from sklearn.manifold import TSNE

    model = TSNE(n_components=k, random_state=seed, **params)
    return model.fit_transform(x), None, None, {}


def numba_cache_candidates() -> list[str]:
    """Folders tried, in order, for numba's compiled code when ``NUMBA_CACHE_DIR`` is unset."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [
        os.path.join(home, "embeddings-explorer", "numba"),
        os.path.join(tempfile.gettempdir(), f"embeddings-explorer-numba-{uid}"),
    ]


def _writable(folder: str) -> bool:
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def ensure_numba_cache_dir(candidates: list[str] | None = None) -> str | None:
    """Point ``NUMBA_CACHE_DIR`` at a writable folder when it is unset; return the folder in use.

    umap-learn and pynndescent ask numba to cache their compiled code. By default numba writes
    next to the installed package or in the home folder, and raises at ``import umap`` when
    neither is writable (a read-only host). Call this before umap is first imported. Nothing is
    changed when the variable is already set, or when no candidate folder is writable (then
    numba's own defaults are left to try).

    Args:
        candidates: folders to try, in order (default `numba_cache_candidates()`).

    Returns:
        The cache folder now set, or None when numba keeps its defaults.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return os.environ["NUMBA_CACHE_DIR"]
    for folder in numba_cache_candidates() if candidates is None else candidates:
        if _writable(folder):
            os.environ["NUMBA_CACHE_DIR"] = folder
            if "numba" in sys.modules:  # numba read its settings when imported: tell it too
                sys.modules["numba"].config.CACHE_DIR = folder
            return folder
    return None


def _import_umap():
    ensure_numba_cache_dir()
    try:
        import umap
    except RuntimeError as err:
        if "cannot cache function" not in str(err):
            raise
        raise MethodUnavailableError(
            "`method` 'umap' needs a writable folder for numba's compiled code. Got none (NUMBA_CACHE_DIR "
            f"unset, and neither {' nor '.join(numba_cache_candidates())} nor the package folder writable). "
            "Set NUMBA_CACHE_DIR to a writable folder, or use PCA or t-SNE."
        ) from err
    return umap


def _fit_umap(x: np.ndarray, k: int, seed: int | None, params: dict[str, Any]):
    umap = _import_umap()

    # Spectral initialisation needs more points than dimensions + 1; PCA works for tiny sets.
    init = "spectral" if x.shape[0] >= 10 else "pca"
    n_jobs = 1 if seed is not None else -1
    model = umap.UMAP(n_components=k, random_state=seed, init=init, n_jobs=n_jobs, **params)
    return model.fit_transform(x), model, None, {"init": init, "n_jobs": n_jobs}


_FIT = {"pca": _fit_pca, "tsne": _fit_tsne, "umap": _fit_umap}


#: Rows `trustworthiness` looks at by default: its three n x n arrays stay under 200 MB.
TRUST_SAMPLE = 3_000


def trustworthiness(
    x: np.ndarray, coords: np.ndarray, *, k: int = 5, sample: int | None = TRUST_SAMPLE, random_state: int = 0
) -> float:
    """How well the map keeps neighbourhoods, from 0 to 1 (scikit-learn's definition).

    1 means every point's `k` nearest neighbours on the map are also among its nearest
    in the original space (cosine); lower values mean the map invents neighbours.
    `k` is lowered to ``ceil(n / 2) - 1`` when the set is small (scikit-learn's limit).
    scikit-learn holds three ``n x n`` arrays, so above `sample` rows it is computed on `sample`
    rows drawn with `random_state` (neighbours counted within the sample): say "on a sample of
    `sample` of n points" when showing it.

    Args:
        x: ``(n, dim)`` the vectors the map was made from.
        coords: ``(n, 2 or 3)`` their map coordinates.
        k: neighbours compared.
        sample: the most rows used (``None``: all of them, O(n²) memory).
        random_state: the seed of the sample.

    Raises:
        InvalidParameterError: fewer than 3 points, different row counts, `k` < 1 or `sample` < 3.
    """
    a = as_matrix(x, name="x")
    b = as_matrix(coords, name="coords")
    if a.shape[0] != b.shape[0] or a.shape[0] < 3:
        raise InvalidParameterError(
            f"`x` and `coords` need the same number of rows, at least 3. Got {a.shape[0]} and {b.shape[0]}. "
            "Pass the vectors that the map was made from (use `Projection.indices`)."
        )
    k = check("k", k, NEIGHBORS_K)
    if sample is not None:
        sample = check("sample", sample, Interval(3, math.inf, integer=True))
        if a.shape[0] > sample:
            rows = np.random.default_rng(check("random_state", random_state, SEED)).choice(
                a.shape[0], sample, replace=False
            )
            a, b = a[rows], b[rows]
    from sklearn.manifold import trustworthiness as sk_trust

    k = min(k, math.ceil(a.shape[0] / 2) - 1)
    return float(sk_trust(a, b, n_neighbors=k, metric="cosine"))


@dataclass(frozen=True)
class NeighborOverlap:
    """A point's nearest neighbours in the original space and on the map.

    Attributes:
        index: the point (a row of the inputs).
        k: how many neighbours were compared.
        original: its `k` nearest rows by cosine similarity in the original space, nearest first.
        on_map: its `k` nearest rows by straight-line distance on the map, nearest first.
        shared: rows in both lists (in the order of `original`).
    """

    index: int
    k: int
    original: list[int]
    on_map: list[int]
    shared: list[int]

    @property
    def fraction(self) -> float:
        """Share of the true neighbours that are also neighbours on the map (0 to 1)."""
        return len(self.shared) / self.k


def neighbor_overlap(x: np.ndarray, coords: np.ndarray, index: int, *, k: int = 5) -> NeighborOverlap:
    """Compare the `k` nearest neighbours of point `index` before and after projection.

    `k` is lowered to ``n - 1`` for small sets.

    Raises:
        InvalidParameterError: mismatched rows, fewer than 2 points, `index` out of range, or `k` < 1.
    """
    a = as_matrix(x, name="x").astype(np.float64)
    b = as_matrix(coords, name="coords").astype(np.float64)
    n = a.shape[0]
    if b.shape[0] != n or n < 2:
        raise InvalidParameterError(
            f"`x` and `coords` need the same number of rows, at least 2. Got {n} and {b.shape[0]}. "
            "Pass the vectors that the map was made from."
        )
    index = check("index", index, Interval(0, n - 1, integer=True))
    k = min(check("k", k, NEIGHBORS_K), n - 1)
    unit = unit_rows(a)
    sims = unit @ unit[index]
    sims[index] = -np.inf
    dists = np.linalg.norm(b - b[index], axis=1)
    dists[index] = np.inf
    original = [int(i) for i in top_k(sims, k)]
    on_map = [int(i) for i in top_k(-dists, k)]
    shared = [i for i in original if i in set(on_map)]
    return NeighborOverlap(index, k, original, on_map, shared)


@dataclass(frozen=True)
class AxesProjection:
    """Points placed on two meaningful directions (custom axes).

    Attributes:
        coords: ``(n, 2)``; x is 0 at the x axis' start text and 1 at its end text, likewise y.
        axes_cosine: cosine between the two directions; near ±1 means they measure the same thing.
    """

    coords: np.ndarray
    axes_cosine: float


def axes_projection(
    x: np.ndarray,
    *,
    x_axis: tuple[np.ndarray, np.ndarray],
    y_axis: tuple[np.ndarray, np.ndarray],
) -> AxesProjection:
    """Place every row of `x` by its projection on the directions A → B (x) and C → D (y).

    ``coord = (v - A)·(B - A) / |B - A|²``, so A sits at 0 and B at 1 (as in the TensorFlow
    Embedding Projector's custom projection and whatlies' ``EmbeddingSet.plot``).

    Args:
        x: ``(n, dim)`` vectors.
        x_axis: the vectors ``(A, B)``; y_axis: the vectors ``(C, D)``.

    Raises:
        InvalidParameterError: an axis whose two ends are the same vector, or mismatched widths.
    """
    data = as_matrix(x, name="x").astype(np.float64)
    out, directions = [], []
    for name, (start, end) in (("x", x_axis), ("y", y_axis)):
        ends = as_matrix(np.vstack([np.ravel(start), np.ravel(end)]), name=f"{name}_axis").astype(np.float64)
        if ends.shape[1] != data.shape[1]:
            raise InvalidParameterError(
                f"The {name} axis has {ends.shape[1]} dimensions but the points have {data.shape[1]}. "
                "Embed the axis texts with the same model."
            )
        direction = ends[1] - ends[0]
        length2 = float(direction @ direction)
        if length2 < 1e-12:
            raise InvalidParameterError(
                f"The {name} axis starts and ends at the same vector. Got a direction of length 0. "
                "Pick two texts with different meanings."
            )
        out.append((data - ends[0]) @ direction / length2)
        directions.append(direction / math.sqrt(length2))
    coords = np.column_stack(out)
    return AxesProjection(coords, float(np.clip(directions[0] @ directions[1], -1.0, 1.0)))
