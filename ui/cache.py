"""The one module that decides what is shared between sessions (the only caller of `st.cache_*`).

`scope` says where a result may live. Bundled and hub models are public weights, so their models,
vectors and maps are cached once per server process and shared by every session. A model on an
OpenAI-compatible server is different: its embedder holds this session's API key, and the same model
id may name another server in another session. Its vectors and everything made from them (maps,
indexes, clusters) live in this session's bounded LRU in `st.session_state` only: never in a
cross-session cache, never on disk, gone when the session ends. So do uploads.

Every cached function is declared with `cached`, which routes each call by scope; a caller never
decides the scope::

    @cached(kind="data", model_arg="model_name")
    def builtin_vectors(name: str, model_name: str) -> np.ndarray: ...
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import ctypes
import dataclasses
import functools
import gc
import hashlib
import inspect
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar

import numpy as np
import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

import embedding_core as ec

Scope = Literal["process", "session"]
F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_MODEL = "minilm"
#: Results kept per session (the least recently used go first).
SESSION_ENTRIES = 48
_SESSION = "_cache_session"
_REMOTE = "_remote_models"


class Owned(Protocol):
    """Anything that says whose data it is, as `ui.sources.Owner` does."""

    @property
    def kind(self) -> str: ...

    @property
    def model(self) -> str: ...


def scope(owner: str | Owned | None) -> Scope:
    """Where results made for `owner` may be cached.

    Args:
        owner: a model name, or a data source (its ``kind`` and ``model``); None for results that
            depend on no model and no user data (a built-in dataset's texts, the workshop file).

    Returns:
        ``"process"`` (shared by every session) for bundled and hub models and the built-in data;
        ``"session"`` (this session only) for a server model, which holds a key and may name another
        server in another session, and for uploaded data.
    """
    if owner is None:
        return "process"
    if not isinstance(owner, str):
        if owner.kind == "upload":
            return "session"
        owner = owner.model
    return "session" if ec.is_remote(owner) else "process"


def _model_of(owner: str | Owned | None) -> str | None:
    return owner if isinstance(owner, str) or owner is None else owner.model


# -- the session LRU -------------------------------------------------------------------------------


def _digest(value: np.ndarray) -> str:
    return hashlib.blake2b(np.ascontiguousarray(value).tobytes(), digest_size=16).hexdigest()


def _immutable(value: np.ndarray) -> bool:
    """True when nobody can change `value`'s numbers: it and every array it views are read-only, down to
    memory an array owns or to immutable bytes."""
    base: Any = value
    while isinstance(base, np.ndarray):
        if base.flags.writeable:
            return False
        if base.base is None:
            return True
        base = base.base
    return isinstance(base, bytes)


class DataTokens:
    """This session's data arrays and their identity tokens: each array's content digest, computed once.

    A 200,000 x 384 upload is 307 MB; digesting it cost 0.8 CPU-s here (loaded machine), and every cached call
    of every rerun names it. So an array that cannot change (`_immutable`) is digested once, the
    first time it is made or seen, and later keys name it by that digest: the same key, found by
    the array's identity. The token is the content digest, not a counter, so two different datasets
    never share an entry, and a changed dataset (a new array) gets a new one. Entries hold the array
    weakly and go with it; an array that can still change is digested on every call, as before.
    """

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[weakref.ref, str]] = {}
        #: How many arrays were digested (for tests and audits).
        self.digested = 0

    def __len__(self) -> int:
        return len(self._by_id)

    def token(self, value: np.ndarray) -> str | None:
        """`value`'s token when it cannot change (digested on first sight), else None."""
        held = self._by_id.get(id(value))
        if held is not None and held[0]() is value:
            return held[1]
        if not _immutable(value):
            return None
        digest = _digest(value)
        self.digested += 1
        key = id(value)

        def gone(ref: weakref.ref, key: int = key) -> None:
            if self._by_id.get(key, (None,))[0] is ref:
                del self._by_id[key]

        self._by_id[key] = (weakref.ref(value, gone), digest)
        return digest


def _freeze(value: Any, tokens: DataTokens | None = None) -> Any:
    """A hashable, content-based stand-in for an argument (arrays by their bytes' digest)."""
    if isinstance(value, np.ndarray):
        digest = (tokens.token(value) if tokens is not None else None) or _digest(value)
        return ("ndarray", value.shape, str(value.dtype), digest)
    if isinstance(value, bytes):
        return ("bytes", len(value), hashlib.blake2b(value, digest_size=16).hexdigest())
    if isinstance(value, list | tuple):
        if all(type(v) is str for v in value):  # texts: compared as they are (exact, and fast to hash)
            return ("strs", type(value).__name__, tuple(value))
        return (type(value).__name__, *(_freeze(v, tokens) for v in value))
    if isinstance(value, dict):
        return ("dict", *sorted((k, _freeze(v, tokens)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_freeze(getattr(value, f.name), tokens) for f in dataclasses.fields(value)))
    if isinstance(value, ec.Embedder):
        return ("model", value.name)
    hash(value)  # anything else must be hashable as it is
    return value


class SessionLRU:
    """At most `size` results, least recently used dropped first; each entry remembers its owner."""

    def __init__(self, size: int = SESSION_ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
        self.tokens = DataTokens()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: tuple) -> bool:
        return key in self._entries

    def get(self, key: tuple) -> Any:
        self._entries.move_to_end(key)
        return self._entries[key][1]

    def put(self, key: tuple, owner: Any, value: Any) -> None:
        self._entries[key] = (owner, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def drop_model(self, model: str) -> int:
        """Forget every result made with `model`; returns how many were dropped."""
        return self._drop(lambda owner: _model_of(owner) == model)

    def drop_source(self, source_id: str) -> int:
        """Forget every result made from the data source `source_id` (e.g. a removed upload)."""
        return self._drop(lambda owner: getattr(owner, "id", None) == source_id)

    def entries(self) -> list[tuple[Any, Any]]:
        """Every ``(owner, value)`` held, least recently used first."""
        return list(self._entries.values())

    def models(self) -> set[str | None]:
        """The models this cache holds results of."""
        return {_model_of(owner) for owner, _ in self._entries.values()}

    def _drop(self, match: Callable[[Any], bool]) -> int:
        stale = [k for k, (owner, _) in self._entries.items() if match(owner)]
        for key in stale:
            del self._entries[key]
        return len(stale)


def session_cache() -> SessionLRU:
    """This session's LRU of results that must not be shared."""
    return st.session_state.setdefault(_SESSION, SessionLRU())


def identify(vectors: np.ndarray) -> np.ndarray:
    """Give a session's data array its identity token now, when the data is made (an upload, an embedding).

    The array is made read-only when it owns its memory (the app never changes a dataset's vectors),
    so later cached calls name it by its token instead of digesting 300 MB on every rerun.
    Returns the same array.
    """
    if vectors.base is None:
        vectors.setflags(write=False)
    session_cache().tokens.token(vectors)
    return vectors


# -- the decorator ---------------------------------------------------------------------------------


@dataclasses.dataclass
class CachedFunction:
    """A function cached by scope: `process` is its cross-session cache, the session LRU holds the rest."""

    fn: Callable[..., Any]
    kind: Literal["data", "resource"]
    model_arg: str | None
    process: Callable[..., Any]
    #: Models whose results this process cache has computed (for tests and audits).
    process_models: set[str | None] = dataclasses.field(default_factory=set)

    def clear(self) -> None:
        self.process.clear()  # type: ignore[attr-defined]
        self.process_models.clear()


#: Every function declared with `cached`, by qualified name.
REGISTRY: dict[str, CachedFunction] = {}
_lock = threading.Lock()


def cached(
    kind: Literal["data", "resource"] = "data",
    *,
    model_arg: str | None = None,
    max_entries: int | None = None,
    ttl: float | None = None,
) -> Callable[[F], F]:
    """Cache a function in the process or in the session, chosen per call by `scope`.

    Args:
        kind: ``"data"`` for values (copied out of the process cache, as `st.cache_data` does) or
            ``"resource"`` for objects used in place (models, indexes, fitted maps).
        model_arg: the parameter holding the model name or the data source the result is made from;
            None when the result depends on neither (it is then shared by every session).
        max_entries, ttl: bounds of the process cache (the session LRU has its own bound).
    """

    def decorate(fn: F) -> F:
        name = f"{fn.__module__}.{fn.__qualname__}"
        signature = inspect.signature(fn)
        entry: CachedFunction

        @functools.wraps(fn)
        def compute(*args: Any, **kwargs: Any) -> Any:
            if model_arg is not None:
                owner = signature.bind(*args, **kwargs).arguments[model_arg]
                with _lock:
                    entry.process_models.add(_model_of(owner))
            return fn(*args, **kwargs)

        maker = st.cache_data if kind == "data" else st.cache_resource
        options: dict[str, Any] = {"show_spinner": False, "max_entries": max_entries}
        if ttl is not None:
            options["ttl"] = ttl
        process = maker(**options)(compute)
        entry = CachedFunction(fn, kind, model_arg, process)
        REGISTRY[name] = entry

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            owner = signature.bind(*args, **kwargs).arguments[model_arg] if model_arg else None
            if scope(owner) == "process":
                return process(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            lru = session_cache()
            key = (name, _freeze(tuple(bound.arguments.items()), lru.tokens))
            if key in lru:
                return _handed_out(kind, lru.get(key))
            value = fn(*args, **kwargs)
            if isinstance(value, np.ndarray):
                value.setflags(write=False)  # shared by reruns of this session: nobody may change it
            lru.put(key, owner, value)
            return _handed_out(kind, value)

        call.cached = entry  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate


def _handed_out(kind: str, value: Any) -> Any:
    """A data value as `st.cache_data` hands it out: a copy the caller may change (arrays are read-only)."""
    return value if kind == "resource" or isinstance(value, np.ndarray) else copy.deepcopy(value)


# -- models ----------------------------------------------------------------------------------------


@cached(kind="resource", max_entries=6)
def _shared_model(name: str) -> ec.Embedder:
    """Load a public model once per server process; every session shares it."""
    return ec.load_model(name)


#: Set once a model has been loaded in this server process (background warm-ups wait for it, so
#: they do not compete with the first attendee's model load for the CPU).
MODEL_LOADED = threading.Event()


def remote_models() -> dict[str, ec.RemoteEmbedder]:
    """The server models connected in this session, by name (``"openai:<model>"``)."""
    return st.session_state.setdefault(_REMOTE, {})


def connect_remote(model_id: str, *, base_url: str | None, api_key: str | None) -> ec.RemoteEmbedder:
    """Connect to a model on an OpenAI-compatible server for this session only.

    Results of an earlier connection under the same name may come from another server: they are
    dropped from this session's cache.

    Raises:
        EmbeddingCoreError: the address, key or model is wrong, or the server cannot be reached.
    """
    model = ec.load_model(ec.ModelRef("remote", model_id.strip()).name, base_url=base_url, api_key=api_key)
    remote_models()[model.name] = model
    session_cache().drop_model(model.name)
    return model  # type: ignore[return-value]


def get_model(name: str) -> ec.Embedder:
    """The model `name`: shared by all sessions, or this session's own for a server model.

    Raises:
        ModelUnavailableError: a server model that is not connected in this session.
    """
    if scope(name) == "session":
        model = remote_models().get(name)
        if model is None:
            raise ec.ModelUnavailableError(
                f"The server model {ec.parse_model_name(name).id!r} is not connected in this session. "
                "Connect to it again in the sidebar, under 'More models'."
            )
        return model
    model = _shared_model(name)
    MODEL_LOADED.set()
    return model


# -- the heap --------------------------------------------------------------------------------------
#
# With the models loaded the heap holds about 530,000 objects the cycle collector tracks (imported
# modules, plotly's validators, the models), nearly all alive until the process ends. Each of Python's
# automatic full collections walked them all: about 0.3 s of CPU on an idle machine, 0.6 s in a room,
# with every session's thread stopped, about every ten sessions. So what survives a full collection is
# frozen (`gc.freeze`): later full collections walk only what came after. Nothing frozen is kept for
# good: the collection after sessions close (`_collect`) unfreezes, collects everything and freezes again.


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    """A `gc.callbacks` hook: in the app's server, after a full collection, freeze what survived it.

    Only in a running server (not in tests or notebooks that import this module), where `_collect`
    runs after sessions close.
    """
    if phase == "stop" and info["generation"] == 2 and Runtime.exists():
        gc.freeze()


if not any(getattr(cb, "__name__", "") == _freeze_survivors.__name__ for cb in gc.callbacks):
    gc.callbacks.append(_freeze_survivors)  # once per process, however often this module is imported


def model_name() -> str:
    """The model chosen in the sidebar (shared by every page)."""
    return st.session_state.get("model", DEFAULT_MODEL)


def current_model() -> ec.Embedder:
    """The chosen model, loaded behind a spinner the first time."""
    name = model_name()
    with st.spinner(f"Loading {ec.model_label(name)} (first time only, a few seconds)…"):
        return get_model(name)


@cached(kind="data", model_arg="name", max_entries=256, ttl=3600)
def embed(name: str, texts: tuple[str, ...]) -> np.ndarray:
    """Embeddings of `texts` with model `name`, cached per (model, texts) in the model's scope."""
    return get_model(name).embed(list(texts))


def embed_current(texts: list[str]) -> np.ndarray:
    """Embed with the sidebar's model, behind a spinner."""
    model = current_model()
    with st.spinner(f"Embedding {len(texts)} text(s) with {ec.model_label(model.name)}…"):
        return embed(model.name, tuple(texts))


# -- the end of a session --------------------------------------------------------------------------
#
# A closed tab's session is not freed by Streamlit 1.67 on its own: the server keeps it for
# `server.disconnectedSessionTTL` (120 s) so a tab that lost its network can resume, but it removes
# an expired session only on the next disconnect, and even then it does not shut it down (its
# uploaded files stay in the upload manager). With `runner.postScriptGC` off its session state (the
# session LRU above, uploads, a RAG store) then waits for Python's rare full collection. So every
# session is watched: when its socket closes (Streamlit releases the session-scoped resource below),
# the session is shut down just before the resume window ends unless it came back, and one full
# collection then frees what the closed sessions held.

#: Seconds before the end of the resume window at which a closed session is shut down.
CLOSE_MARGIN_S = 10.0
#: At most one full collection per this many seconds, however many sessions close.
COLLECT_EVERY_S = 30.0
#: How many closed sessions this process has shut down (for tests and audits).
closed_sessions = 0
_timers: dict[str, asyncio.TimerHandle] = {}  # session id → its pending shutdown
_collect_pending: asyncio.TimerHandle | None = None
_last_collect = 0.0


def _close_if_gone(session_id: str) -> None:
    """Shut down `session_id` unless it resumed (on the server's event loop, as Streamlit requires)."""
    global closed_sessions, _collect_pending
    _timers.pop(session_id, None)
    rt = Runtime.instance()
    if rt.is_active_session(session_id):
        return  # the tab came back; it is watched again from its next run
    rt.close_session(session_id)  # session state and Streamlit's own per-session files
    rt.uploaded_file_mgr.remove_session_files(session_id)  # also when the server already dropped the session
    closed_sessions += 1
    if _collect_pending is None:
        loop = asyncio.get_running_loop()
        wait = max(1.0, _last_collect + COLLECT_EVERY_S - loop.time())
        _collect_pending = loop.call_later(wait, _collect)


def _collect() -> None:
    """One full collection for every session closed since the last one, and the freed heap back to the OS."""
    global _collect_pending, _last_collect
    _collect_pending = None
    gc.unfreeze()  # what a closed session held may have been frozen while it was open
    gc.collect()  # and the survivors are frozen again (`_freeze_survivors`)
    _last_collect = asyncio.get_running_loop().time()
    with contextlib.suppress(OSError, AttributeError):  # malloc_trim is glibc's
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _session_left(session_id: str) -> None:
    # Streamlit calls this when the session's socket closes, on the server's event loop.
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # released outside the event loop (a cache cleared by a script): nothing to do
        return
    if not session_id:
        return
    if session_id in _timers:  # it came back and left again: the window starts now
        _timers.pop(session_id).cancel()
    window = float(st.get_option("server.disconnectedSessionTTL"))
    _timers[session_id] = loop.call_later(max(window - CLOSE_MARGIN_S, window / 2), _close_if_gone, session_id)


@st.cache_resource(scope="session", on_release=_session_left, show_spinner=False)
def watch_session() -> str:
    """Watch this session so that it is freed soon after its tab closes; call it on every run."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""
