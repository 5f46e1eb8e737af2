"""What an OpenAI-compatible server's failure means, in one message.

Both clients of such servers (`RemoteEmbedder` for embeddings, `ChatClient` for answers) turn an
HTTP error into a `ModelUnavailableError` here, so a 401, 403, 404, 429 or 5xx reads the same on
every page, and the key (or anything that looks like one) never reaches a message.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ModelUnavailableError

__all__ = ["NO_KEY", "scrub_secrets", "server_message", "status_error"]

NO_KEY = "no-key"  # local servers need no key; the client insists on sending one
_SECRET_LIKE = re.compile(r"\b(sk|key|tok)[-_][A-Za-z0-9_\-*]{6,}")


def scrub_secrets(text: str, key: str) -> str:
    """`text` with the key and anything that looks like a key replaced by ``***``."""
    if key and key != NO_KEY:
        text = text.replace(key, "***")
    return _SECRET_LIKE.sub("***", text)


def server_message(err: Any) -> str:
    """The server's own words from an `openai` error: the body's message, else the error's text."""
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        message = body.get("message") or body.get("error") or body.get("detail")
        if isinstance(message, dict):
            message = message.get("message")
        if message:
            return str(message)
    if isinstance(body, str) and body.strip():
        return body.strip()
    return str(getattr(err, "message", "") or err)


def status_error(
    err: Any,
    *,
    where: str,
    model_noun: str,
    model_id: str,
    api_key: str,
    has_key: bool,
    max_retries: int,
    retry_advice: str,
    other_advice: str,
) -> ModelUnavailableError:
    """The error to raise for an HTTP error answer (`openai.APIStatusError`).

    Args:
        err: the error, with ``status_code`` and, where the server sent one, a ``body``.
        where: how the message names the server, e.g. ``"The chat server at localhost:8000"``.
        model_noun: what the server was asked for, e.g. ``"model"`` or ``"chat model"``.
        model_id: the model's id on the server.
        api_key: the key sent; it is scrubbed from the server's words.
        has_key: whether the user gave a key (a 401 without one asks for it).
        max_retries: how many times the request was retried after a 429 or a 5xx.
        retry_advice: the last sentence after repeated 429s, e.g. ``"Wait a minute and ask again."``.
        other_advice: the last sentence for any other refusal (400, 413, 422, ...).

    Returns:
        A `ModelUnavailableError` whose message names the status, the likely cause and what to do.
    """
    code = int(err.status_code)
    detail = scrub_secrets(server_message(err), api_key)[:200]
    if code == 401:
        if not has_key:
            return ModelUnavailableError(
                f"{where} needs an API key (401 Unauthorized). Got no key. Type the key in the API key field."
            )
        return ModelUnavailableError(
            f"{where} refused the API key (401 Unauthorized). "
            "Check the key (it is never shown back) and paste it again, or ask whoever runs the server."
        )
    if code == 403:
        return ModelUnavailableError(
            f"{where} does not allow this key to use {model_id!r} (403 Forbidden). "
            "Use a key with access to the model, or another model."
        )
    if code == 404:
        return ModelUnavailableError(
            f"{where} has no {model_noun} {model_id!r} (404 Not Found). "
            "Check the model name against the server's list, and that the address ends in /v1."
        )
    if code == 429:
        if "quota" in detail.lower() or "billing" in detail.lower():
            return ModelUnavailableError(
                f"{where} says the account behind this key has no quota left (429). "
                "Add credit to the account, or use another key or model."
            )
        return ModelUnavailableError(
            f"{where} kept answering 429 Too Many Requests after {max_retries} retries. {retry_advice}"
        )
    if code >= 500:
        return ModelUnavailableError(
            f"{where} failed with HTTP {code} {max_retries + 1} time(s): {detail}. "
            "The server has a problem: try again later, or tell whoever runs it."
        )
    return ModelUnavailableError(f"{where} refused the request (HTTP {code}): {detail}. {other_advice}")
