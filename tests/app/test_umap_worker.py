"""UMAP for the app runs in its worker process: the same maps as in the server, texts placed on them,
the server process never importing umap, and a fallback to the server when the worker is gone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import embedding_core as ec
import ui.projection as ui_projection
import ui.umap_worker as umap_worker
from tests.app.helpers import ROOT, exceptions, open_page
from ui.umap_worker import UmapWorker, WorkerModel

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    data = ec.load_dataset("word_sets")
    return ec.dataset_vectors(data, ec.load_model("minilm"))


@pytest.fixture(scope="module")
def worker():
    w = UmapWorker(mode="on")  # the default: no large warm-up
    assert w.start()
    yield w
    w.stop()


def test_a_fit_in_the_worker_is_the_fit_in_this_process_and_places_texts(worker, vectors):
    remote = worker.run("project", vectors, "umap", n_components=2, random_state=0, n_neighbors=10)
    local = ec.project(vectors, "umap", n_components=2, random_state=0, n_neighbors=10)
    assert worker.alive and isinstance(remote.estimator, WorkerModel)
    np.testing.assert_allclose(remote.coords, local.coords, atol=1e-4)
    assert remote.params == local.params and remote.adjustments == local.adjustments
    assert remote.can_transform and remote.transform_ready
    new = vectors[:3] + 0.01
    np.testing.assert_allclose(remote.transform(new), local.transform(new), atol=1e-4)
    placed = ec.place_query(remote, vectors, vectors[0])
    assert placed.how == "transform" and np.isfinite(placed.xy).all()


def test_search_maps_and_errors_come_back_from_the_worker(worker, vectors):
    remote = worker.run("fit_search_map", vectors, method="umap", max_fit=200)
    local = ec.fit_search_map(vectors, method="umap", max_fit=200)
    np.testing.assert_allclose(remote.coords, local.coords, atol=1e-4)
    assert remote.n_fitted == local.n_fitted == 200
    dropped = worker.run("project", vectors, "umap", keep=False, random_state=0)
    assert dropped.estimator is None and len(dropped.coords) == len(vectors)  # the worker keeps no model
    with pytest.raises(ec.EmbeddingCoreError, match="`min_dist` must be"):
        worker.run("project", vectors, "umap", min_dist=7.0)
    assert worker.alive  # a bad request is an error for the page, not the end of the worker


def test_a_lazy_model_is_fitted_in_the_worker_on_its_first_placement(worker, vectors):
    model = worker.lazy_model("project", vectors, "umap", n_components=2, random_state=0)
    assert not model.ready
    local = ec.project(vectors, "umap", n_components=2, random_state=0).estimator
    np.testing.assert_allclose(model.transform(vectors[:2]), local.transform(vectors[:2]), atol=1e-4)
    assert model.ready


def test_a_worker_that_cannot_start_falls_back_to_this_process(vectors, capsys):
    broken = UmapWorker(command=["/nonexistent/python"])
    assert not broken.start() and broken.failed and broken.warmed.is_set()
    result = broken.run("project", vectors, "umap", random_state=0)
    assert not isinstance(result.estimator, WorkerModel) and result.can_transform
    np.testing.assert_allclose(result.coords, ec.project(vectors, "umap", random_state=0).coords, atol=1e-4)
    assert "UMAP runs in the server process" in capsys.readouterr().err
    assert UmapWorker(mode="off").failed and not UmapWorker(mode="off").start()


def test_a_worker_that_dies_falls_back_and_its_maps_still_place_texts(vectors):
    w = UmapWorker(mode="on")
    assert w.start()
    remote = w.run("project", vectors, "umap", random_state=0)
    w._proc.kill()  # the child dies (out of memory, killed by the host)
    w._proc.wait()
    local = ec.project(vectors, "umap", random_state=0)
    np.testing.assert_allclose(remote.transform(vectors[:2]), local.transform(vectors[:2]), atol=1e-4)
    again = w.run("project", vectors, "umap", random_state=0)  # now fitted here, without an error
    assert not w.alive and "stopped" in w.failed
    np.testing.assert_allclose(again.coords, local.coords, atol=1e-4)


def test_the_maps_page_draws_umap_without_an_error_when_the_worker_is_gone(monkeypatch):
    monkeypatch.setattr(umap_worker, "_worker", UmapWorker(command=["/nonexistent/python"]))
    monkeypatch.setitem(ui_projection._state, "thread", None)
    ui_projection._vectors_projection.cached.clear()
    at = open_page("pages/projections.py", model="minilm")
    at.selectbox(key="projection_source").select("__typed__").run()
    at.radio(key="projection_method").set_value("umap").run()
    assert not exceptions(at) and not at.error
    assert umap_worker.worker().failed


def test_the_server_process_never_imports_umap_to_draw_a_umap_map():
    """In a fresh process (as the server is): the Maps page's UMAP of typed texts, then placing a text."""
    script = textwrap.dedent(
        """
        import sys
        from tests.app.helpers import exceptions, open_page
        import ui.umap_worker as w
        at = open_page("pages/projections.py", model="minilm")
        at.selectbox(key="projection_source").select("__typed__").run()
        at.radio(key="projection_method").set_value("umap").run()
        assert not exceptions(at) and not at.error, (exceptions(at), [e.value for e in at.error])
        assert w.worker().alive and w.worker().status.get("small_s"), w.worker().failed
        print("UMAP-IN-SERVER", "umap" in sys.modules, "numba" in sys.modules)
        """
    )
    env = {**os.environ, "EMBEDDINGS_EXPLORER_UMAP_WORKER": "on", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "UMAP-IN-SERVER False False" in out.stdout


def test_the_large_umap_spinner_says_what_waits(monkeypatch):
    class Busy:
        def large_ready(self):
            return False

    monkeypatch.setattr(ui_projection, "_large_umap_done", ui_projection.threading.Event())
    monkeypatch.setattr(ui_projection, "worker", lambda: Busy())
    monkeypatch.setitem(ui_projection._state, "thread", "worker")
    label = ui_projection.run_label("umap", 5_000, 5_000)
    assert "still being compiled in the background" in label and f"about {ui_projection.LARGE_WARMUP_S} s" in label
    Busy.large_ready = lambda self: True
    assert ui_projection.run_label("umap", 5_000, 5_000) == "Running UMAP on 5,000 points…"
