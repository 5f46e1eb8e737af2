"""Draw plotly figures (in presenter mode sized for a projector by the one function that does it) and wide tables."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow as pa
import streamlit as st

from embedding_core.figures.labels import respread_labels
from embedding_core.figures.style import TEMPLATE

from .presenter import is_presenting

#: How much presenter mode enlarges markers, point labels and figure heights.
MARKER_SCALE = 1.5
TEXT_SCALE = 1.35
HEIGHT_SCALE = 1.3

# Every figure gets the app's template when it is drawn, not a deep copy of it when it is built.
pio.templates.default = TEMPLATE


def for_projector(fig: go.Figure) -> go.Figure:
    """`fig` (a size-neutral figure from `embedding_core.figures`) enlarged for a projector.

    The only place a figure is sized for presenter mode: bigger fonts (title, legend, axes, hover,
    heatmap cells), markers and point labels scaled by `MARKER_SCALE` / `TEXT_SCALE`, and the
    height by `HEIGHT_SCALE`. Labels placed apart by `spread_labels` are placed again for these
    sizes (`respread_labels`), since they were placed for the smaller ones. Changes `fig` in place
    and returns it.
    """
    fig.update_layout(
        font={"size": 22}, title_font={"size": 28}, legend={"font": {"size": 20}}, hoverlabel={"font": {"size": 20}}
    )
    fig.update_traces(selector={"type": "heatmap"}, textfont={"size": 18})
    fig.update_xaxes(tickfont={"size": 18}, title_font={"size": 20})
    fig.update_yaxes(tickfont={"size": 18}, title_font={"size": 20})
    for trace in fig.data:
        if trace.type not in {"scatter", "scattergl", "scatter3d"}:
            continue
        marker = getattr(trace, "marker", None)
        if marker is not None:
            size = marker.size
            if size is None:
                trace.marker.size = 12
            elif isinstance(size, int | float):
                trace.marker.size = size * MARKER_SCALE
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and isinstance(textfont.size, int | float):
            trace.textfont.size = round(textfont.size * TEXT_SCALE)
    if fig.layout.height:
        fig.update_layout(height=int(fig.layout.height * HEIGHT_SCALE))
    return respread_labels(fig)


def show(fig: go.Figure, **kwargs: Any) -> Any:
    """`st.plotly_chart`, with the figure sized by `for_projector` when presenter mode is on."""
    if is_presenting():
        fig = for_projector(fig)
    kwargs.setdefault("width", "stretch")
    return st.plotly_chart(fig, **kwargs)


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """`frame` as the Arrow table `st.dataframe` would send, built a block of columns at a time.

    `st.dataframe` converts a DataFrame column by column through pandas' Arrow bridge, about 50 µs a
    column: 20 ms for a table of 384 dimensions, on every run that shows it. Here the columns of one
    numpy dtype come out as one array and each column is a zero-copy slice of it. The values and the
    column types are the same as ``pa.Table.from_pandas(frame, preserve_index=False)``; the index is
    left out, so pass ``hide_index=True``.
    """
    arrays: dict[str, pa.Array] = {}
    kinds = frame.dtypes
    for dtype in dict.fromkeys(kinds):
        names = [c for c, d in kinds.items() if d == dtype]
        if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
            block = frame[names].to_numpy()
            arrays.update({str(c): pa.array(block[:, i]) for i, c in enumerate(names)})
        else:
            arrays.update({str(c): pa.Array.from_pandas(frame[c]) for c in names})
    return pa.Table.from_arrays([arrays[str(c)] for c in frame.columns], names=[str(c) for c in frame.columns])
