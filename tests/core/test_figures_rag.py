"""chunk_scores_figure: one bar per chunk in document order, the retrieved ones coloured and numbered."""

from __future__ import annotations

import embedding_core as ec
from embedding_core.figures import PALETTE, chunk_scores_figure


def test_bars_follow_the_document_and_mark_the_retrieved():
    chunks = ec.chunk_text("One. Two. Three. Four. Five.", size=1, overlap=0)
    ranking = [ec.SearchHit(3, 0.9), ec.SearchHit(0, 0.5), ec.SearchHit(1, 0.2), ec.SearchHit(2, 0.1)]
    fig = chunk_scores_figure(chunks, ranking, top_k=2)
    bar = fig.data[0]
    assert list(bar.x) == [1, 2, 3, 4, 5]
    assert list(bar.y) == [0.5, 0.2, 0.1, 0.9, 0.0]  # a chunk missing from the ranking scores 0
    assert [c == PALETTE[1] for c in bar.marker.color] == [True, False, False, True, False]
    assert sorted((a.x, a.text) for a in fig.layout.annotations) == [(1, "#2"), (4, "#1")]


def test_chunk_text_in_the_hover_is_plain_text():
    chunks = ec.chunk_text("<b>bold</b> words here.", size=1, overlap=0)
    fig = chunk_scores_figure(chunks, [ec.SearchHit(0, 0.4)], top_k=1)
    assert "<b>bold" not in fig.data[0].hovertext[0]
