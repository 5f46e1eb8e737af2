"""A session's dataset is named by a token made once: reruns do not digest its vectors, and no two datasets share."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page
from ui.cache import DataTokens, _freeze

PAGES = [
    ("pages/clusters.py", "clusters_source"),
    ("pages/projections.py", "projection_source"),
    ("pages/search.py", "search_source"),
]


def _upload(seed: int, n: int = 1_500, dim: int = 384, *, noise: float = 0.4) -> ec.Dataset:
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, 3, n)
    x = np.eye(3, dim)[groups] * 2 + rng.normal(0, noise, (n, dim))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"row {i} in group {g}" for i, g in enumerate(groups)]
    frame = pd.DataFrame({"text": texts})
    return ec.make_dataset("v.npy", texts, None, frame, "text", None, vectors=x)


@pytest.fixture
def digests(monkeypatch):
    """The sizes of everything blake2b digests (the cache's content keys use it)."""
    sizes: list[int] = []
    real = hashlib.blake2b

    def spy(data=b"", *args, **kwargs):
        sizes.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(hashlib, "blake2b", spy)
    return sizes


@pytest.mark.parametrize(("page", "key"), PAGES)
def test_a_rerun_does_not_digest_the_uploaded_vectors(page, key, digests):
    data = _upload(0)
    at = open_page()
    at.session_state["data_uploads"] = {"v.npy": data}
    at.switch_page(page).run()
    at.selectbox(key=key).set_value("upload:v.npy").run()
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    whole = data.vectors.nbytes
    assert whole in digests  # when the page first met the upload
    digests.clear()
    at.run()
    at.run()
    assert not exceptions(at)
    assert whole not in digests  # the old code digested all of it in every cached call of every rerun
    assert at.session_state["_cache_session"].tokens.digested >= 1  # the tokens are this session's own


def _clusters_on(data: ec.Dataset, at=None) -> tuple[object, dict[str, str]]:
    if at is None:
        at = open_page()
        at.session_state["data_uploads"] = {"v.npy": data}
        at.switch_page("pages/clusters.py").run()
        at.selectbox(key="clusters_source").set_value("upload:v.npy").run()
    else:
        at.session_state["data_uploads"] = {"v.npy": data}
        at.run()
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    return at, {m.label: m.value for m in at.metric}


def test_two_uploads_of_the_same_shape_under_one_name_never_share_a_result():
    first = _upload(0)
    second = ec.make_dataset(
        "v.npy", first.texts, None, first.frame, "text", None, vectors=_upload(1, noise=0.8).vectors
    )
    at, before = _clusters_on(first)
    _, after = _clusters_on(second, at)  # same name, texts and shape; other vectors, put in place directly
    _, fresh = _clusters_on(second)  # another session that only ever saw the second upload
    assert after == fresh
    assert after["Silhouette"] != before["Silhouette"]


def test_a_token_is_the_content_digest_made_once_and_only_for_arrays_that_cannot_change():
    tokens = DataTokens()
    a = np.arange(12, dtype=np.float32).reshape(3, 4).copy()  # owns its memory
    assert tokens.token(a) is None  # writeable: it could change, so it is digested on every call
    a.setflags(write=False)
    token = tokens.token(a)
    assert tokens.token(a) == token and tokens.digested == 1
    b = a.copy()
    b[0, 0] = 99
    b.setflags(write=False)
    assert tokens.token(b) != token  # same shape, other numbers: another token
    same = a.copy()
    same.setflags(write=False)
    assert tokens.token(same) == token  # equal content, equal key: a result is found again
    view = np.arange(4, dtype=np.float32)
    ro = view[:2]
    ro.setflags(write=False)
    assert tokens.token(ro) is None  # a read-only view of memory that can still change
    del a, same
    assert len(tokens) == 1  # entries go with their arrays
    assert _freeze(b, tokens) == _freeze(b.copy())  # one key whether found by token or digested


def test_a_changed_writeable_array_is_keyed_by_its_new_content():
    tokens = DataTokens()
    a = np.zeros((4, 3), dtype=np.float32)
    before = _freeze(a, tokens)
    a[1, 1] = 1.0
    assert _freeze(a, tokens) != before
