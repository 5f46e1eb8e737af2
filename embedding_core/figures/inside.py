"""Figures for 'Inside the model': token chips, token vectors, pooling, occurrences and attention."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..attention import AttentionMap
from ..contextual import Occurrences
from ..tokens import Pooling, Tokenization
from ..vectors import as_matrix
from .labels import spread_labels
from .style import DIVERGING, PALETTE, SEQUENTIAL, apply_style, short_label

__all__ = [
    "attention_figure",
    "context_cloud_figure",
    "occurrence_map_figure",
    "occurrence_similarity_figure",
    "pooling_figure",
    "token_chips_figure",
    "token_heatmap_figure",
    "token_labels",
]

_WORD_COLOURS = ["#D6EAF8", "#FDEBD0", "#D5F5E3", "#F5E1EE"]  # light tints of the palette's blue, orange, green, pink
_SPECIAL = "#E5E7EB"
_UNKNOWN = "#FAD4C0"


def _colour_limit(x: np.ndarray) -> float:
    """Colour range ±limit: the 99th percentile of |x|, so one outlier dimension does not wash out the rest."""
    return float(np.percentile(np.abs(x), 99)) or float(np.abs(x).max()) or 1.0


def token_labels(tokens: Sequence[str]) -> list[str]:
    """Unique axis labels: ``"3 bank"`` (position, then token), so repeated tokens keep their own row."""
    return [f"{i} {short_label(t, 18)}" for i, t in enumerate(tokens)]


def token_chips_figure(tokenization: Tokenization, *, max_chips: int = 300, width: int = 980) -> go.Figure:
    """The tokens as a row of chips, wrapped like text.

    Pieces of one word share a colour; special tokens are grey; words a word model does not know
    are orange with their name struck through. Hover a chip for its vocabulary id.
    """
    tokens = tokenization.tokens[:max_chips]
    font = 15
    char_w, pad, gap, line_h = 0.62 * font, 8, 6, 2.3 * font
    groups = tokenization.word_groups()
    starts, widths, lines, colours, texts, hovers = [], [], [], [], [], []
    x, line = 0.0, 0
    for i, token in enumerate(tokens):
        w = len(token) * char_w + 2 * pad
        if x > 0 and x + w > width:
            x, line = 0.0, line + 1
        if not tokenization.known[i]:
            colour, text = _UNKNOWN, f"<s>{html.escape(token)}</s>"
        elif groups[i] < 0:
            colour, text = _SPECIAL, html.escape(token)
        else:
            colour, text = _WORD_COLOURS[groups[i] % len(_WORD_COLOURS)], html.escape(token)
        ident = tokenization.ids[i]
        starts.append(x)
        widths.append(w)
        lines.append(-line)
        colours.append(colour)
        texts.append(text)
        hovers.append(f"token {i}: {html.escape(token)}<br>id {ident if ident >= 0 else '— not in vocabulary'}")
        x += w + gap
    # One bar per chip, all in one trace: built in one call whatever the number of tokens (one
    # annotation per token cost seconds at a few hundred tokens).
    fig = go.Figure(
        go.Bar(
            x=widths,
            base=starts,
            y=lines,
            orientation="h",
            width=0.72,
            marker={"color": colours, "line": {"color": "#9CA3AF", "width": 1}},
            text=texts,
            textposition="inside",
            insidetextanchor="middle",
            textfont={"family": "DejaVu Sans Mono, Menlo, Consolas, monospace", "size": font, "color": "#111827"},
            hovertext=hovers,
            hoverinfo="text",
        )
    )
    y = line * line_h
    n_lines = int(round(y / line_h)) + 1
    height = int(n_lines * line_h + 90)
    fig.update_xaxes(visible=False, range=[0, width], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-line - 0.7, 0.7], fixedrange=True)
    shown = len(tokens)
    total = len(tokenization.tokens)
    more = f" (first {shown} of {total} shown)" if shown < total else ""
    what = "word pieces" if tokenization.kind == "sentence" else "words"
    fig.update_layout(
        title=f"{total} {what}{more}",
        width=width + 20,
        showlegend=False,
        uniformtext={"minsize": font, "mode": "show"},  # every chip's text at full size
    )
    fig = apply_style(fig, height=height)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 45, "b": 5})
    return fig


def token_heatmap_figure(tokens: Sequence[str], vectors: np.ndarray, *, title: str = "") -> go.Figure:
    """One row per token, one column per dimension; blue < 0 < red, white is 0 (colours saturate at the 99th
    percentile of |value|; hover shows the exact numbers)."""
    x = as_matrix(vectors, name="vectors")
    limit = _colour_limit(x)
    fig = go.Figure(
        go.Heatmap(
            z=x,
            y=token_labels(tokens),
            x=[str(d) for d in range(x.shape[1])],
            colorscale=DIVERGING,
            zmid=0,
            zmin=-limit,
            zmax=limit,
            hovertemplate="%{y}<br>dimension %{x}<br>value %{z:.4f}<extra></extra>",
            colorbar={"title": "value"},
        )
    )
    fig.update_layout(
        title=title or f"{len(x)} token vectors × {x.shape[1]} dimensions",
        xaxis={"title": "dimension", "type": "category", "showticklabels": False},
        yaxis={"autorange": "reversed", "type": "category"},
    )
    return apply_style(fig, height=min(900, max(260, 90 + 24 * len(x))))


def pooling_figure(pooling: Pooling) -> go.Figure:
    """Top: the token vectors and their mean. Bottom: mean ÷ its length, next to `Embedder.embed`.

    The two panels have their own colour scales: token vectors are long, the sentence vector has length 1.
    Colours saturate at the 99th percentile of |value| (hover shows the exact numbers).
    """
    from plotly.subplots import make_subplots

    tv = pooling.token_vectors
    top = np.vstack([tv.vectors, pooling.mean[None, :]])
    top_labels = [*token_labels(tv.tokens), "= mean of the rows above"]
    bottom = np.vstack([pooling.pooled, pooling.embedded])
    bottom_labels = [f"mean ÷ {pooling.norm:.3f} (its length)", "model.embed(text)"]
    n = len(top)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        row_heights=[n / (n + 2.5), 2.5 / (n + 2.5)],
        subplot_titles=["Token vectors and their mean", "The sentence vector: by hand, and by the model"],
    )
    dims = [str(d) for d in range(top.shape[1])]
    for row, (z, labels, axis) in enumerate(
        [(top, top_labels, "coloraxis"), (bottom, bottom_labels, "coloraxis2")], start=1
    ):
        fig.add_trace(
            go.Heatmap(
                z=z, y=labels, x=dims, coloraxis=axis, hovertemplate="%{y}<br>dim %{x}<br>%{z:.4f}<extra></extra>"
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", type="category", row=row, col=1)
    lim_top = _colour_limit(top)
    lim_bottom = _colour_limit(bottom)
    fig.update_layout(
        coloraxis={"colorscale": DIVERGING, "cmin": -lim_top, "cmax": lim_top, "colorbar": {"len": 0.6, "y": 0.7}},
        coloraxis2={
            "colorscale": DIVERGING,
            "cmin": -lim_bottom,
            "cmax": lim_bottom,
            "colorbar": {"len": 0.25, "y": 0.1},
        },
    )
    fig.update_xaxes(type="category", showticklabels=False)
    fig.update_xaxes(title_text="dimension", row=2, col=1)
    return apply_style(fig, height=min(1000, max(380, 150 + 24 * (n + 2))))


def occurrence_similarity_figure(occurrences: Occurrences, labels: Sequence[str]) -> go.Figure:
    """Cosine between the word's vectors in every pair of sentences, with the values written in.

    The colour scale runs from 0 (unrelated) to 1, so equal gaps in cosine look equally big wherever
    they sit (a scale from the smallest value up would make 0.82 against 0.71 look dramatic).
    """
    sim = np.asarray(occurrences.similarity)
    text = [[f"{v:.2f}" for v in row] for row in sim]
    hover = [
        [f"{short_label(a, 50)}<br>{short_label(b, 50)}" for b in occurrences.sentences] for a in occurrences.sentences
    ]
    fig = go.Figure(
        go.Heatmap(
            z=sim,
            x=list(labels),
            y=list(labels),
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            colorscale=SEQUENTIAL,
            zmin=min(0.0, float(sim.min())),
            zmax=1.0,
            hovertemplate="%{customdata}<br>cosine %{z:.3f}<extra></extra>",
            colorbar={"title": "cosine"},
        )
    )
    fig.update_layout(
        title=f"'{short_label(occurrences.word, 20)}' in each pair of sentences: cosine similarity",
        xaxis={"type": "category", "side": "top"},
        yaxis={"type": "category", "autorange": "reversed"},
    )
    return apply_style(fig, height=max(320, 120 + 48 * len(sim)))


def occurrence_map_figure(
    occurrences: Occurrences,
    labels: Sequence[str],
    senses: Sequence[str],
    *,
    min_width: int = 460,
) -> go.Figure:
    """The word's vector in each sentence as a point (coloured by meaning), other words as black diamonds.

    Labels are placed apart (`spread_labels`) for a drawing `min_width` px wide or wider.
    """
    n = len(occurrences.sentences)
    xy = occurrences.coords
    fig = go.Figure()
    for k, sense in enumerate(dict.fromkeys(senses)):
        idx = [i for i in range(n) if senses[i] == sense]
        fig.add_scatter(
            x=xy[idx, 0],
            y=xy[idx, 1],
            mode="markers+text",
            name=f"'{short_label(occurrences.word, 20)}' ({sense})",
            text=[labels[i] for i in idx],
            textposition="top center",
            customdata=[short_label(occurrences.sentences[i], 70) for i in idx],
            hovertemplate="%{customdata}<extra></extra>",
            marker={"size": 13, "color": PALETTE[k % len(PALETTE)], "line": {"width": 1}},
        )
    if occurrences.other_words:
        fig.add_scatter(
            x=xy[n:, 0],
            y=xy[n:, 1],
            mode="markers+text",
            name="other words, on their own",
            text=[short_label(w, 20) for w in occurrences.other_words],
            textposition="bottom center",
            hovertemplate="%{text} (the word alone)<extra></extra>",
            marker={"size": 11, "color": "#000000", "symbol": "diamond"},
        )
    ex = occurrences.explained * 100
    fig.update_layout(
        title="The word's vector in each sentence, on a 2D map (PCA)",
        xaxis={"title": f"axis 1 ({ex[0]:.0f}% of the variation)", "zeroline": False},
        yaxis={"title": f"axis 2 ({ex[1]:.0f}%)", "zeroline": False},
        legend={"orientation": "h", "y": -0.2},
    )
    return spread_labels(apply_style(fig, height=520), min_width=min_width)


def attention_figure(amap: AttentionMap, *, max_tokens: int = 64) -> go.Figure:
    """Rows: the token being updated. Columns: the tokens it looks at. Darker = more weight (rows sum to 1)."""
    n = min(len(amap.tokens), max_tokens)
    labels = token_labels(amap.tokens[:n])
    w = amap.weights[:n, :n]
    more = f" (first {n} of {len(amap.tokens)} tokens shown)" if n < len(amap.tokens) else ""
    fig = go.Figure(
        go.Heatmap(
            z=w,
            x=labels,
            y=labels,
            colorscale="Blues",
            zmin=0,
            zmax=float(w.max()) or 1.0,
            hovertemplate="%{y} looks at %{x}<br>weight %{z:.3f}<extra></extra>",
            colorbar={"title": "weight"},
        )
    )
    fig.update_layout(
        title=f"Layer {amap.layer} of {amap.n_layers}, head {amap.head} of {amap.n_heads}{more}",
        xaxis={"title": {"text": "looks at (key)", "standoff": 4}, "type": "category", "side": "top", "tickangle": -60},
        yaxis={"title": "token being updated (query)", "type": "category", "autorange": "reversed"},
    )
    fig = apply_style(fig, height=max(380, min(900, 200 + 26 * n)))
    fig.update_layout(margin={"t": 150}, title={"y": 0.99, "yanchor": "top"})
    return fig


def context_cloud_figure(
    contextual: Occurrences,
    static: Occurrences,
    senses: Sequence[str],
    *,
    titles: tuple[str, str] = ("MiniLM", "GloVe"),
) -> go.Figure:
    """Two maps side by side: the word's vector in every sentence for a contextual and a static model.

    Each panel is the PCA map of `Occurrences.coords` (the occurrences, then the other words as black
    diamonds). The contextual model gives a cloud coloured by meaning; the static model one point for
    all sentences, marked as such.

    Args:
        contextual, static: the same sentences and word through the two models.
        senses: one meaning per sentence (its colour); a sense seen in one panel has the same colour in both.
        titles: the two panels' titles.
    """
    from plotly.subplots import make_subplots

    n = len(contextual.sentences)
    fig = make_subplots(rows=1, cols=2, subplot_titles=[short_label(t, 60) for t in titles], horizontal_spacing=0.08)
    colours = {s: PALETTE[k % len(PALETTE)] for k, s in enumerate(dict.fromkeys(senses))}
    for col, occ in enumerate((contextual, static), start=1):
        xy = occ.coords
        for sense, colour in colours.items():
            idx = [i for i in range(n) if senses[i] == sense]
            fig.add_scatter(
                x=xy[idx, 0],
                y=xy[idx, 1],
                mode="markers",
                name=f"'{short_label(occ.word, 20)}' ({short_label(sense, 20)})",
                legendgroup=sense,
                showlegend=col == 1,
                customdata=[short_label(occ.sentences[i], 70) for i in idx],
                hovertemplate="%{customdata}<extra></extra>",
                marker={"size": 11, "color": colour, "line": {"width": 1, "color": "#FFFFFF"}, "opacity": 0.85},
                row=1,
                col=col,
            )
        if occ.other_words:
            fig.add_scatter(
                x=xy[n:, 0],
                y=xy[n:, 1],
                mode="markers+text",
                name="other words, on their own",
                legendgroup="other",
                showlegend=col == 1,
                text=[short_label(w, 20) for w in occ.other_words],
                textposition="bottom center",
                hovertemplate="%{text} (the word alone)<extra></extra>",
                marker={"size": 10, "color": "#000000", "symbol": "diamond"},
                row=1,
                col=col,
            )
        if n and float(np.ptp(xy[:n], axis=0).max()) < 1e-9:
            fig.add_annotation(
                x=xy[0, 0],
                y=xy[0, 1],
                text=f"all {n} sentences: one point",
                showarrow=True,
                arrowhead=2,
                ay=-40,
                row=1,
                col=col,
            )
        ex = occ.explained * 100
        fig.update_xaxes(title_text=f"axis 1 ({ex[0]:.0f}%)", zeroline=False, row=1, col=col)
        fig.update_yaxes(title_text=f"axis 2 ({ex[1]:.0f}%)", zeroline=False, row=1, col=col)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return apply_style(fig, height=500)
