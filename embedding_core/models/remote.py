"""Embeddings from an OpenAI-compatible server: OpenAI, Hugging Face TEI, vLLM, Ollama, LM Studio, ...

All of them answer ``POST <base_url>/embeddings`` with ``{"data": [{"index": i, "embedding": [...]}], "usage": ...}``.
`RemoteEmbedder` talks to them through the maintained `openai` client (imported only when one is
created): it sends texts in batches no larger than the server accepts, retries on 429 and 5xx
answers with exponential backoff, gives up after a timeout, and turns every failure into a
`ModelUnavailableError` whose message says what to do.

The API key lives only inside the client object. It is never part of the model's name, its
``repr``, an error message, a log line or a URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np

from .._linalg import unit_rows
from .._validate import Interval, check
from ..errors import InvalidParameterError, ModelUnavailableError
from .base import Embedder, ModelKind, ModelRef, check_texts
from .server_errors import NO_KEY, server_message, status_error

if TYPE_CHECKING:  # pragma: no cover
    from openai import OpenAI

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_BATCH", "PARAM_CONSTRAINTS", "RemoteEmbedder"]

#: Where requests go when neither ``base_url`` nor ``OPENAI_BASE_URL`` is given.
DEFAULT_BASE_URL = "https://api.openai.com/v1"
#: OpenAI accepts up to 2,048 inputs per request; most self-hosted servers accept fewer.
DEFAULT_MAX_BATCH = 256
PARAM_CONSTRAINTS = {
    "timeout": Interval(0.001, 600),
    "max_retries": Interval(0, 10, integer=True),
    "max_batch": Interval(1, 2048, integer=True),
}
"""The client's limits: seconds per request, retries after a failure, texts per request."""
MODEL_ID_PATTERN = re.compile(r"^[^\s\x00-\x1f\x7f]{1,200}$")
_LIMIT_IN_MESSAGE = re.compile(r"(?:max\w*|limit\w*|at most|up to)\D{0,40}?(\d+)", re.IGNORECASE)


def check_base_url(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidParameterError(
            f"The server address must start with http:// or https:// and name a host. Got {url[:80]!r}. "
            "Use for example 'https://api.openai.com/v1' or 'http://localhost:11434/v1'."
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidParameterError(
            "The server address must not carry a user name, password, key or query string "
            f"(got one after the host {parts.hostname!r}). "
            "Type the address alone and put the key in the API key field."
        )
    return url


class RemoteEmbedder(Embedder):
    """A model served by an OpenAI-compatible ``/v1/embeddings`` endpoint.

    Rows are scaled to length 1 here (not every server does it), so cosine similarity is a
    dot product, as for the bundled models.

    Args:
        model: the server's model id, e.g. ``"text-embedding-3-small"`` or ``"nomic-embed-text"``.
        base_url: the API root, ending in ``/v1`` for most servers. Default: the
            ``OPENAI_BASE_URL`` environment variable, else OpenAI's own API.
        api_key: the key, sent only in the ``Authorization`` header. Default: ``OPENAI_API_KEY``,
            but only to the server of ``OPENAI_BASE_URL`` (or OpenAI's), never to another address;
            local servers usually need none.
        timeout: seconds to wait for one answer before giving up.
        max_retries: how many times a request is retried after a 429, a 5xx or a lost connection,
            waiting 0.5 s, 1 s, 2 s, ... (or what the server's ``Retry-After`` asks) in between.
        max_batch: the most texts sent in one request. When the server answers that a batch is
            too large (HTTP 413, or a 400/422 naming a limit) the batch shrinks to its limit.

    Raises:
        InvalidParameterError: a malformed model id, address or option.
        ModelUnavailableError: the server refused or could not be reached (checked at once with
            a one-text request, which also tells the number of dimensions).
    """

    kind: ModelKind = "sentence"
    #: OpenAI's documented input limit; other servers may cut or refuse earlier (they say so).
    max_tokens = 8192

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_batch: int = DEFAULT_MAX_BATCH,
    ):
        if not isinstance(model, str) or not MODEL_ID_PATTERN.match(model.strip()):
            raise InvalidParameterError(
                f"The server's model name must be 1 to 200 characters without spaces. Got {str(model)[:60]!r}. "
                "Type the id the server lists, e.g. 'text-embedding-3-small'."
            )
        timeout = check("timeout", timeout, PARAM_CONSTRAINTS["timeout"], advice="Seconds; use e.g. 30.")
        max_retries = check("max_retries", max_retries, PARAM_CONSTRAINTS["max_retries"], advice="Use e.g. 3.")
        max_batch = check(
            "max_batch", max_batch, PARAM_CONSTRAINTS["max_batch"], advice="Use the server's limit, e.g. 32."
        )
        self.model_id = model.strip()
        self.name = ModelRef("remote", self.model_id).name
        self.base_url = check_base_url(base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
        self.host = urlsplit(self.base_url).netloc
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self.max_batch = max_batch
        env_url = check_base_url(os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
        if api_key is None:  # the environment's key goes only to the environment's server
            api_key = os.environ.get("OPENAI_API_KEY", "") if self.base_url == env_url else ""
        key = api_key.strip()
        self.has_key = bool(key)
        #: Tokens the server reported using so far (its ``usage.prompt_tokens``), or None if it never says.
        self.tokens_used: int | None = None
        #: HTTP requests sent by `embed` (not counting the client's retries).
        self.requests_sent = 0
        self._client = self._make_client(key or NO_KEY)
        self.dim = 0
        self.dim = int(self.embed(["dimension probe"]).shape[1])

    def _make_client(self, key: str) -> OpenAI:
        from openai import OpenAI

        return OpenAI(api_key=key, base_url=self.base_url, timeout=self.timeout, max_retries=self.max_retries)

    def __reduce__(self) -> Any:
        raise TypeError("A RemoteEmbedder holds an API key and cannot be pickled or cached to disk.")

    def count_tokens(self, text: str) -> int:
        """An upper bound on the tokens of `text`: its UTF-8 bytes (a BPE token is at least one byte).

        The server's tokenizer is not available here; the server itself refuses texts that are too long.
        """
        return len(text.encode("utf-8"))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` on the server, `max_batch` at a time.

        Returns:
            A float32 array of shape ``(len(texts), dim)`` with rows of L2 norm 1, in input order.

        Raises:
            InvalidParameterError: a text is empty (servers refuse empty inputs).
            ModelUnavailableError: the server refused or failed; the message says why and what to do.
        """
        items = check_texts(texts)
        for i, text in enumerate(items):
            if not text.strip():
                raise InvalidParameterError(
                    f"`texts[{i}]` is empty. Got {text!r}. Servers refuse empty inputs: remove it or type some text."
                )
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows: list[np.ndarray] = []
        start = 0
        while start < len(items):
            batch = items[start : start + self.max_batch]
            vectors = self._request(batch)
            if vectors is None:  # the server said the batch was too large; max_batch shrank
                continue
            rows.append(vectors)
            start += len(batch)
        dims = {r.shape[1] for r in rows} | ({self.dim} if self.dim else set())
        if len(dims) > 1:
            raise ModelUnavailableError(
                f"The server at {self.host} sent vectors of different sizes ({', '.join(map(str, sorted(dims)))}). "
                "Another model may now answer under this name: connect to it again."
            )
        return unit_rows(np.concatenate(rows)).astype(np.float32, copy=False)

    def _request(self, batch: list[str]) -> np.ndarray | None:
        import openai

        self.requests_sent += 1
        try:
            response = self._client.embeddings.create(model=self.model_id, input=batch, encoding_format="float")
        except openai.APIStatusError as err:
            if self._shrink_batch(err, len(batch)):
                return None
            raise self._status_error(err) from None
        except openai.APITimeoutError:
            raise ModelUnavailableError(
                f"The server at {self.host} did not answer within {self.timeout:g} s "
                f"(tried {self.max_retries + 1} time(s)). It may be busy or still loading the model: "
                "try again in a minute, or send fewer texts."
            ) from None
        except openai.APIConnectionError:
            raise ModelUnavailableError(
                f"Cannot reach the server at {self.base_url} (tried {self.max_retries + 1} time(s)). "
                "Check the address and port, that the server is running, and that this machine is online; "
                "or use the bundled models 'minilm' and 'glove-50d', which work offline."
            ) from None
        except (openai.OpenAIError, ValueError, TypeError):
            raise self._malformed() from None
        return self._vectors(response, len(batch))

    def _shrink_batch(self, err: Any, size: int) -> bool:
        message = server_message(err)
        too_large = err.status_code == 413 or (err.status_code in (400, 422) and "batch" in message.lower())
        if not too_large or size <= 1:
            return False
        found = [int(n) for n in _LIMIT_IN_MESSAGE.findall(message) if 0 < int(n) < size]
        self.max_batch = min(found) if found else max(1, size // 2)
        return True

    def _status_error(self, err: Any) -> ModelUnavailableError:
        return status_error(
            err,
            where=f"The server at {self.host}",
            model_noun="model",
            model_id=self.model_id,
            api_key=self._client.api_key,
            has_key=self.has_key,
            max_retries=self.max_retries,
            retry_advice="Wait a minute and try again, or send fewer texts at once.",
            other_advice="Check the model name; shorter or fewer texts may help.",
        )

    def _malformed(self) -> ModelUnavailableError:
        return ModelUnavailableError(
            f"The answer from {self.host} is not an OpenAI-style embeddings response. "
            "Check that the address points at the API root (it usually ends in /v1) and the model embeds text."
        )

    def _vectors(self, response: Any, n: int) -> np.ndarray:
        data = sorted(getattr(response, "data", None) or [], key=lambda item: item.index)
        if len(data) != n or [item.index for item in data] != list(range(n)):
            raise ModelUnavailableError(
                f"The server at {self.host} sent {len(data)} vectors for {n} texts. "
                "It may not support several texts per request: try again with a smaller batch size."
            )
        try:
            out = np.asarray([item.embedding for item in data], dtype=np.float32)
        except (TypeError, ValueError):
            raise self._malformed() from None
        if out.ndim != 2 or out.shape[1] == 0 or not np.isfinite(out).all():
            raise self._malformed()
        usage = getattr(response, "usage", None)
        tokens = getattr(usage, "prompt_tokens", None)
        if isinstance(tokens, int):
            self.tokens_used = (self.tokens_used or 0) + tokens
        return out
