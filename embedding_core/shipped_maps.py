"""Maps of the built-in datasets computed at build time (``data/maps/``), used when a request matches.

t-SNE and UMAP take seconds to tens of seconds the first time in a server process, so the maps of the
built-in datasets at the default settings and seed are computed by ``python -m data.build_maps`` and
shipped. Each map carries a fingerprint of everything that decides its coordinates: the model, the
dataset's texts and vectors, the method, its settings, the seed and the versions of the libraries that
compute it. `shipped_map` returns a map only when the fingerprint of the request is the same, so a
changed dataset, model, setting, seed or library makes the app compute the map as before; a missing,
stale or unreadable file is ignored.
"""

from __future__ import annotations

import hashlib
import json
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from .datasets import DATA_DIR, texts_fingerprint
from .errors import EmbeddingCoreError
from .projection import Projection, ProjectionMethod, method_params, project

__all__ = ["MAPS_DIR", "MAPS_MANIFEST", "map_file", "map_fingerprint", "shipped_map"]

#: Where the shipped maps live: one ``.npy`` of float64 coordinates per map and one manifest.
MAPS_DIR = DATA_DIR / "maps"
#: The manifest: file name → the map's fingerprint and what `Projection` needs besides coordinates.
MAPS_MANIFEST = MAPS_DIR / "maps.json"

#: Libraries whose version can change each method's coordinates.
_LIBRARIES: dict[str, tuple[str, ...]] = {
    "pca": ("numpy", "scipy", "scikit-learn"),
    "tsne": ("numpy", "scipy", "scikit-learn"),
    "umap": ("numpy", "scipy", "scikit-learn", "umap-learn", "pynndescent", "numba"),
}


def _versions(method: str) -> dict[str, str]:
    out = {}
    for name in _LIBRARIES[method]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


def _plain(value: Any) -> Any:
    """A parameter value in one canonical form (30 and 30.0 are the same perplexity)."""
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        return value
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    return repr(value)


def map_file(dataset: str, model_name: str, method: str, n_components: int) -> str:
    """The file name of a shipped map, e.g. ``"word_sets__minilm__umap_2d.npy"``."""
    return f"{dataset}__{model_name.replace('/', '_')}__{method}_{n_components}d.npy"


def map_fingerprint(
    dataset: str,
    texts: list[str],
    model_name: str,
    vectors: np.ndarray,
    method: ProjectionMethod,
    *,
    n_components: int,
    random_state: int | None,
    params: dict[str, Any],
) -> str:
    """A SHA-256 of everything that decides a map's coordinates.

    Args:
        dataset: the built-in dataset's name.
        texts: its texts (their fingerprint goes in, so an edited CSV gives another map).
        model_name: the model the vectors are from.
        vectors: ``(n, dim)`` the vectors mapped (their bytes go in, so other model weights give another map).
        method, n_components, random_state: as for `project`.
        params: the method's parameters after `project`'s checks and adjustments (all of them).

    Returns:
        64 hexadecimal digits.
    """
    x = np.ascontiguousarray(vectors)
    description = {
        "dataset": dataset,
        "texts": texts_fingerprint(texts),
        "model": model_name,
        "vectors": hashlib.sha256(x.tobytes()).hexdigest(),
        "dtype": str(x.dtype),
        "shape": list(x.shape),
        "method": method,
        "n_components": int(n_components),
        "random_state": None if random_state is None else int(random_state),
        "params": {k: _plain(v) for k, v in sorted(params.items())},
        "libraries": _versions(method),
    }
    return hashlib.sha256(json.dumps(description, sort_keys=True).encode("utf-8")).hexdigest()


class _FitOnFirstUse:
    """The fitted model of a shipped map, fitted only when a new point must be placed on it.

    The fit uses the same vectors, settings and seed, so it gives the shipped coordinates again.
    """

    def __init__(self, x: np.ndarray, method: ProjectionMethod, n_components: int, seed: int | None, params: dict):
        self._args = (x, method, n_components, seed, params)
        self._estimator: Any = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """True once fitted (a `transform` then runs at once)."""
        return self._estimator is not None

    def transform(self, x_new: np.ndarray) -> np.ndarray:
        with self._lock:
            if self._estimator is None:
                x, method, k, seed, params = self._args
                self._estimator = project(x, method, n_components=k, random_state=seed, **params).estimator
        return self._estimator.transform(x_new)


def _manifest() -> dict[str, Any]:
    try:
        data = json.loads(MAPS_MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def shipped_map(
    dataset: str,
    texts: list[str],
    model_name: str,
    vectors: np.ndarray,
    method: ProjectionMethod,
    *,
    n_components: int = 2,
    random_state: int | None = 0,
    max_points: int | None = None,
    max_fit: int | None = None,
    **params: Any,
) -> Projection | None:
    """The shipped map of a whole built-in dataset, or None when there is none for this request.

    Takes the arguments of `project` (plus the dataset's name, texts and model) and returns what
    `project` would return, read from ``data/maps/``, when a map was shipped for exactly this request:
    every row mapped (neither `max_points` nor `max_fit` below the number of rows) and the same
    fingerprint (`map_fingerprint`). A PCA or UMAP map's `transform` fits the model on first use.

    Returns:
        A `Projection`, or None (nothing shipped, a different request, or a stale or unreadable file):
        then call `project`.
    """
    n = len(vectors)
    if random_state is None or (max_points is not None and max_points < n) or (max_fit is not None and max_fit < n):
        return None
    try:
        used = method_params(method, params, n=n)
        name = map_file(dataset, model_name, method, n_components)
        meta = _manifest().get(name)
        if not isinstance(meta, dict):
            return None
        fingerprint = map_fingerprint(
            dataset,
            texts,
            model_name,
            vectors,
            method,
            n_components=n_components,
            random_state=random_state,
            params=used,
        )
        if meta.get("fingerprint") != fingerprint:
            return None  # made from other data, settings or libraries: compute it afresh
        coords = np.load(Path(MAPS_DIR, name), allow_pickle=False)
        if coords.dtype != np.float64 or coords.shape != (n, n_components) or not np.isfinite(coords).all():
            return None
        ratio = meta.get("explained_variance_ratio")
        ratio = None if ratio is None else np.asarray(ratio, dtype=np.float64)
        adjustments = [str(a) for a in meta.get("adjustments", [])]
        stored = dict(meta["params"])
    except (OSError, ValueError, KeyError, TypeError, EmbeddingCoreError):
        return None  # a damaged or foreign file: compute the map as if nothing were shipped
    coords.setflags(write=False)
    estimator = _FitOnFirstUse(vectors, method, n_components, random_state, params) if method != "tsne" else None
    return Projection(coords, method, n_components, stored, adjustments, np.arange(n), n, ratio, estimator, n)
