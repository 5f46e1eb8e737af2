import subprocess

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness as sk_trustworthiness

import embedding_core as ec
from embedding_core.figures import projection_figure, variance_figure

X = np.random.default_rng(0).normal(size=(30, 12))
CATEGORIES = ["animals", "fruits", "countries", "colors"]


@pytest.fixture(scope="module")
def labelled(minilm):
    """Words from four categories of the built-in word sets, with MiniLM vectors."""
    ds = ec.load_dataset("word_sets")
    vectors = ec.dataset_vectors(ds, minilm)
    keep = [i for i, label in enumerate(ds.labels) if label in CATEGORIES]
    return vectors[keep], [ds.labels[i] for i in keep]


def _label_agreement(coords: np.ndarray, labels: list[str]) -> float:
    """Share of points whose nearest map neighbour has the same label."""
    d = np.linalg.norm(coords[:, None] - coords[None], axis=2)
    np.fill_diagonal(d, np.inf)
    nearest = d.argmin(axis=1)
    return float(np.mean([labels[i] == labels[j] for i, j in enumerate(nearest)]))


def test_pca_matches_scikit_learn():
    p = ec.project(X, "pca")
    ref = PCA(n_components=2).fit(X.astype(np.float32))
    assert p.coords.shape == (30, 2) and p.method == "pca"
    assert np.allclose(np.abs(p.coords), np.abs(ref.transform(X.astype(np.float32))), atol=1e-4)
    assert np.allclose(p.explained_variance_ratio, ref.explained_variance_ratio_, atol=1e-5)
    assert np.allclose(p.transform(X[:5]), p.coords[:5], atol=1e-4)


@pytest.mark.parametrize("dims", [2, 3])
def test_tsne_shape_seed_and_params(dims):
    a = ec.project(X, "tsne", n_components=dims, perplexity=5, max_iter=250)
    b = ec.project(X, "tsne", n_components=dims, perplexity=5, max_iter=250)
    assert a.coords.shape == (30, dims)
    assert np.array_equal(a.coords, b.coords)
    assert a.params["perplexity"] == 5 and a.params["random_state"] == 0 and not a.can_transform
    with pytest.raises(ec.InvalidParameterError, match="t-SNE map cannot place new points"):
        a.transform(X[:2])


@pytest.mark.slow
@pytest.mark.parametrize("dims", [2, 3])
def test_umap_shape_seed_and_transform(dims):
    a = ec.project(X, "umap", n_components=dims, n_neighbors=5)
    b = ec.project(X, "umap", n_components=dims, n_neighbors=5)
    assert a.coords.shape == (30, dims)
    assert np.array_equal(a.coords, b.coords)
    assert a.params["n_jobs"] == 1 and a.can_transform
    assert a.transform(X[:3]).shape == (3, dims)
    with pytest.raises(ec.InvalidParameterError, match="must have 12 dimensions"):
        a.transform(np.ones((1, 5)))


def test_pca_trustworthiness_on_labelled_words(labelled):
    x, labels = labelled
    p = ec.project(x, "pca")
    assert ec.trustworthiness(x, p.coords, k=5) > 0.65


def test_tsne_keeps_neighbourhoods_on_labelled_words(labelled):
    x, labels = labelled
    p = ec.project(x, "tsne", perplexity=15, max_iter=500)
    assert ec.trustworthiness(x, p.coords, k=5) > 0.85
    assert _label_agreement(p.coords, labels) > 0.7


@pytest.mark.slow
def test_umap_keeps_neighbourhoods_on_labelled_words(labelled):
    x, labels = labelled
    p = ec.project(x, "umap")
    assert ec.trustworthiness(x, p.coords, k=5) > 0.85
    assert _label_agreement(p.coords, labels) > 0.7


def test_small_sets_adjust_parameters_and_say_so():
    p = ec.project(X[:5], "tsne", perplexity=30, max_iter=250)
    assert p.params["perplexity"] < 5
    assert "Perplexity 30 is too large for 5 points" in p.adjustments[0]
    assert ec.project(X[:3], "pca").coords.shape == (3, 2)


@pytest.mark.slow
def test_umap_tiny_sets_adjust_n_neighbors():
    p = ec.project(X[:3], "umap", n_neighbors=15)
    assert p.params["n_neighbors"] == 2 and "n_neighbors 15 is too large for 3 points" in p.adjustments[0]
    assert ec.project(X[:4], "umap", n_components=3).coords.shape == (4, 3)


def test_max_points_samples_and_reports():
    p = ec.project(X, "pca", max_points=10)
    assert p.sampled and len(p.indices) == 10 and p.n_input == 30 and p.coords.shape == (10, 2)
    assert np.array_equal(p.indices, ec.project(X, "pca", max_points=10).indices)
    assert not ec.project(X, "pca", max_points=100).sampled


def test_unknown_method():
    with pytest.raises(ec.InvalidParameterError, match="`method` must be one of 'pca', 'tsne', 'umap'"):
        ec.project(X, "mds")  # type: ignore[arg-type]


def test_n_components_two_or_three():
    with pytest.raises(ec.InvalidParameterError, match="`n_components` must be one of 2, 3. Got 4"):
        ec.project(X, "pca", n_components=4)


def test_fewer_than_three_points():
    with pytest.raises(ec.InvalidParameterError, match="2D map needs at least 3 points. Got 2"):
        ec.project(X[:2], "pca")


def test_3d_with_three_points():
    with pytest.raises(ec.InvalidParameterError, match="3D map needs at least 4 points. Got 3.*switch to 2D"):
        ec.project(X[:3], "tsne", n_components=3)


def test_identical_points():
    with pytest.raises(ec.InvalidParameterError, match="All 4 vectors are identical"):
        ec.project(np.ones((4, 3)), "pca")


def test_bad_perplexity():
    with pytest.raises(ec.InvalidParameterError, match="`perplexity` must be a number of at least"):
        ec.project(X, "tsne", perplexity=-1)


def test_bad_learning_rate():
    with pytest.raises(ec.InvalidParameterError, match="`learning_rate` must be a number"):
        ec.project(X, "tsne", learning_rate=0)


def test_bad_max_iter():
    with pytest.raises(ec.InvalidParameterError, match="`max_iter` must be a whole number of at least 250. Got 100"):
        ec.project(X, "tsne", max_iter=100)


def test_bad_n_neighbors():
    with pytest.raises(ec.InvalidParameterError, match="`n_neighbors` must be a whole number of at least 2. Got 1"):
        ec.project(X, "umap", n_neighbors=1)


def test_bad_min_dist():
    with pytest.raises(ec.InvalidParameterError, match="`min_dist` must be a number between 0 and 1. Got 2"):
        ec.project(X, "umap", min_dist=2)


def test_bad_umap_metric():
    with pytest.raises(ec.InvalidParameterError, match="`metric` must be one of 'cosine'"):
        ec.project(X, "umap", metric="hamming")


def test_parameter_of_another_method():
    with pytest.raises(ec.InvalidParameterError, match="`perplexity` is not a parameter of UMAP"):
        ec.project(X, "umap", perplexity=5)


def test_bad_random_state():
    with pytest.raises(ec.InvalidParameterError, match="`random_state` must be a whole number"):
        ec.project(X, "pca", random_state=-1)


def test_bad_max_points():
    with pytest.raises(ec.InvalidParameterError, match="`max_points` must be a whole number of at least 3"):
        ec.project(X, "pca", max_points=2)


def test_trustworthiness_matches_scikit_learn_and_adapts_k():
    coords = ec.project(X, "pca").coords
    assert ec.trustworthiness(X, coords, k=5) == pytest.approx(
        sk_trustworthiness(X, coords, n_neighbors=5, metric="cosine")
    )
    assert 0 <= ec.trustworthiness(X[:4], coords[:4], k=5) <= 1  # k lowered to 1
    with pytest.raises(ec.InvalidParameterError, match="same number of rows"):
        ec.trustworthiness(X, coords[:10])


def test_neighbor_overlap_against_brute_force():
    coords = ec.project(X, "pca").coords
    ov = ec.neighbor_overlap(X, coords, 3, k=4)
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    sims = unit @ unit[3]
    sims[3] = -np.inf
    assert ov.original == list(np.argsort(-sims)[:4])
    d = np.linalg.norm(coords - coords[3], axis=1)
    d[3] = np.inf
    assert ov.on_map == list(np.argsort(d)[:4])
    assert set(ov.shared) == set(ov.original) & set(ov.on_map) and ov.fraction == len(ov.shared) / 4
    assert ec.neighbor_overlap(X[:3], coords[:3], 0, k=10).k == 2
    with pytest.raises(ec.InvalidParameterError, match="`index` must be a whole number between 0 and 29"):
        ec.neighbor_overlap(X, coords, 30)


def test_axes_projection_puts_ends_at_zero_and_one(glove):
    words = ["man", "woman", "king", "queen", "poor", "rich"]
    v = glove.embed(words)
    ax = ec.axes_projection(v, x_axis=(v[0], v[1]), y_axis=(v[4], v[5]))
    assert np.allclose(ax.coords[0, 0], 0) and np.allclose(ax.coords[1, 0], 1)
    assert np.allclose(ax.coords[4, 1], 0) and np.allclose(ax.coords[5, 1], 1)
    assert ax.coords[3, 0] > ax.coords[2, 0]  # queen lies further towards "woman" than king
    d = v[1] - v[0]
    assert np.allclose(ax.coords[:, 0], (v - v[0]) @ d / (d @ d), atol=1e-5)
    with pytest.raises(ec.InvalidParameterError, match="x axis starts and ends at the same vector"):
        ec.axes_projection(v, x_axis=(v[0], v[0]), y_axis=(v[4], v[5]))


def test_projection_figure_maps_points_back_to_rows():
    texts = [f"t{i}" for i in range(30)]
    groups = ["a", "b", "c"] * 10
    p = ec.project(X, "pca")
    fig = projection_figure(p.coords, texts, groups, focus=ec.neighbor_overlap(X, p.coords, 0, k=3))
    rows = sorted(int(i) for trace in fig.data[:3] for i in trace.customdata)
    assert rows == list(range(30))
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert variance_figure(p.explained_variance_ratio).data[0].y.shape == (2,)
    assert projection_figure(ec.project(X, "pca", n_components=3).coords, texts).data[0].type == "scatter3d"


def test_bad_tsne_init():
    with pytest.raises(ec.InvalidParameterError, match="`init` must be one of 'pca', 'random'"):
        ec.project(X, "tsne", init="spectral")


def test_tsne_random_start_depends_on_the_seed():
    a = ec.project(X, "tsne", perplexity=5, max_iter=250, init="random", random_state=1)
    b = ec.project(X, "tsne", perplexity=5, max_iter=250, init="random", random_state=2)
    assert not np.allclose(a.coords, b.coords)


def test_projection_figure_escapes_user_html_once():
    """Plotly turns &lt; back into <; escaping twice would show '&lt;' on the legend."""
    coords = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    fig = projection_figure(coords, ["<b>x</b>", "a & b", "c"], ["<img src=x>", "<img src=x>", "g"])
    assert fig.data[0].name == "&lt;img src=x&gt;"
    assert list(fig.data[0].text) == ["&lt;b&gt;x&lt;/b&gt;", "a &amp; b"]


def _unwritable(tmp_path) -> str:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return str(blocker / "numba")  # cannot be created, even by root


def _no_numba_setting(monkeypatch):
    import sys

    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    if "numba" in sys.modules:
        monkeypatch.setattr(sys.modules["numba"].config, "CACHE_DIR", sys.modules["numba"].config.CACHE_DIR)


def test_numba_cache_dir_is_the_first_writable_folder(tmp_path, monkeypatch):
    import os

    from embedding_core.projection import ensure_numba_cache_dir

    _no_numba_setting(monkeypatch)
    good = str(tmp_path / "cache" / "numba")
    assert ensure_numba_cache_dir([_unwritable(tmp_path), good]) == good
    assert os.environ["NUMBA_CACHE_DIR"] == good and os.path.isdir(good)


def test_numba_cache_dir_left_alone_when_set_or_when_nothing_is_writable(tmp_path, monkeypatch):
    import os

    from embedding_core.projection import ensure_numba_cache_dir

    _no_numba_setting(monkeypatch)
    assert ensure_numba_cache_dir([_unwritable(tmp_path)]) is None
    assert "NUMBA_CACHE_DIR" not in os.environ
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere/chosen")
    assert ensure_numba_cache_dir([str(tmp_path)]) == "/somewhere/chosen"
    assert os.environ["NUMBA_CACHE_DIR"] == "/somewhere/chosen"


def _umap_in_fresh_process(tmp_path, home: str, tmp: str) -> subprocess.CompletedProcess:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    # Only NUMBA_CACHE_DIR may hold the cache: as on a host whose package folder is read-only.
    env.update(HOME=home, XDG_CACHE_HOME=home, TMPDIR=tmp, NUMBA_CACHE_LOCATOR_CLASSES="UserProvidedCacheLocator")
    code = (
        "import numpy as np, os, tempfile, embedding_core as ec\n"
        "tempfile.tempdir = os.environ['TMPDIR']  # no fallback to /tmp\n"
        "try:\n"
        "    ec.project(np.random.default_rng(0).normal(size=(30, 5)), 'umap', n_neighbors=5)\n"
        "    print('ok', os.environ.get('NUMBA_CACHE_DIR'))\n"
        "except ec.EmbeddingCoreError as err:\n"
        "    print('message', type(err).__name__, err)\n"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_umap_on_a_read_only_host_gives_a_message_not_a_crash(tmp_path):
    bad = _unwritable(tmp_path)
    out = _umap_in_fresh_process(tmp_path, bad, bad)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "message MethodUnavailableError" in out.stdout and "Set NUMBA_CACHE_DIR" in out.stdout


@pytest.mark.slow
def test_umap_uses_the_temporary_folder_when_home_is_read_only(tmp_path):
    out = _umap_in_fresh_process(tmp_path, _unwritable(tmp_path), str(tmp_path))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().startswith(f"ok {tmp_path}/embeddings-explorer-numba-")


def test_distortion_view_shows_the_point_and_both_kinds_of_neighbours_at_default_zoom(minilm):
    """On the word sets' UMAP map the neighbours sit a few px from the point at full view; the figure
    opens zoomed on them, with the other points dimmed and true and map-only neighbours drawn apart."""
    data = ec.load_dataset("word_sets")
    vectors = ec.dataset_vectors(data, minilm)
    proj = ec.project(vectors, "umap")
    ov = ec.neighbor_overlap(vectors, proj.coords, 0, k=5)
    assert set(ov.on_map) != set(ov.original)  # both kinds exist for this point
    fig = projection_figure(proj.coords, list(data.texts), list(data.labels), focus=ov, labels=False)
    groups = len(set(data.labels))
    assert all((t.marker.opacity or 1) <= 0.3 for t in fig.data[:groups])  # the rest dimmed
    rings = {t.name: t for t in fig.data[groups:] if t.mode == "markers" and t.name != "chosen point"}
    true_rows = {tuple(proj.coords[i]) for i in ov.original}
    map_rows = {tuple(proj.coords[i]) for i in ov.on_map if i not in ov.original}
    true_rings = {xy for n, t in rings.items() if n.startswith("true neighbour") for xy in zip(t.x, t.y, strict=True)}
    map_rings = {
        xy for n, t in rings.items() if n.startswith("near on the map only") for xy in zip(t.x, t.y, strict=True)
    }
    assert true_rings == true_rows and map_rings == map_rows
    colours = {n: t.marker.line.color for n, t in rings.items()}
    assert len(set(colours.values())) == len(colours)  # kept, lost and map-only each their own colour
    # Default zoom: the lines from the point to its true neighbours, in px of a 600 x 450 plot area.
    (x0, x1), (y0, y1) = fig.layout.xaxis.range or (0, 0), fig.layout.yaxis.range or (0, 0)
    if not fig.layout.xaxis.range:  # autorange: the whole map
        (x0, y0), (x1, y1) = proj.coords.min(axis=0), proj.coords.max(axis=0)
    d = (proj.coords[ov.original] - proj.coords[0]) * np.array([600 / (x1 - x0), 450 / (y1 - y0)])
    assert np.median(np.hypot(d[:, 0], d[:, 1])) >= 30
    inside = (proj.coords[[0, *ov.original, *ov.on_map]] >= [x0, y0]) & (
        proj.coords[[0, *ov.original, *ov.on_map]] <= [x1, y1]
    )
    assert inside.all()


def test_on_map_is_the_input_itself_when_every_row_is_shown_and_the_sampled_rows_otherwise():
    whole = ec.project(X, "pca")
    assert whole.on_map(X) is X  # no copy of a big input on every rerun
    sampled = ec.project(X, "pca", max_points=10)
    assert np.array_equal(sampled.on_map(X), X[sampled.indices])
