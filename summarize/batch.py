"""Many documents on one machine: :func:`summarize_many`, streaming, in order, in parallel.

A generator of texts goes in; one result per text comes out, in input order, as soon as it and
every text before it are done. Memory stays bounded whatever the input length: at most
``prefetch × n_jobs`` chunks of ``chunksize`` texts are in flight at any time, and the input is
read no further ahead than that.

With ``n_jobs > 1`` the work runs in a :class:`concurrent.futures.ProcessPoolExecutor` whose
initializer builds the :class:`~summarize.Summarizer` (and loads underthesea's models) once per
worker process, not once per text. Word segmentation is CPU-bound Python, so processes, not
threads, are what scale.

A text that cannot be summarized does not stop the batch and is never dropped: its result is a
:class:`Failure` at the same position. If a worker process dies (a crash in native code, the OOM
killer), the pool is restarted, the chunk being collected is retried one text at a time alone in
the pool, and the unfinished chunks are resubmitted: only the text that kills a worker becomes a
``Failure``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

from . import _validate
from .select import Budget
from .summarizer import Summarizer
from .summary import Summary

DEFAULT_CHUNKSIZE = 8
PREFETCH = 2  # chunks in flight per worker: enough to keep every worker busy
PARENT_POLL_S = 1.0  # how often a worker checks that its parent is alive

Chunk = list[tuple[int, Any]]


@dataclass(frozen=True, slots=True)
class Failure:
    """The result for a text that could not be summarized.

    ``index`` is the text's position in the input (from 0), ``error`` the exception's class
    name (``"TypeError"``, ``"WorkerCrashed"``, ...) and ``message`` its message. Tell the
    two kinds of result apart with ``isinstance(result, Failure)``.
    """

    index: int
    error: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.error, "message": self.message}


Result = Summary | Failure
# An input item: a text, or a (text, title) pair when each document has its own headline; a
# list of texts (with a list of titles, or None) is a cluster: one summary of all of them.
Item = str | list[str] | tuple[str | list[str], str | list[str | None] | None]


def summarize_many(
    texts: Iterable[Item],
    n_jobs: int = 1,
    *,
    chunksize: int = DEFAULT_CHUNKSIZE,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> Generator[Result, None, None]:
    """Summarize every text of ``texts``; yields a :class:`Summary` or a :class:`Failure` each.

    An item is a text, or a ``(text, title)`` pair: the title is that document's headline, as
    ``summarize(text, title=title)`` takes it (``None``: found in the text). A list of texts,
    or a ``(texts, titles)`` pair, is a cluster of articles summarized together, as
    :func:`summarize.summarize_documents` does. Results come in
    input order. ``n_jobs`` is the number of worker processes (``1``: in this
    process, ``-1``: one per CPU); ``chunksize`` how many texts a worker takes at a time.
    ``sentences``/``ratio``/``words`` and ``options`` are those of :func:`summarize.summarize`
    and are validated before any text is read: a bad option raises at once, while a bad *text*
    (not a ``str``) only gives a :class:`Failure` for that text.

    >>> results = list(summarize_many(["Hôm nay trời đẹp. Chúng tôi đi dạo."], sentences=1))
    >>> len(results[0].sentences)
    1
    """
    n_jobs = _jobs(n_jobs)
    chunksize = _validate.check_int("chunksize", chunksize, minimum=1)
    summarizer = Summarizer(**options)  # validates the options here, in the caller
    budget = Budget.from_options(sentences, ratio, words)
    return _stream(texts, n_jobs, chunksize, summarizer, budget)


def _jobs(n_jobs: object) -> int:
    if n_jobs == -1:
        return os.cpu_count() or 1
    return _validate.check_int("n_jobs", n_jobs, minimum=1)


def _stream(
    texts: Iterable[Item], n_jobs: int, chunksize: int, summarizer: Summarizer, budget: Budget
) -> Generator[Result, None, None]:
    chunks = _chunks(texts, chunksize)
    if n_jobs == 1:
        for chunk in chunks:
            yield from _run_chunk(summarizer, budget, chunk)
        return
    pool = _Pool(n_jobs, summarizer, budget)
    try:
        window: deque[tuple[Chunk, Future[list[Result]]]] = deque()
        for chunk in chunks:
            window.append((chunk, pool.submit(chunk)))
            if len(window) >= PREFETCH * n_jobs:
                yield from pool.collect(window)
        while window:
            yield from pool.collect(window)
    finally:
        pool.shutdown()


def _chunks(texts: Iterable[Item], size: int) -> Iterator[Chunk]:
    numbered = enumerate(texts)
    while chunk := list(islice(numbered, size)):
        yield chunk


class _Pool:
    """A process pool that survives the death of a worker (see the module docstring)."""

    def __init__(self, n_jobs: int, summarizer: Summarizer, budget: Budget) -> None:
        self._n_jobs = n_jobs
        self._initargs = (summarizer, budget)
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._n_jobs, initializer=_init_worker, initargs=self._initargs
        )

    def submit(self, chunk: Chunk) -> Future[list[Result]]:
        return self._executor.submit(_worker_chunk, chunk)

    def collect(self, window: deque[tuple[Chunk, Future[list[Result]]]]) -> list[Result]:
        """The results of the oldest chunk in ``window`` (removed from it)."""
        chunk, future = window.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # Any chunk in flight may have killed the worker. Retry this one a text at a time,
            # alone in a fresh pool, so that a crash now is that text's; then resubmit the
            # other chunks that did not finish.
            self._restart()
            results = [self._isolated(index, text) for index, text in chunk]
            resubmitted = [
                (pending, old if _succeeded(old) else self.submit(pending))
                for pending, old in window
            ]
            window.clear()
            window.extend(resubmitted)
            return results
        except Exception:  # e.g. a text that cannot be pickled: one by one finds which
            return [self._isolated(index, text) for index, text in chunk]

    def _isolated(self, index: int, text: Any) -> Result:
        """One text alone in the pool: a failure now is this text's."""
        try:
            return self.submit([(index, text)]).result()[0]
        except BrokenProcessPool as exc:
            self._restart()
            return Failure(index, "WorkerCrashed", f"a worker process died: {exc}")
        except Exception as exc:
            return Failure(index, type(exc).__name__, str(exc))

    def _restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def shutdown(self) -> None:
        # An abandoned generator (the caller stopped early) must not wait for queued work.
        self._executor.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[list[Result]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _run_chunk(summarizer: Summarizer, budget: Budget, chunk: Chunk) -> list[Result]:
    return [_run_one(summarizer, budget, index, text) for index, text in chunk]


def _run_one(summarizer: Summarizer, budget: Budget, index: int, item: Any) -> Result:
    text, title = item if isinstance(item, tuple) and len(item) == 2 else (item, None)
    try:
        if isinstance(text, list):  # a cluster: articles about one event, one summary
            from .multi import summarize_with

            return summarize_with(summarizer, text, title, budget)
        return summarizer.summarize(
            text, sentences=budget.sentences, ratio=budget.ratio, words=budget.words,
            title=title,
        )
    except Exception as exc:  # one bad text must not cost the rest of the batch
        return Failure(index, type(exc).__name__, str(exc))


# Per worker process: set once by the pool's initializer.
_worker: tuple[Summarizer, Budget] | None = None


def _init_worker(summarizer: Summarizer, budget: Budget) -> None:
    global _worker
    _worker = (summarizer, budget)
    # Ctrl-C is the parent's to handle: it stops the pool cleanly. A worker that took it too
    # would die mid-task and print a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, the OOM killer) cannot stop its pool, and a worker
    # waits for work forever: leave when the parent is gone.
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    # Load underthesea's models now, not inside the first task; a real problem resurfaces,
    # text by text, as a Failure.
    with contextlib.suppress(Exception):
        summarizer.summarize("Khởi động. Mô hình được nạp một lần.")


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _worker_chunk(chunk: Chunk) -> list[Result]:
    if _worker is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker not initialised")
    return _run_chunk(*_worker, chunk)
