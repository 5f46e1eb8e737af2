"""Caches and tables for the Search page.

The keyword index, the semantic index and the 2D map are built once per data source (and model), in
the scope `ui.cache` gives it: a built-in dataset with a public model once per server process, shared
by every session; typed texts, uploads and a server model's vectors in this session only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec

from .cache import cached
from .params import Param, Text
from .projection import MAX_FIT, fit_map, wait_for_umap
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
    return fit_map("fit_search_map", vectors, method=method, max_fit=MAX_FIT[method])


@cached(kind="resource", model_arg="model_name", max_entries=12)
def _builtin_map(name: str, model_name: str, method: str) -> ec.Projection:
    vectors = builtin_vectors(name, model_name)
    return fit_map("fit_search_map", vectors, method=method, max_fit=MAX_FIT[method])


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
    """The source's 2D map, fitted once (then queries are only placed on it).

    UMAP is fitted on at most `MAX_FIT["umap"]` texts (the Maps page's figure) and places the others.
    """
    n = len(source.texts)
    fit = min(n, MAX_FIT[method] or n)
    label = "UMAP" if method == "umap" else "PCA"
    placed = f", placing the other {n - fit:,} on it" if fit < n else ""
    if method == "umap":
        wait_for_umap()
    with st.spinner(f"Fitting the {label} map on {fit:,} texts{placed}, once for this data…", show_time=True):
        if _whole_builtin(source):
            return _builtin_map(source.id, source.model, method)
        return _map(source.owner, source.vectors, method)


#: At most this many texts are drawn as dots on the search map (a seeded random sample; the hits always).
MAP_DOTS = 5_000


def map_dots(n: int) -> np.ndarray | None:
    """The rows drawn on the search map: None (all) up to `MAP_DOTS`, else that many random rows, the same each time."""
    limit = MAP_DOTS
    if n <= limit:
        return None
    return np.sort(np.random.default_rng(0).choice(n, size=limit, replace=False))


def map_caption(n: int, fitted: ec.Projection, dots: np.ndarray | None, method: str) -> str:
    """What the search map shows: how many texts are drawn and how many the map was fitted on, N of M."""
    text = ec.lesson_text("search", "map_explained").format(n=n, method=method.upper())
    if dots is not None:
        text += (
            f" {len(dots):,} of the {n:,} texts are drawn (a random sample, plus every hit), so the map stays "
            "quick to send and draw; the Maps page draws all of them."
        )
    if fitted.n_fitted < n:
        text += f" The map was fitted on {fitted.n_fitted:,} of the {n:,} texts; the others were placed on it."
    return text


#: Markdown's special characters (CommonMark lets a backslash escape any ASCII punctuation; Streamlit's
#: ``:color[…]`` and ``:icon:`` directives use ``:`` and brackets, LaTeX ``$``).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'])")


def escape_markdown(text: str) -> str:
    """`text` as literal Markdown: every special character escaped, line breaks as spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def hits_table(
    hits: Sequence[ec.SearchHit],
    source: Source,
    other: Sequence[ec.SearchHit],
    *,
    marks: ec.KeywordIndex | None = None,
    query: str = "",
) -> pd.DataFrame:
    """One row per hit: rank (✓ when the other search found it too), score, label, text.

    The text is escaped Markdown (it is the data's, never trusted); with `marks`, the words of
    `query` that the keyword index counts are in bold.
    """
    also = {h.index for h in other}

    def cell(text: str) -> str:
        if marks is None:
            return escape_markdown(text)
        return "".join(
            f"**{escape_markdown(p)}**" if hit else escape_markdown(p) for p, hit in marks.marked(text, query)
        )

    frame = pd.DataFrame(
        {
            "rank": [f"{r}{' ✓' if h.index in also else ''}" for r, h in enumerate(hits, start=1)],
            "score": [h.score for h in hits],
            "label": [escape_markdown(source.labels[h.index]) if source.labels else "" for h in hits],
            "text": [cell(source.texts[h.index]) for h in hits],
        }
    )
    return frame if source.labels else frame.drop(columns="label")


def show_hits(frame: pd.DataFrame) -> None:
    """The hits as a static table: every text whole and wrapped, matched query words in bold."""
    st.table(frame.set_index("rank").rename_axis("#").style.format({"score": "{:.2f}"}), border="horizontal")


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


def word_model_note(model: ec.Embedder, hits: list[ec.SearchHit]) -> str | None:
    """With a word model (GloVe): say that averaged word vectors barely rank long texts, with the scores' spread."""
    if model.kind != "word" or not hits:
        return None
    low, high = min(h.score for h in hits), max(h.score for h in hits)
    note = (
        f"{ec.model_label(model.name)} is a word model: a text's vector is the mean of its words' vectors, and "
        f"the means of long texts point much the same way (these {len(hits)} scores lie between {low:.2f} and "
        f"{high:.2f}). Semantic search needs a sentence model: pick MiniLM in the sidebar."
    )
    st.warning(note, icon=":material/warning:")
    return note


def fragment_note(known: list[str]) -> str | None:
    """When keyword search matched only on one- or two-letter fragments ("d" of "d'infirmière"), say so."""
    if not known or any(len(w) > 2 for w in known):
        return None
    shown = ", ".join(f"'{w}'" for w in known)
    note = (
        f"Keyword search matched only on {shown}: a fragment (as the d of d'… or the s of 's), not a word these "
        "texts share with the query. These hits are no better than chance."
    )
    st.warning(note, icon=":material/search_off:")
    return note
