"""The word game's figure: every guess on a cosine scale, beside the cosines of the secret's 1st, 10th, 100th
and 1,000th nearest words."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..game import Guess, WordGame
from .style import PALETTE, apply_style, short_label

__all__ = ["MILESTONES", "game_figure"]

#: The ranks marked on the scale.
MILESTONES = (1, 10, 100, 1_000)


def game_figure(game: WordGame, *, reveal: bool = False, guesses: Sequence[Guess] | None = None) -> go.Figure:
    """Guesses as dots on a horizontal cosine axis; dashed lines at the nearest words' cosines.

    Args:
        game: the game (its `nearest` words give the milestones).
        reveal: name the milestone words (after the game ends); otherwise only their ranks.
        guesses: the guesses to draw (default: all of the game's).
    """
    shown = list(game.guesses if guesses is None else guesses)
    fig = go.Figure()
    ranks = [r for r in MILESTONES if r <= len(game.nearest)]
    cosines = [game.nearest[r - 1].score for r in ranks]
    labels = [f"#{r:,}" + (f" {short_label(game.nearest[r - 1].text, 14)}" if reveal else "") for r in ranks]
    fig.add_trace(
        go.Scatter(
            x=cosines,
            y=[0.0] * len(ranks),
            mode="markers+text",
            marker={"symbol": "line-ns-open", "size": 36, "color": PALETTE[7]},
            text=labels,
            textposition="top center",
            name="nearest words",
            hovertemplate="rank %{text}: cosine %{x:.3f}<extra></extra>",
        )
    )
    if shown:
        colour = [PALETTE[2] if g.found else PALETTE[1] if g.hint else PALETTE[0] for g in shown]
        fig.add_trace(
            go.Scatter(
                x=[g.cosine for g in shown],
                y=[-0.5 - 0.5 * (i % 3) for i in range(len(shown))],
                mode="markers+text",
                marker={"size": 12, "color": colour},
                text=[short_label(g.word, 14) for g in shown],
                textposition="bottom center",
                name="your guesses",
                customdata=[
                    ("found" if g.found else f"#{g.rank:,}" if g.rank else "farther than #1,000") for g in shown
                ],
                hovertemplate="%{text}: cosine %{x:.3f}, %{customdata}<extra></extra>",
            )
        )
    low = min([*cosines, *(g.cosine for g in shown), 0.0]) - 0.05
    fig.update_layout(
        title="Your guesses against the secret's nearest words",
        xaxis={"title": "cosine to the secret word", "range": [low, 1.05], "zeroline": False},
        yaxis={"visible": False, "range": [-2.4, 1.0]},
        showlegend=False,
    )
    return apply_style(fig, height=300)
