"""The big-map component's Python side: what it sends (bytes) and how it reads a selection back."""

from __future__ import annotations

import base64
import json
import re
import zlib

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui.components import scatter
from ui.components.scatter import STATIC, MapSelection, prepare_map, scatter_map, selection_of, standalone_html


def test_coordinates_fit_the_view_with_one_scale_for_both_axes():
    rng = np.random.default_rng(0)
    xy = rng.normal(0, 1, (500, 2)) * [10.0, 2.0] + [100.0, -50.0]
    out = scatter._scaled(xy)
    assert out.dtype == np.float32 and np.abs(out).max() <= 0.95 + 1e-6
    assert np.isclose(np.abs(out[:, 0]).max(), 0.95, atol=0.05)  # the wide axis fills the view
    # Distances keep their ratios: one scale, no stretching of the narrow axis.
    d_in = np.linalg.norm(xy[1:] - xy[:-1], axis=1)
    d_out = np.linalg.norm(out[1:] - out[:-1], axis=1)
    assert np.allclose(d_out / d_in, (d_out / d_in)[0], rtol=1e-4)


def test_one_point_or_identical_points_do_not_divide_by_zero():
    assert np.array_equal(scatter._scaled(np.array([[3.0, 4.0], [3.0, 4.0]])), np.zeros((2, 2), dtype=np.float32))


def test_categories_in_natural_order_and_missing_values_last():
    codes, names = scatter._codes(["group 10", "group 2", None, "b", "group 2"], 5)
    assert names == ["b", "group 2", "group 10", "(missing)"]
    assert [names[c] for c in codes] == ["group 10", "group 2", "(missing)", "b", "group 2"]
    assert codes.dtype == np.uint16


def test_numeric_categories_and_no_categories():
    codes, names = scatter._codes(np.array([3, 1, 3, 2]), 4)
    assert names == ["1", "2", "3"] and codes.tolist() == [2, 0, 2, 1]
    codes, names = scatter._codes(None, 3)
    assert names == [] and codes.tolist() == [0, 0, 0]


def test_hover_texts_are_cut_and_separated_by_zero_bytes():
    blob = scatter._text_blob(["short", "x" * 500, "naïve 中文 🙂", "a\0b"], 4, 160)
    parts = blob.decode("utf-8").split("\0")
    assert parts == ["short", "x" * 160, "naïve 中文 🙂", "a b"]
    assert scatter._text_blob(None, 2, 160) == b"row 0\0row 1"


def _value(ids, *, data_id="abc", clicked=None, how="lasso"):
    raw = base64.b64encode(np.asarray(ids, dtype=np.uint32).tobytes()).decode()
    return {"data_id": data_id, "ids": raw, "clicked": clicked, "how": how, "seq": 1}


def test_a_selection_comes_back_as_sorted_row_ids():
    sel = scatter._decode(_value([9, 2, 5, 2]), "abc", 10)
    assert sel.ids.tolist() == [2, 5, 9] and sel.how == "lasso" and sel.clicked is None


def test_a_click_names_its_row():
    sel = scatter._decode(_value([4], clicked=4, how="click"), "abc", 10)
    assert sel.clicked == 4 and sel.ids.tolist() == [4] and sel.how == "click"


@pytest.mark.parametrize(
    "value",
    [None, "garbage", _value([1, 2], data_id="other data")],
    ids=["nothing yet", "not a dict", "picked on other data"],
)
def test_no_selection_when_nothing_or_other_data_was_picked(value):
    sel = scatter._decode(value, "abc", 10)
    assert (sel.ids.size, sel.clicked, sel.how) == (0, None, "none")
    assert isinstance(sel, MapSelection)


def test_selection_of_reads_a_stored_value_for_its_data():
    data = prepare_map(np.arange(20.0).reshape(10, 2))
    sel = selection_of(_value([3], data_id=data.data_id, clicked=3, how="click"), data)
    assert sel.clicked == 3 and sel.ids.tolist() == [3]
    assert selection_of(_value([3], clicked=3, how="click"), data).clicked is None  # other data


def test_ids_past_the_data_are_dropped():
    sel = scatter._decode(_value([1, 99], clicked=99, how="click"), "abc", 10)
    assert sel.ids.tolist() == [1] and sel.clicked is None


@pytest.mark.parametrize(
    ("coords", "colors", "texts", "match"),
    [
        (np.zeros((3, 3)), None, None, r"`coords` must be an \(n, 2\) array"),
        (np.zeros((0, 2)), None, None, r"`coords` must be an \(n, 2\) array with n ≥ 1"),
        (np.array([[0.0, np.nan], [1.0, 1.0]]), None, None, "must be finite. Got 1 rows with NaN"),
        (np.zeros((3, 2)), ["a", "b"], None, "`colors` must have one entry per point"),
        (np.zeros((3, 2)), None, ["a"], "`texts` must have one entry per point"),
    ],
)
def test_bad_input_gets_a_clear_message(coords, colors, texts, match):
    with pytest.raises(ValueError, match=match):
        scatter_map(coords, colors, texts, key="bad")


def _app():
    import numpy as np
    import streamlit as st

    from ui.components.scatter import scatter_map

    rng = np.random.default_rng(1)
    coords = rng.normal(0, 1, (2_000, 2))
    picked = scatter_map(coords, ["a", "b"] * 1_000, [f"text {i}" for i in range(2_000)], key="map")
    st.text(f"selected={len(picked.ids)} how={picked.how}")


def test_the_component_mounts_in_an_app_and_starts_with_no_selection():
    at = AppTest.from_function(_app, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text[0].value == "selected=0 how=none"
    (element,) = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    proto = element.proto
    args = {a.key: a.bytes for a in proto.special_args}
    assert len(args["xy"]) == 2_000 * 2 * 4 and len(args["codes"]) == 2_000 * 2
    assert zlib.decompress(args["texts"]).split(b"\0")[1999] == b"text 1999"


def test_prepared_data_is_what_the_browser_gets():
    coords = np.array([[0.0, 0.0], [2.0, 1.0], [4.0, 2.0]])
    data = prepare_map(coords, ["b", "a", "b"], ["one", "two", "three"])
    x, y = np.frombuffer(data.xy, dtype=np.float32).reshape(2, 3)  # all x, then all y
    assert np.allclose(x, [-0.95, 0.0, 0.95]) and np.allclose(y, [-0.475, 0.0, 0.475])
    assert data.categories == ["a", "b"] and np.frombuffer(data.codes, dtype=np.uint16).tolist() == [1, 0, 1]
    assert zlib.decompress(data.texts) == b"one\0two\0three"
    assert prepare_map(coords, ["b", "a", "b"], ["one", "two", "THREE"]).data_id != data.data_id
    assert prepare_map(coords, ["b", "a", "b"], ["one", "two", "three"]).data_id == data.data_id


def test_prepared_data_takes_no_second_colours():
    data = prepare_map(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="`colors` and `texts` must be None with a MapData"):
        scatter_map(data, ["a", "b"], key="twice")


def test_the_exported_map_is_one_offline_page_with_every_point():
    n = 5_000
    texts = [f"text {i}" for i in range(n - 1)] + ["</script><script>alert(1)</script>"]
    data = prepare_map(np.random.default_rng(0).normal(size=(n, 2)), [f"group {i % 8}" for i in range(n)], texts)
    page = standalone_html(data, title="Map of <big>", labels=[(0.0, 0.0, "apples </script>")], density=True)
    assert not re.search(r"<script[^>]*\bsrc=", page)  # every script inlined
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # nothing fetched from anywhere
    assert page.count("</script>") == 2 and "<title>Map of &lt;big&gt;</title>" in page
    assert (STATIC / "scatter.js").read_text() in page.replace("<\\/script", "</script")
    payload = page.split("window.__SCATTER_ARGS__ = ")[1].split(";</script>")[0]
    args = json.loads(payload)
    assert len(base64.b64decode(args["xy"])) == n * 8 and args["density"] is True
    blob = zlib.decompress(base64.b64decode(args["texts"])).decode()
    assert blob.split("\0")[-1] == texts[-1]  # the text as data, for textContent
    assert args["labels"][0][2] == "apples </script>"


def test_the_component_page_has_one_copy():
    frontend = STATIC.parent / "frontend"
    assert not (frontend / "index.html").exists()
    assert "index.html" not in json.loads((frontend / "package.json").read_text())["scripts"]["build"]
    assert '<script src="scatter.js"></script>' in (STATIC / "index.html").read_text()
