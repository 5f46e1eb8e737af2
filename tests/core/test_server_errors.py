"""One message per HTTP status for both server clients (embeddings and chat)."""

from types import SimpleNamespace

import pytest

from embedding_core.errors import ModelUnavailableError
from embedding_core.models.server_errors import NO_KEY, scrub_secrets, server_message, status_error

KEY = "sk-secret-123456789"


def _error(code: int, body: object = None) -> SimpleNamespace:
    return SimpleNamespace(status_code=code, body=body, message=f"Error code: {code}")


def _message(code: int, body: object = None, *, has_key: bool = True) -> str:
    err = status_error(
        _error(code, body),
        where="The chat server at localhost:1",
        model_noun="chat model",
        model_id="tiny",
        api_key=KEY if has_key else NO_KEY,
        has_key=has_key,
        max_retries=2,
        retry_advice="Wait a minute and ask again.",
        other_advice="Ask with fewer chunks.",
    )
    assert isinstance(err, ModelUnavailableError)
    return str(err)


@pytest.mark.parametrize(
    ("code", "body", "has_key", "expected"),
    [
        (401, None, False, "needs an API key (401 Unauthorized). Got no key."),
        (401, None, True, "refused the API key (401 Unauthorized)"),
        (403, None, True, "does not allow this key to use 'tiny' (403 Forbidden)"),
        (404, None, True, "has no chat model 'tiny' (404 Not Found)"),
        (429, {"message": "You exceeded your current quota"}, True, "no quota left (429)"),
        (429, None, True, "kept answering 429 Too Many Requests after 2 retries. Wait a minute and ask again."),
        (502, "bad gateway", True, "failed with HTTP 502 3 time(s): bad gateway."),
        (422, {"detail": "too long"}, True, "refused the request (HTTP 422): too long. Ask with fewer chunks."),
    ],
)
def test_each_status_has_its_message(code, body, has_key, expected):
    text = _message(code, body, has_key=has_key)
    assert text.startswith("The chat server at localhost:1 ")
    assert expected in text


def test_the_key_never_reaches_the_message():
    text = _message(500, {"error": {"message": f"key {KEY} and tok_abcdefgh are wrong"}})
    assert KEY not in text and "tok_abcdefgh" not in text
    assert "key *** and *** are wrong" in text


def test_server_message_reads_the_body_then_the_error():
    assert server_message(_error(400, {"error": "bad"})) == "bad"
    assert server_message(_error(400, "  plain  ")) == "plain"
    assert server_message(_error(400)) == "Error code: 400"
    assert scrub_secrets("no-key", NO_KEY) == "no-key"
