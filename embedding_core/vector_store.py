"""A vector database for retrieval: Qdrant, in this process by default, or a Qdrant server when configured.

`VectorStore()` holds one collection of its own in memory (``qdrant-client``'s local mode: nothing to
install or run, nothing written to disk, gone when the object is); ``VectorStore("http://host:6333")``
or the ``VECTOR_DB_URL`` environment variable reaches a Qdrant server with the same code, as RAG
tutorials use it: a collection, points with ids, vectors and payloads, and filtered search.

Why Qdrant: ``python -m bench vectorstore`` measured it with LanceDB and Chroma. At the app's size
(a document of at most 150,000 characters, under 1,000 chunks a session) all three answer in
milliseconds; Qdrant's local mode adds 27 MB to the install (Chroma 313 MB, LanceDB 194 MB), answers
exactly (Chroma's HNSW index found 0.52 of the true top 10 among 10k random vectors), and keeps each collection
apart per object. Its local mode is a brute-force search written in Python, so it slows down past
10k points (0.2 s a query, 2 s a filtered one, at 100k): a bigger corpus belongs on a Qdrant server.

Vectors are compared by cosine (Qdrant scales them to unit length on insert), so ``score`` is the
cosine of the query and the point.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ._validate import message
from .errors import EmbeddingCoreError, InvalidParameterError
from .search import check_top_k

__all__ = ["URL_ENV", "KEY_ENV", "StoreHit", "VectorStore", "VectorStoreError"]

#: The environment variable (or deployment secret) with a Qdrant server's URL, e.g. ``http://localhost:6333``.
URL_ENV = "VECTOR_DB_URL"
#: The server's API key, sent only to the server of `URL_ENV`.
KEY_ENV = "VECTOR_DB_API_KEY"
_ID_KEY = "__id"  # a string id's original text, kept in the payload (Qdrant ids are integers or UUIDs)
_NAMESPACE = uuid.UUID("6f1d7a52-3c0e-4a8e-9a51-2f6e1c0b9d10")


class VectorStoreError(EmbeddingCoreError):
    """The vector database refused or could not be reached."""


@dataclass(frozen=True)
class StoreHit:
    """One search result.

    Attributes:
        id: the point's id as it was added.
        score: cosine similarity of the query and the point (higher is closer).
        payload: the payload as it was added.
    """

    id: int | str
    score: float
    payload: dict[str, Any] = field(default_factory=dict)


def _point_id(value: object, i: int) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str | np.integer):
        raise InvalidParameterError(
            message(f"ids[{i}]", "a whole number or a string", type(value).__name__, "Use e.g. the chunk's position.")
        )
    if isinstance(value, str):
        if not value:
            raise InvalidParameterError(message(f"ids[{i}]", "a non-empty string", value, "Give every point an id."))
        return str(uuid.uuid5(_NAMESPACE, value))
    if value < 0:
        raise InvalidParameterError(message(f"ids[{i}]", "0 or more", int(value), "Use the chunk's position."))
    return int(value)


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidParameterError(
            message(
                "vector database URL", "an http:// or https:// address", url[:80], "Use e.g. http://localhost:6333."
            )
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidParameterError(
            message(
                "vector database URL",
                "an address without a user name, password, key or query",
                f"one after the host {parts.hostname!r}",
                f"Give the key as `api_key` or in {KEY_ENV}.",
            )
        )
    return url


class VectorStore:
    """One collection of vectors with ids and payloads, searched by cosine with an optional payload filter.

    Args:
        url: a Qdrant server, e.g. ``"http://localhost:6333"``. Default: ``VECTOR_DB_URL``, else
            an in-memory collection inside this process.
        api_key: the server's key. Default: ``VECTOR_DB_API_KEY``, only for the server of ``VECTOR_DB_URL``.
        collection: the collection's name. Default: ``"chunks"`` in memory; on a server a fresh
            ``"rag-<random>"``, so two sessions never share one (`close` deletes it).
        timeout: seconds to wait for a server.

    Attributes:
        backend: ``"qdrant"``, the database behind the store.
        location: ``"in this process's memory"`` or the server's host.
        dim: the vectors' dimensions, fixed by the first `add` (0 before).

    Example:
        >>> store = VectorStore()
        >>> store.add([0, 1], np.eye(2, 384), [{"doc": "a"}, {"doc": "b"}])
        >>> store.search(np.eye(1, 384)[0], 1, where={"doc": "a"})
        [StoreHit(id=0, score=1.0, payload={'doc': 'a'})]
    """

    backend = "qdrant"

    def __init__(
        self,
        url: str | None = None,
        *,
        api_key: str | None = None,
        collection: str | None = None,
        timeout: float = 10.0,
    ):
        from qdrant_client import QdrantClient

        env_url = os.environ.get(URL_ENV, "").strip()
        url = url if url is not None else env_url
        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and 0 < timeout <= 300):
            raise InvalidParameterError(message("timeout", "between 0 and 300 seconds", timeout, "Use e.g. 10."))
        self.dim = 0
        self._owned = False
        if url:
            self.url = _check_url(url)
            self.location = urlsplit(self.url).netloc
            if api_key is None:  # the environment's key goes only to the environment's server
                api_key = os.environ.get(KEY_ENV) if env_url and self.url == _check_url(env_url) else None
            self.collection = collection or f"rag-{uuid.uuid4().hex[:12]}"
            self._owned = collection is None
            self._client = QdrantClient(
                url=self.url, api_key=api_key or None, timeout=int(math.ceil(timeout)), check_compatibility=False
            )
            self._call(self._client.collection_exists, self.collection)
        else:
            self.url = ""
            self.location = "in this process's memory"
            self.collection = collection or "chunks"
            self._client = QdrantClient(":memory:")

    def __repr__(self) -> str:
        return f"VectorStore(backend={self.backend!r}, location={self.location!r}, points={len(self)})"

    def __reduce__(self) -> Any:
        raise TypeError("A VectorStore holds a live database client and cannot be pickled or cached to disk.")

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.url:
            return fn(*args, **kwargs)
        from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

        try:
            return fn(*args, **kwargs)
        except UnexpectedResponse as err:
            code = err.status_code
            hint = "Check the API key (it is never shown back)." if code in (401, 403) else "Check the server's log."
            raise VectorStoreError(
                f"The Qdrant server at {self.location} refused the request (HTTP {code}). {hint}"
            ) from None
        except (ResponseHandlingException, OSError) as err:
            raise VectorStoreError(
                f"Cannot reach the Qdrant server at {self.url} ({type(err).__name__}). Check the address and that "
                f"the server is running, or unset {URL_ENV} to keep the vectors in memory."
            ) from None

    def __len__(self) -> int:
        if not self.dim:
            return 0
        return int(self._call(self._client.count, self.collection, exact=True).count)

    def add(self, ids: Sequence[int | str], vectors: np.ndarray, payloads: Sequence[Mapping[str, Any]] | None = None):
        """Add (or replace, for an existing id) points.

        Args:
            ids: one id per vector: whole numbers ≥ 0 or strings.
            vectors: ``(n, dim)`` array; every add must have the same ``dim``.
            payloads: one dict per vector (JSON values), returned with each hit and used by ``where``.

        Raises:
            InvalidParameterError: lengths differ, a bad id, a zero / NaN vector, a wrong dimension.
            VectorStoreError: the server refused or could not be reached.
        """
        from qdrant_client import models

        x = np.asarray(vectors, dtype=np.float32)
        if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
            raise InvalidParameterError(
                message("vectors", "a 2D array of shape (n, dim)", f"shape {x.shape}", "Pass one row per point.")
            )
        if not np.isfinite(x).all() or not np.linalg.norm(x, axis=1).all():
            raise InvalidParameterError(
                message("vectors", "finite and non-zero", "NaN, infinity or an all-zero row", "Fix or drop those rows.")
            )
        payloads = [{} for _ in ids] if payloads is None else [dict(p) for p in payloads]
        if not (len(ids) == len(x) == len(payloads)):
            raise InvalidParameterError(
                message(
                    "ids, vectors and payloads",
                    "of the same length",
                    f"{len(ids)}, {len(x)} and {len(payloads)}",
                    "Pass one id and one payload per vector.",
                )
            )
        if self.dim and x.shape[1] != self.dim:
            raise InvalidParameterError(
                message("vectors", f"{self.dim}-dimensional like the points stored", x.shape[1], "Use the same model.")
            )
        point_ids = [_point_id(v, i) for i, v in enumerate(ids)]
        for raw, payload in zip(ids, payloads, strict=True):
            if _ID_KEY in payload:
                raise InvalidParameterError(message("payload", f"free of the key {_ID_KEY!r}", _ID_KEY, "Rename it."))
            if isinstance(raw, str):
                payload[_ID_KEY] = raw
        if not self.dim:
            params = models.VectorParams(size=int(x.shape[1]), distance=models.Distance.COSINE)
            if not self._call(self._client.collection_exists, self.collection):
                self._call(self._client.create_collection, self.collection, vectors_config=params)
            self.dim = int(x.shape[1])
        batch = models.Batch(ids=point_ids, vectors=x.tolist(), payloads=payloads)
        self._call(self._client.upsert, self.collection, points=batch, wait=True)

    def search(self, vector: np.ndarray, top_k: int = 5, where: Mapping[str, Any] | None = None) -> list[StoreHit]:
        """The `top_k` points closest to `vector` by cosine, best first.

        Args:
            vector: ``(dim,)`` query vector (or ``(1, dim)``).
            top_k: how many hits (fewer if fewer points match).
            where: payload filter: ``{"key": value}`` keeps points whose payload has that value;
                ``{"key": [a, b]}`` any of them; several keys must all match.

        Raises:
            InvalidParameterError: a wrong dimension, a zero or NaN vector, `top_k` < 1, a bad filter.
            VectorStoreError: the server refused or could not be reached.
        """
        from qdrant_client import models

        k = check_top_k(top_k)
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        if not self.dim:
            return []
        if q.shape[0] != self.dim:
            raise InvalidParameterError(
                message(
                    "vector", f"{self.dim}-dimensional like the points", q.shape[0], "Embed it with the same model."
                )
            )
        if not np.isfinite(q).all() or not q.any():
            raise InvalidParameterError(message("vector", "finite and non-zero", "another", "Embed a real query."))
        query_filter = None
        if where:
            if not isinstance(where, Mapping):
                raise InvalidParameterError(message("where", "a dict", type(where).__name__, 'Use {"key": value}.'))
            must = []
            for key, value in where.items():
                if isinstance(value, list | tuple | set):
                    match: Any = models.MatchAny(any=list(value))
                elif isinstance(value, bool | int | str):
                    match = models.MatchValue(value=value)
                else:
                    raise InvalidParameterError(
                        message(f"where[{key!r}]", "a string, whole number or list", value, "Filter on exact values.")
                    )
                must.append(models.FieldCondition(key=str(key), match=match))
            query_filter = models.Filter(must=must)
        result = self._call(
            self._client.query_points,
            self.collection,
            query=q.tolist(),
            limit=k,
            query_filter=query_filter,
            with_payload=True,
        )
        hits = []
        for p in result.points:
            payload = dict(p.payload or {})
            original = payload.pop(_ID_KEY, p.id)
            hits.append(StoreHit(original, float(p.score), payload))
        return hits

    def close(self) -> None:
        """Let the store go: a server collection this store created is deleted; memory is freed."""
        if self._owned and self.dim:
            self._call(self._client.delete_collection, self.collection)
            self._owned = False
        self._client.close()

    def __enter__(self) -> VectorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
