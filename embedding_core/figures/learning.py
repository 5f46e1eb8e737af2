"""Figures of how embeddings are learned: words moving epoch by epoch, the loss, contrastive training."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ..contrastive import ContrastiveRun
from ..learning import TrainingRun
from .style import PALETTE, SEQUENTIAL, apply_style, plain, short_label

__all__ = ["contrastive_figure", "loss_figure", "trajectory_figure"]

_OTHER = "other words"


def trajectory_figure(run: TrainingRun, words: Sequence[str], *, groups: Mapping[str, str] | None = None) -> go.Figure:
    """An animated 2D map of `words`: frame 0 is the random start, frame e the state after epoch e.

    Positions come from `TrainingRun.trajectory` (aligned snapshots, one fixed projection), so the
    words move but the picture does not spin. `groups` maps a word to its group, for the colours.
    """
    path = run.trajectory(list(words))
    group_of = dict(groups or {})
    names = list(dict.fromkeys(group_of.get(w, _OTHER) for w in words))
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(names)}
    members = {g: [i for i, w in enumerate(words) if group_of.get(w, _OTHER) == g] for g in names}

    def traces(frame: int) -> list[go.Scatter]:
        return [
            go.Scatter(
                x=path[frame, idx, 0],
                y=path[frame, idx, 1],
                mode="markers+text",
                text=[plain(words[i]) for i in idx],
                textposition="top center",
                name=plain(g),
                marker={"color": colour[g], "size": 11},
                hovertemplate="%{text}<extra></extra>",
            )
            for g, idx in members.items()
        ]

    def moved(frame: int) -> list[go.Scatter]:
        # Frames carry positions only, so markers and labels keep the look (and size) of the traces.
        return [go.Scatter(x=path[frame, idx, 0], y=path[frame, idx, 1]) for idx in members.values()]

    label = lambda e: "start (random)" if e == 0 else f"epoch {e}"  # noqa: E731
    last = path.shape[0] - 1
    frames = [go.Frame(data=moved(e), name=str(e), layout={"title": label(e)}) for e in range(last + 1)]
    fig = go.Figure(data=traces(last), frames=frames)
    pad = 0.1 * float(np.ptp(path[..., :2]) or 1.0)
    fig.update_layout(
        title=label(last),
        xaxis={"range": [path[..., 0].min() - pad, path[..., 0].max() + pad], "zeroline": False, "title": ""},
        yaxis={"range": [path[..., 1].min() - pad, path[..., 1].max() + pad], "zeroline": False, "title": ""},
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0,
                "y": -0.08,
                "xanchor": "left",
                "buttons": [
                    {
                        "label": "▶ play",
                        "method": "animate",
                        "args": [None, {"frame": {"duration": 250, "redraw": False}, "fromcurrent": False}],
                    }
                ],
            }
        ],
        sliders=[
            {
                "active": last,
                "currentvalue": {"prefix": ""},
                "x": 0.12,
                "len": 0.88,
                "steps": [
                    {
                        "label": str(e),
                        "method": "animate",
                        "args": [[str(e)], {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}],
                    }
                    for e in range(last + 1)
                ],
            }
        ],
        legend={"orientation": "h", "y": 1.08},
    )
    return apply_style(fig, height=560)


def loss_figure(run: TrainingRun) -> go.Figure:
    """gensim's training loss per epoch (summed over the epoch's pairs)."""
    epochs = np.arange(1, run.epochs + 1)
    fig = go.Figure(
        go.Scatter(
            x=epochs,
            y=run.losses,
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
            hovertemplate="epoch %{x}<br>loss %{y:,.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        title="Training loss: how badly the vectors predict the real contexts",
        xaxis={"title": "epoch", "dtick": max(1, run.epochs // 10)},
        yaxis={"title": "loss", "rangemode": "tozero"},
        showlegend=False,
    )
    return apply_style(fig, height=320)


def _steps(n: float) -> str:
    return f"{int(n)} step" if int(n) == 1 else f"{int(n)} steps"


def contrastive_figure(run: ContrastiveRun) -> go.Figure:
    """Cosines of every first text with every second text, before and after training, on one scale.

    The diagonal holds the pairs (pulled together); the rest are the other pairs' texts (pushed apart).
    """
    from plotly.subplots import make_subplots

    rows = [short_label(t, 22) for t in run.anchors]
    cols = [short_label(t, 22) for t in run.positives]
    (pair_before, pair_after), (other_before, other_after) = run.pair_similarity, run.other_similarity
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=[
            f"before: pairs {pair_before:.2f}, others {other_before:.2f}",
            f"after {_steps(run.params['steps'])}: pairs {pair_after:.2f}, others {other_after:.2f}",
        ],
    )
    lo = float(min(run.before.min(), run.after.min()))
    for col, sims in enumerate((run.before, run.after), start=1):
        fig.add_trace(
            go.Heatmap(
                z=sims,
                x=cols,
                y=rows,
                coloraxis="coloraxis",
                text=np.round(sims, 2),
                texttemplate="%{text}",
                hovertemplate="%{y}<br>%{x}<br>cosine %{z:.3f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_layout(
        coloraxis={"colorscale": SEQUENTIAL, "cmin": lo, "cmax": 1.0, "colorbar": {"title": "cosine"}},
        title="Contrastive training pulls each pair (the diagonal) together and the rest apart",
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-45)
    return apply_style(fig, height=520)
