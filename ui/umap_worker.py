"""UMAP fits for the app in one persistent child process, so the server never compiles numba code.

umap-learn's own numba functions are not cached on disk (none uses ``cache=True``), so the first
UMAP in any process compiles them: tens of CPU-seconds holding that process's GIL. The app runs
every UMAP fit in a child (``python -m ui.umap_worker``) at lower CPU priority (``os.nice``), which
warms itself up once started (a 40-point fit, then, in a background thread of the child, placing
points on it; in mode "large" also a fit on `LARGE_WARM` points with a placement, which compiles
pynndescent's approximate search). The server process never imports umap; the attendees' requests
keep its CPU.

A fitted model stays in the child; the server holds a `WorkerModel` (a handle with the request that
made it), whose `transform` places new texts there. If the child cannot start or dies, each call
falls back to the same `embedding_core` function in the server process (slower the first time,
never an error): `WorkerModel.transform` then refits in the server from the request it keeps, with
the same seed, so the map is the same.

This module does not import streamlit (the child imports only it and `embedding_core`). The core
keeps working alone: `embedding_core.project(..., "umap")` fits in-process, as in a notebook.
"""

from __future__ import annotations

import collections
import dataclasses
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

import embedding_core as ec
from embedding_core.projection import ensure_numba_cache_dir

ROOT = Path(__file__).resolve().parents[1]
#: The child's niceness: the server's requests come first on a shared core.
NICE = 10
#: Fitted models the child keeps (least recently used ones are dropped and refitted in the child if needed).
MAX_MODELS = 12
#: Points in the child's second warm-up fit: above UMAP's 4,096-point switch to approximate neighbours.
LARGE_WARM = 4_200
#: The core functions the child runs (both fit a map; `fit_search_map` on unit rows).
FUNCTIONS = ("project", "fit_search_map")


class WorkerUnavailable(RuntimeError):
    """The child could not be started, or it died: run in the server process instead."""


# ----------------------------------------------------------------------------------------- child


class _Child:
    def __init__(self) -> None:
        self.models: collections.OrderedDict[int, Any] = collections.OrderedDict()
        self.next_handle = 1
        self.warm: dict[str, Any] = {"small_s": None, "transform_s": None, "large_s": None, "error": None}

    def _warm_more(self, large: bool) -> None:
        """Compile what later calls need: placing texts (`transform`), and with `large` the 4,096+ path."""
        start = time.thread_time()
        try:
            x = np.random.default_rng(0).normal(size=(40, 8)).astype(np.float32)
            ec.project(x, "umap", n_neighbors=5).transform(x[:2])
            self.warm["transform_s"] = time.thread_time() - start
            if large:
                x = np.random.default_rng(1).normal(size=(LARGE_WARM, 16)).astype(np.float32)
                ec.project(x, "umap", n_neighbors=5).transform(x[:2])  # pynndescent's build and search
                self.warm["large_s"] = time.thread_time() - start - self.warm["transform_s"]
        except Exception as err:  # noqa: BLE001 - a failed warm-up leaves the compile to the first such call
            self.warm["error"] = f"{type(err).__name__}: {err}"

    def handle(self, op: str, args: tuple) -> Any:
        if op == "warm":
            (large,) = args
            start = time.process_time()
            x = np.random.default_rng(0).normal(size=(40, 8)).astype(np.float32)
            ec.project(x, "umap", n_neighbors=5)  # imports umap and compiles its numba code
            self.warm["small_s"] = time.process_time() - start
            threading.Thread(target=self._warm_more, args=(large,), name="umap-warm-more", daemon=True).start()
            return self.warm["small_s"]
        if op == "fit":
            function, fargs, kwargs, keep = args
            if function not in FUNCTIONS:
                raise ValueError(f"unknown function {function!r}")
            result = getattr(ec, function)(*fargs, **kwargs)
            handle = None
            if keep and result.estimator is not None:
                handle = self.next_handle
                self.next_handle += 1
                self._keep(handle, result.estimator)
            return dataclasses.replace(result, estimator=None), handle
        if op == "transform":
            handle, request, x_new = args
            if handle not in self.models:  # dropped to bound memory: fit it again (same seed, same map)
                function, fargs, kwargs = request
                self._keep(handle, getattr(ec, function)(*fargs, **kwargs).estimator)
            self.models.move_to_end(handle)
            return np.asarray(self.models[handle].transform(x_new), dtype=np.float64)
        if op == "status":
            return dict(self.warm)
        raise ValueError(f"unknown operation {op!r}")

    def _keep(self, handle: int, estimator: Any) -> None:
        self.models[handle] = estimator
        while len(self.models) > MAX_MODELS:
            self.models.popitem(last=False)


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: read pickled ``(op, args)`` requests, write ``(ok, value, status)`` replies."""
    child = _Child()
    while True:
        try:
            op, args = pickle.load(requests)
        except EOFError:  # the server closed the pipe (it stopped): stop too
            return
        try:
            reply = (True, child.handle(op, args))
        except Exception as err:  # noqa: BLE001 - sent back and raised in the server
            try:
                pickle.dumps(err)
                reply = (False, err)
            except Exception:  # noqa: BLE001
                reply = (False, RuntimeError(f"{type(err).__name__}: {err}"))
        pickle.dump((*reply, dict(child.warm)), replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def _main() -> None:
    try:
        os.nice(NICE)
    except (OSError, AttributeError):
        pass
    replies = os.fdopen(os.dup(1), "wb")  # the protocol's own pipe; whatever a library prints goes to stderr
    os.dup2(2, 1)
    serve(sys.stdin.buffer, replies)


# ---------------------------------------------------------------------------------------- server


class UmapWorker:
    """The server's side of the child: start it, send it fits and placements, fall back when it is gone.

    One request at a time (a lock): the child fits one map after the other, as a one-core host would.
    """

    def __init__(self, command: list[str] | None = None, *, mode: str | None = None) -> None:
        mode = mode or os.environ.get("EMBEDDINGS_EXPLORER_UMAP_WORKER", "on")
        self.command = command or [sys.executable, "-m", "ui.umap_worker"]
        #: "on" (the default): fits in the child, warmed up for small maps (40 points: 34 CPU-s and 521 MB
        #: of RSS with an empty numba cache); "large": also for maps of 4,096+ points (132 CPU-s in all,
        #: 1,007 MB: memory a small host keeps for uploads, for a path only big uploads take; without it
        #: the first such fit compiles it, announced by its spinner); "off": no child (UMAP in the server).
        self.mode = mode if mode in ("on", "large", "off") else "on"
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self.failed: str | None = None  # why the child is not used (it could not start, or died)
        self.status: dict[str, Any] = {}
        self.warmed = threading.Event()  # the child's small warm-up is done (or the child is not used)
        if self.mode == "off":
            self.failed = "turned off (EMBEDDINGS_EXPLORER_UMAP_WORKER=off)"
            self.warmed.set()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def alive(self) -> bool:
        return self.failed is None and self._proc is not None and self._proc.poll() is None

    def start(self) -> bool:
        """Start the child and its warm-up (in a thread); True when it runs. Safe to call again."""
        with self._lock:
            if self._proc is not None or self.failed is not None:
                return self.alive
            ensure_numba_cache_dir()  # the child inherits the folder (pynndescent's part is cached there)
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
            try:
                self._proc = subprocess.Popen(
                    self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=env
                )
            except (OSError, ValueError) as err:
                self._fail(f"could not start: {err}")
                return False
        threading.Thread(target=self._warm, name="umap-worker-warm", daemon=True).start()
        return True

    def _warm(self) -> None:
        try:
            self.call("warm", self.mode == "large")
        except Exception:  # noqa: BLE001 - the first fit falls back or compiles; never an error here
            pass
        finally:
            self.warmed.set()

    def _fail(self, why: str) -> None:
        self.failed = why
        self.warmed.set()
        print(f"UMAP worker not used ({why}); UMAP runs in the server process.", file=sys.stderr)

    def call(self, op: str, *args: Any, wait: float | None = None) -> Any:
        """Run one operation in the child; raise `WorkerUnavailable` if it is not running or dies.

        With `wait`, give up (`TimeoutError`) when the child is still busy with another request after
        that many seconds.
        """
        if not self._lock.acquire(timeout=-1 if wait is None else wait):
            raise TimeoutError("the UMAP worker is busy")
        try:
            if self.failed is None and self._proc is not None and self._proc.poll() is not None:
                self._fail(f"stopped with exit code {self._proc.returncode}")
            if not self.alive:
                raise WorkerUnavailable(self.failed or "not started")
            assert self._proc is not None and self._proc.stdin is not None and self._proc.stdout is not None
            try:
                pickle.dump((op, args), self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self._proc.stdin.flush()
                ok, value, status = pickle.load(self._proc.stdout)
            except (OSError, EOFError, pickle.UnpicklingError) as err:
                self._fail(f"stopped: {type(err).__name__}")
                self._proc.kill()
                raise WorkerUnavailable(self.failed) from err
        finally:
            self._lock.release()
        self.status = status
        if not ok:
            raise value
        return value

    def large_ready(self) -> bool | None:
        """Whether the child has compiled UMAP's large-map path (its second warm-up); None without one.

        Asks the child when it is free within a moment, else answers from its last reply.
        """
        if not self.alive or self.mode != "large":  # no large warm-up: the first large fit compiles it
            return None
        try:
            self.call("status", wait=0.2)
        except TimeoutError:  # busy with a fit: its last reply says
            pass
        except WorkerUnavailable:
            return None
        return self.status.get("large_s") is not None

    def run(self, function: str, *args: Any, keep: bool = True, **kwargs: Any) -> ec.Projection:
        """``embedding_core.<function>(*args, **kwargs)`` (a map fit), in the child when it runs, else here.

        With `keep`, the fitted model stays in the child (the result's estimator is a `WorkerModel`);
        without, the result has no estimator when fitted in the child (nothing is placed on it later).
        """
        request = (function, args, kwargs)
        if self._proc is None and self.failed is None:
            self.start()
        try:
            result, handle = self.call("fit", *request, keep)
        except WorkerUnavailable:
            return getattr(ec, function)(*args, **kwargs)
        if handle is None:
            return result
        return dataclasses.replace(result, estimator=WorkerModel(self, request, handle))

    def lazy_model(self, function: str, *args: Any, **kwargs: Any) -> WorkerModel:
        """A model fitted (in the child) only when its first `transform` is asked for: for shipped maps."""
        return WorkerModel(self, (function, args, kwargs), None)

    def stop(self) -> None:
        """Stop the child (it also stops by itself when the server's end of its pipe closes)."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()
            self.failed = self.failed or "stopped"


class WorkerModel:
    """A UMAP model kept in the child: `transform` places new rows there (or, without a child, here).

    Holds the request that fitted it (the vectors are the caller's own array, not a copy), so a model
    the child dropped, or lost with the child, is fitted again with the same seed: the same map.
    """

    def __init__(self, worker: UmapWorker, request: tuple[str, tuple, dict], handle: int | None) -> None:
        self._worker = worker
        self._request = request
        self._handle = handle
        self._local: Any = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """True once fitted (a `transform` then runs at once)."""
        return self._handle is not None or self._local is not None

    def transform(self, x_new: np.ndarray) -> np.ndarray:
        with self._lock:
            function, args, kwargs = self._request
            if self._local is None:
                try:
                    if self._handle is None:
                        self._handle = self._worker.call("fit", *self._request, True)[1]
                    return self._worker.call("transform", self._handle, self._request, np.asarray(x_new))
                except WorkerUnavailable:
                    self._local = getattr(ec, function)(*args, **kwargs).estimator
            return np.asarray(self._local.transform(x_new), dtype=np.float64)


_worker = UmapWorker()


def worker() -> UmapWorker:
    """The app's one UMAP worker (started by `ui.projection.start_umap_warmup`)."""
    return _worker


if __name__ == "__main__":
    _main()
