"""Rebuild the MiniLM vocabulary matrix: ``python -m data.build_vocab`` (about 10-30 s on a laptop CPU).

The sentence model has no word list of its own, so analogies and nearest neighbours on MiniLM
search the most frequent alphabetic English words, taken in GloVe 6B's frequency order and
embedded once with MiniLM. Words that are a regular rule's form of a word with an irregular one
("childs" for children, "sayed" for said: `regular_rule_nonword`, read from LemmInflect's lexicon)
are left out, so an analogy cannot answer with them. The result ships with the app so no session
ever embeds them:

- ``data/vocab/minilm_words.txt``: one word per line, most frequent first;
- ``data/vocab/minilm_vocab.npy``: float16 matrix of shape ``(n_words, 384)``, unit rows.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from embedding_core.vocabulary import VOCAB_DIR, VOCAB_WORDS, alphabetic_words, regular_rule_nonword


def build(n_words: int = VOCAB_WORDS, *, batch_size: int = 256) -> None:
    import embedding_core as ec

    glove = ec.load_model("glove-50d")
    minilm = ec.load_model("minilm")
    words, dropped = [], []
    for word in alphabetic_words(glove.vocab, 2 * n_words):  # type: ignore[attr-defined]
        (dropped if regular_rule_nonword(word) else words).append(word)
        if len(words) == n_words:
            break
    print(f"Left out {len(dropped)} regular-rule non-words: {', '.join(dropped)}")
    start = time.perf_counter()
    vectors = minilm.embed(words, batch_size=batch_size)  # type: ignore[call-arg]
    seconds = time.perf_counter() - start
    VOCAB_DIR.mkdir(parents=True, exist_ok=True)
    np.save(VOCAB_DIR / "minilm_vocab.npy", vectors.astype(np.float16))
    (VOCAB_DIR / "minilm_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"Embedded {len(words):,} words with MiniLM in {seconds:.1f} s -> {VOCAB_DIR}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=VOCAB_WORDS, help="how many words to embed")
    build(parser.parse_args().words)


if __name__ == "__main__":
    main()
