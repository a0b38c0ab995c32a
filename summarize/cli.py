"""The command line: ``summarize [INPUT ...] [--sentences N | --ratio R | --words W] [--format F]
[-o FILE]``, and for many documents ``summarize --jsonl IN --out OUT [--jobs N] [--resume]``.
``summarize --together A B ...`` gives one summary of several articles about one event.

An INPUT is a file (its kind by suffix: ``.txt``, ``.html``/``.htm``, ``.docx``, ``.pdf``; else
by its content), an http(s) URL, or ``-`` for standard input; :func:`summarize.read` converts it.
Several inputs give one summary each, in order: under a ``==> INPUT <==`` line in text and
Markdown, as a JSON array of objects (each with ``"input"``) in JSON.

A thin shell over :func:`summarize.read` and :class:`summarize.Summarizer`:
``main(argv, stdin, stdout, stderr) -> int`` with injectable streams. Every error is caught here
and printed as one line on stderr: exit 2 for usage errors and inputs that cannot be read
(a missing file, undecodable text, a corrupt .docx or .pdf, a missing install extra, a URL that
fails); 1 for an unexpected failure.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__
from .progress import QuietStream
from .readers import Document, ReadError, detect_kind, is_url, read, read_bounded
from .renderers import FORMATS, LANGUAGES, render
from .segment import SPLITS
from .summarizer import DEFAULT_MAX_CHARS, Summarizer
from .tokenize import TOKENIZERS

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from .summary import Summary

PROG = "summarize"
# 3: a --jsonl run that did not do what was asked: every record failed, or the input's last
# line was left unfinished (a file still being written) for a later --resume.
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
# Options of the --jsonl form; given without --jsonl they would be silently ignored.
JSONL_ONLY = ("jobs", "text_field", "title_field", "resume", "force", "no_progress")


_MAX_BYTES_PER_CHAR = 4  # UTF-8 and UTF-16 take at most four bytes a character
_NO_LIMIT = 1 << 62  # --max-chars 0: no limit on the bytes either


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
        if message and file is not None:  # None: started with stdout closed (`--help >&-`)
            file.write(message)


def build_parser(stdout: TextIO | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        stdout=stdout,
        prog=PROG,
        description="Extractive summary of Vietnamese text, with results / limitations / "
        "next-tasks sections.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="a .txt, .html, .docx or .pdf file, an http(s) URL, or - for stdin (default)",
    )
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument(
        "-n",
        "--sentences",
        type=int,
        help="number of sentences (default: 4 for a report, else what fits in 90 words)",
    )
    budget.add_argument("-r", "--ratio", type=float, help="fraction of the sentences, in (0, 1]")
    budget.add_argument("-w", "--words", type=int, help="at most this many words")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout"
    )
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
        default="syllable",
        help="syllable (syllable n-grams, default) or word (underthesea segmentation, slower)",
    )
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="auto",
        help="auto: find sentences; lines: one sentence per line",
    )
    parser.add_argument(
        "--encoding",
        help="text encoding (default utf-8; for HTML the charset of the headers or <meta>)",
    )
    parser.add_argument(
        "--html",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read every input as HTML (default: by suffix, content type or content); "
        "--no-html: as plain text",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="URL timeout (default 20 s)"
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
    parser.add_argument(
        "--together",
        action="store_true",
        help="one summary of all the INPUTs: articles about one event (summarize_documents)",
    )
    many = parser.add_argument_group("many documents: JSON Lines in, JSON Lines out")
    many.add_argument(
        "--jsonl", metavar="IN", help="summarize every record of this JSONL file (- : stdin)"
    )
    many.add_argument(
        "--out", metavar="OUT", help="the output JSONL file (with --jsonl; - : stdout)"
    )
    many.add_argument("--jobs", type=int, help="worker processes (default 1; -1: all)")
    many.add_argument("--text-field", metavar="F", help="each record's text (default: text)")
    many.add_argument(
        "--title-field",
        metavar="F",
        help="each record's headline, given as title= (default: title; '': none)",
    )
    many.add_argument(
        "--resume", action="store_true", default=None, help="keep OUT's records, add the rest"
    )
    many.add_argument(
        "--force", action="store_true", default=None, help="overwrite an existing OUT"
    )
    many.add_argument(
        "--no-progress", action="store_true", default=None, help="no progress bar on stderr"
    )
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
    # A closed stderr (`2>&-`, a reader gone) must never stop the work or change its status.
    err = QuietStream(stderr if stderr is not None else sys.stderr)
    try:
        args = build_parser(out).parse_args(argv)
        if args.together and (args.jsonl is not None or args.out is not None):
            raise UsageError("--together joins INPUTs; with --jsonl give a record a list of texts")
        if args.jsonl is not None or args.out is not None:
            return _run_jsonl(args, err, stdin, out)
        for name in JSONL_ONLY:
            if getattr(args, name) is not None:
                option = "--" + name.replace("_", "-")
                raise UsageError(f"{option} goes with --jsonl IN --out OUT")
        inputs = args.inputs or ["-"]
        if args.together and args.title is not None:
            raise UsageError("--title is one document's headline; --together takes each INPUT's")
        if len(inputs) > 1 and args.title is not None:
            raise UsageError("--title is one document's headline; give one INPUT with it")
        if len(inputs) > 1 and args.format == "html" and not args.together:
            raise UsageError("--format html makes one page: give one INPUT")
        if inputs.count("-") > 1:
            raise UsageError("- (stdin) can be read once")
        summarizer = Summarizer(
            tokenizer=args.tokenizer,
            split=args.split,
            sections=not args.no_sections,
            max_chars=args.max_chars,
        )
        if args.together:
            _write(_together(inputs, args, summarizer, stdin), args.output, out)
            return EXIT_OK
        rendered = []
        failed = False
        for name in inputs:
            try:
                document = _read_input(name, args, stdin)
            except ReadError as exc:
                if len(inputs) == 1:
                    raise
                err.write(f"{PROG}: error: {exc}\n")
                failed = True
                continue
            summary = summarizer.summarize(
                document.text,
                sentences=args.sentences,
                ratio=args.ratio,
                words=args.words,
                title=args.title if args.title is not None else document.title,
            )
            if document.kind != "text":  # offsets index the converted text: carry it
                summary = dataclasses.replace(summary, source_text=document.text)
            rendered.append((name, summary, document.text))
        if rendered:  # (when every one of several inputs failed, there is nothing to write)
            _write(_render_all(rendered, args, multiple=len(inputs) > 1), args.output, out)
        if failed:
            return EXIT_USAGE
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
    except MemoryError:
        err.write(f"{PROG}: error: out of memory (a smaller input, or a lower --max-chars)\n")
        return EXIT_FAILURE
    except Exception as exc:
        err.write(f"{PROG}: error: {type(exc).__name__}: {exc}\n")
        return EXIT_FAILURE
    return EXIT_OK


def _run_jsonl(
    args: argparse.Namespace, err: QuietStream, stdin: TextIO | None, out: TextIO | None
) -> int:
    """``--jsonl IN --out OUT``: the work is :func:`summarize.jsonl.summarize_jsonl`'s."""
    from .jsonl import summarize_jsonl

    if args.jsonl is None or args.out is None:
        raise UsageError("--jsonl IN and --out OUT go together")
    if args.inputs:
        raise UsageError("give either INPUT or --jsonl, not both")
    if args.output is not None:
        raise UsageError("with --jsonl the output file is --out OUT")
    if args.title is not None:
        raise UsageError("--title is one document's headline; with --jsonl use --title-field F")
    stats = summarize_jsonl(
        args.jsonl,
        args.out,
        n_jobs=1 if args.jobs is None else args.jobs,
        text_field="text" if args.text_field is None else args.text_field,
        title_field="title" if args.title_field is None else (args.title_field or None),
        resume=bool(args.resume),
        overwrite=bool(args.force),
        progress=None if args.no_progress else err,
        stdin=stdin,
        stdout=out,
        sentences=args.sentences,
        ratio=args.ratio,
        words=args.words,
        tokenizer=args.tokenizer,
        split=args.split,
        sections=not args.no_sections,
        html=bool(args.html),
        max_chars=args.max_chars,
    )
    where = "stdout" if args.out == "-" else args.out
    done = (
        f"{stats.records} records in {where}: {stats.summarized} summarized, "
        f"{stats.failed} failed, {stats.skipped} kept from before"
    )
    # One line on stderr either way; "error:" when the run did not do what was asked.
    if stats.incomplete:
        err.write(
            f"{PROG}: error: {done}; the last line of {args.jsonl} has no newline and does not "
            "parse (still being written?): it is left for a later --resume\n"
        )
        return EXIT_INCOMPLETE
    if stats.failed and not stats.summarized:
        err.write(f"{PROG}: error: {done}; every record failed\n")
        return EXIT_INCOMPLETE
    err.write(f"{PROG}: {done}\n")
    return EXIT_OK


def _together(
    inputs: list[str], args: argparse.Namespace, summarizer: Summarizer, stdin: TextIO | None
) -> str:
    """``--together``: one summary of every INPUT (:func:`summarize.summarize_documents`),
    rendered. An INPUT that cannot be read is an error: the summary would silently lack it.
    Each sentence's offsets index its own input's text as read (``Sentence.document``)."""
    from .multi import summarize_with
    from .select import Budget

    budget = Budget.from_options(args.sentences, args.ratio, args.words)
    documents = [_read_input(name, args, stdin) for name in inputs]
    summary = summarize_with(
        summarizer, [d.text for d in documents], [d.title for d in documents], budget
    )
    if args.format == "json":
        from .jsonl import dumps, summary_record

        return dumps({"inputs": inputs, **summary_record(summary)}, indent=2)
    return render(summary, args.format, labels=args.labels, sections=not args.no_sections)


def _read_input(name: str, args: argparse.Namespace, stdin: TextIO | None) -> Document:
    """One INPUT as a :class:`Document`: ``-`` is standard input, else a URL or a path."""
    kind = None if args.html is None else ("html" if args.html else "text")
    # Inputs are read with a bound: no more bytes than --max-chars characters can take in
    # any encoding (four a character), so /dev/zero or a 1 GB file is refused at the limit.
    limit = _NO_LIMIT
    if args.max_chars:
        limit = _MAX_BYTES_PER_CHAR * args.max_chars + len(codecs.BOM_UTF32)
    options = {"kind": kind, "encoding": args.encoding, "timeout": args.timeout}
    try:
        if name != "-":
            # A Path: with --html/--no-html, read() would take a plain str for the content.
            return read(name if is_url(name) else Path(name), **options, max_bytes=limit)
        stream = stdin if stdin is not None else sys.stdin
        if stream is None:
            raise UsageError("no input: stdin is closed")
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = read_bounded(buffer, limit, "<stdin>")
            return read(data, **options, max_bytes=limit, name="<stdin>")
    except ReadError as exc:
        if str(exc).endswith(f"larger than the limit of {limit:,} bytes"):
            raise ReadError(
                f"{exc}, more than --max-chars {args.max_chars:,} can take (4 bytes a "
                "character); a larger --max-chars (0: no limit) accepts it"
            ) from None
        raise
    text = stream.read()  # a text stream (tests inject io.StringIO)
    if kind is None:
        kind = detect_kind(None, text.encode("utf-8", errors="surrogatepass"))
    return read(text, kind=kind, name="<stdin>")


def _render_all(
    rendered: list[tuple[str, Summary, str]], args: argparse.Namespace, *, multiple: bool
) -> str:
    sections = not args.no_sections
    if args.format == "json":  # the schema --jsonl writes too, with its version
        from .jsonl import dumps, summary_record

        if not multiple:
            return dumps(summary_record(rendered[0][1]), indent=2)
        return dumps(
            [{"input": name, **summary_record(summary)} for name, summary, _ in rendered],
            indent=2,
        )
    if not multiple:
        return "".join(
            render(summary, args.format, labels=args.labels, sections=sections, text=text)
            for _, summary, text in rendered
        )
    return "\n\n".join(
        f"==> {name} <==\n"
        + render(summary, args.format, labels=args.labels, sections=sections, text=text)
        for name, summary, text in rendered
    )


def _write(rendered: str, path: str | None, out: TextIO | None) -> None:
    if path is not None and path != "-":
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(rendered + "\n")
        except OSError as exc:
            raise UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None
        return
    if out is None:  # started with stdout closed (`summarize FILE >&-`)
        raise OSError("stdout is closed")
    out.write(rendered + "\n")
    out.flush()


def _silence_stdout(out: TextIO) -> None:
    """After a closed pipe (``| head``), keep Python's exit-time flush from complaining."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError, AttributeError):
        pass
