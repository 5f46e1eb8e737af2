"""One kind of data source, and the one picker every page that takes data uses.

A source is the user's typed texts, a built-in dataset (perhaps an evenly spread part of it), or data
uploaded on the "Your data" page (kept in `st.session_state["data_uploads"]`, this session only).
Whatever it is, a page gets one `Source`, with the texts, their labels, their vectors and the model.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Literal

import numpy as np
import streamlit as st

import embedding_core as ec

from .background import uploads, wait_for_vectors
from .cache import cached, current_model, embed, get_model, identify
from .inputs import core_errors, text_list
from .params import Param, Text, radio, selectbox, text_area

TYPED = "__typed__"
Kind = Literal["typed", "builtin", "upload"]


@dataclass(frozen=True)
class Owner:
    """Whose data a result is made from: the source's kind, model and id (what `ui.cache.scope` reads)."""

    kind: Kind
    model: str
    id: str = ""


@dataclass(frozen=True, eq=False)
class Source:
    """What a page works on.

    Attributes:
        kind: ``"typed"``, ``"builtin"`` or ``"upload"``.
        id: the picker's value: the dataset's name, ``"upload:<name>"`` or `TYPED`.
        texts, labels: the rows (labels None when there are none).
        vectors: ``(len(texts), dim)``, made by `model`.
        model: the model name the vectors belong to.
        name: a short name to show and to name files by.
        rows: for part of a built-in dataset, which of its rows `texts` are (else None).
        total: how many rows the whole dataset has.
    """

    kind: Kind
    id: str
    texts: list[str]
    labels: list[str] | None
    vectors: np.ndarray
    model: str
    name: str
    rows: list[int] | None = None
    total: int = 0

    @property
    def owner(self) -> Owner:
        return Owner(self.kind, self.model, self.id)


@cached(kind="data", max_entries=8)
def builtin_dataset(name: str) -> ec.Dataset:
    """A built-in dataset, read once and shared by every session."""
    return ec.load_dataset(name)


@cached(kind="data", model_arg="model_name", max_entries=24)
def builtin_vectors(name: str, model_name: str) -> np.ndarray:
    """A built-in dataset's vectors (precomputed for MiniLM), embedded once per scope of the model."""
    return ec.dataset_vectors(builtin_dataset(name), get_model(model_name))


def label(option: str) -> str:
    """How the picker shows an option."""
    if option == TYPED:
        return "Texts I type"
    if option.startswith("upload:"):
        return f"My data: {option.removeprefix('upload:')}"
    return builtin_dataset(option).title


def shown_name(source: Source) -> str:
    """How a chart title names the data: the dataset's title ("Words by category (357)"), never its id."""
    if source.kind == "builtin":
        return builtin_dataset(source.id).title
    return "your texts" if source.kind == "typed" else source.name


def category_names(labels: list[str] | None) -> list[str] | None:
    """A dataset's categories as people read them: ``body_parts`` becomes ``body parts``."""
    return None if labels is None else [str(lab).replace("_", " ") for lab in labels]


def spread(total: int, n: int) -> list[int]:
    """`n` row numbers spread evenly over `total` rows (all of them when `n >= total`)."""
    if n >= total:
        return list(range(total))
    step = total / n
    return [math.floor(i * step) for i in range(n)]


def typed_source(texts: list[str], labels: list[str] | None, model_name: str) -> Source:
    """Typed texts embedded with `model_name`."""
    with core_errors(), st.spinner(f"Embedding {len(texts)} text(s) with {ec.model_label(model_name)}…"):
        vectors = embed(model_name, tuple(texts))
    return Source("typed", TYPED, texts, labels, vectors, model_name, "typed texts")


def builtin_source(name: str, model_name: str, *, n: int | None = None) -> Source:
    """A built-in dataset (or `n` rows spread evenly over it) with `model_name`'s vectors."""
    dataset = builtin_dataset(name)
    with core_errors(), st.spinner(f"Embedding {len(dataset):,} texts (first time only)…"):
        full = builtin_vectors(name, model_name)
    total = len(dataset.texts)
    if n is None:
        labels = category_names(dataset.labels)
        return Source("builtin", name, dataset.texts, labels, full, model_name, dataset.name, total=total)
    rows = spread(total, n)
    labels = category_names([dataset.labels[i] for i in rows]) if dataset.labels else None
    texts = [dataset.texts[i] for i in rows]
    return Source("builtin", name, texts, labels, full[rows], model_name, dataset.name, rows, total)


def sample_texts(name: str, n: int) -> tuple[list[str], int]:
    """The texts of `n` rows spread evenly over a built-in dataset, and how many rows it has."""
    texts = builtin_dataset(name).texts
    return [texts[i] for i in spread(len(texts), n)], len(texts)


def source_of(option: str, model_name: str, *, texts: list[str] | None = None, n: int | None = None) -> Source:
    """The source a picker's `option` names, with `model_name`'s vectors.

    Args:
        option: `TYPED` (then `texts` are the typed texts) or a built-in dataset's name.
        model_name: the model to embed with.
        texts: the typed texts.
        n: take `n` rows spread evenly over the dataset (default: all).
    """
    if option == TYPED:
        return typed_source(list(texts or []), None, model_name)
    return builtin_source(option, model_name, n=n)


def with_model(source: Source, model_name: str) -> Source:
    """The same texts with another model's vectors."""
    if source.model == model_name:
        return source
    if source.kind == "builtin":
        n = None if source.rows is None else len(source.rows)
        return builtin_source(source.id, model_name, n=n)
    if source.kind == "typed":
        return typed_source(source.texts, source.labels, model_name)
    raise ValueError("An upload's vectors for another model come from `upload_vectors`.")


def embed_with_progress(model: ec.Embedder, texts: list[str], *, what: str = "texts") -> np.ndarray:
    """Embed in batches of 64 under a progress bar that shows the count and the rate."""
    bar = st.progress(0.0, text=f"Embedding {len(texts):,} {what} with {ec.model_label(model.name)}…")
    start = time.perf_counter()

    def report(done: int, total: int) -> None:
        rate = done / max(time.perf_counter() - start, 1e-6)
        left = (total - done) / rate if rate else 0
        text = f"Embedded {done:,} of {total:,} {what} · {rate:,.0f} per second · {left:.0f} s left"
        bar.progress(done / total, text=text)

    vectors = ec.embed_texts(model, texts, batch_size=64, on_progress=report)
    bar.empty()
    return vectors


@cached(kind="data", model_arg="owner")
def _reembedded(owner: Owner, texts: tuple[str, ...]) -> np.ndarray:
    return embed_with_progress(get_model(owner.model), list(texts))


def upload_vectors(dataset: ec.Dataset, model: ec.Embedder) -> np.ndarray:
    """An uploaded dataset's vectors for `model`: its own, or re-embedded once and kept in the session."""
    if dataset.vectors is not None and dataset.vectors_model in (None, model.name):
        return dataset.vectors
    return _reembedded(Owner("upload", model.name, f"upload:{dataset.name}"), tuple(dataset.texts))


GROUPING = {
    "auto": "only when every line is 'name: a, b'",
    "always": "always",
    "never": "never: one line, one text",
}


def grouping(key: str, raw: str, first: str = "auto") -> bool:
    """Draw the 'Group lines by name:' choice under a typed box; True when `raw` is to be read in groups.

    "auto" groups only text that is clearly written that way (`ec.looks_grouped`) and says so;
    when it does not group but some lines look like ``name: …``, a caption says how to group them.
    """
    mode = radio(
        Param(
            f"{key}_grouping",
            first,
            ec.Options(GROUPING),
            "Group lines by 'name:'",
            "`fruit: apple, banana` puts apple and banana in group fruit; a line `fruit:` alone starts a group "
            "for the lines below it. 'Only when…' groups text written entirely that way; pasted sentences "
            "with a colon ('Update: the screen cracked') stay whole lines.",
            format_func=GROUPING.get,
        ),
        horizontal=True,
    )
    if mode != "auto":
        return mode == "always"
    if ec.looks_grouped(raw):
        names = {g for g in ec.parse_grouped_texts(raw).groups if g is not None}
        st.caption(
            f"Read as {len(names)} groups: every line is written `name: item, item`. "
            "Choose 'never' above to keep each line whole."
        )
        return True
    colons = sum(1 for line in raw.splitlines() if ":" in line)
    if colons:
        st.caption(
            f"Each line is one text ({colons} contain a colon). Choose 'always' above to read `name:` as groups."
        )
    return False


def picker(
    key: str,
    *,
    allow_typed: bool = True,
    typed_default: str = "",
    max_typed: int = 500,
    grouped: bool = False,
    grouping_first: str = "auto",
    first: str | None = None,
) -> Source:
    """Draw a source picker (and a text box for typed texts) and return the chosen source.

    Args:
        key: the page's widget-key prefix, e.g. ``"projection"``.
        allow_typed: offer "Texts I type" as a source.
        typed_default: the first value of the text box.
        max_typed: keep at most this many typed texts.
        grouped: typed lines may name groups (``fruit: apple, banana``); the groups become the labels.
        grouping_first: the first value of the 'Group lines by name:' choice ("auto", "always", "never"):
            "always" where labels are the point (a classifier needs them), "auto" elsewhere.
            A radio under the box decides: by default only text that `ec.looks_grouped` (and a note
            says so); pasted prose with colons stays one text per line.
        first: the source chosen at first (default: the first option).
    """
    options = ([TYPED] if allow_typed else []) + ec.list_datasets() + [f"upload:{n}" for n in uploads()]
    picked = Param(
        f"{key}_source",
        first or options[0],
        ec.Options(options),
        "Data",
        "Your own texts, a built-in dataset, or data you uploaded on the 'Your data' page.",
        format_func=label,
    )
    choice = selectbox(picked)
    model = current_model()
    if choice == TYPED:
        typed = Param(
            f"{key}_typed",
            typed_default,
            Text(),
            "Texts, one per line",
            "One word or sentence per line. Blank lines are skipped, repeats kept once."
            + (
                " Write `fruit: apple, banana, cherry` to put texts in a group (use ; between items "
                "that contain commas), or a line `fruit:` alone to start a group for the lines below it."
                if grouped
                else ""
            ),
        )
        raw = text_area(typed, height=150)
        group = grouped and grouping(key, raw, grouping_first)
        parsed = text_list(raw, max_items=max_typed, grouped=group)
        labels = parsed.group_names() if group and parsed.has_groups else None  # type: ignore[attr-defined]
        return typed_source(parsed.texts, labels, model.name)
    if choice.startswith("upload:"):
        dataset = uploads()[choice.removeprefix("upload:")]
        if dataset.vectors is None or dataset.vectors_model not in (None, model.name):
            wait_for_vectors(dataset, model)  # embeds them again in the background; stops the page
        vectors = identify(dataset.vectors)  # named by a token from now on, not digested per cached call
        return Source("upload", choice, dataset.texts, dataset.labels, vectors, model.name, dataset.name)
    st.caption(builtin_dataset(choice).description)
    return builtin_source(choice, model.name)
