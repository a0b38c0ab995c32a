"""JSON Lines in, JSON Lines out: the engine behind ``summarize --jsonl IN --out OUT``.

**Records.** Every complete, non-blank input line is a *record*, numbered from 0 in input
order; a line is complete when a newline ends it. An unterminated last line is a record only
when it parses as JSON (a file whose writer left out the final newline: a proper prefix of a
JSON object never parses); otherwise it is a line still being written, which is not a record
yet: it is left for a later ``resume`` (:attr:`JsonlStats.incomplete`), so that record
numbers never shift. A UTF-8 BOM opening a
line is ignored. A line longer than the text limit allows (four bytes per character of
``max_chars``) is an error record, read past without being held in memory.

**Output.** Each record gives exactly one output line, in the same order, whatever happens to
it: the shared schema of :func:`summary_record` (the one ``--format json`` prints), preceded by
the record's number and its ``id`` when it has one, or an error record::

    {"schema": 1, "record": 0, "id": "000001", "title": ..., "summary": [2, 5], ...}
    {"schema": 1, "record": 1, "id": "000002", "error": "JSONDecodeError", "message": "..."}

A record that is not valid UTF-8 or JSON (``NaN`` and ``Infinity`` are not JSON), is not an
object, lacks the text field or whose text is not a string, whose title is neither a string nor
null, whose ``id`` cannot be written back as JSON (``1e400``), or whose text cannot be
summarized, becomes an error record. Lone surrogates (``"\\udcff"``) and the line breaks
U+0085, U+2028, U+2029 are written as JSON escapes, so every output line is valid UTF-8, holds
no other line break, and reads back to the same strings.

**The output file.** OUT is locked (``flock``) while a run writes it: a second run on the same
OUT is refused, never interleaved. The options that shape the records are recorded beside it
in ``OUT.options.json``; ``resume=True`` refuses to continue an OUT made with other options.
An existing non-empty OUT is overwritten only with ``overwrite=True``. Every line is written
with one ``write`` system call on an unbuffered file, so an interrupt leaves complete lines, or
at worst a partial last line, which ``resume`` cuts off before it appends the missing records.

``"-"`` as the input path reads standard input as it comes (no pass ahead of the records, so a
pipe is read once), and as the output path writes standard output, flushed line by line;
``resume`` then needs an output file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol, cast

from . import __version__
from .batch import DEFAULT_CHUNKSIZE, Failure, Item, Result, summarize_many
from .progress import QuietStream, meter
from .summarizer import Summarizer
from .summary import Summary

STDIO = "-"
SCHEMA = 1  # the version of the output records (summary_record); raised on any change
_RECORD = re.compile(rb'^\{"schema": \d+, "record": (\d+)[,}]')
_RECORD_START = b'{"schema": '
# Written as escapes: lone surrogates (UTF-8 cannot hold them) and the line breaks other than
# "\n" that json.dumps leaves raw (str.splitlines and JavaScript would cut a line at them).
_ESCAPED = re.compile("[\ud800-\udfff\x85\u2028\u2029]")
_BOM = b"\xef\xbb\xbf"
# What a line cut short gives (a prefix of a JSON object never parses, nor half a character).
_UNPARSED = ("JSONDecodeError", "UnicodeDecodeError", "RecursionError")
_READ_BLOCK = 1 << 20


class _Lines(Protocol):
    """What the records are read from: a binary file, or standard input."""

    def readline(self, limit: int = -1, /) -> bytes: ...


class JsonlError(ValueError):
    """A problem with the files themselves (missing input, an OUT that must not be written)."""


@dataclass(frozen=True, slots=True)
class JsonlStats:
    """What a run did: records in OUT, summaries and error records written, records kept from
    before; ``incomplete`` when the input's last line was left for a later resume."""

    records: int = 0
    summarized: int = 0
    failed: int = 0
    skipped: int = 0
    incomplete: bool = False


@dataclass(frozen=True, slots=True)
class _Record:
    number: int
    id: Any  # the input's "id" value, or _NO_ID
    text: str | list[str]  # "" when the record is broken; a list of texts: a cluster
    title: str | list[str | None] | None
    error: Failure | None


_NO_ID = object()


def summary_record(summary: Summary) -> dict[str, Any]:
    """The one JSON schema of a summary, shared by ``--format json`` and ``--jsonl``.

    :meth:`Summary.to_dict` (``summary``: the chosen sentences' indices; ``sentences``: those
    sentences; ``sections``: indices per section; ``all_sentences``; ``source_text`` for a
    converted input) with ``schema`` (its version, :data:`SCHEMA`) first and ``summary_text``,
    the chosen sentences joined by spaces.
    """
    return {"schema": SCHEMA, **summary.to_dict(), "summary_text": summary.text}


def summarize_jsonl(
    in_path: str,
    out_path: str,
    *,
    n_jobs: int = 1,
    text_field: str = "text",
    title_field: str | None = "title",
    resume: bool = False,
    overwrite: bool = False,
    chunksize: int = DEFAULT_CHUNKSIZE,
    progress: IO[str] | QuietStream | None = None,
    stdin: IO[Any] | None = None,
    stdout: IO[Any] | None = None,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> JsonlStats:
    """Summarize every record of the JSONL file ``in_path`` into ``out_path`` (module doc).

    ``title_field`` names each record's headline (``None``: no headline is read).
    ``progress`` is a stream for a progress bar (tqdm when installed, else a plain counter);
    ``None`` shows none. Options and the budget are those of :func:`summarize_many` and are
    validated before any file is touched. Raises :class:`JsonlError` for unreadable input, for
    an OUT that is the input, exists (without ``resume`` or ``overwrite``), is locked by
    another run, or was made with other options (``resume``).
    """
    pending: deque[_Record] = deque()  # read, not yet written, in input order
    done: set[int] = set()
    state = {"incomplete": False}

    def texts() -> Iterator[Item]:
        for record in _read(handle, text_field, title_field, limit, state):
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
    settings = _settings(text_field, title_field, sentences, ratio, words, options)
    limit = line_limit(Summarizer(**options).options.max_chars)
    if resume and out_path == STDIO:
        raise JsonlError("resume needs an output file to resume, not - (stdout)")
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(_open_input(in_path, stdin))
        total = _count_records(in_path)
        fd = None
        if out_path != STDIO:
            fd = _open_output(out_path, in_path)
            stack.callback(os.close, fd)
            done = _prepare_output(fd, out_path, settings, resume=resume, overwrite=overwrite)
        counts = {"summarized": 0, "failed": 0}
        update = stack.enter_context(meter(progress, total, initial=len(done)))
        stack.callback(stream.close)  # stops the worker pool if we leave early (an interrupt)
        for result in stream:
            record = pending.popleft()
            outcome = result if record.error is None else record.error
            data, failed = _encode(record, outcome)
            counts["failed" if failed else "summarized"] += 1
            if fd is None:
                _print_line(stdout, data)
            else:
                _write_line(fd, data)
            update(1)
    written = counts["summarized"] + counts["failed"]
    return JsonlStats(
        written + len(done), counts["summarized"], counts["failed"], len(done),
        state["incomplete"],
    )


def _settings(
    text_field: str,
    title_field: str | None,
    sentences: int | None,
    ratio: float | None,
    words: int | None,
    options: dict[str, Any],
) -> dict[str, Any]:
    """What shapes the output records: recorded beside OUT, compared on resume."""
    chosen = Summarizer(**options).options
    summarizer = {
        name: getattr(chosen, name) for name in type(chosen).__dataclass_fields__
    }
    recorded: dict[str, Any] = json.loads(json.dumps({
        "schema": SCHEMA,
        "summarize": __version__,
        "text_field": text_field,
        "title_field": title_field,
        "budget": {"sentences": sentences, "ratio": ratio, "words": words},
        "options": summarizer,
    }, default=str))
    return recorded


def line_limit(max_chars: int | None) -> int | None:
    """The longest input line read, in bytes: four a character of ``max_chars`` (UTF-8 takes
    at most four) and 4 KiB for the rest of the record; ``None`` when there is no limit."""
    return 4 * max_chars + 4096 if max_chars else None


def _encode(record: _Record, outcome: Result) -> tuple[bytes, bool]:
    """The output line of a record, as UTF-8 bytes ending in a newline, and whether it is an
    error record."""
    line: dict[str, Any] = {"schema": SCHEMA, "record": record.number}
    if record.id is not _NO_ID:
        line["id"] = record.id
    failed = isinstance(outcome, Failure)
    line.update(outcome.to_dict() if isinstance(outcome, Failure) else summary_record(outcome))
    try:
        text = dumps(line)
    except (ValueError, RecursionError) as exc:  # the id was checked when read: a safety net
        failure = Failure(record.number, type(exc).__name__, str(exc))
        text = dumps({"schema": SCHEMA, "record": record.number, **failure.to_dict()})
        failed = True
    return (text + "\n").encode("utf-8"), failed


def dumps(value: Any, *, indent: int | None = None) -> str:
    """``value`` as strict JSON (no NaN) that encodes to UTF-8 and splits into lines only at
    its own newlines: letters kept as they are; a lone surrogate, which UTF-8 cannot encode,
    and U+0085, U+2028 and U+2029, which ``str.splitlines`` takes for line breaks, written as
    escapes (``\\udcff``), which read back as the same code points (such a character can only
    occur inside a JSON string)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    return _ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _read(
    handle: _Lines,
    text_field: str,
    title_field: str | None,
    limit: int | None,
    state: dict[str, bool],
) -> Iterator[_Record]:
    """The records of ``handle``: blank lines are not records; broken ones carry their error."""
    number = 0
    while True:
        raw = handle.readline(limit + 1) if limit else handle.readline()
        if not raw:
            return
        if limit and len(raw) > limit and not raw.endswith(b"\n"):
            _skip_line(handle)
            problem = f"a line of more than {limit:,} bytes: more than `max_chars` allows"
            yield _Record(number, _NO_ID, "", None, Failure(number, "ValueError", problem))
            number += 1
            continue
        raw = raw.removeprefix(_BOM)
        if not raw.strip():
            continue
        record = _parse(number, raw, text_field, title_field)
        if not raw.endswith(b"\n") and record.error and record.error.error in _UNPARSED:
            state["incomplete"] = True  # a line still being written: not a record yet
            return
        yield record
        number += 1


def _skip_line(handle: _Lines) -> None:
    """Read past the rest of a line, a block at a time (never the whole line in memory)."""
    while True:
        block = handle.readline(_READ_BLOCK)
        if not block or block.endswith(b"\n"):
            return


def _parse(number: int, raw: bytes, text_field: str, title_field: str | None) -> _Record:
    def failure(error: str, message: str, record_id: Any = _NO_ID) -> _Record:
        return _Record(number, record_id, "", None, Failure(number, error, message))

    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return failure(type(exc).__name__, str(exc))
    if not isinstance(value, dict):
        return failure("TypeError", f"a record must be a JSON object, not {type(value).__name__}")
    record_id = value.get("id", _NO_ID)
    if record_id is not _NO_ID:
        try:
            json.dumps(record_id, allow_nan=False)
        except (ValueError, RecursionError):
            return failure("ValueError", f"`id` cannot be written back as JSON: {record_id!r:.80}")
    text = value.get(text_field)
    # A list of texts is a cluster of articles, summarized together (summarize_documents).
    cluster = isinstance(text, list) and all(isinstance(t, str) for t in text)
    if not isinstance(text, str) and not cluster:
        if text_field not in value:
            return failure("KeyError", f"no {text_field!r} field", record_id)
        problem = f"{text_field!r} must be a string or a list of strings, not {type(text).__name__}"
        return failure("TypeError", problem, record_id)
    title = value.get(title_field) if title_field else None
    if cluster and title is not None:
        if not isinstance(title, list) or not all(t is None or isinstance(t, str) for t in title):
            problem = f"{title_field!r} of a list of texts must be a list of strings or nulls"
            return failure("TypeError", problem, record_id)
    elif title is not None and not isinstance(title, str):
        problem = f"{title_field!r} must be a string or null, not {type(title).__name__}"
        return failure("TypeError", problem, record_id)
    return _Record(number, record_id, cast("str | list[str]", text), title, None)


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON (RFC 8259 has no NaN or Infinity)")


@contextlib.contextmanager
def _open_input(path: str, stdin: IO[Any] | None) -> Iterator[_Lines]:
    if path == STDIO:
        stream = stdin if stdin is not None else sys.stdin
        if stream is None:
            raise JsonlError("no input: stdin is closed")
        binary = getattr(stream, "buffer", stream)
        yield cast(_Lines, binary) if _is_binary(binary) else _Encoded(binary)
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise JsonlError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JsonlError(f"{path}: is a directory") from None
    except OSError as exc:
        raise JsonlError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        yield handle


def _is_binary(stream: Any) -> bool:
    return not hasattr(stream, "encoding")


class _Encoded:
    """A text stream (tests inject ``io.StringIO``) read as UTF-8 lines."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        return self._stream.readline(limit).encode("utf-8", "surrogatepass")


def _count_records(path: str) -> int | None:
    """Non-blank lines of a regular file, for the progress bar's total; ``None`` for anything
    else (a pipe, ``/dev/stdin``, ``<(...)``): a counting pass would consume its records."""
    if path == STDIO:
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return sum(1 for raw in handle if raw.strip())
    except OSError:
        return None


def _open_output(path: str, in_path: str) -> int:
    if in_path != STDIO and os.path.exists(path) and os.path.samefile(in_path, path):
        raise JsonlError(f"{path}: is the input file; writing it would destroy the input")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise JsonlError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        _lock(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _lock(fd: int, path: str) -> None:
    """An exclusive lock on OUT for this run; another run's lock is an error, not a wait."""
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return  # /dev/null, a pipe: nothing to protect, and other runs may share it
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise JsonlError(f"{path}: another summarize --jsonl run is writing it") from None


def _prepare_output(
    fd: int, path: str, settings: dict[str, Any], *, resume: bool, overwrite: bool
) -> set[int]:
    """Check OUT against this run and return the record numbers it already holds."""
    info = os.fstat(fd)
    sidecar = options_path(path)
    if not stat.S_ISREG(info.st_mode):
        if resume:
            raise JsonlError(f"{path}: resume needs a regular file")
        return set()
    done: set[int] = set()
    if info.st_size and not (resume or overwrite):
        raise JsonlError(
            f"{path}: exists ({info.st_size:,} bytes); --resume adds the missing records, "
            "--force overwrites it"
        )
    if info.st_size and resume:
        done = _resume(fd, path)
    if done:
        recorded = _recorded_settings(sidecar)
        if recorded is None:
            raise JsonlError(
                f"{path}: holds records but no {os.path.basename(sidecar)} says which options "
                "made them; --force starts it over"
            )
        changed = sorted(_differences(recorded, settings))
        if changed:
            raise JsonlError(
                f"{path}: made with other options ({', '.join(changed)}); resume with the same "
                "ones, or --force to start over"
            )
        return done
    os.ftruncate(fd, 0)  # overwrite, or nothing complete to keep
    _write_settings(sidecar, settings)
    return done


def options_path(out_path: str) -> str:
    """The sidecar file recording the options that made ``out_path``."""
    return out_path + ".options.json"


def _recorded_settings(sidecar: str) -> dict[str, Any] | None:
    try:
        with open(sidecar, encoding="utf-8") as handle:
            value = json.load(handle)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _differences(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            yield from _differences(a, b, f"{prefix}{key}.")
        elif a != b:
            yield f"{prefix}{key} {a!r} now {b!r}"


def _write_settings(sidecar: str, settings: dict[str, Any]) -> None:
    temporary = sidecar + ".tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(settings, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.replace(temporary, sidecar)
    except OSError as exc:
        raise JsonlError(f"{sidecar}: cannot write ({exc.strerror or exc})") from None


def _resume(fd: int, path: str) -> set[int]:
    """Record numbers already in OUT; a trailing partial line is cut off the file. A file that
    is not an output (a complete line that is no record of ours, or a partial line that does
    not start as one) is refused, never cut."""
    done: set[int] = set()
    complete = 0
    foreign = False
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):  # a partial last line: ours if it starts as ours
                    foreign = not (line.startswith(_RECORD_START) or _RECORD_START.startswith(line))
                    break
                match = _RECORD.match(line)
                if match is None:
                    foreign = True
                    break
                complete += len(line)
                done.add(int(match.group(1)))
    except OSError as exc:
        raise JsonlError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if foreign:
        raise JsonlError(
            f"{path}: holds lines that are no summarize --jsonl records; --force overwrites it"
        )
    if os.fstat(fd).st_size > complete:
        os.ftruncate(fd, complete)
    return done


def _print_line(stdout: IO[Any] | None, data: bytes) -> None:
    stream = stdout if stdout is not None else sys.stdout
    if stream is None:
        raise JsonlError("stdout is closed")
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        binary.write(data)
        binary.flush()
    else:
        stream.write(data.decode("utf-8"))
        stream.flush()


def _write_line(fd: int, data: bytes) -> None:
    written = os.write(fd, data)  # unbuffered: no half line waits in a buffer
    while written < len(data):  # only for a short write (a full disk, a signal)
        written += os.write(fd, data[written:])
