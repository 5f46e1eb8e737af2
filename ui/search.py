"""Caches and tables for the Search page.

The keyword index, the semantic index and the 2D map are built once per data source (and model), in
the scope `ui.cache` gives it: a built-in dataset with a public model once per server process, shared
by every session; typed texts, uploads and a server model's vectors in this session only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec

from .cache import cached
from .params import Param, Text
from .sources import Owner, Source, builtin_dataset, builtin_vectors


@cached(kind="resource", model_arg="owner", max_entries=12)
def _keywords(owner: Owner, texts: tuple[str, ...], method: str) -> ec.KeywordIndex:
    return ec.KeywordIndex(list(texts), method=method)  # type: ignore[arg-type]


@cached(kind="resource", max_entries=12)
def _builtin_keywords(name: str, method: str) -> ec.KeywordIndex:
    return ec.KeywordIndex(builtin_dataset(name).texts, method=method)  # type: ignore[arg-type]


@cached(kind="resource", model_arg="owner", max_entries=12)
def _semantic(owner: Owner, vectors: np.ndarray) -> ec.SemanticIndex:
    return ec.SemanticIndex(vectors)


@cached(kind="resource", model_arg="model_name", max_entries=12)
def _builtin_semantic(name: str, model_name: str) -> ec.SemanticIndex:
    return ec.SemanticIndex(builtin_vectors(name, model_name))


@cached(kind="resource", model_arg="owner", max_entries=12)
def _map(owner: Owner, vectors: np.ndarray, method: str) -> ec.Projection:
    return ec.fit_search_map(vectors, method=method)  # type: ignore[arg-type]


@cached(kind="resource", model_arg="model_name", max_entries=12)
def _builtin_map(name: str, model_name: str, method: str) -> ec.Projection:
    return ec.fit_search_map(builtin_vectors(name, model_name), method=method)  # type: ignore[arg-type]


def _whole_builtin(source: Source) -> bool:
    return source.kind == "builtin" and source.rows is None


def keyword_index(source: Source, method: str) -> ec.KeywordIndex:
    """The keyword index of the source's texts."""
    if _whole_builtin(source):
        return _builtin_keywords(source.id, method)
    return _keywords(source.owner, tuple(source.texts), method)


def semantic_index(source: Source) -> ec.SemanticIndex:
    """The source's vectors, checked and scaled once."""
    if _whole_builtin(source):
        return _builtin_semantic(source.id, source.model)
    return _semantic(source.owner, source.vectors)


def search_map(source: Source, method: str) -> ec.Projection:
    """The source's 2D map, fitted once (then queries are only placed on it)."""
    label = "UMAP (the first time takes up to a minute)" if method == "umap" else "PCA"
    with st.spinner(f"Fitting the {label} map of {len(source.texts):,} texts, once for this data…"):
        if _whole_builtin(source):
            return _builtin_map(source.id, source.model, method)
        return _map(source.owner, source.vectors, method)


def hits_table(hits: Sequence[ec.SearchHit], source: Source, other: Sequence[ec.SearchHit]) -> pd.DataFrame:
    """One row per hit: rank (✓ when the other search found it too), score, label, text."""
    also = {h.index for h in other}
    frame = pd.DataFrame(
        {
            "rank": [f"{r}{' ✓' if h.index in also else ''}" for r, h in enumerate(hits, start=1)],
            "score": [h.score for h in hits],
            "label": [source.labels[h.index] if source.labels else "" for h in hits],
            "text": [source.texts[h.index] for h in hits],
        }
    )
    return frame if source.labels else frame.drop(columns="label")


_ROW = 84  # pixels: about four lines, so long texts wrap instead of being cut


def show_hits(frame: pd.DataFrame, *, max_score: float, score_help: str, key: str) -> None:
    """The hits table with score bars, tall enough to show every row."""
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=38 + _ROW * len(frame),
        row_height=_ROW,
        key=key,
        column_config={
            "rank": st.column_config.TextColumn("#", width=44, help="Rank; ✓ = the other search found it too."),
            "score": st.column_config.ProgressColumn(
                "score", min_value=0.0, max_value=max(max_score, 1e-9), format="%.2f", help=score_help, width=92
            ),
            "label": st.column_config.TextColumn("label", width=84),
            "text": st.column_config.TextColumn("text", width=236, help="Hover or widen to read the whole text."),
        },
    )


#: The Search page's inputs.
QUERY = Param(
    "search_query",
    ec.SEARCH_PRESETS[0].query,
    Text(ec.MAX_TEXT_CHARS),
    "Your query",
    "Describe what you are looking for in your own words, or type an exact name, code or number.",
)
TOP_K = Param(
    "search_top_k",
    5,
    ec.Interval(1, 25, integer=True),
    "Results per search (k)",
    "Both searches return this many results, best first.",
)
KEYWORDS = Param(
    "search_keyword_method",
    "bm25",
    ec.Options(ec.KEYWORD_METHODS),
    "Keyword method",
    "BM25 (what search engines use) rewards rare shared words and stops counting repeats; "
    "TF-IDF is the cosine of word-count vectors weighted by rarity.",
    format_func={"bm25": "BM25", "tfidf": "TF-IDF"}.get,
)
MAP = Param(
    "search_map_method",
    "pca",
    ec.Options(ec.MAP_METHODS),
    "Map",
    "How the texts are laid out in 2D. PCA keeps the two widest directions; UMAP keeps neighbours together.",
    format_func={"pca": "PCA (fast)", "umap": "UMAP"}.get,
)
