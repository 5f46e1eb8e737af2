"""Embedding many texts in the background: a job with measured progress, a time estimate and a cancel.

An `EmbedJob` embeds its texts in batches (`embed_texts`, longest first) on a worker thread. Any
thread may read its `progress()` or `cancel()` it; the vectors exist only once every text is
embedded (`result()`), so a cancelled or failed job leaves nothing half-written behind. The job
holds one float32 array of ``len(texts) x model.dim`` while it runs (`nbytes`): 100,000 x 256
(WordLlama) is 102.4 MB, 100,000 x 384 (MiniLM) 153.6 MB.

Example:
    >>> job = EmbedJob(load_model("wordllama"), ["a cat", "a dog"]).start()
    >>> job.wait()
    True
    >>> job.result().shape
    (2, 256)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .errors import EmbeddingCancelledError, EmbeddingCoreError, EmptyInputError, InvalidParameterError
from .models.base import Embedder, check_texts, embed_order, embed_texts

__all__ = ["EmbedJob", "JobProgress", "JobState", "vectors_nbytes"]

JobState = Literal["waiting", "running", "done", "cancelled", "failed"]


def vectors_nbytes(n: int, dim: int) -> int:
    """Bytes of an ``(n, dim)`` float32 array: what a job of `n` texts holds (``4 * n * dim``)."""
    return 4 * n * dim


@dataclass(frozen=True)
class JobProgress:
    """One reading of a job's progress.

    Attributes:
        state: ``"waiting"`` (not started), ``"running"``, ``"done"``, ``"cancelled"`` or ``"failed"``.
        done: texts embedded so far.
        total: texts to embed.
        elapsed: seconds since the job started (until it ended, once it has).
        chars_done: characters of the texts embedded so far.
        chars_total: characters of all the texts.
        error: what went wrong, for a failed or cancelled job; None otherwise.
    """

    state: JobState
    done: int
    total: int
    elapsed: float
    chars_done: int
    chars_total: int
    error: str | None = None

    @property
    def fraction(self) -> float:
        """Share of the texts embedded, 0 to 1."""
        return self.done / self.total if self.total else 1.0

    @property
    def rate(self) -> float | None:
        """Texts embedded per second so far (None before the first batch)."""
        return self.done / self.elapsed if self.done and self.elapsed > 0 else None

    @property
    def seconds_left(self) -> float | None:
        """Estimated seconds to the end, from the characters still to embed at the speed measured so far.

        Texts go longest first, so the count of texts per second rises as the job goes on;
        characters per second stay steadier, which is why the estimate counts characters.
        None before the first batch.
        """
        if not self.done or self.elapsed <= 0 or not self.chars_done:
            return None
        return self.elapsed * (self.chars_total - self.chars_done) / self.chars_done


class EmbedJob:
    """Embed `texts` with `model` on a worker thread, with progress and a cancel.

    Args:
        model: the embedder (it may be shared: the job only calls its ``embed_all``).
        texts: the texts (at least one).
        batch_size: texts per batch; progress and the cancel are checked between batches.
        keep_going: called between batches; when it returns False the job cancels itself
            (for example when the browser session that started it has gone).

    Raises:
        EmptyInputError: no texts.
        InvalidParameterError: a text that is not a string, or `batch_size` below 1.
    """

    def __init__(
        self,
        model: Embedder,
        texts: Sequence[str],
        *,
        batch_size: int = 64,
        keep_going: Callable[[], bool] | None = None,
    ):
        items = check_texts(texts)
        if not items:
            raise EmptyInputError("`texts` must hold at least one text. Got none. Add texts to embed.")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidParameterError(f"`batch_size` must be at least 1. Got {batch_size!r}. Use 64.")
        self.model = model
        self.texts = items
        self.batch_size = batch_size
        self._keep_going = keep_going
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._chars = np.cumsum([len(items[i]) for i in embed_order(items)])
        self._state: JobState = "waiting"
        self._done = 0
        self._started: float | None = None
        self._ended: float | None = None
        self._error: str | None = None
        self._result: np.ndarray | None = None
        self._thread: threading.Thread | None = None

    @property
    def total(self) -> int:
        """How many texts the job embeds."""
        return len(self.texts)

    @property
    def nbytes(self) -> int:
        """Bytes of the vectors the job holds while it runs and returns when done."""
        return vectors_nbytes(self.total, self.model.dim)

    def start(self) -> EmbedJob:
        """Run the job on a daemon thread (it does not keep the server from stopping); returns the job."""
        with self._lock:
            if self._thread is not None or self._state != "waiting":
                raise InvalidParameterError("An `EmbedJob` must be started once. Got a second start. Make a new job.")
            self._thread = threading.Thread(target=self.run, name=f"embed-{self.model.name}", daemon=True)
        self._thread.start()
        return self

    def run(self) -> None:
        """Embed every text in the calling thread; the outcome is in `progress()` and `result()`."""
        with self._lock:
            self._state, self._started = "running", time.perf_counter()
        try:
            vectors = embed_texts(
                self.model, self.texts, batch_size=self.batch_size, on_progress=self._report, cancel=self._cancel
            )
        except EmbeddingCancelledError as err:
            self._end("cancelled", error=str(err))
        except EmbeddingCoreError as err:
            self._end("failed", error=str(err))
        except Exception as err:  # noqa: BLE001 - a model may raise anything; the job reports it
            self._end("failed", error=f"The model stopped with {type(err).__name__}: {err}")
        else:
            self._end("done", result=vectors)

    def _report(self, done: int, total: int) -> None:
        with self._lock:
            self._done = done
        if self._keep_going is not None and not self._keep_going():
            self._cancel.set()

    def _end(self, state: JobState, *, result: np.ndarray | None = None, error: str | None = None) -> None:
        with self._lock:
            self._state, self._ended, self._result, self._error = state, time.perf_counter(), result, error
        self._finished.set()

    def cancel(self) -> None:
        """Ask the job to stop before its next batch (safe from any thread; no effect once it has ended)."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the job has ended (done, cancelled or failed); False if `timeout` seconds passed first."""
        return self._finished.wait(timeout)

    @property
    def ended(self) -> bool:
        """True once the job is done, cancelled or failed."""
        return self._finished.is_set()

    def progress(self) -> JobProgress:
        """The job's state and counts now (a consistent reading, safe from any thread)."""
        with self._lock:
            start = self._started
            end = self._ended if self._ended is not None else time.perf_counter()
            done = self._done
            chars_done = int(self._chars[done - 1]) if done else 0
            return JobProgress(
                state=self._state,
                done=done,
                total=self.total,
                elapsed=0.0 if start is None else end - start,
                chars_done=chars_done,
                chars_total=int(self._chars[-1]),
                error=self._error,
            )

    def result(self) -> np.ndarray:
        """The vectors, ``(len(texts), model.dim)`` float32 unit rows in the input order.

        Raises:
            EmbeddingCancelledError: the job was cancelled (it says at how many of how many texts).
            EmbeddingCoreError: the job failed (the model's message), or has not ended yet.
        """
        with self._lock:
            state, result, error, done = self._state, self._result, self._error, self._done
        if state == "done" and result is not None:
            return result
        if state == "cancelled":
            raise EmbeddingCancelledError(done, self.total)
        if state == "failed":
            raise EmbeddingCoreError(error or "The embedding failed. Try again.")
        raise InvalidParameterError(
            f"The job must have ended before its vectors are read. Got state {state!r}. Call `wait()` first."
        )
