import os
import subprocess
import sys

import numpy as np
import pytest

import embedding_core as ec
from tests.conftest import ROOT


def test_minilm_shape_dtype_and_unit_rows(minilm):
    v = minilm.embed(["a cat sits on the mat", "stock prices fell", "émoji 🙂 and 中文"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert (minilm.name, minilm.dim, minilm.kind) == ("minilm", 384, "sentence")


def test_minilm_meaning_orders_similarity(minilm):
    a, b, c = minilm.embed(["a small cat", "a kitten", "a stock market crash"])
    assert a @ b > a @ c + 0.2


def test_minilm_equals_bare_sentence_transformers(minilm):
    texts = ["The bank raised rates.", "We sat on the river bank."]
    bare = minilm.model.encode(texts, normalize_embeddings=True)
    assert np.allclose(minilm.embed(texts), bare, atol=1e-6)


def test_empty_list_gives_empty_matrix(minilm, glove):
    assert minilm.embed([]).shape == (0, 384)
    assert glove.embed([]).shape == (0, 50)


def test_glove_lowercases_strips_and_normalises(glove):
    v = glove.embed(["  King ", "king"])
    assert v.shape == (2, 50) and v.dtype == np.float32
    assert np.allclose(v[0], v[1])
    raw = np.asarray(glove.raw[glove.index["king"]])
    assert np.allclose(v[1], raw / np.linalg.norm(raw), atol=1e-6)


def test_glove_phrase_is_mean_of_word_vectors(glove):
    (phrase,) = glove.embed(["red apple"])
    mean = np.asarray(glove.raw[[glove.index["red"], glove.index["apple"]]]).mean(axis=0)
    assert np.allclose(phrase, mean / np.linalg.norm(mean), atol=1e-6)


def test_glove_unknown_words_are_all_named_with_suggestions(glove):
    with pytest.raises(ec.UnknownWordError, match=r"2 words are not in the model's vocabulary") as info:
        glove.embed(["queen", "kingg", "qwzxv"])
    err = info.value
    assert err.words == ["kingg", "qwzxv"]
    assert "king" in err.suggestions["kingg"]
    assert "did you mean 'king'" in str(err)
    assert isinstance(err, ec.EmbeddingCoreError) and isinstance(err, ValueError)


def test_glove_emoji_only_text_is_unknown(glove):
    with pytest.raises(ec.UnknownWordError, match="🙂"):
        glove.embed(["🙂"])


def test_glove_matrix_is_memory_mapped_not_copied(glove):
    assert isinstance(glove.raw, np.memmap)
    assert glove.raw.shape == (400_000, 50)
    assert "the" in glove and "zzzzqqq" not in glove


def test_glove_unit_vectors_limit(glove):
    u = glove.unit_vectors(1000)
    assert u.shape == (1000, 50) and np.allclose(np.linalg.norm(u, axis=1), 1, atol=1e-5)
    assert glove.unit_vectors(1000) is u
    with pytest.raises(ec.InvalidParameterError, match="`limit` must be between 1 and 400,000"):
        glove.unit_vectors(0)


@pytest.mark.parametrize(
    ("texts", "match"),
    [
        ("just one string", "must be a list of strings, not one string"),
        (["ok", 3], r"`texts\[1\]` must be a string"),
    ],
)
def test_embed_rejects_non_text(minilm, texts, match):
    with pytest.raises(ec.InvalidParameterError, match=match):
        minilm.embed(texts)


@pytest.mark.parametrize(
    ("name", "error", "match"),
    [
        ("", ec.InvalidParameterError, "must be a non-empty string"),
        ("not a model!", ec.InvalidParameterError, "is not a model name"),
        ("../etc/passwd", ec.InvalidParameterError, "is not a model name"),
    ],
)
def test_load_model_rejects_bad_names(name, error, match):
    with pytest.raises(error, match=match):
        ec.load_model(name)


def test_hub_model_without_network_says_so_quickly(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ec.ModelUnavailableError, match="cannot be reached.*'minilm' and 'glove-50d'"):
        ec.load_model("st:sentence-transformers/this-model-is-not-cached")


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def test_importing_embedding_core_loads_neither_streamlit_nor_torch():
    out = _run(
        "import sys, embedding_core, embedding_core.figures;"
        "print(sorted(m for m in ('streamlit', 'torch', 'sentence_transformers', 'umap') if m in sys.modules))"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_bundled_models_load_with_no_network():
    # A proxy that refuses every connection: any hub request would fail loudly.
    out = _run(
        "import embedding_core as ec; m = ec.load_model('minilm'); g = ec.load_model('glove-50d');"
        "print(m.embed(['offline']).shape, g.embed(['offline']).shape)",
        HF_HUB_OFFLINE="1",
        HTTPS_PROXY="http://127.0.0.1:9",
        HTTP_PROXY="http://127.0.0.1:9",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1, 384) (1, 50)"


@pytest.mark.parametrize(
    ("name", "kind", "model_id", "canonical"),
    [
        ("minilm", "bundled", "minilm", "minilm"),
        (" glove-50d ", "bundled", "glove-50d", "glove-50d"),
        ("st:BAAI/bge-small-en-v1.5", "hub", "BAAI/bge-small-en-v1.5", "BAAI/bge-small-en-v1.5"),
        ("thenlper/gte-small", "hub", "thenlper/gte-small", "thenlper/gte-small"),
        ("openai:text-embedding-3-small", "remote", "text-embedding-3-small", "openai:text-embedding-3-small"),
    ],
)
def test_a_model_name_is_parsed_once_into_a_ref(name, kind, model_id, canonical):
    ref = ec.parse_model_name(name)
    assert (ref.kind, ref.id, ref.name) == (kind, model_id, canonical)
    assert ref.is_remote == (kind == "remote") == ec.is_remote(name)
    assert ec.parse_model_name(ref.name) == ref


@pytest.mark.parametrize("name", ["", "   ", "not a model!", "st:"])
def test_bad_model_names_are_refused_when_parsed(name):
    with pytest.raises(ec.InvalidParameterError, match="model name"):
        ec.parse_model_name(name)


def test_is_remote_and_model_label_never_raise():
    assert ec.is_remote(None) is False and ec.is_remote("openai:") is True
    assert ec.model_label("openai:m") == "m (server)"
    assert ec.model_label("st:thenlper/gte-small") == ec.HUB_MODELS["thenlper/gte-small"].label


def test_embed_all_gives_unknown_words_a_zero_vector(glove):
    out = ec.embed_texts(glove, ["king", "qwxzzv", "the queen"], batch_size=2)
    assert out.shape == (3, 50) and not out[1].any()
    assert np.allclose(out[0], glove.embed(["king"])[0])
