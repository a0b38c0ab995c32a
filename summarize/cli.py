"""The command line: ``summarize [FILE|-] [--sentences N | --ratio R | --words W] [--format F]``,
and for many documents ``summarize --jsonl IN --out OUT [--jobs N] [--resume]``.

A thin shell over :class:`summarize.Summarizer`: ``main(argv, stdin, stdout, stderr) -> int``
with injectable streams. Every error is caught here and printed as one line on stderr:
exit 2 for usage errors, unreadable or undecodable input; 1 for an unexpected failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__
from .renderers import FORMATS, LANGUAGES, render
from .segment import SPLITS
from .summarizer import DEFAULT_MAX_CHARS, Summarizer
from .tokenize import TOKENIZERS

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

PROG = "summarize"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line or its input: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, stdout: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stdout = stdout

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse prints --help and --version to sys.stdout itself; honour main's stdout.
        if file is None or file is sys.stdout:
            file = self._stdout or sys.stdout
        if message:
            file.write(message)


def build_parser(stdout: TextIO | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        stdout=stdout,
        prog=PROG,
        description="Extractive summary of Vietnamese text, with results / limitations / "
        "next-tasks sections.",
    )
    parser.add_argument("file", nargs="?", default="-", help="UTF-8 text file, or - for stdin")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("-n", "--sentences", type=int, help="number of sentences (default 3)")
    budget.add_argument("-r", "--ratio", type=float, help="fraction of the sentences, in (0, 1]")
    budget.add_argument("-w", "--words", type=int, help="at most this many words")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--labels",
        choices=LANGUAGES,
        default="vi",
        help="language of the section headings (default vi)",
    )
    parser.add_argument(
        "--no-sections",
        action="store_true",
        help="plain summary without the results / limitations / next-tasks sections",
    )
    parser.add_argument(
        "--tokenizer",
        choices=TOKENIZERS,
        default="word",
        help="word (underthesea segmentation, default) or syllable (fast)",
    )
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="auto",
        help="auto: find sentences; lines: one sentence per line",
    )
    parser.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    parser.add_argument(
        "--html",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="extract the readable text of HTML input first (default: only when the input "
        "starts with an HTML document or tags); --no-html: never",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"refuse longer input (default {DEFAULT_MAX_CHARS:_}; 0: no limit)",
    )
    parser.add_argument(
        "--title", help="the document's headline, if it is not the first line of the text"
    )
    many = parser.add_argument_group("many documents: JSON Lines in, JSON Lines out")
    many.add_argument("--jsonl", metavar="IN", help="summarize every record of this JSONL file")
    many.add_argument("--out", metavar="OUT", help="the output JSONL file (with --jsonl)")
    many.add_argument("--jobs", type=int, default=1, help="worker processes (default 1; -1: all)")
    many.add_argument("--text-field", default="text", metavar="F", help="default: text")
    many.add_argument(
        "--title-field", metavar="F", help="each record's headline (title=) from this field"
    )
    many.add_argument("--resume", action="store_true", help="keep OUT's records, add the rest")
    many.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def main(
    argv: list[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        args = build_parser(out).parse_args(argv)
        if args.jsonl is not None or args.out is not None:
            return _run_jsonl(args, err)
        if args.title_field is not None:
            raise UsageError("--title-field F goes with --jsonl IN --out OUT")
        text = _read(args.file, args.encoding, stdin)
        summarizer = Summarizer(
            tokenizer=args.tokenizer,
            split=args.split,
            sections=not args.no_sections,
            html=args.html,
            max_chars=args.max_chars,
        )
        summary = summarizer.summarize(
            text, sentences=args.sentences, ratio=args.ratio, words=args.words, title=args.title
        )
        rendered = render(
            summary, args.format, labels=args.labels, sections=not args.no_sections, text=text
        )
        if out is None:  # started with stdout closed (`summarize FILE >&-`)
            raise OSError("stdout is closed")
        out.write(rendered + "\n")
        out.flush()
    except SystemExit as exc:  # --help and --version print and exit 0 inside argparse
        return int(exc.code or 0)
    except (UsageError, ValueError) as exc:
        err.write(f"{PROG}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout(out)
        return EXIT_OK
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except Exception as exc:
        err.write(f"{PROG}: error: {type(exc).__name__}: {exc}\n")
        return EXIT_FAILURE
    return EXIT_OK


def _run_jsonl(args: argparse.Namespace, err: TextIO) -> int:
    """``--jsonl IN --out OUT``: the work is :func:`summarize.jsonl.summarize_jsonl`'s."""
    from .jsonl import summarize_jsonl

    if args.jsonl is None or args.out is None:
        raise UsageError("--jsonl IN and --out OUT go together")
    if args.file != "-":
        raise UsageError("give either FILE or --jsonl, not both")
    if args.title is not None:
        raise UsageError("--title is one document's headline; with --jsonl use --title-field F")
    stats = summarize_jsonl(
        args.jsonl,
        args.out,
        n_jobs=args.jobs,
        text_field=args.text_field,
        title_field=args.title_field,
        resume=args.resume,
        progress=None if args.no_progress else err,
        sentences=args.sentences,
        ratio=args.ratio,
        words=args.words,
        tokenizer=args.tokenizer,
        split=args.split,
        sections=not args.no_sections,
        html=args.html,
        max_chars=args.max_chars,
    )
    err.write(
        f"{PROG}: {stats.records} records in {args.out}: {stats.summarized} summarized, "
        f"{stats.failed} failed, {stats.skipped} kept from before\n"
    )
    return EXIT_OK


def _read(path: str, encoding: str, stdin: TextIO | None) -> str:
    """The input text; decoding problems become a :class:`UsageError` naming the byte offset."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin
        if stream is None:
            raise UsageError("no input: stdin is closed")
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text stream (tests inject io.StringIO)
            return stream.read()
        return _decode(buffer.read(), "<stdin>", encoding)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory") from None
    except PermissionError:
        raise UsageError(f"{path}: permission denied") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return _decode(data, path, encoding)


def _decode(data: bytes, name: str, encoding: str) -> str:
    try:
        codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        return data.decode(codec)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after the BOM it strips; the offset names a byte of the input.
        offset = exc.start + (3 if codec == "utf-8-sig" and data[:3] == b"\xef\xbb\xbf" else 0)
        raise UsageError(
            f"{name}: not valid {encoding} at byte offset {offset}; "
            "use --encoding to name the right one"
        ) from None


def _silence_stdout(out: TextIO) -> None:
    """After a closed pipe (``| head``), keep Python's exit-time flush from complaining."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError, AttributeError):
        pass
