"""The Maps page draws a built-in dataset's shipped map without fitting, with the numbers a fit gives."""

import shutil

import numpy as np
import pytest

import embedding_core as ec
import embedding_core.projection as projection
import embedding_core.shipped_maps as shipped_maps
import ui.projection as ui_projection
import ui.umap_worker as umap_worker
from tests.app.helpers import exceptions, open_page


@pytest.fixture
def fits(monkeypatch):
    """Count the fits `project` makes per method; the app's map caches start empty.

    UMAP runs in this process (the worker turned off), where the fits can be counted.
    """
    monkeypatch.setattr(umap_worker, "_worker", umap_worker.UmapWorker(mode="off"))
    for fn in (ui_projection._builtin_projection, ui_projection._shipped_projection, ui_projection._trust):
        fn.cached.clear()
    calls: dict[str, list[int]] = {name: [] for name in projection._FIT}
    for name, fit in list(projection._FIT.items()):

        def spy(*args, _fit=fit, _name=name):
            calls[_name].append(len(args[0]))  # rows fitted (the app's UMAP warm-up fits 40 of its own)
            return _fit(*args)

        monkeypatch.setitem(projection._FIT, name, spy)
    yield calls
    for fn in (ui_projection._builtin_projection, ui_projection._shipped_projection, ui_projection._trust):
        fn.cached.clear()


def _word_sets():
    data = ec.load_dataset("word_sets")
    return data.texts, ec.dataset_vectors(data, ec.load_model("minilm"))


def _trust_shown(at) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Trustworthiness"))


def _map_page(method: str):
    at = open_page("pages/projections.py")
    at.selectbox(key="projection_source").select("word_sets").run()
    if method != "pca":
        at.radio(key="projection_method").set_value(method).run()
    assert not exceptions(at)
    return at


@pytest.mark.parametrize("method", ["pca", "tsne", "umap"])
def test_a_built_in_map_at_the_defaults_is_the_shipped_one_with_no_fit(fits, method):
    at = _map_page(method)
    texts, vectors = _word_sets()
    assert len(texts) not in fits[method]
    shipped = ec.shipped_map("word_sets", texts, "minilm", vectors, method)
    assert _trust_shown(at) == f"{ec.trustworthiness(vectors, shipped.coords):.2f}"


def test_the_pca_numbers_on_the_page_are_those_of_a_fresh_fit(fits):
    at = _map_page("pca")
    _, vectors = _word_sets()
    assert 357 not in fits["pca"]  # (the page's typed example, drawn first, is fitted)
    fresh = ec.project(vectors, "pca", random_state=0)
    assert _trust_shown(at) == f"{ec.trustworthiness(vectors, fresh.coords):.2f}"


def test_another_seed_computes_the_map_as_before(fits):
    at = _map_page("pca")
    at.button(key="projection_new_seed").click().run()
    assert not exceptions(at)
    assert fits["pca"].count(357) == 1  # the seed is part of the request: no shipped map for it


def test_a_damaged_shipped_map_is_computed_with_no_error(fits, tmp_path, monkeypatch):
    folder = tmp_path / "maps"
    shutil.copytree(shipped_maps.MAPS_DIR, folder)
    np.save(folder / "word_sets__minilm__pca_2d.npy", np.zeros((3, 2)))
    (folder / "word_sets__minilm__tsne_2d.npy").write_bytes(b"\x93NUMPY broken")
    monkeypatch.setattr(shipped_maps, "MAPS_DIR", folder)
    at = _map_page("pca")
    assert not exceptions(at) and not at.error
    assert fits["pca"].count(357) == 1
    _, vectors = _word_sets()
    assert _trust_shown(at) == f"{ec.trustworthiness(vectors, ec.project(vectors, 'pca').coords):.2f}"


def test_placing_a_new_text_on_a_shipped_umap_map_waits_until_asked(fits):
    at = _map_page("umap")
    assert 357 not in fits["umap"]  # the closed "Predict first" box does not fit the model behind the map
    assert at.text_input(key="projection_predict_text").value


def test_the_first_large_umap_says_what_it_costs_once(monkeypatch):
    """Without the UMAP worker, the first large UMAP compiles in the server: the spinner says so."""
    monkeypatch.setattr(ui_projection, "_large_umap_done", ui_projection.threading.Event())
    monkeypatch.setitem(ui_projection._state, "thread", None)
    first = ui_projection.run_label("umap", 5_000, 5_000)
    assert f"about {ui_projection.FIRST_LARGE_UMAP_S} s" in first and "4,096 or more points" in first
    assert "compiles" not in ui_projection.run_label("umap", 4_095, 4_095)
    assert "compiles" not in ui_projection.run_label("tsne", 3_000, 3_000)
    ui_projection._large_umap_done.set()
    assert ui_projection.run_label("umap", 5_000, 5_000) == "Running UMAP on 5,000 points…"
