"""Readers: every input kind (text, HTML, URL, .docx, .pdf) becomes a :class:`Document`.

:func:`read` takes a path, a URL or the content itself and returns the converted text, the
title and a source map; :func:`summarize_source` reads and then summarizes, so that the
summary's offsets index ``summary.source_text``, the converted text. One module per kind:
:mod:`.text`, :mod:`.html`, :mod:`.url`, :mod:`.docx`, :mod:`.pdf`. The packages the HTML,
docx and PDF readers use are optional (install extras ``html``, ``docx``, ``pdf``) and imported
only when such an input is read; without them the reader raises :class:`MissingExtraError`
naming the extra.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_TIMEOUT,
    KINDS,
    Block,
    CorruptDocumentError,
    Document,
    MissingExtraError,
    ReadError,
    UrlError,
)

if TYPE_CHECKING:
    from ..summary import Summary

__all__ = [
    "KINDS",
    "Block",
    "CorruptDocumentError",
    "Document",
    "MissingExtraError",
    "ReadError",
    "UrlError",
    "detect_kind",
    "read",
    "summarize_source",
]

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
# Options of read() that summarize_source() passes on to it rather than to the summarizer.
READ_OPTIONS = ("kind", "encoding", "timeout", "max_bytes", "max_redirects", "name")


def is_url(source: object) -> bool:
    """True for a ``str`` that starts with a scheme and ``://`` (any scheme: a non-http one is
    then refused by :func:`read` with :class:`UrlError`)."""
    return isinstance(source, str) and bool(_SCHEME.match(source))


def detect_kind(name: str | None, data: bytes) -> str:
    """The kind of an input: from the file suffix of ``name`` if it has a known one, else by
    sniffing ``data`` (a ZIP or PDF signature, an HTML opening), else ``"text"``."""
    if name:
        kind = SUFFIXES.get(Path(name).suffix.lower())
        if kind:
            return kind
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    from .stdlib_html import looks_like_html

    head = data[:4096]
    for codec in ("utf-16", "utf-8") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8",):
        if looks_like_html(head.decode(codec, errors="replace")):
            return "html"
    return "text"


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    kind: str | None = None,
    encoding: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    name: str | None = None,
) -> Document:
    """Read ``source`` into a :class:`Document`.

    ``source`` is

    - a URL (``"https://..."``): fetched (http and https only) with ``timeout`` seconds,
      at most ``max_bytes`` bytes and ``max_redirects`` redirects, then read as ``kind`` if
      given, else by its content type (HTML, text, docx, pdf) or content;
    - a path (a ``str`` or :class:`os.PathLike`): at most ``max_bytes`` bytes (a larger file
      is refused before it is read), its kind from ``kind``, else its suffix (``.txt``,
      ``.html``/``.htm``, ``.docx``, ``.pdf``), else its content;
    - ``bytes``: the content itself, its kind from ``kind`` or its content;
    - a ``str`` with ``kind="text"`` or ``kind="html"``: the content itself (without ``kind``
      a ``str`` is a path or a URL).

    ``name`` is what content given as ``bytes`` or ``str`` is called in error messages and in
    ``Document.source`` (default ``"<bytes>"`` or ``"<str>"``; the CLI says ``"<stdin>"``).
    ``encoding`` decodes text and HTML (default: UTF-8 for text; for HTML the charset of the
    HTTP headers, a BOM or ``<meta>``, else UTF-8).

    Raises ``TypeError`` for another type of ``source``; ``ValueError`` naming the option for a
    bad ``kind``, ``timeout``, ``max_bytes`` or ``max_redirects``; :class:`ReadError`
    (a ``ValueError``) when the input cannot be read: :class:`UrlError` for a URL,
    :class:`CorruptDocumentError` for a damaged .docx or .pdf, :class:`MissingExtraError` when
    the kind's optional package is missing, a plain :class:`ReadError` for a missing file or
    undecodable text.
    """
    from .. import _validate

    if not isinstance(source, (str, bytes, os.PathLike)):
        raise TypeError(
            f"`source` must be a str (path or URL), os.PathLike or bytes, not "
            f"{type(source).__name__}"
        )
    if kind is not None:
        _validate.check_choice("kind", kind, KINDS)
    if name is not None and not isinstance(name, str):
        raise TypeError(f"`name` must be str or None, not {type(name).__name__}")
    if encoding is not None and not isinstance(encoding, str):
        raise _validate.invalid("encoding", encoding, "a codec name or None")
    _validate.check_float("timeout", timeout, low=0.0, high=1e6, low_open=True)
    _validate.check_int("max_bytes", max_bytes, minimum=1)
    _validate.check_int("max_redirects", max_redirects, minimum=0)
    if is_url(source) or kind == "url":
        from .url import fetch

        if not is_url(source):
            raise _validate.invalid("source", source, "an http(s) URL when kind='url'")
        response = fetch(
            str(source), timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects
        )
        url_kind = (
            kind
            if kind not in (None, "url")
            else _kind_of_response(response.content_type, response.url, response.body)
        )
        document = _convert(response.body, url_kind, response.url, encoding or response.charset)
        return dataclasses.replace(document, kind="url")
    if isinstance(source, str) and kind in ("text", "html"):
        return _convert_str(source, kind, name or "<str>")
    if isinstance(source, bytes):
        return _convert(source, kind or detect_kind(None, source), name or "<bytes>", encoding)
    path = os.fspath(source)
    data = _read_file(path, max_bytes)
    return _convert(data, kind or detect_kind(path, data), path, encoding)


def summarize_source(
    source: str | os.PathLike[str] | bytes,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    title: str | None = None,
    **options: Any,
) -> Summary:
    """Read ``source`` (see :func:`read`; ``kind``, ``encoding``, ``timeout``, ``max_bytes``,
    ``max_redirects`` and ``name`` go to it) and summarize the converted text with the
    document's title (``title`` overrides it); the other ``options`` are
    :class:`~summarize.Summarizer`'s, except that ``html=True`` means ``kind="html"``.

    The returned :class:`~summarize.Summary` carries the converted text as ``source_text``:
    for every sentence ``summary.source_text[s.start:s.end] == s.text``.
    """
    from ..summarizer import Summarizer

    reading = {name: options.pop(name) for name in READ_OPTIONS if name in options}
    # The reader converts; the summarizer must not convert the converted text again (its
    # offsets would then index neither). html=True is read as kind="html".
    from .. import _validate

    html = _validate.check_bool("html", options.pop("html", False))
    summarizer = Summarizer(**options)  # bad options fail before any reading
    if html and reading.get("kind") is None:
        reading["kind"] = "html"
    document = read(source, **reading)
    summary = summarizer.summarize(
        document.text,
        sentences=sentences,
        ratio=ratio,
        words=words,
        title=title if title is not None else document.title,
    )
    return dataclasses.replace(summary, source_text=document.text)


def _kind_of_response(content_type: str, url: str, body: bytes) -> str:
    if "html" in content_type:
        return "html"
    if content_type == "application/pdf":
        return "pdf"
    if "wordprocessingml" in content_type:
        return "docx"
    if content_type == "text/plain":
        return "text"
    return detect_kind(url.split("?")[0].split("#")[0], body)


def _read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, refused beyond ``max_bytes`` before they are read: a regular
    file by its size, anything else (``/dev/zero``, a pipe) after ``max_bytes + 1`` bytes."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > max_bytes:
                raise ReadError(f"{path}: larger than the limit of {max_bytes:,} bytes")
            return read_bounded(handle, max_bytes, path)
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_bounded(stream: Any, max_bytes: int, source: str) -> bytes:
    """All of binary ``stream``, a block at a time; :class:`ReadError` as soon as it holds
    more than ``max_bytes`` bytes (never more than a block beyond the limit in memory)."""
    blocks: list[bytes] = []
    size = 0
    while block := stream.read(min(_BLOCK, max_bytes + 1 - size)):
        blocks.append(block)
        size += len(block)
        if size > max_bytes:
            raise ReadError(f"{source}: larger than the limit of {max_bytes:,} bytes")
    return b"".join(blocks)


_BLOCK = 1 << 20


def _convert_str(text: str, kind: str, source: str) -> Document:
    if kind == "html":
        from .html import read_html

        return read_html(text, source)
    from .text import read_text

    return read_text(text, source)


def _convert(data: bytes, kind: str, source: str, encoding: str | None) -> Document:
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, source)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, source)
    if kind == "html":
        from .html import decode_html

        return _convert_str(decode_html(data, source, encoding), "html", source)
    from .text import decode

    return _convert_str(decode(data, source, encoding), "text", source)
