"""Where in the document a question matches: the cosine of every chunk, in document order."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..chunking import Chunk
from ..search import SearchHit
from .style import PALETTE, apply_style, short_label

__all__ = ["chunk_scores_figure"]


def chunk_scores_figure(chunks: Sequence[Chunk], ranking: Sequence[SearchHit], *, top_k: int) -> go.Figure:
    """One bar per chunk (x: its number in the document, y: cosine with the question); the top `top_k` coloured.

    Args:
        chunks: the document's chunks.
        ranking: semantic hits for every chunk (``index`` = position in `chunks`), best first.
        top_k: how many of the best are retrieved (drawn in the accent colour, numbered by rank).
    """
    score = {h.index: h.score for h in ranking}
    rank = {h.index: r for r, h in enumerate(ranking[:top_k], start=1)}
    xs = list(range(1, len(chunks) + 1))
    colours = [PALETTE[1] if c.index in rank else PALETTE[0] for c in chunks]
    hover = [
        (f"retrieved #{rank[c.index]}<br>" if c.index in rank else "")
        + f"chunk {c.index + 1}: {short_label(c.text, 80)}<br>cosine {score.get(c.index, 0.0):.3f}"
        for c in chunks
    ]
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=[score.get(c.index, 0.0) for c in chunks],
            marker_color=colours,
            hovertext=hover,
            hoverinfo="text",
            name="cosine with the question",
        )
    )
    for c in chunks:
        if c.index in rank:
            fig.add_annotation(x=c.index + 1, y=score[c.index], text=f"#{rank[c.index]}", showarrow=False, yshift=10)
    fig.update_layout(
        title="Cosine of the question with every chunk, in document order (retrieved in orange)",
        xaxis_title="chunk number (position in the document)",
        yaxis_title="cosine",
        showlegend=False,
        bargap=0.1,
    )
    return apply_style(fig, height=320)
