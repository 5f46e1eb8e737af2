"""The big map: a WebGL scatter plot for 200,000 points with hover, lasso, box and click, as a Streamlit component.

Drawn by regl-scatterplot (npm, MIT) in a components-v1 iframe; its built script is in
``static/`` and served by the app itself (no CDN, works offline). The script's source is in
``frontend/src`` (``npm ci && npm run build`` rebuilds ``static/scatter.js``); ``static/index.html``
is its page, written by hand (one copy). `standalone_html` inlines both into one offline file.

The points travel as bytes (float32 coordinates, uint16 categories, zlib-compressed UTF-8
hover texts), about 10 bytes per point plus the texts, instead of Plotly's JSON; a selection
comes back as base64 row ids.

Example:
    >>> picked = scatter_map(coords, labels, texts, key="maps-big")
    >>> picked.ids, picked.clicked  # rows selected by box or lasso; the row clicked
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import streamlit.components.v1 as components

from embedding_core.figures.style import PALETTE

__all__ = ["STATIC", "MapData", "MapSelection", "prepare_map", "scatter_map", "selection_of", "standalone_html"]

#: After the Okabe–Ito colours, Paul Tol's muted set: 17 colours before they repeat.
COLOURS = [*PALETTE, "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
#: Hover texts are cut to this many characters (the whole text stays on the server).
HOVER_CHARS = 160
_MAX_CATEGORIES = 65_535

STATIC = Path(__file__).resolve().parent / "static"
_component = components.declare_component("scatter_map", path=str(STATIC))

How = Literal["box", "lasso", "click", "clear", "none"]


@dataclass(frozen=True, eq=False)  # holds an array: compare the fields
class MapSelection:
    """What the person picked on the map.

    Attributes:
        ids: row numbers selected by box, lasso or click, sorted (empty when nothing is).
        clicked: the row of the point clicked last, or None.
        how: ``"box"``, ``"lasso"``, ``"click"``, ``"clear"`` or ``"none"`` (nothing done yet).
    """

    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    clicked: int | None = None
    how: How = "none"


def _check(coords: np.ndarray, colors: Sequence | None, texts: Sequence[str] | None) -> np.ndarray:
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2 or xy.shape[0] == 0:
        raise ValueError(f"`coords` must be an (n, 2) array with n ≥ 1. Got shape {xy.shape}. Pass 2D map coordinates.")
    if not np.isfinite(xy).all():
        bad = int((~np.isfinite(xy)).any(axis=1).sum())
        raise ValueError(f"`coords` must be finite. Got {bad:,} rows with NaN or infinity. Drop or fix those rows.")
    for name, values in (("colors", colors), ("texts", texts)):
        if values is not None and len(values) != len(xy):
            raise ValueError(f"`{name}` must have one entry per point ({len(xy):,}). Got {len(values):,}.")
    return xy


def _scale_of(xy: np.ndarray) -> tuple[float, float, float]:
    """``(cx, cy, factor)`` taking the data into [-0.95, 0.95], one scale for both axes (shapes kept)."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = float((hi - lo).max()) or 1.0
    centre = (lo + hi) / 2
    return float(centre[0]), float(centre[1]), 1.9 / span


def _scaled(xy: np.ndarray, scale: tuple[float, float, float] | None = None) -> np.ndarray:
    """Into [-0.95, 0.95] with one scale for both axes, so distances on the map keep their shape."""
    cx, cy, factor = scale or _scale_of(xy)
    return ((xy - [cx, cy]) * factor).astype(np.float32)


def _codes(colors: Sequence | None, n: int) -> tuple[np.ndarray, list[str]]:
    import pandas as pd

    if colors is None:
        return np.zeros(n, dtype=np.uint16), []
    codes, categories = pd.factorize(pd.Series(list(colors) if not hasattr(colors, "dtype") else colors))
    if len(categories) > _MAX_CATEGORIES:
        raise ValueError(
            f"`colors` must have at most {_MAX_CATEGORIES:,} categories. Got {len(categories):,}. "
            "Colour by a coarser column."
        )
    names = [str(c) for c in categories]
    order = sorted(range(len(names)), key=lambda i: _natural(names[i]))  # "group 2" before "group 10"
    rank = np.empty(len(names) + 1, dtype=np.int64)
    rank[order] = np.arange(len(names))
    rank[-1] = len(names)  # missing values (code -1) get a category of their own, last
    codes = rank[codes]
    names = [names[i] for i in order] + (["(missing)"] if (codes == len(names)).any() else [])
    return codes.astype(np.uint16), names


def _natural(name: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", name)]


def _text_blob(texts: Sequence[str] | None, n: int, limit: int) -> bytes:
    if texts is None:
        return "\0".join(f"row {i}" for i in range(n)).encode()
    return "\0".join(str(t)[:limit].replace("\0", " ") for t in texts).encode("utf-8", errors="replace")


def selection_of(value: object, data: MapData) -> MapSelection:
    """The selection a map's widget value holds (``st.session_state[key]``), read before the map is drawn.

    A page that marks a clicked point's neighbours needs the click before it draws the map again.
    """
    return _decode(value, data.data_id, data.n)


def _decode(value: object, data_id: str, n: int) -> MapSelection:
    if not isinstance(value, dict) or value.get("data_id") != data_id:
        return MapSelection()  # nothing picked yet, or picked on other data
    ids = np.frombuffer(base64.b64decode(value.get("ids") or ""), dtype=np.uint32).astype(np.int64)
    ids = np.unique(ids[ids < n])
    clicked = value.get("clicked")
    clicked = int(clicked) if isinstance(clicked, int) and 0 <= clicked < n else None
    how = value.get("how") if value.get("how") in ("box", "lasso", "click", "clear") else "none"
    return MapSelection(ids, clicked, how)  # type: ignore[arg-type]


@dataclass(frozen=True, eq=False)
class MapData:
    """The points as the browser gets them: build once with `prepare_map`, cache, draw on every rerun.

    Attributes:
        n: the number of points.
        xy: float32 x block then y block, scaled into [-0.95, 0.95] (one scale for both axes).
        codes: uint16 category of each point.
        texts: the hover texts, UTF-8, separated by zero bytes, zlib-compressed.
        categories: the name of each category code, in legend order.
        data_id: a digest of all of it; a selection made on other data is ignored.
        scale: ``(cx, cy, factor)``: a data point ``p`` is drawn at ``(p - (cx, cy)) * factor``.
    """

    n: int
    xy: bytes
    codes: bytes
    texts: bytes
    categories: list[str]
    data_id: str
    scale: tuple[float, float, float] = (0.0, 0.0, 1.0)


def prepare_map(
    coords: np.ndarray,
    colors: Sequence | None = None,
    texts: Sequence[str] | None = None,
    *,
    hover_chars: int = HOVER_CHARS,
) -> MapData:
    """Turn the points into the compact bytes `scatter_map` sends (about 0.5 s for 200,000 texts).

    Args:
        coords: ``(n, 2)`` map coordinates (any scale; one scale is used for both axes).
        colors: one category per point (a label, a cluster id); each gets a colour and a legend entry.
        texts: one hover text per point (cut to `hover_chars` characters); default ``"row i"``.
        hover_chars: the longest hover text, in characters.

    Raises:
        ValueError: the coordinates are not ``(n, 2)`` finite numbers, or a list has the wrong length.
    """
    xy = _check(coords, colors, texts)
    n = len(xy)
    codes, categories = _codes(colors, n)
    scale = _scale_of(xy)
    scaled = _scaled(xy, scale)
    points = np.concatenate([scaled[:, 0], scaled[:, 1]]).tobytes()
    code_bytes = codes.tobytes()
    text_bytes = zlib.compress(_text_blob(texts, n, hover_chars), 1)
    digest = hashlib.blake2b(points + code_bytes + text_bytes + "\0".join(categories).encode(), digest_size=12)
    return MapData(n, points, code_bytes, text_bytes, categories, digest.hexdigest(), scale)


def scatter_map(
    coords: np.ndarray | MapData,
    colors: Sequence | None = None,
    texts: Sequence[str] | None = None,
    *,
    key: str,
    height: int = 560,
    highlight: Sequence[int] | np.ndarray | None = None,
    zoom_to_highlight: bool = False,
    labels: Sequence[tuple[float, float, str]] = (),
    query: tuple[float, float, str] | None = None,
    density: bool = False,
    point_size: float | None = None,
    palette: Sequence[str] | None = None,
    text_scale: float = 1.0,
) -> MapSelection:
    """Draw the points as one WebGL map and return what the person selected on it.

    Args:
        coords: ``(n, 2)`` map coordinates, or a `MapData` from `prepare_map` (then no
            `colors` or `texts`: they are in it). Pass a cached `MapData` for big maps:
            preparing 200,000 points costs about half a second on every rerun.
        colors, texts: as in `prepare_map`.
        key: the widget key; the selection survives reruns under it.
        height: the map's height in pixels.
        highlight: rows to mark as selected (a search result, neighbours), drawn in the accent colour.
        zoom_to_highlight: also zoom the view to those rows.
        labels: ``(x, y, text)`` in the data's coordinates, drawn on the map as text (cluster
            keywords at each cluster's centre, say); they follow pan and zoom. At most 200.
        query: ``(x, y, text)`` in the data's coordinates: a typed query, drawn as a ring with its text.
        density: shade the map by how many points are in each place (a smoothed 2D histogram,
            computed in the browser, drawn under the points' colours).
        point_size: in pixels; default from the number of points (6 for a few hundred, 2 at 200,000).
        palette: colours for the categories in order (CSS hex); default Okabe–Ito, then Paul Tol's muted set.
        text_scale: the size of the map's text (labels, buttons, legend, hover) against the default,
            e.g. 1.5 on a projector.

    Returns:
        A `MapSelection`; empty until the person selects, and after the data changes.

    Raises:
        ValueError: as `prepare_map`, or `colors`/`texts` given with a `MapData`.
    """
    if isinstance(coords, MapData):
        if colors is not None or texts is not None:
            raise ValueError(
                "`colors` and `texts` must be None with a MapData. Got them too. Pass them to prepare_map."
            )
        data = coords
    else:
        data = prepare_map(coords, colors, texts)
    args = _args(data, highlight, zoom_to_highlight, labels, query, density, height, point_size, palette)
    value = _component(**args, text_scale=float(text_scale), key=key, default=None)
    return _decode(value, data.data_id, data.n)


def _args(
    data: MapData,
    highlight: Sequence[int] | np.ndarray | None,
    zoom: bool,
    labels: Sequence[tuple[float, float, str]],
    query: tuple[float, float, str] | None,
    density: bool,
    height: int,
    point_size: float | None,
    palette: Sequence[str] | None,
) -> dict:
    """What the browser gets: the same for the app's component and for an exported page."""
    n = data.n
    marked = np.zeros(0, dtype=np.uint32)
    if highlight is not None:
        marked = np.unique(np.asarray(highlight, dtype=np.int64))
        marked = marked[(marked >= 0) & (marked < n)].astype(np.uint32)
    cx, cy, factor = data.scale

    def at(x: float, y: float) -> list[float]:
        return [round((float(x) - cx) * factor, 5), round((float(y) - cy) * factor, 5)]

    marks = [[*at(x, y), str(text)[:80]] for x, y, text in list(labels)[:200]]
    size = point_size if point_size is not None else float(np.clip(9 - 1.3 * np.log10(n), 2, 6))
    return {
        "xy": data.xy,
        "codes": data.codes,
        "texts": data.texts,
        "categories": data.categories,
        "palette": list(palette or COLOURS),
        "data_id": data.data_id,
        "highlight": marked.tobytes(),
        "highlight_id": hashlib.blake2b(marked.tobytes() + bytes([bool(zoom)]), digest_size=8).hexdigest(),
        "zoom": bool(zoom),
        "labels": marks,
        "query": [*at(query[0], query[1]), str(query[2])[:80]] if query is not None else None,
        "density": bool(density),
        "height": int(height),
        "point_size": size,
        "background": "#ffffff",
        "accent": "#D55E00",
    }


def standalone_html(
    data: MapData,
    *,
    title: str,
    highlight: Sequence[int] | np.ndarray | None = None,
    labels: Sequence[tuple[float, float, str]] = (),
    query: tuple[float, float, str] | None = None,
    density: bool = False,
    point_size: float | None = None,
    palette: Sequence[str] | None = None,
) -> str:
    """The map as one self-contained HTML page: the built script inlined, the points embedded, no server.

    It opens from disk in any browser with WebGL (no CDN, no request at all), with hover, pan, zoom,
    lasso and box as in the app, and Labels / Density buttons. Its size is about 1.33 × the bytes
    the app sends (base64) plus the script (230 kB).

    Args:
        data: the points, from `prepare_map`.
        title: the page's title (escaped).
        highlight, labels, query, density, point_size, palette: as in `scatter_map`.
    """
    import html
    import json

    args = _args(data, highlight, False, labels, query, density, 600, point_size, palette)
    for name in ("xy", "codes", "texts", "highlight"):
        args[name] = base64.b64encode(args[name]).decode("ascii")
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    script = (STATIC / "scatter.js").read_text(encoding="utf-8")
    # JSON inside <script>: "<" written as \u003c, so no text can close the element; the same for the script.
    payload = json.dumps(args, ensure_ascii=False).replace("<", "\\u003c")
    inline = script.replace("</script", "<\\/script")
    tag = '<script src="scatter.js"></script>'
    if tag not in page:
        raise RuntimeError(f"{STATIC / 'index.html'} must load {tag}; the exported page inlines it.")
    body = f"<script>window.__SCATTER_ARGS__ = {payload};</script>\n    <script>{inline}</script>"
    page = page.replace(tag, body)
    return page.replace("<title>Embedding map</title>", f"<title>{html.escape(title)}</title>", 1)
