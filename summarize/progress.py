"""A progress display on stderr that can never stop the work it reports on.

A batch writes its records to OUT (or stdout) and its progress to stderr. Closing stderr
(``2>&1 >/dev/null | head -c1``) must not end the batch: the first write that fails silences
the display for the rest of the run, and the stream's descriptor is pointed at ``/dev/null`` so
that the interpreter's exit-time flush does not fail either. :class:`QuietStream` does that for
any text stream; :func:`meter` draws a tqdm bar (when tqdm is installed) or a plain counter on
one.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from typing import IO, Any


class QuietStream:
    """A text stream whose ``write`` and ``flush`` never raise: after the first failure
    (a closed pipe, a closed descriptor) they do nothing. ``broken`` says whether one failed."""

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream
        self.broken = stream is None

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self._stream.write(text)  # type: ignore[union-attr]
            except (OSError, ValueError):
                self._silence()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()  # type: ignore[union-attr]
            except (OSError, ValueError):
                self._silence()

    def _silence(self) -> None:
        self.broken = True
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, ... for tqdm
        return getattr(self._stream, name)


@contextlib.contextmanager
def meter(
    stream: IO[str] | QuietStream | None, total: int | None, *, initial: int = 0
) -> Iterator[Callable[[int], None]]:
    """Yield ``update(n)``, which advances a progress display on ``stream`` by ``n`` records:
    tqdm if importable, else a counter redrawn at most once a second. ``None``: no display."""
    if stream is None:
        yield lambda n: None
        return
    quiet = stream if isinstance(stream, QuietStream) else QuietStream(stream)
    try:
        from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]  # not a dependency
    except ImportError:
        with _counter(quiet, total, initial) as update:
            yield update
        return
    bar = tqdm(total=total, initial=initial, unit="doc", file=quiet, smoothing=0.05)
    try:
        yield bar.update
    finally:
        with contextlib.suppress(OSError, ValueError):
            bar.close()


@contextlib.contextmanager
def _counter(
    stream: QuietStream, total: int | None, initial: int
) -> Iterator[Callable[[int], None]]:
    state = {"done": initial, "shown": 0.0}
    of = f"/{total}" if total is not None else ""

    def show(end: str = "") -> None:
        stream.write(f"\r{int(state['done'])}{of} records{end}")
        stream.flush()

    def update(n: int) -> None:
        state["done"] += n
        now = time.monotonic()
        if now - state["shown"] >= 1.0:
            state["shown"] = now
            show()

    try:
        yield update
    finally:
        show("\n")
