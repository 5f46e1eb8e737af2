"""A small OpenAI-compatible embeddings and chat server on 127.0.0.1, over a real local model.

It speaks the real protocol (``POST /v1/embeddings`` with ``model``, ``input``, ``encoding_format``;
an answer with ``data``, ``model`` and ``usage``; ``POST /v1/chat/completions`` with ``model`` and
``messages``, an answer with ``choices`` and ``usage``; OpenAI-style error bodies) so the `openai`
client, `RemoteEmbedder` and `ChatClient` are tested end to end over HTTP, with no network beyond
loopback.

The chat model is a small extractive one, so answers are checkable: given numbered excerpts
("[1] ...") it answers with the sentence of the excerpts that shares the most words with the
question and cites its excerpt number; given a question alone it says it does not know.

Knobs for the failure paths: a wrong key gets 401, an unknown model 404, more than `max_batch`
inputs 413 (worded as Hugging Face TEI words it), and `fail_next` queues status codes (429, 503)
to answer before the next successes.
"""

from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import embedding_core as ec

from .loopback import LoopbackServer


@dataclass
class Seen:
    """One request the server received (the key is kept only as 'was it right')."""

    path: str
    status: int
    n_inputs: int
    key_ok: bool


@dataclass
class EmbeddingServer(LoopbackServer):
    """Serve `embedder` as model `model_id` at ``http://127.0.0.1:<port>/v1``."""

    embedder: ec.Embedder
    model_id: str = "minilm-test"
    chat_model_id: str = "chat-test"
    api_key: str | None = "sk-test-0123456789abcdef"
    max_batch: int = 16
    delay: float = 0.0
    fail_next: list[int] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._open()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def respond(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict, dict[str, str]]:
        """Status, JSON body and extra headers for one request."""
        key_ok = self.api_key is None or headers.get("Authorization") == f"Bearer {self.api_key}"
        try:
            payload = json.loads(body or b"{}")
        except json.JSONDecodeError:
            payload = None
        inputs = payload.get("input", payload.get("messages")) if isinstance(payload, dict) else None
        n = len(inputs) if isinstance(inputs, list) else 1
        status, out, extra = self._route(path, key_ok, payload)
        with self._lock:
            self.seen.append(Seen(path, status, n, key_ok))
        return status, out, extra

    def _route(self, path: str, key_ok: bool, payload: Any) -> tuple[int, dict, dict[str, str]]:
        if path not in ("/v1/embeddings", "/v1/chat/completions"):
            return 404, _error(f"Unknown path {path}", "invalid_request_error", "not_found"), {}
        if not key_ok:
            return 401, _error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), {}
        with self._lock:
            failure = self.fail_next.pop(0) if self.fail_next else None
        if failure:
            return failure, _error(f"Simulated failure {failure}.", "server_error", None), {}
        if path == "/v1/chat/completions":
            return self._chat(payload)
        if not isinstance(payload, dict) or "input" not in payload:
            return 400, _error("'input' is a required property", "invalid_request_error", None), {}
        if payload.get("model") != self.model_id:
            message = f"The model `{payload.get('model')}` does not exist or you do not have access to it."
            return 404, _error(message, "invalid_request_error", "model_not_found"), {}
        inputs = payload["input"] if isinstance(payload["input"], list) else [payload["input"]]
        if len(inputs) > self.max_batch:
            message = f"batch size {len(inputs)} > maximum allowed batch size {self.max_batch}"
            return 413, {"error": message, "error_type": "Validation"}, {}
        if not inputs or not all(isinstance(t, str) and t for t in inputs):
            return 400, _error("'input' must be non-empty strings", "invalid_request_error", None), {}
        if self.delay:
            time.sleep(self.delay)
        vectors = self.embedder.embed(inputs)
        tokens = sum(self.embedder.count_tokens(t) for t in inputs)  # type: ignore[attr-defined]
        as_base64 = payload.get("encoding_format") == "base64"
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": base64.b64encode(v.astype("<f4").tobytes()).decode() if as_base64 else v.tolist(),
            }
            for i, v in enumerate(np.asarray(vectors, dtype=np.float32))
        ]
        usage = {"prompt_tokens": tokens, "total_tokens": tokens}
        return 200, {"object": "list", "data": data, "model": self.model_id, "usage": usage}, {}

    def _chat(self, payload: Any) -> tuple[int, dict, dict[str, str]]:
        messages = payload.get("messages") if isinstance(payload, dict) else None
        if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) for m in messages):
            return 400, _error("'messages' is a required property", "invalid_request_error", None), {}
        if payload.get("model") != self.chat_model_id:
            message = f"The model `{payload.get('model')}` does not exist or you do not have access to it."
            return 404, _error(message, "invalid_request_error", "model_not_found"), {}
        if self.delay:
            time.sleep(self.delay)
        text = _extractive_reply(str(messages[-1].get("content", "")))
        words = sum(len(str(m.get("content", "")).split()) for m in messages)
        usage = {
            "prompt_tokens": words,
            "completion_tokens": len(text.split()),
            "total_tokens": words + len(text.split()),
        }
        choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        body = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.chat_model_id,
            "choices": [choice],
            "usage": usage,
        }
        return 200, body, {}


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and the of to in on for is are be can i my do does what when where who how it".split())


def _extractive_reply(user: str) -> str:
    """The fake model's answer: the excerpt sentence sharing most words with the question, with its number."""
    question = user.rsplit("Question:", 1)[-1]
    asked = set(_WORD.findall(question.lower())) - _STOP
    best, best_n, best_overlap = "", 0, 0
    for m in re.finditer(r"^\[(\d+)\] (.*?)(?=^\[\d+\] |^Question:|\Z)", user, re.S | re.M):
        for sentence in re.split(r"(?<=[.!?])\s+", m.group(2).strip()):
            overlap = len(asked & set(_WORD.findall(sentence.lower())))
            if overlap > best_overlap:
                best, best_n, best_overlap = sentence, int(m.group(1)), overlap
    if not best:
        return "I do not know: nothing I was given says."
    return f"{best} [{best_n}]"


def _error(message: str, kind: str, code: str | None) -> dict:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}
