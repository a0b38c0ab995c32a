"""PDF files with pdfminer.six: the text lines in reading order, wrapped lines joined into
paragraphs, running headers, footers and page numbers removed.

pdfminer.six was chosen over pypdf (docs/inputs.md, ``benchmarks/pdf_eval.py``): both keep
Vietnamese diacritics, but pdfminer gives every line its position and groups lines into text
boxes, which the steps below need; pypdf gives the content stream's order and no lines. With
``line_margin=1.0`` (lines up to a line height apart form one box) pdfminer reads a two-column
page column by column; with its default of 0.5 every wrapped line of a paragraph set at 1.5
line spacing is a box of its own and the columns interleave.

1. *Running headers and footers.* One of a page's two topmost or bottommost lines, in its
   top or bottom margin band (:data:`MARGIN_BAND` of the page height), is removed when the same
   text, digits ignored, is at the edge of at least two pages, or when it is a page number
   ("3", "- 3 -", "Trang 3", "Trang 3/10", "Page 3 of 10"). Each removal is an empty
   ``removed`` block of the source map at the place it was cut from.
2. *Paragraphs.* A line continues the paragraph above when the line above was wrapped: it
   runs to within :data:`FULL_LINE` of its text box's right edge, and, if it ends like a
   sentence, it is flush right (justified); in one box the two lines must also be at most
   :data:`PARAGRAPH_GAP` line pitches apart (paragraph spacing is a break). Over a column or
   a page break (another box) the line must start in lowercase or the line above must end
   mid-sentence. Joined lines are separated by one space.
3. *Headings.* A short line not joined to the next stays a line of its own, so "II. Hạn chế,
   tồn tại" is a short unpunctuated line: a heading to the noise and sections stages.

The title is the document information's ``/Title`` unless it is a file name; else ``None``
(the first line, if it is a title, is then found as one by the noise stage).

A PDF whose pages hold no text (a scan) raises :class:`ReadError` saying so; OCR is out of
scope.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from dataclasses import dataclass

from .document import (
    PARAGRAPH,
    CorruptDocumentError,
    Document,
    ReadError,
    TextBuilder,
    require,
)

MARGIN_BAND = 0.1
EDGE_LINES = 2  # a header or footer is among a page's two topmost or bottommost lines
LINE_MARGIN = 1.0  # pdfminer's LAParams.line_margin (see the module doc)
FULL_LINE = 0.85  # a line reaching this share of its box's width was wrapped
JUSTIFIED_LINE = 0.99  # ... and one reaching this share is flush right (justified text)
PARAGRAPH_GAP = 1.3  # lines of one box further apart than this many line pitches: a new paragraph
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", ")")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:Trang|Page|Tr\.)\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_FILE_TITLE = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt)$|^Microsoft Word - |^untitled$", re.I)


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    height: float  # the page's
    box: int  # the number of pdfminer's text box, over the whole document
    box_x0: float
    box_x1: float
    box_lines: int


def read_pdf(data: bytes, source: str) -> Document:
    """The text of the PDF ``data`` (see the module doc)."""
    require("pdfminer", kind=".pdf files", package="pdfminer.six", extra="pdf")
    lines = _lines(data, source)
    edges = _edge_lines(lines)
    furniture = _running(edges)
    removed = {
        id(line): "page number" if _PAGE_NUMBER.match(line.text) else "running header or footer"
        for line in edges
        if _PAGE_NUMBER.match(line.text) or _key(line.text) in furniture
    }
    pitch = _pitch([line for line in lines if id(line) not in removed]) or float("inf")
    builder = TextBuilder()
    paragraph: list[_Line] = []
    pending: list[str] = []  # removals, recorded after the paragraph they interrupt
    for line in lines:
        what = removed.get(id(line))
        if what is not None:
            pending.append(f"page {line.page}: {what} {line.text!r}")
            if not paragraph:
                _flush(builder, paragraph, pending)
            continue
        if paragraph and not _continues(paragraph[-1], line, pitch):
            _flush(builder, paragraph, pending)
            paragraph = []
        paragraph.append(line)
    _flush(builder, paragraph, pending)
    return builder.build(title=_metadata_title(data), kind="pdf", source=source)


def _metadata_title(data: bytes) -> str | None:
    """The document information's ``/Title``, unless it is a file name or a converter's label
    ("Microsoft Word - bao-cao.docx"), as it often is."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    try:
        info = PDFDocument(PDFParser(io.BytesIO(data))).info
        raw = info[0].get("Title") if info else None
    except Exception:  # the text was read; a broken info dictionary only loses the title
        return None
    if isinstance(raw, bytes):
        raw = decode_text(raw)
    title = " ".join(raw.split()) if isinstance(raw, str) else ""
    if not title or _FILE_TITLE.search(title):
        return None
    return title


def _lines(data: bytes, source: str) -> list[_Line]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    lines: list[_Line] = []
    boxes = pages = 0
    laparams = LAParams(line_margin=LINE_MARGIN)
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=laparams), 1):
            pages = number
            height = float(page.height) or 1.0
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                boxes += 1
                items = [
                    (item, " ".join(item.get_text().split()))
                    for item in box
                    if isinstance(item, LTTextLine)
                ]
                items = [(item, text) for item, text in items if text]
                for item, text in items:
                    x0, y0, x1, y1 = item.bbox
                    lines.append(
                        _Line(
                            number, text, x0, x1, height - y1, height - y0, height,
                            boxes, float(box.x0), float(box.x1), len(items),
                        )
                    )  # fmt: skip
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, ...)
        cause = " ".join(str(exc).split())[:120] or type(exc).__name__
        if "password" in type(exc).__name__.lower() or "encrypt" in cause.lower():
            cause = "encrypted"
        raise CorruptDocumentError(f"{source}: not a readable .pdf file ({cause})") from None
    if pages and not lines:
        raise ReadError(
            f"{source}: no text in its {pages} page(s); a scanned PDF holds images only "
            "(run OCR on it first)"
        )
    return lines


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    """The lines where a running header, footer or page number can be: among the
    :data:`EDGE_LINES` topmost or bottommost of their page, and in its margin band."""
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    edges: list[_Line] = []
    for on_page in pages.values():
        ordered = sorted(on_page, key=lambda line: line.top)
        candidates = {id(line): line for line in ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]}
        edges += [line for line in candidates.values() if _in_band(line)]
    return edges


def _in_band(line: _Line) -> bool:
    band = MARGIN_BAND * line.height
    return line.top < band or line.bottom > line.height - band


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _running(edges: list[_Line]) -> set[str]:
    """Texts (digits ignored) at the edge of at least two pages."""
    pages: dict[str, set[int]] = {}
    for line in edges:
        pages.setdefault(_key(line.text), set()).add(line.page)
    return {key for key, on in pages.items() if len(on) >= 2}


def _wrapped(line: _Line) -> bool:
    """``line`` runs to its box's right edge: the text went on to the next line."""
    if line.box_lines < 2:
        return False  # a box of one line has no width to compare with
    return line.x1 - line.box_x0 >= FULL_LINE * max(line.box_x1 - line.box_x0, 1.0)


def _continues(above: _Line, line: _Line, pitch: float) -> bool:
    """``line`` goes on with the paragraph that ``above`` ends (see the module doc)."""
    if not _wrapped(above):
        return False
    if above.text.endswith(_SENTENCE_END) and not _flush_right(above):
        return False  # a paragraph's last line that happens to be long
    if line.box == above.box:
        return line.top - above.top <= PARAGRAPH_GAP * pitch
    return line.text[:1].islower() or not above.text.endswith(_SENTENCE_END)


def _flush_right(line: _Line) -> bool:
    """Set to the box's right edge, as every wrapped line of justified text is."""
    return line.box_x1 - line.x1 <= (1 - JUSTIFIED_LINE) * max(line.box_x1 - line.box_x0, 1.0)


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between the tops of two consecutive lines of one text box."""
    steps = [
        b.top - a.top for a, b in itertools.pairwise(lines) if a.box == b.box and b.top > a.top
    ]
    return statistics.median(steps) if steps else 0.0


def _flush(builder: TextBuilder, paragraph: list[_Line], pending: list[str]) -> None:
    if paragraph:
        first, last = paragraph[0].page, paragraph[-1].page
        where = f"page {first}" if first == last else f"pages {first}-{last}"
        builder.add(" ".join(line.text for line in paragraph), PARAGRAPH, where)
    for what in pending:
        builder.removed(what)
    pending.clear()
