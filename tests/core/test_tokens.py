import numpy as np
import pytest

import embedding_core as ec


def test_minilm_splits_rare_words_into_pieces(minilm):
    toks = ec.tokenize(minilm, "embeddings")
    assert toks.tokens == ["[CLS]", "em", "##bed", "##ding", "##s", "[SEP]"]
    assert toks.ids == minilm.model.tokenizer("embeddings")["input_ids"]
    assert toks.word_groups() == [-1, 0, 0, 0, 0, -1]
    assert not toks.truncated and toks.n_cut == 0 and toks.cut_at is None


def test_minilm_known_words_are_single_pieces_with_offsets(minilm):
    toks = ec.tokenize(minilm, "The river bank.")
    assert toks.tokens == ["[CLS]", "the", "river", "bank", ".", "[SEP]"]
    assert [toks.text[s:e] for s, e in toks.offsets] == ["", "The", "river", "bank", ".", ""]
    table = toks.table()
    assert table["token"].tolist() == toks.tokens
    assert table["from the text"].tolist()[1:4] == ["The", "river", "bank"]


def test_long_text_is_cut_at_the_model_limit(minilm):
    text = "word " * 400
    toks = ec.tokenize(minilm, text)
    assert len(toks.tokens) == minilm.max_tokens == 256
    assert toks.truncated and toks.n_cut == 402 - 256
    assert toks.tokens[-1] == "[SEP]"
    assert 0 < toks.cut_at < len(text)
    assert ec.token_embeddings(minilm, text).vectors.shape == (256, 384)


def test_glove_flags_known_and_unknown_words(glove):
    toks = ec.tokenize(glove, "The king of Kingg!")
    assert toks.tokens == ["the", "king", "of", "kingg"]
    assert toks.known == [True, True, True, False]
    assert toks.ids[:3] == [glove.index["the"], glove.index["king"], glove.index["of"]]
    assert toks.ids[3] == -1
    assert toks.unknown == ["kingg"]
    assert toks.table()["in vocabulary"].tolist() == [True, True, True, False]


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text_is_refused(minilm, glove, text):
    for model in (minilm, glove):
        with pytest.raises(ec.EmptyInputError, match="Type a word or a sentence"):
            ec.tokenize(model, text)


def test_non_string_text_is_refused(minilm):
    with pytest.raises(ec.InvalidParameterError, match="must be a string"):
        ec.tokenize(minilm, 42)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["🙂 emoji 🚀", "مرحبا بالعالم", "<script>alert(1)</script>"])
def test_unusual_scripts_tokenize(minilm, text):
    toks = ec.tokenize(minilm, text)
    assert toks.tokens[0] == "[CLS]" and toks.tokens[-1] == "[SEP]" and len(toks.tokens) > 2


def test_token_embeddings_are_the_last_hidden_states(minilm):
    import torch

    text = "The river bank flooded."
    tv = ec.token_embeddings(minilm, text)
    enc = minilm.model.tokenizer([text], return_tensors="pt")
    with torch.inference_mode():
        hidden = minilm.model[0].auto_model(**enc).last_hidden_state[0].numpy()
    assert tv.vectors.shape == (7, 384)
    assert tv.tokens == ["[CLS]", "the", "river", "bank", "flooded", ".", "[SEP]"]
    assert np.allclose(tv.vectors, hidden, atol=1e-5)


@pytest.mark.parametrize("text", ["The cat sat on the warm mat.", "Embeddings are unbelievably useful!", "word " * 400])
def test_mean_pooling_reproduces_embed(minilm, text):
    pool = ec.pooling_steps(minilm, text)
    assert np.allclose(pool.pooled, minilm.embed([text])[0], atol=1e-5)
    assert pool.max_abs_diff <= 1e-5
    assert np.isclose(np.linalg.norm(pool.pooled), 1.0, atol=1e-5)
    assert np.isclose(pool.norm, np.linalg.norm(pool.mean), rtol=1e-5)


def test_mean_pooling_reproduces_glove_embed(glove):
    text = "the cat sat on the mat"
    tv = ec.token_embeddings(glove, text)
    assert tv.vectors.shape == (6, 50)
    assert np.allclose(ec.mean_pool(tv.vectors), glove.embed([text])[0], atol=1e-5)


def test_mean_pool_is_the_average(minilm):
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    assert np.allclose(ec.mean_pool(x, normalize=False), [2.0, 4.0])
    assert np.allclose(ec.mean_pool(x), np.array([2.0, 4.0]) / np.hypot(2.0, 4.0))


def test_mean_pool_rejects_bad_input():
    with pytest.raises(ec.InvalidParameterError, match="2D array"):
        ec.mean_pool(np.ones(3))


def test_glove_token_embeddings_name_unknown_words(glove):
    with pytest.raises(ec.UnknownWordError, match="kingg"):
        ec.token_embeddings(glove, "the kingg")


def test_unfamiliar_words_are_typos_names_and_other_languages(minilm, glove):
    assert ec.unfamiliar_words(minilm, "Krankenschwester") == [
        ("krankenschwester", ["k", "##rank", "##ens", "##ch", "##west", "##er"])
    ]
    assert [w for w, _ in ec.unfamiliar_words(minilm, "a kng, a Kng and a nurse")] == ["kng"]
    assert ec.unfamiliar_words(minilm, "someone who writes computer programs") == []
    assert ec.unfamiliar_words(minilm, "swimming 7671") == []  # known words and numbers
    assert ec.unfamiliar_words(glove, "Krankenschwester") == []  # a word model has no pieces


def test_no_preset_analogy_word_is_unfamiliar_to_minilm(minilm):
    words = [w for p in ec.lesson("analogies")["preset"] for w in (p["a"], p["b"], p["c"], p["expected"])]
    assert ec.unfamiliar_words(minilm, " ".join(words)) == []
