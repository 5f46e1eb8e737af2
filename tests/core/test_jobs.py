"""EmbedJob: background embedding with measured progress, an estimate and a cancel, on the real bundled models."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import embedding_core as ec


@pytest.fixture(scope="module")
def wordllama() -> ec.Embedder:
    return ec.load_model("wordllama")


class Hooked(ec.Embedder):
    """A real model, with `hook(batch)` called before each batch it embeds."""

    def __init__(self, inner: ec.Embedder, hook):
        self.inner, self.hook = inner, hook
        self.name, self.dim, self.kind = inner.name, inner.dim, inner.kind

    def embed(self, texts):
        return self.inner.embed(texts)

    def embed_all(self, texts):
        self.hook(texts)
        return self.inner.embed_all(texts)


TEXTS = [f"support ticket {i}: the printer on floor {i % 5} " + "jams again " * (i % 9) for i in range(600)]


def test_a_job_gives_the_same_vectors_as_embedding_in_one_go(wordllama, minilm):
    for model, texts in ((wordllama, TEXTS), (minilm, TEXTS[:70])):
        job = ec.EmbedJob(model, texts, batch_size=32).start()
        assert job.wait(timeout=120)
        out = job.result()
        assert out.shape == (len(texts), model.dim) and out.dtype == np.float32
        assert np.allclose(out, model.embed(texts), atol=1e-5)
        p = job.progress()
        assert (p.state, p.done, p.total, p.fraction, p.error) == ("done", len(texts), len(texts), 1.0, None)
        assert p.chars_done == p.chars_total == sum(map(len, texts)) and p.seconds_left == 0
        assert p.rate == pytest.approx(len(texts) / p.elapsed)


def test_progress_is_measured_as_the_batches_go(wordllama):
    readings: list[ec.JobProgress] = []

    model = Hooked(wordllama, lambda batch: readings.append(job.progress()))
    job = ec.EmbedJob(model, TEXTS, batch_size=100)
    assert job.progress().state == "waiting" and job.progress().rate is None
    job.run()
    assert [r.done for r in readings] == [0, 100, 200, 300, 400, 500]
    assert all(r.state == "running" for r in readings)
    # Longest first: the first batches hold more characters per text than the rest.
    second = readings[1]
    assert second.chars_done / second.done > second.chars_total / second.total
    assert second.rate is not None and second.rate > 0
    expected = second.elapsed * (second.chars_total - second.chars_done) / second.chars_done
    assert second.seconds_left == pytest.approx(expected)


def test_cancel_in_the_middle_keeps_nothing_and_says_where_it_stopped(wordllama):
    batches = []

    def third_cancels(batch):  # the cancel comes while the third batch is embedded
        batches.append(len(batch))
        if len(batches) == 3:
            job.cancel()

    job = ec.EmbedJob(Hooked(wordllama, third_cancels), TEXTS, batch_size=50).start()
    assert job.wait(timeout=60) and job.ended and batches == [50, 50, 50]
    p = job.progress()
    assert (p.state, p.done, p.total) == ("cancelled", 150, 600)
    assert p.error == "The embedding was cancelled at 150 of 600 texts, so none of its vectors were kept. " + (
        "Start it again to embed them all, or embed fewer rows."
    )
    with pytest.raises(ec.EmbeddingCancelledError, match="cancelled at 150 of 600 texts") as info:
        job.result()
    assert (info.value.done, info.value.total) == (150, 600)


def test_a_job_stops_itself_when_told_its_owner_has_gone(wordllama):
    alive = iter([True, True, False])
    job = ec.EmbedJob(wordllama, TEXTS, batch_size=100, keep_going=lambda: next(alive))
    job.run()
    assert (job.progress().state, job.progress().done) == ("cancelled", 300)


def test_a_model_error_fails_the_job_with_its_message(glove):
    def broken(batch):
        raise RuntimeError("out of memory")

    job = ec.EmbedJob(Hooked(glove, broken), ["cat", "dog"]).start()
    assert job.wait(timeout=30)
    assert job.progress().state == "failed"
    with pytest.raises(ec.EmbeddingCoreError, match="The model stopped with RuntimeError: out of memory"):
        job.result()


def test_memory_is_stated_from_the_shape(wordllama, minilm):
    assert ec.vectors_nbytes(100_000, 256) == 102_400_000  # WordLlama: 102.4 MB
    assert ec.vectors_nbytes(100_000, 384) == 153_600_000  # MiniLM: 153.6 MB
    job = ec.EmbedJob(wordllama, TEXTS).start()
    job.wait(timeout=60)
    assert job.nbytes == job.result().nbytes == 600 * 256 * 4
    assert ec.EmbedJob(minilm, TEXTS).nbytes == 600 * 384 * 4


def test_bad_jobs_are_refused(wordllama):
    with pytest.raises(ec.EmptyInputError, match="at least one text"):
        ec.EmbedJob(wordllama, [])
    with pytest.raises(ec.InvalidParameterError, match="`texts` must be a list of strings, not one string"):
        ec.EmbedJob(wordllama, "one text")
    with pytest.raises(ec.InvalidParameterError, match="`batch_size` must be at least 1. Got 0"):
        ec.EmbedJob(wordllama, ["a"], batch_size=0)
    job = ec.EmbedJob(wordllama, ["a cat"])
    with pytest.raises(ec.InvalidParameterError, match="must have ended"):
        job.result()
    job.start()
    with pytest.raises(ec.InvalidParameterError, match="started once"):
        job.start()


def test_embed_texts_stops_at_a_set_cancel(wordllama):
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == 128:
            cancel.set()

    with pytest.raises(ec.EmbeddingCancelledError, match="cancelled at 128 of 600"):
        ec.embed_texts(wordllama, TEXTS, on_progress=progress, cancel=cancel)
    assert seen == [64, 128]
