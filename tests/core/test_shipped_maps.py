"""The maps shipped in data/maps/: current, equal to a fresh computation, and ignored when they do not match."""

import json
import shutil

import numpy as np
import pytest

import embedding_core as ec
import embedding_core.projection as projection
import embedding_core.shipped_maps as shipped_maps

MANIFEST = json.loads(shipped_maps.MAPS_MANIFEST.read_text())


@pytest.fixture(scope="module")
def minilm():
    return ec.load_model("minilm")


def same_map_but_coords(a: ec.Projection, b: ec.Projection) -> bool:
    """Everything a page reads from a map besides its coordinates is the same."""
    return (
        (a.method, a.n_components, a.params, a.adjustments, a.n_input, a.n_fitted)
        == (b.method, b.n_components, b.params, b.adjustments, b.n_input, b.n_fitted)
        and np.array_equal(a.indices, b.indices)
        and a.can_transform == b.can_transform
    )


def _request(dataset: str, model: ec.Embedder) -> tuple[list[str], np.ndarray]:
    data = ec.load_dataset(dataset)
    return data.texts, ec.dataset_vectors(data, model)


@pytest.fixture
def fits(monkeypatch):
    """Count every fit `project` makes, per method (a spy on the fitting functions)."""
    calls: dict[str, list[int]] = {name: [] for name in projection._FIT}
    for name, fit in list(projection._FIT.items()):

        def spy(*args, _fit=fit, _name=name):
            calls[_name].append(len(args[0]))  # rows fitted (the app's UMAP warm-up fits 40 of its own)
            return _fit(*args)

        monkeypatch.setitem(projection._FIT, name, spy)
    return calls


def test_every_bundled_model_dataset_method_and_dimension_is_shipped():
    expected = {
        shipped_maps.map_file(d, m, method, k)
        for m in ec.BUNDLED_MODELS
        for d in ec.list_datasets()
        for method in ec.PROJECTION_METHODS
        for k in (2, 3)
    }
    assert set(MANIFEST) == expected
    assert all((shipped_maps.MAPS_DIR / name).exists() for name in expected)


@pytest.mark.parametrize("model_name", list(ec.BUNDLED_MODELS))
def test_shipped_maps_are_current_for_todays_data_models_and_libraries(model_name):
    """Fails when a dataset, a model or a library changed without `python -m data.build_maps`."""
    model = ec.load_model(model_name)
    for dataset in ec.list_datasets():
        texts, vectors = _request(dataset, model)
        for method in ec.PROJECTION_METHODS:
            for k in (2, 3):
                found = ec.shipped_map(dataset, texts, model_name, vectors, method, n_components=k)
                assert found is not None, (dataset, method, k)


@pytest.mark.parametrize("dataset", ["word_sets", "sentence_sets", "job_listings"])
@pytest.mark.parametrize("k", [2, 3])
def test_a_shipped_pca_map_equals_a_fresh_one_and_is_read_without_a_fit(minilm, fits, dataset, k):
    texts, vectors = _request(dataset, minilm)
    found = ec.shipped_map(dataset, texts, "minilm", vectors, "pca", n_components=k)
    assert len(vectors) not in fits["pca"] + fits["tsne"] + fits["umap"]
    fresh = ec.project(vectors, "pca", n_components=k, random_state=0)
    assert fits["pca"] == [len(vectors)]  # the spy sees a fit
    assert np.array_equal(found.coords, fresh.coords)
    assert np.array_equal(found.explained_variance_ratio, fresh.explained_variance_ratio)
    assert same_map_but_coords(found, fresh)
    assert ec.trustworthiness(vectors, found.coords) == ec.trustworthiness(vectors, fresh.coords)


def test_a_shipped_pca_map_places_new_points_as_a_fresh_one_does(minilm):
    texts, vectors = _request("word_sets", minilm)
    found = ec.shipped_map("word_sets", texts, "minilm", vectors, "pca")
    assert found.can_transform and not found.transform_ready  # fitted on first use
    new = minilm.embed(["a puppy", "a lorry"])
    placed = found.transform(new)
    assert found.transform_ready
    assert np.allclose(placed, ec.project(vectors, "pca", random_state=0).transform(new), atol=1e-12)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_a_shipped_tsne_or_umap_map_gives_the_page_the_numbers_a_fresh_one_gives(minilm, method):
    texts, vectors = _request("word_sets", minilm)
    found = ec.shipped_map("word_sets", texts, "minilm", vectors, method)
    fresh = ec.project(vectors, method, random_state=0)
    assert same_map_but_coords(found, fresh)
    # On the machine that built the maps the coordinates agree to 1e-4; another CPU's BLAS rounds
    # differently and t-SNE/UMAP amplify that, so what must hold everywhere is a map of the same quality.
    assert found.coords.shape == fresh.coords.shape
    assert abs(ec.trustworthiness(vectors, found.coords) - ec.trustworthiness(vectors, fresh.coords)) < 0.03


@pytest.mark.parametrize(
    "change",
    [
        {"random_state": 1},
        {"n_components": 3, "random_state": 7},
        {"perplexity": 20},
        {"max_iter": 1250},
        {"init": "random"},
        {"max_points": 100},
    ],
)
def test_another_setting_or_seed_finds_no_shipped_t_sne_map(minilm, change):
    texts, vectors = _request("word_sets", minilm)
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "tsne", **change) is None


@pytest.mark.parametrize(
    "change", [{"n_neighbors": 10}, {"min_dist": 0.5}, {"metric": "euclidean"}, {"random_state": None}]
)
def test_another_umap_setting_finds_no_shipped_map(minilm, change):
    texts, vectors = _request("word_sets", minilm)
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "umap", **change) is None


def test_the_defaults_written_out_or_as_other_number_types_still_match(minilm):
    texts, vectors = _request("word_sets", minilm)
    spelled = {"perplexity": 30, "learning_rate": "auto", "max_iter": 1000, "init": "pca"}  # the slider's int 30
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "tsne", max_points=3000, **spelled) is not None


def test_other_texts_vectors_or_model_find_no_shipped_map(minilm):
    texts, vectors = _request("word_sets", minilm)
    edited = [*texts[:-1], texts[-1] + "s"]
    assert ec.shipped_map("word_sets", edited, "minilm", vectors, "pca") is None
    nudged = vectors.copy()
    nudged[0, 0] += 1e-6
    assert ec.shipped_map("word_sets", texts, "minilm", nudged, "pca") is None
    assert ec.shipped_map("word_sets", texts, "sentence-transformers/all-mpnet-base-v2", vectors, "pca") is None


def test_a_library_version_change_makes_the_map_stale(minilm, monkeypatch):
    texts, vectors = _request("word_sets", minilm)
    real = shipped_maps._versions
    monkeypatch.setattr(shipped_maps, "_versions", lambda method: {**real(method), "scikit-learn": "0.0"})
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "pca") is None


@pytest.fixture
def copy_of_maps(tmp_path, monkeypatch):
    folder = tmp_path / "maps"
    shutil.copytree(shipped_maps.MAPS_DIR, folder)
    monkeypatch.setattr(shipped_maps, "MAPS_DIR", folder)
    monkeypatch.setattr(shipped_maps, "MAPS_MANIFEST", folder / "maps.json")
    return folder


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: (f / "word_sets__minilm__pca_2d.npy").write_bytes(b"not a numpy file"),
        lambda f: (f / "word_sets__minilm__pca_2d.npy").unlink(),
        lambda f: np.save(f / "word_sets__minilm__pca_2d.npy", np.zeros((357, 3))),  # wrong shape
        lambda f: np.save(f / "word_sets__minilm__pca_2d.npy", np.zeros((357, 2), dtype=np.float16)),
        lambda f: np.save(f / "word_sets__minilm__pca_2d.npy", np.full((357, 2), np.nan)),
        lambda f: np.save(f / "word_sets__minilm__pca_2d.npy", np.array([object()] * 714).reshape(357, 2)),
        lambda f: (f / "maps.json").write_text("{ not json"),
        lambda f: (f / "maps.json").write_text("[1, 2]"),
        lambda f: (f / "maps.json").unlink(),
    ],
    ids=["garbage", "missing", "shape", "float16", "nan", "pickle", "manifest-garbage", "manifest-list", "no-manifest"],
)
def test_a_damaged_file_is_ignored_without_an_error(minilm, copy_of_maps, damage):
    texts, vectors = _request("word_sets", minilm)
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "pca") is not None
    damage(copy_of_maps)
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "pca") is None


@pytest.mark.parametrize(
    "edit",
    [
        {"fingerprint": "0" * 64},
        {"params": "not a dict"},
        {"explained_variance_ratio": ["a", "b"]},
    ],
    ids=["stale-fingerprint", "bad-params", "bad-ratio"],
)
def test_a_stale_or_damaged_manifest_entry_is_ignored(minilm, copy_of_maps, edit):
    texts, vectors = _request("word_sets", minilm)
    manifest = json.loads((copy_of_maps / "maps.json").read_text())
    manifest["word_sets__minilm__pca_2d.npy"].update(edit)
    (copy_of_maps / "maps.json").write_text(json.dumps(manifest))
    assert ec.shipped_map("word_sets", texts, "minilm", vectors, "pca") is None
