import numpy as np
import pytest

import embedding_core as ec

TEXT = "The animal didn't cross the street because it was too tired."


def test_attention_rows_are_weights(minilm):
    amap = ec.attention(minilm, TEXT, layer=3, head=5)
    n = len(amap.tokens)
    assert amap.tokens[0] == "[CLS]" and amap.tokens[-1] == "[SEP]"
    assert amap.weights.shape == (n, n)
    assert (amap.weights >= 0).all()
    assert np.allclose(amap.weights.sum(axis=1), 1.0, atol=1e-5)
    assert (amap.n_layers, amap.n_heads) == ec.attention_shape(minilm) == (6, 12)


def test_heads_differ(minilm):
    a = ec.attention(minilm, TEXT, layer=1, head=1).weights
    b = ec.attention(minilm, TEXT, layer=1, head=2).weights
    assert not np.allclose(a, b)


def test_attention_matches_an_eager_copy_of_the_model(minilm):
    """Reference: a full copy of the transformer loaded with eager attention."""
    import copy

    import torch

    hf = copy.deepcopy(minilm.model[0].auto_model)
    hf.set_attn_implementation("eager")
    enc = minilm.model.tokenizer([TEXT], return_tensors="pt")
    with torch.inference_mode():
        ref = hf(**enc, output_attentions=True).attentions[3][0, 6].numpy()
    assert np.allclose(ec.attention(minilm, TEXT, layer=4, head=7).weights, ref, atol=1e-5)


def test_attention_leaves_the_shared_model_unchanged(minilm):
    before = minilm.embed([TEXT])
    ec.attention(minilm, TEXT, layer=2, head=2)
    assert minilm.model[0].auto_model.config._attn_implementation != "eager"
    assert np.allclose(minilm.embed([TEXT]), before, atol=1e-6)


@pytest.mark.parametrize("layer", [0, 7, -1])
def test_layer_out_of_range(minilm, layer):
    with pytest.raises(ec.InvalidParameterError, match=r"`layer` must be a whole number between 1 and 6"):
        ec.attention(minilm, TEXT, layer=layer, head=1)


@pytest.mark.parametrize("head", [0, 13])
def test_head_out_of_range(minilm, head):
    with pytest.raises(ec.InvalidParameterError, match=r"`head` must be a whole number between 1 and 12"):
        ec.attention(minilm, TEXT, layer=1, head=head)


@pytest.mark.parametrize("value", [1.5, "2", True, None])
def test_layer_must_be_a_whole_number(minilm, value):
    with pytest.raises(ec.InvalidParameterError, match="`layer` must be a whole number"):
        ec.attention(minilm, TEXT, layer=value, head=1)  # type: ignore[arg-type]


def test_head_must_be_a_whole_number(minilm):
    with pytest.raises(ec.InvalidParameterError, match="`head` must be a whole number"):
        ec.attention(minilm, TEXT, layer=1, head=2.0)  # type: ignore[arg-type]


def test_word_model_has_no_attention(glove):
    with pytest.raises(ec.InvalidParameterError, match="needs a sentence model"):
        ec.attention(glove, TEXT, layer=1, head=1)


def test_empty_text(minilm):
    with pytest.raises(ec.EmptyInputError, match="Type a word or a sentence"):
        ec.attention(minilm, "  ", layer=1, head=1)
