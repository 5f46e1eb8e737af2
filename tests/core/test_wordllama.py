import logging
import os
import subprocess
import sys

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.models.wordllama import WordLlamaEmbedder, load_wordllama
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wordllama() -> WordLlamaEmbedder:
    return load_wordllama()


TEXTS = [
    "a cat sits on the mat",
    "Stock prices fell sharply on Monday.",
    "émoji 🙂 and 中文 and Ελληνικά",
    "x",
    "   spaces around   ",
    "The quarterly report explains the new budget for the city's bridges. " * 60,  # ~4,000 pieces
]


def test_shape_dtype_unit_rows_and_metadata(wordllama):
    v = wordllama.embed(TEXTS)
    assert v.shape == (len(TEXTS), 256) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert (wordllama.name, wordllama.dim, wordllama.kind) == ("wordllama", 256, "static")
    info = ec.BUNDLED_MODELS["wordllama"]
    assert (info.name, info.dim, info.kind) == ("wordllama", 256, "static")
    assert ec.parse_model_name("wordllama") == ec.ModelRef("bundled", "wordllama")
    assert isinstance(wordllama, ec.Embedder)


@pytest.mark.parametrize("batch_size", [4096, 2])
def test_equals_bare_wordllama(wordllama, batch_size):
    bare = wordllama.model.embed(TEXTS, norm=True)
    assert np.allclose(wordllama.embed(TEXTS, batch_size=batch_size), bare, atol=1e-6)


def test_a_text_is_the_mean_of_its_piece_vectors(wordllama):
    pieces = wordllama.tokens("a kitten")
    assert pieces[0].startswith("▁") and wordllama.count_tokens("a kitten") == len(pieces)
    ids = [wordllama._tokenizer.token_to_id(p) for p in pieces]
    mean = wordllama.weights[ids].mean(axis=0)
    assert np.allclose(wordllama.embed(["a kitten"])[0], mean / np.linalg.norm(mean), atol=1e-6)


def test_meaning_orders_similarity(wordllama):
    a, b, c = wordllama.embed(["a small cat", "a little kitten", "a stock market crash"])
    assert a @ b > a @ c + 0.1


def test_an_upload_keeps_its_blank_rows_as_zero_vectors(wordllama):
    v = wordllama.embed_all(["a cat", "", "   ", "a dog"])
    assert v.shape == (4, 256)
    assert np.allclose(np.linalg.norm(v, axis=1), [1, 0, 0, 1], atol=1e-5)
    assert np.allclose(v[[0, 3]], wordllama.embed(["a cat", "a dog"]))


def test_empty_list_gives_empty_matrix(wordllama):
    assert wordllama.embed([]).shape == (0, 256)


def test_empty_text_is_refused_with_its_position(wordllama):
    with pytest.raises(ec.EmptyInputError, match=r"`texts\[1\]` must contain some text. Got ''.*Remove the empty"):
        wordllama.embed(["fine", "", "also fine"])


@pytest.mark.parametrize(
    ("texts", "match"),
    [
        ("just one string", "must be a list of strings, not one string"),
        (["ok", 3], r"`texts\[1\]` must be a string"),
    ],
)
def test_rejects_non_text(wordllama, texts, match):
    with pytest.raises(ec.InvalidParameterError, match=match):
        wordllama.embed(texts)


def test_rejects_bad_batch_size(wordllama):
    with pytest.raises(ec.InvalidParameterError, match="`batch_size` must be a positive integer. Got 0"):
        wordllama.embed(["a"], batch_size=0)


def test_loading_leaves_logging_alone():
    # The library calls logging.basicConfig(level=INFO) when it is imported; we undo that.
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    load_wordllama()
    assert (root.level, list(root.handlers)) == before


def test_loads_with_no_network_and_writes_no_cache(tmp_path):
    # A proxy that refuses every connection, and an empty home: a download or a cache write would show.
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise OSError('network refused by the test')\n"
        "socket.socket.connect = socket.create_connection = refuse\n"
        "import embedding_core as ec; m = ec.load_model('wordllama');"
        "print(m.embed(['offline']).shape)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "HF_HUB_OFFLINE": "1",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "HTTP_PROXY": "http://127.0.0.1:9",
        },
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1, 256)"  # through the registry, as the app loads it
    assert list(tmp_path.iterdir()) == []
