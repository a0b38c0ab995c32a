"""What every reader returns: a :class:`Document` (converted text + a source map of
:class:`Block` records), and the errors readers raise.

The converted text is what the summarizer reads and what a summary's offsets index. It is built
one line per block (a paragraph, a heading, a list item, a table row), because a line break is a
hard sentence boundary for :mod:`summarize.segment` and a short unpunctuated line is a heading
for :mod:`summarize.noise`. The source map says, for each line, where it came from ("page 2",
"paragraph 14"); what a reader removed (a running header, a page number, a skipped table) is
recorded as an empty block (``start == end``) at the place it was removed from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("text", "html", "url", "docx", "pdf")
# URL limits (:mod:`.url`, which imports urllib only when a URL is read).
DEFAULT_TIMEOUT = 20.0  # seconds, for each network operation and for the whole download
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_REDIRECTS = 5
# Block kinds: what a line of the converted text was in its source.
TITLE = "title"
HEADING = "heading"
PARAGRAPH = "paragraph"
LEAD = "lead"
LIST_ITEM = "list item"
TABLE_ROW = "table row"
REMOVED = "removed"


class ReadError(ValueError):
    """An input that cannot be read: the message is one line naming the input and the cause."""


class MissingExtraError(ReadError):
    """The optional package this input kind needs is not installed; the message names the
    package and the project's install extra (``pip install trafilatura``, or ``pip install -e
    '.[html]'`` in a checkout: "summarize" on the package index is another project)."""

    def __init__(self, kind: str, package: str, extra: str) -> None:
        super().__init__(
            f"reading {kind} needs the {package} package: pip install {package} "
            f"(or, in a checkout of this project, pip install -e '.[{extra}]')"
        )
        self.extra = extra


class UrlError(ReadError):
    """A URL that could not be fetched (:mod:`.url`); ``url`` is the URL that failed."""

    def __init__(self, url: str, cause: str) -> None:
        super().__init__(f"{url}: {cause}")
        self.url = url


class CorruptDocumentError(ReadError):
    """A .docx or .pdf file that its reader cannot open (damaged, encrypted, not that format)."""


def require(module: str, *, kind: str, package: str, extra: str) -> None:
    """Import ``module`` or raise :class:`MissingExtraError` naming ``extra``."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(kind, package, extra) from None


@dataclass(frozen=True, slots=True)
class Block:
    """Where the text ``[start, end)`` of a document's converted text came from.

    ``kind`` is one of ``"title"``, ``"heading"``, ``"lead"`` (a web page's sapo),
    ``"paragraph"``, ``"list item"``, ``"table row"`` or ``"removed"`` (text the reader
    dropped: ``start == end``, and ``location`` says what was dropped and why); ``location`` is
    a human-readable place in the source: ``"paragraph 14"``, ``"page 2"``, ``"table 1, row
    3"``.
    """

    start: int
    end: int
    kind: str
    location: str


@dataclass(frozen=True, slots=True)
class Document:
    """An input converted to text: what :func:`summarize.read` returns.

    ``text`` is the converted text (summary offsets index it); ``title`` the document's title
    if its source names one (``<h1>``/``og:title``, the docx core title, the PDF metadata);
    ``kind`` one of :data:`KINDS`; ``source`` the path, the URL or ``"<bytes>"``/``"<str>"``;
    ``source_map`` the :class:`Block` of every line, in order, with the removed parts.
    """

    text: str
    title: str | None
    kind: str
    source: str
    source_map: tuple[Block, ...] = ()

    def block_at(self, offset: int) -> Block | None:
        """The (non-removed) block holding the character at ``offset``, or ``None``."""
        blocks = [b for b in self.source_map if b.end > b.start]
        starts = [b.start for b in blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and blocks[i].start <= offset < blocks[i].end:
            return blocks[i]
        return None


class TextBuilder:
    """Accumulates lines and their blocks: ``add`` a line, ``removed`` a dropped part."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._blocks: list[Block] = []
        self._length = 0

    def add(self, line: str, kind: str, location: str) -> None:
        """Append ``line`` (whitespace collapsed; nothing if it is blank) as one block."""
        line = " ".join(line.split())
        if not line:
            return
        if self._lines:
            self._length += 1  # the "\n" before it
        self._lines.append(line)
        self._blocks.append(Block(self._length, self._length + len(line), kind, location))
        self._length += len(line)

    def extend(self, lines: Iterable[tuple[str, str, str]]) -> None:
        for line, kind, location in lines:
            self.add(line, kind, location)

    def removed(self, what: str) -> None:
        """Record that ``what`` (a description) was dropped here."""
        at = self._length + (1 if self._lines else 0)
        self._blocks.append(Block(at, at, REMOVED, what))

    def build(self, *, title: str | None, kind: str, source: str) -> Document:
        text = "\n".join(self._lines)
        # A removal recorded after the last line points just past the end: clamp it.
        blocks = tuple(
            b if b.start <= len(text) else Block(len(text), len(text), b.kind, b.location)
            for b in self._blocks
        )
        return Document(text, title, kind, source, blocks)
