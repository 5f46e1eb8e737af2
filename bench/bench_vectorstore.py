"""Choosing the vector database: Qdrant (local mode), Chroma (embedded and its server), LanceDB, and ours.

Every candidate runs in a fresh interpreter (cold imports, its own memory), with the same random
unit vectors of 384 dimensions (MiniLM's) and a payload per vector ({"chunk": i, "doc": "d<i % 10>"}),
inserted in batches of 1,000 as a RAG app adds chunks. Figures against the bare baseline measured
in the same run:

- install size: what the package adds on top of the app's own requirements (its files and the
  dependencies the app does not already have), against numpy's own install;
- import time in a fresh process, against ``import numpy`` (for ours: import and the first ``VectorStore()``);
- insert time for 1k, 10k and 100k vectors, against scaling the rows to unit length in numpy;
- query latency (top 10 of n, mean of 50 queries), unfiltered and with a payload filter (1 in 10
  points match), against numpy matmul + argpartition; and recall@10 against that exact answer;
- memory added by holding 100k vectors, against the bytes of the float32 array.

Chroma is measured from a separate virtual environment when it is not in this Python (its install
upgrades pydantic and others): set ``CHROMA_PYTHON`` to that interpreter. Its server (``chroma run``)
is measured over loopback. Qdrant's server is a separate program, not a Python package, so it
cannot be installed from the registries here and is not measured.

Run: ``python -m bench vectorstore`` (about 30 minutes on 2 shared cores; Chroma's inserts take most of it).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Row

#: 1,000 is about the app's size (the document limit gives under 1,000 chunks); 10k and 100k test scale.
SIZES = (1_000, 10_000, 100_000)
DIM = 384

_WORKER = r"""
import gc, json, os, sys, time
os.environ["ANONYMIZED_TELEMETRY"] = "False"
backend, sizes, dim, port = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
t0 = time.perf_counter()
if backend == "numpy":
    import numpy
elif backend == "ours":
    from embedding_core.vector_store import VectorStore
    VectorStore()  # qdrant_client is imported when the first store is made
elif backend.startswith("chroma"):
    import chromadb
elif backend == "qdrant":
    import qdrant_client
elif backend == "lancedb":
    import lancedb
import_s = time.perf_counter() - t0
import numpy as np
import psutil

out = {"import_s": import_s, "sizes": {}}
proc = psutil.Process()
rng = np.random.default_rng(0)


def unit(x):
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def exact(x, q, k, mask=None):
    s = x @ q
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    top = np.argpartition(-s, k - 1)[:k]
    return top[np.argsort(-s[top])]


class Numpy:
    def __init__(self):
        self.parts = []
    def add(self, ids, vecs, payloads):
        self.parts.append(unit(vecs))
    def finish(self):
        self.x = np.concatenate(self.parts)
        self.parts = []
    def search(self, q, k, doc=None):
        return [int(i) for i in exact(self.x, q / np.linalg.norm(q), k)]


class Ours:
    def __init__(self):
        from embedding_core.vector_store import VectorStore
        self.s = VectorStore()
    def add(self, ids, vecs, payloads):
        self.s.add(ids, vecs, payloads)
    def finish(self):
        pass
    def search(self, q, k, doc=None):
        return [h.id for h in self.s.search(q, k, where={"doc": doc} if doc else None)]


class Qdrant:
    def __init__(self):
        from qdrant_client import QdrantClient, models
        self.m = models
        self.c = QdrantClient(":memory:")
        self.c.create_collection("bench", vectors_config=models.VectorParams(size=dim, distance=models.Distance.COSINE))
    def add(self, ids, vecs, payloads):
        self.c.upsert("bench", points=self.m.Batch(ids=ids, vectors=vecs.tolist(), payloads=payloads), wait=True)
    def finish(self):
        pass
    def search(self, q, k, doc=None):
        f = None
        if doc:
            f = self.m.Filter(must=[self.m.FieldCondition(key="doc", match=self.m.MatchValue(value=doc))])
        return [p.id for p in self.c.query_points("bench", query=q.tolist(), limit=k, query_filter=f).points]


class Chroma:
    def __init__(self, server):
        import chromadb
        from chromadb.config import Settings
        settings = Settings(anonymized_telemetry=False)
        if server:
            self.c = chromadb.HttpClient(host="127.0.0.1", port=int(port), settings=settings)
        else:
            self.c = chromadb.EphemeralClient(settings=settings)
        self.col = self.c.create_collection(
            f"bench-{time.time_ns()}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
    def add(self, ids, vecs, payloads):
        self.col.add(ids=[str(i) for i in ids], embeddings=vecs, metadatas=payloads)
    def finish(self):
        pass
    def search(self, q, k, doc=None):
        r = self.col.query(query_embeddings=q[None, :], n_results=k, where={"doc": doc} if doc else None)
        return [int(i) for i in r["ids"][0]]


class Lance:
    def __init__(self):
        import lancedb
        self.db = lancedb.connect("memory://")
        self.t = None
    def add(self, ids, vecs, payloads):
        import pyarrow as pa
        vec = pa.FixedSizeListArray.from_arrays(pa.array(vecs.ravel(), type=pa.float32()), dim)
        chunk, doc = [p["chunk"] for p in payloads], [p["doc"] for p in payloads]
        tab = pa.table({"id": ids, "vector": vec, "chunk": chunk, "doc": doc})
        if self.t is None:
            self.t = self.db.create_table("bench", data=tab)
        else:
            self.t.add(tab)
    def finish(self):
        pass
    def search(self, q, k, doc=None):
        s = self.t.search(q).metric("cosine").limit(k)
        if doc:
            s = s.where(f"doc = '{doc}'", prefilter=True)
        return [int(r["id"]) for r in s.to_list()]


def make():
    if backend == "numpy":
        return Numpy()
    if backend == "ours":
        return Ours()
    if backend == "qdrant":
        return Qdrant()
    if backend == "lancedb":
        return Lance()
    return Chroma(backend == "chroma-server")


queries = unit(rng.standard_normal((50, dim)))
for n in sizes:
    x = unit(rng.standard_normal((n, dim)))
    ids = list(range(n))
    payloads = [{"chunk": i, "doc": f"d{i % 10}"} for i in ids]
    docs = np.array([p["doc"] for p in payloads])
    gc.collect()
    rss0 = proc.memory_info().rss
    store = make()
    t = time.perf_counter()
    for a in range(0, n, 1000):
        store.add(ids[a:a + 1000], x[a:a + 1000], payloads[a:a + 1000])
    store.finish()
    insert_s = time.perf_counter() - t
    gc.collect()
    rss = proc.memory_info().rss - rss0
    store.search(queries[0], 10)  # warm-up
    t = time.perf_counter()
    got = [store.search(q, 10) for q in queries]
    query_s = (time.perf_counter() - t) / len(queries)
    t = time.perf_counter()
    got_f = [store.search(q, 10, "d3") for q in queries]
    filtered_s = (time.perf_counter() - t) / len(queries)
    recall = np.mean([len(set(g) & set(exact(x, q, 10).tolist())) / 10 for g, q in zip(got, queries)])
    mask = docs == "d3"
    recall_f = np.mean([len(set(g) & set(exact(x, q, 10, mask).tolist())) / 10 for g, q in zip(got_f, queries)])
    out["sizes"][str(n)] = {
        "insert_s": insert_s, "query_s": query_s, "filtered_s": filtered_s,
        "recall": float(recall), "recall_filtered": float(recall_f), "rss_bytes": rss, "array_bytes": x.nbytes,
    }
    del store
    gc.collect()
print(json.dumps(out))
"""

_SIZE = r"""
import json, re, sys
from importlib import metadata
from packaging.requirements import Requirement

def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()

def closure(names):
    seen, todo = set(), [norm(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(norm(req.name))
    return seen

CANDIDATES = {"qdrant-client", "chromadb", "lancedb"}


def size(names):
    total = 0
    for name in names:
        for f in metadata.distribution(name).files or []:
            p = f.locate()
            try:
                total += p.stat().st_size
            except OSError:
                pass
    return total

app = [re.split(r"[=<>~ ]", line)[0] for line in open(sys.argv[2]) if line.strip() and not line.startswith("#")]
# the app without any of the candidates, so each is measured from the same starting point
base = closure([name for name in app if norm(name) not in CANDIDATES])
extra = sorted(closure([sys.argv[1]]) - base)
print(json.dumps({"bytes": size(extra), "packages": extra}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _python_with(module: str) -> str | None:
    """An interpreter that can import `module`: this one, else ``CHROMA_PYTHON`` for chromadb."""
    candidates = [sys.executable]
    if module == "chromadb":
        candidates.append(os.environ.get("CHROMA_PYTHON", "/tmp/rag-chroma-venv/bin/python"))
    for python in candidates:
        if Path(python).exists():
            ok = subprocess.run([python, "-c", f"import {module}"], capture_output=True, timeout=300).returncode == 0
            if ok:
                return python
    return None


def _worker(python: str, backend: str, port: int = 0) -> dict:
    args = [python, "-c", _WORKER, backend, json.dumps(SIZES), str(DIM), str(port)]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"{backend}: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _install_size(python: str, dist: str) -> dict:
    out = subprocess.run(
        [python, "-c", _SIZE, dist, str(ROOT / "requirements.txt")], capture_output=True, text=True, timeout=300
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout)


def _numpy_size() -> int:
    import numpy

    folder = Path(numpy.__file__).parent
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _chroma_server(python: str) -> tuple[subprocess.Popen, int, str]:
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="bench-chroma-")
    chroma = str(Path(python).parent / "chroma")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [chroma, "run", "--path", folder, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port, folder
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("chroma run did not listen within 120 s")


def _rows(label: str, res: dict, ref: dict, install: dict | None, numpy_bytes: int) -> list[Row]:
    rows = []
    if install is not None:
        rows.append(
            Row(
                f"{label}: install size added to the app ({len(install['packages'])} packages)",
                install["bytes"] / 1e6,
                "MB",
                reference=numpy_bytes / 1e6,
                reference_name="numpy's own install",
                goal="informative",
            )
        )
    rows.append(
        Row(
            f"{label}: import{' + first store' if install is None and 'VectorStore' in label else ''}, fresh process",
            res["import_s"],
            "s",
            reference=ref["import_s"],
            reference_name="import numpy",
            goal="informative",
        )
    )
    for n in SIZES:
        ours, bare = res["sizes"][str(n)], ref["sizes"][str(n)]
        rows += [
            Row(
                f"{label}: insert {n:,} × {DIM} with payloads (batches of 1,000)",
                ours["insert_s"],
                "s",
                reference=bare["insert_s"],
                reference_name="numpy unit rows",
                goal="informative",
            ),
            Row(
                f"{label}: query top 10 of {n:,} (recall@10 {ours['recall']:.2f})",
                ours["query_s"] * 1e3,
                "ms",
                reference=bare["query_s"] * 1e3,
                reference_name="numpy matmul + argpartition",
                goal="< 50 ms",
            ),
            Row(
                f"{label}: filtered query top 10 of {n:,}, 1 in 10 match (recall@10 {ours['recall_filtered']:.2f})",
                ours["filtered_s"] * 1e3,
                "ms",
                reference=bare["query_s"] * 1e3,
                reference_name="numpy, unfiltered",
                goal="< 50 ms",
            ),
        ]
    big = res["sizes"][str(SIZES[-1])]
    rows.append(
        Row(
            f"{label}: memory added holding {SIZES[-1]:,} vectors (client process)",
            big["rss_bytes"] / 1e6,
            "MB",
            reference=big["array_bytes"] / 1e6,
            reference_name="the float32 array",
            goal="informative",
        )
    )
    return rows


def run() -> list[Row]:
    ref = _worker(sys.executable, "numpy")
    numpy_bytes = _numpy_size()
    rows: list[Row] = []
    ours = _worker(sys.executable, "ours")
    rows += _rows("ec.VectorStore (default backend)", ours, ref, None, numpy_bytes)
    for label, module, dist, backend in (
        ("Qdrant local (qdrant-client :memory:)", "qdrant_client", "qdrant-client", "qdrant"),
        ("LanceDB (memory://)", "lancedb", "lancedb", "lancedb"),
        ("Chroma embedded (EphemeralClient)", "chromadb", "chromadb", "chroma"),
    ):
        python = _python_with(module)
        if python is None:
            print(f"# {label}: not installed here, skipped", file=sys.stderr)
            continue
        rows += _rows(label, _worker(python, backend), ref, _install_size(python, dist), numpy_bytes)
        if backend == "chroma":
            proc, port, folder = _chroma_server(python)
            try:
                res = _worker(python, "chroma-server", port)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
                shutil.rmtree(folder, ignore_errors=True)
            rows += _rows("Chroma server (chroma run, HTTP over loopback)", res, ref, None, numpy_bytes)
    return rows
