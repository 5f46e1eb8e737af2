"""Draw plotly figures, bigger in presenter mode."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from .presenter import is_presenting


def show(fig: go.Figure, **kwargs: Any) -> Any:
    """`st.plotly_chart` with projector-sized text and markers when presenter mode is on."""
    if is_presenting():
        fig.update_layout(font={"size": 22}, title_font={"size": 28}, legend={"font": {"size": 20}})
        fig.update_traces(selector={"type": "heatmap"}, textfont={"size": 18})
        fig.update_xaxes(tickfont={"size": 18}, title_font={"size": 20})
        fig.update_yaxes(tickfont={"size": 18}, title_font={"size": 20})
        for trace in fig.data:
            marker = getattr(trace, "marker", None)
            if trace.type in {"scatter", "scattergl", "scatter3d"} and marker is not None:
                size = marker.size
                if size is None:
                    trace.marker.size = 12
                elif isinstance(size, int | float):
                    trace.marker.size = size * 1.5
        if fig.layout.height:
            fig.update_layout(height=int(fig.layout.height * 1.3))
    kwargs.setdefault("width", "stretch")
    return st.plotly_chart(fig, **kwargs)
