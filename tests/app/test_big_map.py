"""The Maps page with a big upload: the WebGL map, fitted and placed rows, find, a click's neighbours."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page
from ui.bigmap import BIG_MAP

N = BIG_MAP + 1_000


def _upload() -> ec.Dataset:
    """`N` vectors in 8 groups (precomputed, as a .npy upload would give), each with a text."""
    rng = np.random.default_rng(0)
    groups = rng.integers(0, 8, N)
    centres = rng.normal(0, 1, (8, 32))
    x = centres[groups] + rng.normal(0, 0.15, (N, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"item {i} of group {g}" for i, g in enumerate(groups)]
    labels = [f"group {g}" for g in groups]
    frame = pd.DataFrame({"text": texts, "label": labels})
    return ec.make_dataset("big.npy", texts, labels, frame, "text", "label", vectors=x)


@pytest.fixture
def at():
    at = open_page()
    at.session_state["data_uploads"] = {"big.npy": _upload()}
    at.switch_page("pages/projections.py").run()
    at.selectbox(key="projection_source").select("upload:big.npy").run()
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    return at


def _map(at):
    (element,) = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    return element.proto, json.loads(element.proto.json_args)


def test_a_big_upload_is_drawn_by_the_webgl_map_with_every_point(at):
    proto, args = _map(at)
    xy = next(a.bytes for a in proto.special_args if a.key == "xy")
    assert len(xy) == N * 2 * 4  # every point, float32 x then y
    assert args["categories"] == [f"group {g}" for g in range(8)]
    traces = [t["type"] for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]]
    assert traces == ["bar"]  # only PCA's variance chart: the map itself is not Plotly's
    assert any(f"{N:,} of {N:,} points shown" in c.value for c in at.caption)
    (metric,) = [m for m in at.metric if m.label.startswith("Trustworthiness")]
    assert f"Computed on {ec.TRUST_SAMPLE:,} of {N:,} points" in metric.help


def test_umap_is_fitted_on_a_sample_and_places_the_rest(at, monkeypatch):
    from ui import projection

    monkeypatch.setitem(projection.MAX_FIT, "umap", 1_000)  # the page's 10,000 at test size
    at.radio(key="projection_method").set_value("umap").run()  # a method change draws at once
    assert not exceptions(at) and not errors(at)
    assert any(f"Fitted on 1,000 of {N:,} points" in i.value and f"other {N - 1_000:,}" in i.value for i in at.info)
    proto, _ = _map(at)
    assert len(next(a.bytes for a in proto.special_args if a.key == "xy")) == N * 8


def test_find_marks_the_matching_texts_and_says_how_many(at):
    at.text_input(key="projection_big_find").input("item 12").run()
    proto, args = _map(at)
    marked = np.frombuffer(next(a.bytes for a in proto.special_args if a.key == "highlight"), dtype=np.uint32)
    texts = [f"item {i} " for i in range(N)]
    expected = [i for i, t in enumerate(texts) if "item 12" in t]
    assert marked.tolist() == expected and args["zoom"] is True
    assert any(f"{len(expected):,} of {N:,} texts contain “item 12”" in c.value for c in at.caption)


def test_a_click_lists_and_marks_the_nearest_neighbours_in_the_original_space(at):
    _, args = _map(at)
    clicked = 7
    at.session_state["projection_big_map"] = {
        "data_id": args["data_id"],
        "ids": base64.b64encode(np.array([clicked], dtype=np.uint32).tobytes()).decode(),
        "clicked": clicked,
        "how": "click",
        "seq": 1,
    }
    at.run()
    assert not exceptions(at) and not errors(at)
    upload = _upload()
    hits = ec.semantic_search(upload.vectors[clicked], upload.vectors, top_k=11)[0]
    expected = [upload.texts[h.index] for h in hits if h.index != clicked][:10]
    table = at.dataframe[0].value
    assert table["text"].tolist() == expected
    assert (table["cosine"].diff().dropna() <= 1e-9).all()  # best first
    proto, _ = _map(at)
    marked = np.frombuffer(next(a.bytes for a in proto.special_args if a.key == "highlight"), dtype=np.uint32)
    assert marked.tolist() == sorted([clicked, *(upload.texts.index(t) for t in expected)])
