import pytest

from tests.app.helpers import errors, exceptions, open_page

PAGE = "pages/clusters.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def typed(at, raw: str):
    at.selectbox(key="clusters_source").select("__typed__").run()
    at.text_area(key="clusters_typed").input(raw).run()
    return at


@pytest.mark.parametrize("method", ["kmeans", "agglomerative", "hdbscan"])
def test_each_method_on_the_word_sets(method):
    at = open_page(PAGE)
    assert at.selectbox(key="clusters_source").value == "word_sets"
    at.selectbox(key="clusters_method").select(method).run()
    assert not exceptions(at) and not errors(at)
    shown = metrics(at)
    assert float(shown["Adjusted Rand index"]) > (0.7 if method != "hdbscan" else 0.0)
    assert int(shown["Clusters"]) >= 2
    overview = at.dataframe[0].value
    assert overview.columns.tolist() == ["cluster", "size", "keywords", "typical texts"]
    assert overview["size"].sum() == 357
    charts = at.get("plotly_chart")
    assert len(charts) == (3 if method == "hdbscan" else 4)  # map, (curve), sizes, agreement
    assert at.get("download_button")
    if method == "hdbscan":
        assert any("noise" in i.value for i in at.info)


def test_typed_texts_with_groups_are_scored_and_k_can_be_overridden():
    raw = "fruit: apple, banana, pear\nvehicle: car, bus, train"
    at = typed(open_page(PAGE), raw)
    assert not exceptions(at) and not errors(at)
    assert metrics(at)["Clusters"] == "2" and float(metrics(at)["Adjusted Rand index"]) == 1.0
    at.toggle(key="clusters_auto_k").set_value(False).run()
    at.number_input(key="clusters_k").set_value(3).run()
    assert metrics(at)["Clusters"] == "3"
    assert at.text_area(key="clusters_typed").value == raw


def test_typed_texts_without_groups_show_no_agreement():
    at = typed(open_page(PAGE), "dog\ncat\nhorse\nred\nblue\ngreen\nParis\nLondon")
    assert not exceptions(at) and not errors(at)
    assert "Adjusted Rand index" not in metrics(at)
    assert "Against the labels" not in [t.label for t in at.tabs]
    assert "Sizes" in [t.label for t in at.tabs]


def test_clustering_on_the_map_and_with_glove():
    at = open_page(PAGE, model="glove-50d")
    at.radio(key="clusters_space").set_value("map").run()
    assert not exceptions(at) and not errors(at)
    assert int(metrics(at)["Clusters"]) >= 2
    assert "2D map" in at.get("plotly_chart")[0].proto.spec


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Type at least one word or sentence"),
        ("apple", "needs at least 3 points. Got 1"),
        ("apple\napple\n\u200b", "needs at least 3 points. Got 1"),
        ("fruit: apple\npear", "needs at least 3 points. Got 2"),
    ],
)
def test_bad_typed_input_says_what_to_do(raw, message):
    at = typed(open_page(PAGE), raw)
    assert not exceptions(at)
    assert any(message in e for e in errors(at)), errors(at)
    assert at.text_area(key="clusters_typed").value == raw


def test_identical_vectors_and_odd_texts():
    at = open_page(PAGE, model="glove-50d")
    at = typed(at, "king\nKing\nKING")
    assert not exceptions(at)
    assert any("All 3 " in e and "are identical" in e for e in errors(at)), errors(at)
    at.text_area(key="clusters_typed").input(
        "x: <script>alert(1)</script>; 😀 happy\ny: שלום; " + "long " * 4000 + "\nrain\nsnow"
    ).run()
    assert not exceptions(at)


def test_deep_link_opens_agglomerative_average():
    at = open_page(PAGE, query={"clusters_method": "agglomerative", "clusters_linkage": "average"})
    assert not exceptions(at) and not errors(at)
    assert at.radio(key="clusters_linkage").value == "average"
    assert float(metrics(at)["Adjusted Rand index"]) > 0.4


def test_the_sweep_keeps_one_kmeans_start_whatever_the_restarts_slider_says(monkeypatch):
    import numpy as np

    import embedding_core as ec
    from ui import clusters
    from ui.sources import Owner

    seen = []
    real = ec.silhouette_sweep

    def spy(x, **kwargs):
        seen.append(kwargs)
        return real(x, **kwargs)

    monkeypatch.setattr(ec, "silhouette_sweep", spy)
    x = np.random.default_rng(7).normal(size=(40, 5)).astype(np.float32)
    owner = Owner("builtin", "minilm", "sweep-test")
    first = clusters.sweep(owner, x, "kmeans", (("max_iter", 300), ("n_init", 20)))
    again = clusters.sweep(owner, x, "kmeans", (("max_iter", 300), ("n_init", 5)))
    assert [call.get("n_init") for call in seen] == [None]  # the sweep's own n_init=1, computed once
    assert again.best_k == first.best_k
    assert np.array_equal(first.silhouette, real(x, method="kmeans", n_init=1).silhouette)


@pytest.mark.parametrize("method", ["kmeans", "agglomerative", "hdbscan"])
@pytest.mark.parametrize(
    ("raw", "message"),
    [("apple", "at least 3 points. Got 1"), ("apple\npear", "at least 3 points. Got 2"), ("x\nx\nx", "")],
)
def test_one_two_or_identical_rows_give_a_message_with_every_method(method, raw, message):
    at = open_page(PAGE)
    at.selectbox(key="clusters_method").select(method).run()
    typed(at, raw)
    assert not exceptions(at)
    if message:
        assert any(message in e for e in errors(at)), errors(at)
    else:  # three identical lines are one text after de-duplication: too few to group
        assert errors(at), "identical rows must give a message"


def _big_upload(n: int):
    import numpy as np
    import pandas as pd

    import embedding_core as ec

    rng = np.random.default_rng(0)
    groups = rng.integers(0, 4, n)
    x = np.eye(4, 32)[groups] * 3 + rng.normal(0, 0.3, (n, 32))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"item {i} of group {g}" for i, g in enumerate(groups)]
    labels = [f"group {g}" for g in groups]
    frame = pd.DataFrame({"text": texts, "label": labels})
    return ec.make_dataset("big.npy", texts, labels, frame, "text", "label", vectors=x)


def test_a_big_upload_is_clustered_with_mini_batches_on_the_webgl_map_and_hdbscan_uses_the_map(monkeypatch):
    import embedding_core as ec
    from embedding_core import clustering
    from ui.bigmap import BIG_MAP

    n = BIG_MAP + 500
    monkeypatch.setattr(clustering, "MINIBATCH_FROM", 3_000)
    monkeypatch.setattr(ec, "HDBSCAN_FULL_MAX", 1_000)  # the page's 6,000, at test size
    at = open_page()
    at.session_state["data_uploads"] = {"big.npy": _big_upload(n)}
    at.switch_page(PAGE).run()
    at.selectbox(key="clusters_source").select("upload:big.npy").run()
    assert not exceptions(at) and not errors(at)
    assert any("starts with mini-batch k-means" in i.value for i in at.info)
    assert any(f"random sample of 2,000 of the {n:,} points" in c.value for c in at.caption)  # the sweep's note
    assert float(metrics(at)["Adjusted Rand index"]) > 0.9
    (element,) = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    xy = next(a.bytes for a in element.proto.special_args if a.key == "xy")
    assert len(xy) == n * 2 * 4  # every point on the WebGL map
    at.selectbox(key="clusters_method").select("hdbscan").run()
    assert not exceptions(at) and not errors(at)
    assert any(f"HDBSCAN clusters these {n:,} texts on the 2D map" in i.value for i in at.info)
