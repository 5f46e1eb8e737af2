"""The Maps page with a big upload: the WebGL map, fitted and placed rows, find, a click's neighbours,
cluster labels, density, a typed text placed with a cosine threshold, the map as one offline HTML file."""

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
#: Each group's texts name one topic, so its cluster label can say which.
TOPICS = ["apples", "boats", "violins", "tractors", "volcanoes", "kittens", "rockets", "tulips"]


def _upload() -> ec.Dataset:
    """`N` vectors in 8 groups (precomputed, as a .npy upload would give), each with a text."""
    rng = np.random.default_rng(0)
    groups = rng.integers(0, 8, N)
    centres = rng.normal(0, 1, (8, 32))
    x = centres[groups] + rng.normal(0, 0.15, (N, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"item {i} of group {g} about {TOPICS[g]}" for i, g in enumerate(groups)]
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


def _picked(args: dict, rows: list[int], how: str) -> dict:
    """The value the map sends when `rows` are clicked (one row) or lassoed."""
    return {
        "data_id": args["data_id"],
        "ids": base64.b64encode(np.array(rows, dtype=np.uint32).tobytes()).decode(),
        "clicked": rows[0] if how == "click" else None,
        "how": how,
        "seq": 1,
    }


def test_a_click_lists_and_marks_the_nearest_neighbours_in_the_original_space(at):
    _, args = _map(at)
    clicked = 7
    at.session_state["projection_big_map"] = _picked(args, [clicked], "click")
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


def _arg_bytes(proto, name: str) -> bytes:
    return next(a.bytes for a in proto.special_args if a.key == name)


def test_cluster_labels_and_density_are_drawn_when_asked(at):
    _, args = _map(at)
    assert args["labels"] == [] and args["density"] is False
    at.toggle(key="projection_big_labels").set_value(True).run()
    at.toggle(key="projection_big_density").set_value(True).run()
    assert not exceptions(at) and not errors(at)
    proto, args = _map(at)
    assert args["density"] is True
    texts = [label[2] for label in args["labels"]]
    assert len(texts) == 12  # the default number of groups
    words = {w for t in texts for w in t.split(" · ")}
    assert words == set(TOPICS)  # every label a topic word (c-TF-IDF of its group), every topic named
    xy = np.frombuffer(_arg_bytes(proto, "xy"), dtype=np.float32).reshape(2, -1).T
    for x, y, text in args["labels"]:  # each label sits on a point whose text has its first keyword
        nearest = int(np.argmin(((xy - [x, y]) ** 2).sum(axis=1)))
        assert np.allclose(xy[nearest], [x, y], atol=1e-4)
        assert text.split(" · ")[0] in _upload().texts[nearest]
    assert any(
        "Labels: 12 groups by k-means" in c.value and f"from {N:,} of {N:,} texts" in c.value for c in at.caption
    )


def test_a_text_is_placed_only_on_a_map_made_with_its_model(at):
    at.text_input(key="projection_big_query").input("apples").run()
    assert not exceptions(at) and not errors(at)
    assert any("can only be placed on a map made with the same model" in c.value for c in at.caption)
    assert _map(at)[1]["query"] is None


@pytest.fixture
def at_texts():
    """The upload as texts only, embedded with WordLlama (the fast bundled model) chosen in the sidebar."""
    upload = _upload()
    plain = ec.make_dataset("big.csv", upload.texts, upload.labels, upload.frame, "text", "label")
    at = open_page(model="wordllama")
    at.session_state["data_uploads"] = {"big.csv": plain}
    at.switch_page("pages/projections.py").run()
    at.selectbox(key="projection_source").select("upload:big.csv").run()
    assert at.session_state["data_job"].job.wait(timeout=120)  # texts without vectors: embedded in the background
    at.run()  # as the progress part's next poll does: the vectors become the upload's
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    return at


def test_a_typed_text_is_placed_and_selects_every_text_above_the_threshold(at_texts):
    from sklearn.metrics.pairwise import cosine_similarity

    at = at_texts
    at.text_input(key="projection_big_query").input("apples").run()
    at.slider(key="projection_big_threshold").set_value(0.4).run()
    assert not exceptions(at) and not errors(at)
    model = ec.load_model("wordllama")
    texts = _upload().texts
    x, q = model.embed(texts), model.embed(["apples"])
    cos = cosine_similarity(q, x)[0]
    proj = ec.project(x, "pca")
    proto, args = _map(at)
    xy = np.frombuffer(_arg_bytes(proto, "xy"), dtype=np.float32).reshape(2, -1).T
    # The ring is where PCA's transform puts the query, in the drawn points' scale (a line per axis).
    fits = [np.polyfit(proj.coords[:, a], xy[:, a], 1) for a in (0, 1)]
    expected = [np.polyval(fit, v) for fit, v in zip(fits, proj.transform(q)[0], strict=True)]
    assert np.allclose(args["query"][:2], expected, atol=1e-3)
    assert args["query"][2] == "apples"
    marked = np.frombuffer(_arg_bytes(proto, "highlight"), dtype=np.uint32)
    chosen = set(marked.tolist())
    assert set(np.flatnonzero(cos >= 0.4 + 1e-5).tolist()) <= chosen
    assert not chosen & set(np.flatnonzero(cos < 0.4 - 1e-5).tolist())
    assert chosen and all("apples" in texts[i] for i in chosen)
    assert any(f"{len(chosen):,} of {N:,} texts have cosine ≥ 0.40" in c.value for c in at.caption)
    assert any("Placed by PCA's `transform`" in c.value for c in at.caption)
    assert any(h.value == f"{len(chosen):,} with cosine ≥ 0.40" for h in at.subheader)
    table = at.dataframe[0].value
    assert len(table) == min(len(chosen), 1_000) and (table["cosine"].diff().dropna() <= 1e-9).all()
    assert at.get("download_button")  # the selection's CSV and the map's HTML

    # A lasso afterwards takes over the list; the placed text stays on the map.
    lassoed = [3, 5, 8]
    at.session_state["projection_big_map"] = _picked(args, lassoed, "lasso")
    at.run()
    assert any(h.value == "3 selected" for h in at.subheader)
    assert at.dataframe[0].value["text"].tolist() == [texts[i] for i in lassoed]
    assert _map(at)[1]["query"] is not None


def _part_run(at, monkeypatch) -> None:
    """Rerun the big map's part alone, as the browser asks when the map's value changes (a fragment's id)."""
    from streamlit.testing.v1 import local_script_runner

    (fragment_id,) = at._fragment_storage._ids_by_target_key["big_map"]
    whole = local_script_runner.RerunData
    with monkeypatch.context() as m:
        m.setattr(local_script_runner, "RerunData", lambda **kw: whole(**kw, fragment_id=fragment_id))
        at.run()


@pytest.fixture
def page_runs(monkeypatch) -> list[int]:
    """One entry each time the Maps page's own code (outside the big map's part) runs: a spy on points_note."""
    from ui import maps

    runs: list[int] = []
    real = maps.points_note
    monkeypatch.setattr(maps, "points_note", lambda *a, **k: runs.append(1) or real(*a, **k))
    return runs


def test_a_selection_reruns_only_the_big_map_part(at, monkeypatch, page_runs):
    """A lasso lists its texts by rerunning the map's part: the page around it (its map fit, its title) is not run."""
    _, args = _map(at)
    lassoed = [3, 5, 8, 13]
    at.session_state["projection_big_map"] = _picked(args, lassoed, "lasso")
    _part_run(at, monkeypatch)
    assert not exceptions(at) and not errors(at)
    assert page_runs == [] and not at.title  # the page outside the part was not run
    assert any(h.value == "4 selected" for h in at.subheader)
    texts = _upload().texts
    assert at.dataframe[0].value["text"].tolist() == [texts[i] for i in lassoed]
    assert at.get("download_button")  # the selection's CSV and the map's HTML, drawn by the part
    at.run()  # a full run draws the page, and the selection is still listed
    assert page_runs == [1] and at.title and any(h.value == "4 selected" for h in at.subheader)


def test_a_placed_text_reruns_only_the_big_map_part_and_the_link(at_texts, page_runs):
    at = at_texts
    at.text_input(key="projection_big_query").input("apples").run()
    assert not exceptions(at) and not errors(at)
    assert page_runs == [] and not at.title
    assert _map(at)[1]["query"][2] == "apples"
    assert at.query_params["projection_big_query"] in ("apples", ["apples"])
