"""PDF files with pdfminer.six: the text lines in reading order, wrapped lines joined into
paragraphs, running headers, footers and page numbers removed.

pdfminer.six was chosen over pypdf (docs/inputs.md): both keep Vietnamese diacritics, but
pdfminer gives every line its position, which the three steps below need, and orders the text
boxes of a multi-column page column by column.

1. *Running headers and footers.* A line in the top or bottom margin band of a page
   (:data:`MARGIN_BAND` of the page height) is removed when the same text, digits ignored,
   is in that band on at least two pages, or when it is a page number ("3", "- 3 -",
   "Trang 3", "Trang 3/10", "Page 3 of 10"). Each removal is an empty ``removed`` block of the
   source map at the place it was cut from.
2. *Paragraphs.* A line continues the paragraph above when it follows closely (a gap of at most
   :data:`PARAGRAPH_GAP` line pitches) and the line above runs to the right margin (it was
   wrapped, not ended). Joined lines are separated by one space.
3. *Headings.* A short line not joined to the next stays a line of its own, so "II. Hạn chế,
   tồn tại" is a short unpunctuated line: a heading to the noise and sections stages.

A PDF without a text layer (a scan) gives an empty document; OCR is out of scope.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .document import PARAGRAPH, CorruptDocumentError, Document, TextBuilder, require

MARGIN_BAND = 0.1
PARAGRAPH_GAP = 1.35
FULL_LINE = 0.85  # a line reaching this share of the text width was wrapped
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:Trang|Page|Tr\.)\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    height: float  # the page's


def read_pdf(data: bytes, source: str) -> Document:
    """The text of the PDF ``data`` (see the module doc)."""
    require("pdfminer", kind=".pdf files", package="pdfminer.six", extra="pdf")
    lines = _lines(data, source)
    furniture = _running(lines)
    removed = {
        id(line): "page number" if _is_page_number(line) else "running header or footer"
        for line in lines
        if _is_page_number(line) or (_in_band(line) and _key(line.text) in furniture)
    }
    body = [line for line in lines if id(line) not in removed]
    pitch = _pitch(body)
    right = max((line.x1 for line in body), default=0.0)
    left = min((line.x0 for line in body), default=0.0)
    width = max(right - left, 1.0)
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
        if paragraph and not _continues(paragraph[-1], line, pitch, left, width):
            _flush(builder, paragraph, pending)
            paragraph = []
        paragraph.append(line)
    _flush(builder, paragraph, pending)
    return builder.build(title=None, kind="pdf", source=source)


def _lines(data: bytes, source: str) -> list[_Line]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    lines: list[_Line] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
            height = float(page.height) or 1.0
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for item in box:
                    if not isinstance(item, LTTextLine):
                        continue
                    text = " ".join(item.get_text().split())
                    if text:
                        x0, y0, x1, y1 = item.bbox
                        lines.append(_Line(number, text, x0, x1, height - y1, height - y0, height))
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, ...)
        cause = " ".join(str(exc).split())[:120] or type(exc).__name__
        if "password" in type(exc).__name__.lower() or "encrypt" in cause.lower():
            cause = "encrypted"
        raise CorruptDocumentError(f"{source}: not a readable .pdf file ({cause})") from None
    return lines


def _in_band(line: _Line) -> bool:
    band = MARGIN_BAND * line.height
    return line.top < band or line.bottom > line.height - band


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _is_page_number(line: _Line) -> bool:
    return _in_band(line) and bool(_PAGE_NUMBER.match(line.text))


def _running(lines: list[_Line]) -> set[str]:
    """Texts (digits ignored) in a margin band on at least two pages."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        if _in_band(line):
            pages.setdefault(_key(line.text), set()).add(line.page)
    return {key for key, on in pages.items() if len(on) >= 2}


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between the tops of consecutive lines of a page."""
    steps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < b.top - a.top < a.height / 4
    ]
    if steps:
        return statistics.median(steps)
    heights = Counter(round(line.bottom - line.top) for line in lines)
    return float(heights.most_common(1)[0][0]) * 1.2 if heights else 12.0


def _continues(above: _Line, line: _Line, pitch: float, left: float, width: float) -> bool:
    """``line`` wraps on from ``above``: close below it, and ``above`` reaches the margin."""
    full = above.x1 - left >= FULL_LINE * width
    if not full:
        return False
    if line.page == above.page:
        return 0 < line.top - above.top <= PARAGRAPH_GAP * pitch
    # Across a page break: the next page's first body line, starting in lowercase.
    return line.page == above.page + 1 and line.text[:1].islower()


def _flush(builder: TextBuilder, paragraph: list[_Line], pending: list[str]) -> None:
    if paragraph:
        first, last = paragraph[0].page, paragraph[-1].page
        where = f"page {first}" if first == last else f"pages {first}-{last}"
        builder.add(" ".join(line.text for line in paragraph), PARAGRAPH, where)
    for what in pending:
        builder.removed(what)
    pending.clear()
