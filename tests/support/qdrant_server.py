"""A small stand-in for a Qdrant server on 127.0.0.1, speaking the part of its REST API that `VectorStore` uses.

The real Qdrant server is a separate program (Rust), not a package on PyPI or Debian, so it cannot be
installed here. This stand-in answers the same HTTP requests the official `qdrant-client` sends
(``GET /collections/{c}/exists``, ``PUT /collections/{c}``, ``PUT /collections/{c}/points``,
``POST /collections/{c}/points/count``, ``POST /collections/{c}/points/query``,
``DELETE /collections/{c}``) with Qdrant's JSON shapes, so the client-server path of `VectorStore`
(the same code, with ``url=``) is tested end to end over HTTP. Search is exact cosine in numpy; it
does not imitate Qdrant's HNSW index.

Knobs: ``api_key`` (a wrong ``api-key`` header gets 401, as Qdrant answers), and ``seen``, the
requests received (method, path, whether the key was right).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .loopback import LoopbackServer


@dataclass
class _Collection:
    dim: int
    points: dict[Any, tuple[np.ndarray, dict]] = field(default_factory=dict)


@dataclass
class QdrantStandIn(LoopbackServer):
    """Serve collections at ``http://127.0.0.1:<port>``."""

    api_key: str | None = None
    collections: dict[str, _Collection] = field(default_factory=dict)
    seen: list[tuple[str, str, bool]] = field(default_factory=list)

    methods = ("GET", "PUT", "POST", "DELETE")

    def __post_init__(self) -> None:
        self._open()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def respond(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict, dict[str, str]]:
        key_ok = self.api_key is None or headers.get("api-key") == self.api_key
        with self._lock:
            self.seen.append((method, path.split("?")[0], key_ok))
            if not key_ok:
                return 401, {"status": {"error": "Must provide an API key or an Authorization bearer token"}}, {}
            try:
                payload = json.loads(body) if body else {}
                result = self._route(method, path.split("?")[0], payload)
                return 200, {"result": result, "status": "ok", "time": 0.0}, {}
            except KeyError as err:
                return 404, {"status": {"error": f"Not found: {err}"}}, {}

    def _route(self, method: str, path: str, body: dict) -> Any:
        m = re.fullmatch(r"/collections/([^/]+)(/.*)?", path)
        if not m:
            raise KeyError(path)
        name, rest = m.group(1), m.group(2) or ""
        if (method, rest) == ("GET", "/exists"):
            return {"exists": name in self.collections}
        if (method, rest) == ("PUT", ""):
            self.collections[name] = _Collection(int(body["vectors"]["size"]))
            return True
        if (method, rest) == ("DELETE", ""):
            return self.collections.pop(name, None) is not None
        col = self.collections[name]
        if (method, rest) == ("PUT", "/points"):
            batch = body["batch"]
            for pid, vec, payload in zip(batch["ids"], batch["vectors"], batch["payloads"], strict=True):
                v = np.asarray(vec, dtype=np.float32)
                col.points[pid] = (v / np.linalg.norm(v), payload or {})
            return {"operation_id": 0, "status": "completed"}
        if (method, rest) == ("POST", "/points/count"):
            return {"count": len(col.points)}
        if (method, rest) == ("POST", "/points/query"):
            query = body["query"]
            q = np.asarray(query["nearest"] if isinstance(query, dict) else query, dtype=np.float32)
            q = q / np.linalg.norm(q)
            rows = [(pid, float(v @ q), p) for pid, (v, p) in col.points.items() if _matches(p, body.get("filter"))]
            rows.sort(key=lambda r: -r[1])
            return {"points": [{"id": i, "version": 0, "score": s, "payload": p} for i, s, p in rows[: body["limit"]]]}
        raise KeyError(path)


def _matches(payload: dict, flt: dict | None) -> bool:
    for cond in (flt or {}).get("must") or []:
        value, match = payload.get(cond["key"]), cond["match"]
        if "value" in match and value != match["value"]:
            return False
        if "any" in match and value not in match["any"]:
            return False
    return True
