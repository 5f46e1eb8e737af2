"""One error family for everything `embedding_core` refuses.

Every message follows the same template: what is wrong, what was given,
and what to do next, so a page can show ``str(err)`` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "EmbeddingCancelledError",
    "EmbeddingCoreError",
    "EmptyInputError",
    "InvalidParameterError",
    "MethodUnavailableError",
    "ModelUnavailableError",
    "UnknownWordError",
    "check_choice",
]


class EmbeddingCoreError(ValueError):
    """Base class of every error raised by `embedding_core`."""


class EmbeddingCancelledError(EmbeddingCoreError):
    """An embedding was cancelled before every text was embedded; nothing of it is kept.

    Attributes:
        done: texts embedded when it stopped.
        total: texts it was asked to embed.
    """

    def __init__(self, done: int, total: int):
        self.done = done
        self.total = total
        super().__init__(
            f"The embedding was cancelled at {done:,} of {total:,} texts, so none of its vectors were kept. "
            "Start it again to embed them all, or embed fewer rows."
        )


class InvalidParameterError(EmbeddingCoreError):
    """A parameter is out of range or not one of the valid choices."""


class EmptyInputError(EmbeddingCoreError):
    """There is nothing to work on (no texts, only blank lines, ...)."""


class MethodUnavailableError(EmbeddingCoreError):
    """A method cannot run on this machine (e.g. UMAP with no writable folder for its compiled code)."""


class ModelUnavailableError(EmbeddingCoreError):
    """A model cannot be loaded (unknown name, no network for a hub model, ...)."""


class UnknownWordError(EmbeddingCoreError):
    """A word model was asked for words that are not in its vocabulary.

    Attributes:
        words: every unknown word, in input order.
        suggestions: for each unknown word, close vocabulary matches.
    """

    def __init__(self, words: Sequence[str], suggestions: dict[str, list[str]]):
        self.words = list(words)
        self.suggestions = suggestions
        parts = []
        for word in self.words:
            close = suggestions.get(word) or []
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            parts.append(f"{word!r}{hint}")
        noun = "word is" if len(self.words) == 1 else "words are"
        super().__init__(
            f"{len(self.words)} {noun} not in the model's vocabulary: {'; '.join(parts)}. "
            "Fix the spelling, pick a suggestion, or remove the word."
        )


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise `InvalidParameterError`.

    Example:
        >>> check_choice("metric", "cosine", ("cosine", "dot"))
        'cosine'
    """
    options = tuple(choices)
    if value not in options:
        valid = ", ".join(repr(c) for c in options)
        raise InvalidParameterError(f"`{name}` must be one of {valid}. Got {value!r}. Pick one of {valid}.")
    return value  # type: ignore[return-value]
