"""Generated answers from an OpenAI-compatible chat server (OpenAI, vLLM, Ollama, LM Studio, llama.cpp, ...).

All of them answer ``POST <base_url>/chat/completions`` with ``{"choices": [{"message": {"content": ...}}]}``.
`ChatClient` talks to them through the `openai` client (imported only when one is created), like
`RemoteEmbedder` does for embeddings, with the same rules for the key: it lives only inside the
client object and is never part of a name, a ``repr``, an error message, a log line or a URL; the
deployment's ``OPENAI_API_KEY`` goes only to the deployment's ``OPENAI_BASE_URL``.

Every failure becomes a `ModelUnavailableError` with one clear message: 401 (key), 404 (model or
address), 429 (rate or quota), 5xx (the server), a timeout, a lost connection, a malformed answer.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._validate import message
from .chunking import Chunk
from .errors import InvalidParameterError, ModelUnavailableError
from .models.remote import DEFAULT_BASE_URL, MODEL_ID_PATTERN, check_base_url
from .models.server_errors import NO_KEY, status_error
from .rag import check_question, prompt_messages

if TYPE_CHECKING:  # pragma: no cover
    from openai import OpenAI

__all__ = ["CHAT_MODEL_ENV", "ChatClient", "GeneratedAnswer", "cited_chunks", "generate_answer"]

#: The environment variable (or secret) naming the deployment's chat model.
CHAT_MODEL_ENV = "OPENAI_CHAT_MODEL"
_CITATION = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class GeneratedAnswer:
    """A language model's answer.

    Attributes:
        text: the answer as the model wrote it.
        cited: the excerpt numbers it cites (``[2]`` → 2), in order of first mention, only those
            that exist (1 … number of chunks sent).
        model: the server's model id.
        messages: the chat messages exactly as they were sent.
        tokens: the tokens the server reports for prompt plus answer, or None if it does not say.
    """

    text: str
    cited: list[int]
    model: str
    messages: list[dict[str, str]]
    tokens: int | None


def cited_chunks(text: str, n_chunks: int) -> list[int]:
    """The excerpt numbers cited in `text` as ``[n]``, first mention first, within 1 … `n_chunks`."""
    seen: dict[int, None] = {}
    for m in _CITATION.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= n_chunks:
            seen.setdefault(n)
    return list(seen)


class ChatClient:
    """A chat model on an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    Args:
        model: the server's model id, e.g. ``"gpt-4o-mini"`` or ``"llama3.2"``. Default: ``OPENAI_CHAT_MODEL``.
        base_url: the API root (usually ending in ``/v1``). Default: ``OPENAI_BASE_URL``, else OpenAI's.
        api_key: sent only in the ``Authorization`` header. Default: ``OPENAI_API_KEY``, but only to
            the server of ``OPENAI_BASE_URL`` (or OpenAI's), never to another address.
        timeout: seconds to wait for one answer.
        max_retries: retries after a 429, a 5xx or a lost connection (with backoff).
        max_answer_tokens: the most tokens the model may write.

    Raises:
        InvalidParameterError: a malformed model id, address or option. No request is sent until `chat`.
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        max_answer_tokens: int = 400,
    ):
        model = model if model is not None else os.environ.get(CHAT_MODEL_ENV, "")
        if not isinstance(model, str) or not MODEL_ID_PATTERN.match(model.strip()):
            raise InvalidParameterError(
                message(
                    "chat model",
                    "a model id of 1 to 200 characters without spaces",
                    str(model)[:60],
                    f"Type the id the server lists, e.g. 'gpt-4o-mini', or set {CHAT_MODEL_ENV}.",
                )
            )
        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and 0 < timeout <= 600):
            raise InvalidParameterError(message("timeout", "between 0 and 600 seconds", timeout, "Use e.g. 60."))
        if not (isinstance(max_retries, int) and 0 <= max_retries <= 10):
            raise InvalidParameterError(message("max_retries", "between 0 and 10", max_retries, "Use e.g. 2."))
        if not (isinstance(max_answer_tokens, int) and 1 <= max_answer_tokens <= 8192):
            raise InvalidParameterError(
                message("max_answer_tokens", "between 1 and 8192", max_answer_tokens, "Use e.g. 400.")
            )
        self.model_id = model.strip()
        self.base_url = check_base_url(base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
        self.host = urlsplit(self.base_url).netloc
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self.max_answer_tokens = max_answer_tokens
        env_url = check_base_url(os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
        if api_key is None:
            api_key = os.environ.get("OPENAI_API_KEY", "") if self.base_url == env_url else ""
        key = api_key.strip()
        self.has_key = bool(key)
        self._client = self._make_client(key or NO_KEY)

    def _make_client(self, key: str) -> OpenAI:
        from openai import OpenAI

        return OpenAI(api_key=key, base_url=self.base_url, timeout=self.timeout, max_retries=self.max_retries)

    def __repr__(self) -> str:
        return f"ChatClient(model={self.model_id!r}, host={self.host!r})"

    def __reduce__(self) -> Any:
        raise TypeError("A ChatClient holds an API key and cannot be pickled or cached to disk.")

    def chat(self, messages: Sequence[dict[str, str]]) -> tuple[str, int | None]:
        """Send `messages` and return the answer's text and the tokens the server reports.

        Raises:
            ModelUnavailableError: the server refused, failed, timed out or sent no answer.
        """
        import openai

        try:
            response = self._client.chat.completions.create(
                model=self.model_id, messages=list(messages), max_tokens=self.max_answer_tokens, temperature=0
            )
        except openai.APIStatusError as err:
            raise self._status_error(err) from None
        except openai.APITimeoutError:
            raise ModelUnavailableError(
                f"The chat server at {self.host} did not answer within {self.timeout:g} s "
                f"(tried {self.max_retries + 1} time(s)). It may be busy or still loading the model: "
                "try again in a minute, or ask with fewer chunks."
            ) from None
        except openai.APIConnectionError:
            raise ModelUnavailableError(
                f"Cannot reach the chat server at {self.base_url} (tried {self.max_retries + 1} time(s)). "
                "Check the address and port and that the server is running; the extractive answer works offline."
            ) from None
        except (openai.OpenAIError, ValueError, TypeError):
            raise self._malformed() from None
        try:
            text = response.choices[0].message.content
        except (AttributeError, IndexError, TypeError):
            raise self._malformed() from None
        if not isinstance(text, str) or not text.strip():
            raise self._malformed()
        usage = getattr(response, "usage", None)
        tokens = getattr(usage, "total_tokens", None)
        return text.strip(), tokens if isinstance(tokens, int) else None

    def _status_error(self, err: Any) -> ModelUnavailableError:
        return status_error(
            err,
            where=f"The chat server at {self.host}",
            model_noun="chat model",
            model_id=self.model_id,
            api_key=self._client.api_key,
            has_key=self.has_key,
            max_retries=self.max_retries,
            retry_advice="Wait a minute and ask again.",
            other_advice="The prompt may be longer than the model accepts: ask with fewer or smaller chunks.",
        )

    def _malformed(self) -> ModelUnavailableError:
        return ModelUnavailableError(
            f"The answer from {self.host} is not an OpenAI-style chat completion. "
            "Check that the address points at the API root (it usually ends in /v1) and the model is a chat model."
        )


def generate_answer(
    question: str, chunks: Sequence[Chunk], client: ChatClient, *, with_retrieval: bool = True
) -> GeneratedAnswer:
    """Ask the chat model `question` with the retrieved `chunks` as numbered excerpts (see `prompt_messages`).

    Args:
        question: the question.
        chunks: the retrieved chunks, best first; they are numbered 1, 2, ... in the prompt.
        client: the chat model.
        with_retrieval: False sends the question alone (to compare: what the model says from memory).

    Raises:
        EmptyInputError: an empty question.
        ModelUnavailableError: the server failed (see `ChatClient.chat`).
    """
    q = check_question(question)
    sent = list(chunks) if with_retrieval else []
    messages = prompt_messages(q, sent)
    text, tokens = client.chat(messages)
    return GeneratedAnswer(text, cited_chunks(text, len(sent)), client.model_id, messages, tokens)
