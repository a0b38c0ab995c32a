"""JSON Lines in, JSON Lines out: the engine behind ``summarize --jsonl IN --out OUT``.

Every non-blank input line is a *record*, numbered from 0 in input order. Each record gives
exactly one output line, in the same order, whatever happens to it::

    {"record": 0, "id": "000001", "title": ..., "summary": "...", "sentences": [...],
     "sections": {"results": [...], "limitations": [...], "next_tasks": [...]}}
    {"record": 1, "id": "000002", "error": "JSONDecodeError", "message": "..."}

``id`` is copied from the input record when it has one. With ``title_field`` each record's
headline is read from that field (absent or ``null``: none, found in the text as usual) and
given to the summarizer as ``title=``. A record's text is text; with ``html=True`` every
record is read as an HTML page and also carries ``source_text``, the converted text that its
sentences' offsets index.

A record that is not valid UTF-8 or JSON, is not an object, lacks the text field or whose text
is not a string (or whose title is neither a string nor null), or whose text cannot be
summarized, becomes an *error record* (``error`` + ``message``) instead of a summary.

Output is written with one ``write`` system call per line on an unbuffered, append-mode file:
an interrupt (Ctrl-C, a kill, a crash) leaves complete lines only, or at worst a partial last
line if the process dies inside that one call. ``resume=True`` keeps the complete lines already
in OUT, truncates a trailing partial line, and summarizes only the records whose numbers are not
there yet, appending their lines.

``"-"`` as the input path reads standard input (or the ``stdin`` stream given), and as the
output path writes standard output (or the ``stdout`` stream given), flushed after every line;
the progress bar then has no total, and ``resume`` needs an output file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, TextIO

from .batch import DEFAULT_CHUNKSIZE, Failure, Result, summarize_many
from .summary import Sentence, Summary

STDIO = "-"
_RECORD = re.compile(rb'^\{"record": (\d+)[,}]')


class JsonlError(ValueError):
    """A problem with the files themselves (missing input, unwritable output)."""


@dataclass(frozen=True, slots=True)
class JsonlStats:
    """What a run did: records read, summaries and error records written, records skipped."""

    records: int = 0
    summarized: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class _Record:
    number: int
    id: Any  # the input's "id" value, or _NO_ID
    text: str  # "" when the record is broken
    title: str | None
    error: Failure | None


_NO_ID = object()


def summarize_jsonl(
    in_path: str,
    out_path: str,
    *,
    n_jobs: int = 1,
    text_field: str = "text",
    title_field: str | None = None,
    resume: bool = False,
    chunksize: int = DEFAULT_CHUNKSIZE,
    progress: TextIO | None = None,
    stdin: IO[Any] | None = None,
    stdout: IO[Any] | None = None,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> JsonlStats:
    """Summarize every record of the JSONL file ``in_path`` into ``out_path`` (see module doc).

    ``progress`` is a stream for a progress bar (tqdm when installed, else a plain counter);
    ``None`` shows none. Options and the budget are those of :func:`summarize_many` and are
    validated before any file is touched. Raises :class:`JsonlError` for unreadable input or
    unwritable output.
    """
    pending: deque[_Record] = deque()  # read, not yet written, in input order

    def texts() -> Iterator[tuple[str, str | None]]:
        for record in records:
            if record.number not in done:
                pending.append(record)
                # A broken record still travels through the (bounded) pipeline, as an empty
                # text, so that its error record is written in its place.
                yield (record.text, record.title) if record.error is None else ("", None)

    # Options and budget are validated here, before any file is touched.
    stream = summarize_many(
        texts(), n_jobs, chunksize=chunksize, sentences=sentences, ratio=ratio, words=words,
        **options,
    )
    if resume and out_path == STDIO:
        raise JsonlError("resume needs an output file to resume, not - (stdout)")
    total = None if in_path == STDIO else _count_records(in_path)
    if (
        STDIO not in (in_path, out_path)
        and os.path.exists(out_path)
        and os.path.samefile(in_path, out_path)
    ):
        raise JsonlError(f"{out_path}: is the input file; writing it would destroy the input")
    done = _resume(out_path) if resume else set()
    records = _read(in_path, text_field, title_field, stdin)
    counts = {"summarized": 0, "failed": 0}
    meter = _meter(progress, total, initial=len(done))
    fd = None if out_path == STDIO else _open_output(out_path, append=resume)
    try:
        for result in stream:
            record = pending.popleft()
            outcome = result if record.error is None else record.error
            counts["failed" if isinstance(outcome, Failure) else "summarized"] += 1
            line = _output(record, outcome)
            if fd is None:
                _print_line(stdout, line)
            else:
                _write_line(fd, line)
            meter(1)
    finally:
        stream.close()  # stops the worker pool if we leave early (an interrupt)
        if fd is not None:
            os.close(fd)
        meter(0, close=True)
    written = counts["summarized"] + counts["failed"]
    return JsonlStats(written + len(done), counts["summarized"], counts["failed"], len(done))


def _output(record: _Record, result: Result) -> dict[str, Any]:
    line: dict[str, Any] = {"record": record.number}
    if record.id is not _NO_ID:
        line["id"] = record.id
    if isinstance(result, Failure):
        line.update(result.to_dict())
    else:
        line.update(summary_record(result))
    return line


def summary_record(summary: Summary) -> dict[str, Any]:
    """The JSONL fields of a summary: title, text, chosen sentences, sections."""

    def brief(sentence: Sentence) -> dict[str, Any]:
        return {
            "index": sentence.index,
            "start": sentence.start,
            "end": sentence.end,
            "text": sentence.text,
            "score": sentence.score,
        }

    record = {
        "title": summary.title,
        "summary": summary.text,
        "sentences": [brief(s) for s in summary.sentences],
        "sections": {name: [brief(s) for s in group] for name, group in summary.sections.items()},
    }
    if summary.source_text is not None:  # html=True: the offsets index this text
        record["source_text"] = summary.source_text
    return record


def _read(
    path: str, text_field: str, title_field: str | None, stdin: IO[Any] | None
) -> Iterator[_Record]:
    """The records of ``path``: blank lines are not records; broken ones carry their error."""
    with _open_input(path) if path != STDIO else contextlib.nullcontext(None) as handle:
        number = 0
        for raw in handle if handle is not None else _stdin_lines(stdin):
            if not raw.strip():
                continue
            yield _parse(number, raw, text_field, title_field)
            number += 1


def _parse(number: int, raw: bytes, text_field: str, title_field: str | None) -> _Record:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return _Record(number, _NO_ID, "", None, Failure(number, type(exc).__name__, str(exc)))
    if not isinstance(value, dict):
        problem = f"a record must be a JSON object, not {type(value).__name__}"
        return _Record(number, _NO_ID, "", None, Failure(number, "TypeError", problem))
    record_id = value.get("id", _NO_ID)
    text = value.get(text_field)
    if not isinstance(text, str):
        problem = (
            f"no {text_field!r} field"
            if text_field not in value
            else f"{text_field!r} must be a string, not {type(text).__name__}"
        )
        error = "KeyError" if text_field not in value else "TypeError"
        return _Record(number, record_id, "", None, Failure(number, error, problem))
    title = value.get(title_field) if title_field is not None else None
    if title is not None and not isinstance(title, str):
        problem = f"{title_field!r} must be a string or null, not {type(title).__name__}"
        return _Record(number, record_id, "", None, Failure(number, "TypeError", problem))
    return _Record(number, record_id, text, title, None)


def _stdin_lines(stdin: IO[Any] | None) -> Iterator[bytes]:
    """Standard input's lines as bytes, from a binary stream or a text one (tests)."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        raise JsonlError("no input: stdin is closed")
    binary = getattr(stream, "buffer", stream)
    for line in binary:
        yield line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")


def _print_line(stdout: IO[Any] | None, record: dict[str, Any]) -> None:
    stream = stdout if stdout is not None else sys.stdout
    if stream is None:
        raise JsonlError("stdout is closed")
    text = json.dumps(record, ensure_ascii=False) + "\n"
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        binary.write(text.encode("utf-8"))
        binary.flush()
    else:
        stream.write(text)
        stream.flush()


def _open_input(path: str) -> Any:
    try:
        return open(path, "rb")  # closed by the caller's ``with``
    except FileNotFoundError:
        raise JsonlError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JsonlError(f"{path}: is a directory") from None
    except OSError as exc:
        raise JsonlError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _count_records(path: str) -> int | None:
    """Non-blank lines of ``path``, for the progress bar's total (one fast pass)."""
    with _open_input(path) as handle:
        return sum(1 for raw in handle if raw.strip())


def _open_output(path: str, *, append: bool) -> int:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    try:
        return os.open(path, flags, 0o644)
    except OSError as exc:
        raise JsonlError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _write_line(fd: int, record: dict[str, Any]) -> None:
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    written = os.write(fd, data)  # unbuffered: no half line waits in a buffer
    while written < len(data):  # only for a short write (a full disk, a signal)
        written += os.write(fd, data[written:])


def _resume(path: str) -> set[int]:
    """Record numbers already in ``path``; a trailing partial line is cut off the file."""
    done: set[int] = set()
    complete = 0
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                complete += len(line)
                match = _RECORD.match(line)
                if match:
                    done.add(int(match.group(1)))
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise JsonlError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if os.path.getsize(path) > complete:
        os.truncate(path, complete)
    return done


def _meter(stream: TextIO | None, total: int | None, *, initial: int) -> Callable[..., None]:
    """A progress callback ``meter(n, close=False)``: tqdm if importable, else a counter."""
    if stream is None:
        return lambda n, close=False: None
    try:
        from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]  # not a dependency
    except ImportError:
        return _counter(stream, total, initial)
    bar = tqdm(total=total, initial=initial, unit="doc", file=stream, smoothing=0.05)

    def update(n: int, close: bool = False) -> None:
        if n:
            bar.update(n)
        if close:
            bar.close()

    return update


def _counter(stream: TextIO, total: int | None, initial: int) -> Callable[..., None]:
    state = {"done": initial, "shown": 0.0}
    of = f"/{total}" if total is not None else ""

    def update(n: int, close: bool = False) -> None:
        state["done"] += n
        now = time.monotonic()
        if close or now - state["shown"] >= 1.0:
            state["shown"] = now
            stream.write(f"\r{int(state['done'])}{of} records" + ("\n" if close else ""))
            stream.flush()

    return update
