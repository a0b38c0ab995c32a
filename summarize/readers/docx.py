"""Word documents (.docx) with python-docx: paragraphs, list items, headings and tables in order.

- A paragraph is a line; a list item (a list style or numbering) too.
- A paragraph in a heading style (``Heading 1``…, ``Title``), or with an outline level (its own
  or its style's: custom heading styles), is a heading line, its trailing
  ``.``/``:`` dropped: a short unpunctuated line, which the noise stage keeps out of the summary
  as a heading and the sections stage reads ("II. Hạn chế, tồn tại" opens the limitations).
- A table row is a line, its cells joined by `` | `` (a cell merged across columns once).
- The title is the core properties' title, else the first ``Title``-styled paragraph.

Headers, footers, footnotes, comments and text boxes are not read.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .document import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    TITLE,
    CorruptDocumentError,
    Document,
    TextBuilder,
    require,
)

_HEADING_STYLES = ("heading", "title", "subtitle")
_LIST_STYLES = ("list",)


def read_docx(data: bytes, source: str) -> Document:
    """The text of the .docx file ``data`` (see the module doc)."""
    require("docx", kind=".docx files", package="python-docx", extra="docx")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        items = list(document.iter_inner_content())
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(f"{source}: not a readable .docx file ({_cause(exc)})") from None
    except Exception as exc:  # python-docx and lxml raise their own types for broken parts
        raise CorruptDocumentError(f"{source}: not a readable .docx file ({_cause(exc)})") from None
    builder = TextBuilder()
    title = (document.core_properties.title or "").strip() or None
    paragraphs = tables = 0
    for item in items:
        if isinstance(item, Table):
            tables += 1
            for number, row in enumerate(item.rows, 1):
                builder.add(_row_text(row), TABLE_ROW, f"table {tables}, row {number}")
            continue
        paragraphs += 1
        text = item.text
        style = _style_name(item)
        where = f"paragraph {paragraphs}"
        if style.startswith(_HEADING_STYLES) or _outline_level(item) is not None:
            text = text.strip().rstrip(".:;").rstrip()
            if style == "title":
                title = title or " ".join(text.split()) or None
                builder.add(text, TITLE, where)
                continue
            builder.add(text, HEADING, f"{where} ({style})")
        elif style.startswith(_LIST_STYLES) or _is_numbered(item):
            builder.add(text, LIST_ITEM, where)
        else:
            builder.add(text, PARAGRAPH, where)
    return builder.build(title=title, kind="docx", source=source)


def _style_name(paragraph: Any) -> str:
    style = paragraph.style
    return str(style.name).lower() if style is not None and style.name else ""


def _outline_level(paragraph: Any) -> int | None:
    """The paragraph's outline level (its own, else its style's): a custom style ("Mục I",
    "Đề mục") or direct formatting makes a heading this way, without a heading style."""
    from docx.oxml.ns import qn

    style = paragraph.style
    for properties in (paragraph._p.pPr, style.element.pPr if style is not None else None):
        level = properties.find(qn("w:outlineLvl")) if properties is not None else None
        if level is not None:
            value = level.get(qn("w:val"))
            # 9 is "body text": Word writes it to say "not a heading".
            return int(value) if value is not None and value.isdigit() and value != "9" else None
    return None


def _is_numbered(paragraph: Any) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _row_text(row: Any) -> str:
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:  # a merged cell appears once per column it spans
            continue
        previous = cell._tc
        cells.append(" ".join(cell.text.split()))
    return " | ".join(c for c in cells if c)


def _cause(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__
