import numpy as np

import embedding_core as ec
from embedding_core.figures import (
    attention_figure,
    occurrence_map_figure,
    occurrence_similarity_figure,
    pooling_figure,
    token_chips_figure,
    token_heatmap_figure,
)


def test_chips_one_per_token_escaped_and_unknown_struck(glove):
    toks = ec.tokenize(glove, "<script>alert(1)</script> kingg king")
    fig = token_chips_figure(toks)
    (chips,) = fig.data  # one trace, one chip per token
    texts = list(chips.text)
    assert len(texts) == len(toks.tokens) == len(chips.hovertext)
    assert not any("<script>" in t for t in texts)
    assert "<s>kingg</s>" in texts and "king" in texts


def test_chips_say_when_only_some_are_shown(minilm):
    toks = ec.tokenize(minilm, "word " * 100)
    fig = token_chips_figure(toks, max_chips=20)
    assert len(fig.data[0].text) == 20
    assert "first 20 of 102 shown" in fig.layout.title.text


def test_token_heatmap_rows_are_unique(minilm):
    tv = ec.token_embeddings(minilm, "the the the")
    fig = token_heatmap_figure(tv.tokens, tv.vectors)
    assert len(set(fig.data[0].y)) == len(tv.tokens) == 5


def test_pooling_figure_shows_tokens_mean_and_both_sentence_vectors(minilm):
    pool = ec.pooling_steps(minilm, "A short sentence.")
    fig = pooling_figure(pool)
    top, bottom = fig.data
    assert np.asarray(top.z).shape == (len(pool.token_vectors.tokens) + 1, 384)
    assert np.allclose(np.asarray(top.z)[-1], pool.mean)
    assert np.allclose(np.asarray(bottom.z), np.vstack([pool.pooled, pool.embedded]))


def test_occurrence_figures(minilm):
    sentences = ["The river bank.", "The bank loan.", "A muddy bank."]
    occ = ec.compare_occurrences(minilm, sentences, "bank", other_words=["river"])
    labels = ["S1", "S2", "S3"]
    sim = occurrence_similarity_figure(occ, labels)
    assert np.allclose(np.asarray(sim.data[0].z), occ.similarity)
    fig = occurrence_map_figure(occ, labels, ["river", "money", "river"])
    assert [len(t.x) for t in fig.data] == [2, 1, 1]


def test_attention_figure_caps_and_says_so(minilm):
    amap = ec.attention(minilm, "word " * 100, layer=1, head=1)
    fig = attention_figure(amap, max_tokens=30)
    assert np.asarray(fig.data[0].z).shape == (30, 30)
    assert "first 30 of 102 tokens shown" in fig.layout.title.text
