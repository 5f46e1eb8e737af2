"""Model comparison and server embedding: `compare()` against the bare scipy/scikit-learn steps, and
`RemoteEmbedder` against the bare `openai` client on a loopback server (so only client overhead differs)."""

from __future__ import annotations

import numpy as np

from bench.common import Row, interleaved


def _bare_compare(a: np.ndarray, b: np.ndarray, k: int) -> None:
    from scipy.spatial import procrustes
    from scipy.stats import spearmanr
    from sklearn.decomposition import PCA

    sa, sb = a @ a.T, b @ b.T
    upper = np.triu_indices(len(a), k=1)
    spearmanr(sa[upper], sb[upper])
    np.fill_diagonal(sa, -np.inf)
    np.fill_diagonal(sb, -np.inf)
    na, nb = np.argsort(-sa, axis=1)[:, :k], np.argsort(-sb, axis=1)[:, :k]
    [len(set(x) & set(y)) for x, y in zip(na, nb, strict=True)]
    procrustes(PCA(2).fit_transform(a), PCA(2).fit_transform(b))


class _FastEmbedder:
    """Deterministic random unit vectors: the server answers at once, so the client is what is timed."""

    name, dim, kind = "fast", 384, "sentence"

    def embed(self, texts: list[str]) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        v = rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def run() -> list[Row]:
    import embedding_core as ec
    from tests.support.openai_server import EmbeddingServer

    dataset = ec.load_dataset("word_sets")
    a = ec.dataset_vectors(dataset, ec.load_model("minilm"))
    b = ec.dataset_vectors(dataset, ec.load_model("glove-50d"))
    ours, bare = interleaved(lambda: ec.compare(a, b, k=5), lambda: _bare_compare(a, b, 5), repeat=5)
    rows = [
        Row(
            f"compare() {len(a)} texts, MiniLM vs GloVe, k=5",
            ours * 1000,
            "ms",
            reference=bare * 1000,
            reference_name="scipy spearmanr + argsort + PCA + procrustes",
            goal="< 300 ms; ratio ≤ 1.5",
        )
    ]

    texts = [f"text number {i}" for i in range(1024)]
    with EmbeddingServer(_FastEmbedder(), api_key=None, max_batch=128) as server:  # type: ignore[arg-type]
        model = ec.load_model(f"openai:{server.model_id}", base_url=server.base_url, max_batch=128)
        client = model._client

        def bare_client() -> None:
            for i in range(0, len(texts), 128):
                out = client.embeddings.create(model=server.model_id, input=texts[i : i + 128], encoding_format="float")
                np.asarray([d.embedding for d in out.data], dtype=np.float32)

        ours, bare = interleaved(lambda: model.embed(texts), bare_client, repeat=3)
    rows.append(
        Row(
            "RemoteEmbedder.embed 1,024 texts (loopback, 8 batches)",
            ours * 1000,
            "ms",
            reference=bare * 1000,
            reference_name="openai client, same batches",
            goal="ratio ≤ 1.1",
        )
    )
    return rows
