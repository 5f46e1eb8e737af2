"""WordLlama: a fast static model of sub-word pieces, bundled with its PyPI package and loaded offline.

WordLlama (``wordllama`` on PyPI, MIT) keeps one fixed 256-number vector for each of the
32,000 word pieces of the Llama 2 tokenizer (the ``l2_supercat`` weights, trained to
embed sentences). A text is the mean of its piece vectors, scaled to length 1: no
attention and no context, so the same piece means the same thing everywhere. That makes
it tens of times faster than MiniLM (see ``bench/bench_wordllama.py``) and weaker at
meaning; it is the model for uploads of tens of thousands of texts.

The weights and the tokenizer ship inside the wheel. The library's loader looks for the
tokenizer in ``wordllama/tokenizer/`` while the wheel puts it in ``wordllama/tokenizers/``,
and then falls back to downloading from the Hugging Face hub; `load_wordllama` points its
cache folder at the package folder and disables downloads, so nothing is ever fetched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .._linalg import unit_rows
from ..errors import EmptyInputError, InvalidParameterError, ModelUnavailableError
from .base import Embedder, ModelKind, check_texts

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Tokenizer

__all__ = ["WordLlamaEmbedder", "load_wordllama"]

#: The weights the wheel ships: the ``l2_supercat`` configuration at 256 dimensions.
_CONFIG = "l2_supercat"
_DIM = 256


class WordLlamaEmbedder(Embedder):
    """WordLlama: each text is the mean of the static vectors of its word pieces, scaled to length 1.

    Attributes:
        model: the library's ``WordLlamaInference`` (its ``embed`` is the bare reference).
        weights: the ``(32000, 256)`` float32 matrix of piece vectors.
    """

    kind: ModelKind = "static"

    def __init__(self, name: str, model: Any):
        from tokenizers import Tokenizer

        self.name = name
        self.model = model
        self.weights: np.ndarray = model.embedding
        self.dim = int(self.weights.shape[1])
        # A private copy without padding: the library pads every batch to its longest text.
        self._tokenizer: Tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        # Without character offsets where the installed tokenizers has it (about 20 % faster).
        self._encode_batch = getattr(self._tokenizer, "encode_batch_fast", self._tokenizer.encode_batch)

    def tokens(self, text: str) -> list[str]:
        """The word pieces of `text`, as the model reads them (``"▁cat"`` starts a word)."""
        if not isinstance(text, str):
            raise InvalidParameterError(f"`text` must be a string. Got {type(text).__name__}. Pass text only.")
        return list(self._tokenizer.encode(text, add_special_tokens=False).tokens)

    def count_tokens(self, text: str) -> int:
        """How many word pieces `text` becomes. There is no length limit: every piece is read."""
        return len(self.tokens(text))

    def embed_all(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` without refusing any (an upload): an empty or blank text gets a zero vector."""
        items = check_texts(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        full = [i for i, text in enumerate(items) if text.strip()]
        if full:
            out[full] = self.embed([items[i] for i in full])
        return out

    def embed(self, texts: Sequence[str], *, batch_size: int = 4096) -> np.ndarray:
        """Embed `texts`: the mean of each text's piece vectors, scaled to length 1.

        ``res[i] = m / ||m||`` with ``m = mean(weights[p] for p in pieces(texts[i]))``, the same
        as ``WordLlamaInference.embed(texts, norm=True)``, computed as one sparse product per
        batch instead of a padded ``(batch, longest, 256)`` array, so a very long text costs
        memory in proportion to its own length only.

        Args:
            texts: the texts; any length, any script (unknown characters become byte pieces).
            batch_size: texts tokenized together (the tokenizer uses every core).

        Returns:
            A float32 array of shape ``(len(texts), 256)`` whose rows have L2 norm 1.

        Raises:
            InvalidParameterError: `texts` is one string, or holds something that is not a string.
            EmptyInputError: a text is empty, so it has no word piece to average.
        """
        from scipy import sparse

        items = check_texts(texts)
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidParameterError(f"`batch_size` must be a positive integer. Got {batch_size!r}. Use 4096.")
        n_pieces = self.weights.shape[0]
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            chunk = items[start : start + batch_size]
            encodings = self._encode_batch(chunk, add_special_tokens=False)
            lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
            empty = np.flatnonzero(lengths == 0)
            if empty.size:
                i = start + int(empty[0])
                raise EmptyInputError(
                    f"`texts[{i}]` must contain some text. Got {items[i]!r} ({empty.size} empty text(s) in all). "
                    "Remove the empty texts first."
                )
            ids = np.fromiter((p for e in encodings for p in e.ids), dtype=np.int64, count=int(lengths.sum()))
            np.clip(ids, 0, n_pieces - 1, out=ids)  # as the library does for ids past the matrix
            indptr = np.concatenate([[0], np.cumsum(lengths)])
            counts = sparse.csr_matrix((np.ones(ids.size, dtype=np.float32), ids, indptr), shape=(len(chunk), n_pieces))
            out[start : start + len(chunk)] = (counts @ self.weights) / lengths[:, None].astype(np.float32)
        return unit_rows(out).astype(np.float32, copy=False)


def _import_wordllama() -> Any:
    """Import the library without letting it reconfigure logging (it calls `logging.basicConfig` at import)."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        import wordllama
    except ImportError as err:
        raise ModelUnavailableError(
            f"WordLlama is not installed ({err}). Run `pip install wordllama`, or use 'minilm' or 'glove-50d'."
        ) from err
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return wordllama


def load_wordllama(name: str = "wordllama") -> WordLlamaEmbedder:
    """Load WordLlama from the files inside its wheel, with downloads disabled.

    Args:
        name: the name the returned embedder reports (the registry's name for it).

    Returns:
        A `WordLlamaEmbedder` (256 dimensions). Loading takes well under a second.

    Raises:
        ModelUnavailableError: the package is missing, or its wheel lacks the weights or the tokenizer.
    """
    wordllama = _import_wordllama()
    package = Path(wordllama.__file__).resolve().parent
    try:
        model = wordllama.WordLlama.load(_CONFIG, dim=_DIM, cache_dir=package, disable_download=True)
    except (FileNotFoundError, OSError) as err:
        raise ModelUnavailableError(
            f"WordLlama's weights or tokenizer are missing from {package} ({err}). "
            "Reinstall it with `pip install --force-reinstall wordllama`."
        ) from err
    return WordLlamaEmbedder(name, model)
