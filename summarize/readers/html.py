"""Web pages: the article's title and main content, without the page's furniture.

The main content is trafilatura's (Barbaresi 2021, ACL demo; the best-scoring open extractor in
its own and in independent benchmarks), after steps of our own that ``benchmarks/html_eval.py``
showed it needs on news pages (docs/inputs.md has the numbers), done on the DOM by
:func:`.page_tree.prepare`:

1. *Furniture pruning.* Forms, buttons, ``<nav>``, ``<aside>``, ``<footer>`` and elements whose
   ``class``/``id`` name a share bar, a comment box, related links, a cookie banner, a
   newsletter box, a menu or a footer are removed; short elements named as a date, an author or
   a byline too, and boxes headed "Tin liên quan", "Bình luận", ... Without it, a comment box
   or a cookie banner inside the article's container is kept as content. An element holding the
   ``<h1>`` or a third of the page's text is never removed this way.
2. *Layout tables.* A ``<table>`` whose cells hold paragraphs or long text lays out a page; it
   becomes nested ``<div>`` elements, so that trafilatura scores the article cell apart from
   the masthead, menu and footer cells. Data tables (short cells) stay tables.
3. *Loose text.* Text outside any paragraph (a sapo in a bare ``<div>`` or a table cell) gets a
   ``<p>`` of its own; trafilatura would drop it.

Then short lines that are only a date line, a copyright, a share bar or the site's name are
removed (recorded in the source map). The title is ``og:title``, else the ``<h1>``, else the
``<title>``, without the site's name (``" | Báo X"``, ``" - Báo X"``); it is the first line of
the converted text, so the summarizer sees it as the title, and the sapo (the lead paragraph)
is kept as the first paragraph.

trafilatura takes an ``<article>`` element whole and leaves out what is beside it: a sapo in a
``<p class="description">`` before the ``<article>``. An element named as a lead (``sapo``,
``description``, ``lead``, ...) whose text reads as one is therefore put back, first, when the
extracted text lacks it (a ``lead`` block of the source map).

When trafilatura finds no main content (markup libxml2 cannot parse, a fragment too short to
score), the page's whole visible text is taken instead, by :mod:`.stdlib_html`.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from .document import (
    LEAD,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    TITLE,
    Document,
    TextBuilder,
    require,
)
from .page_tree import names_of, prepare, text_of
from .stdlib_html import visible_text

_LEAD_NAMES = frozenset("sapo description desc lead chapeau excerpt standfirst".split())
LEAD_MIN_WORDS = 10
LEAD_MAX_WORDS = 150
_LEAD_END = (".", "!", "?", "…", '"', "”", ")")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Lines that are furniture by their words, when short: a date line, a copyright, a share bar.
FURNITURE_LINE_WORDS = 16
# Each alternative is anchored or unmistakable: "Chia sẻ với phóng viên, ông A cho biết ..."
# and "Vi phạm bản quyền bị phạt." are prose; only a share bar's or a footer's formula is not.
_FURNITURE_LINE = re.compile(
    r"©|^(?:Bản quyền thuộc|Copyright\b)|"
    # a share bar: "Chia sẻ" followed by nothing but the networks
    r"^(?:Chia sẻ|Share)(?:\s*(?:bài viết|:|Facebook|Zalo|Twitter|X|Email|LinkedIn|"
    r"Sao chép liên kết|Copy link|\|))*$|"
    # a date line: a weekday and a date, or a date and a time, at the start
    r"^(?:Thứ (?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|Chủ nhật|CN),?\s*\d{1,2}/\d{1,2}/\d{4}|"
    r"^\d{1,2}/\d{1,2}/\d{4}\s*[-,|]?\s*\d{1,2}[:h]\d{2}",
    re.IGNORECASE,
)
# " | Báo Tin Mới", " - VnExpress", " – Tạp chí X": the site's name after the headline.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—»:]\s+")
SITE_NAME_MAX_WORDS = 6
# "Báo Sông Lam", "Tin tức 24h"; not "Báo động đỏ" (the name after it is capitalised).
_PUBLICATION = re.compile(r"(?:Báo|Tạp chí|Cổng thông tin|Trang tin|Tin tức)\s+[A-ZĐ0-9]")
META_SNIFF_BYTES = 4096  # the HTML standard's prescan looks at the first 1,024 bytes; be lenient
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """The text of an HTML page: in ``charset`` (given, or from the HTTP headers) if Python
    knows it, else by its BOM, else by its ``<meta charset>`` or ``<meta http-equiv>``, else
    UTF-8. Bytes that do not decode become U+FFFD, as in a browser."""
    for codec in (charset, _bom_charset(data), _meta_charset(data), "utf-8"):
        if codec and _known_codec(codec):
            if codec.lower().replace("_", "-") in ("utf-8", "utf8"):
                codec = "utf-8-sig"
            return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")  # pragma: no cover - utf-8 is always known


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _bom_charset(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def read_html(page: str, source: str) -> Document:
    """The title and the main content of the HTML ``page`` (see the module doc)."""
    require("trafilatura", kind="HTML", package="trafilatura", extra="html")
    import lxml.etree
    import lxml.html
    import trafilatura

    # trafilatura logs a warning for a page it finds no content in; without a handler of the
    # application's, Python would print it on stderr, under the CLI's one-line errors.
    _quiet("trafilatura")

    builder = TextBuilder()
    tree: Any = None
    # libxml2 refuses C0 control characters (and NUL) in text: a browser shows none of them.
    markup = _CONTROL.sub("", page)
    if markup.strip():
        try:
            tree = lxml.html.fromstring(markup)
        except (lxml.etree.ParserError, ValueError):
            tree = None  # empty after parsing, or an XML declaration with an encoding
    site = _site_name(tree) if tree is not None else None
    title = _title(tree, site) if tree is not None else None
    lead = _lead(tree) if tree is not None else None
    if title:
        builder.add(title, TITLE, "title")
    extracted = None
    if tree is not None:
        try:
            prepare(tree)
            extracted = trafilatura.extract(
                tree, include_comments=False, include_tables=True, include_images=False
            )
        except ValueError:  # text lxml will not hold; the fallback below reads the page
            extracted = None
    if not extracted:
        extracted = visible_text(page)
        where = "visible text, line"
    else:
        where = "paragraph"
        if lead and " ".join(lead.split()) not in " ".join(extracted.split()):
            # The sapo beside the article element (<p class="description"> before <article>)
            # is left out by trafilatura, which takes the <article>.
            builder.add(lead, LEAD, "lead (sapo)")
    for number, line in enumerate(extracted.split("\n"), 1):
        stripped = line.strip()
        if not stripped or (number <= 3 and title and _same(stripped, title)):
            continue
        if _is_furniture_line(stripped, site):
            builder.removed(f"{where} {number}: furniture line {stripped[:60]!r}")
            continue
        kind = PARAGRAPH
        if stripped.startswith("- "):
            kind = LIST_ITEM
        elif stripped.startswith("|") and stripped.endswith("|"):
            kind, stripped = TABLE_ROW, " | ".join(c.strip() for c in stripped.split("|")[1:-1])
        builder.add(stripped, kind, f"{where} {number}")
    return builder.build(title=title, kind="html", source=source)


def _lead(tree: Any) -> str | None:
    """The sapo, when the page marks it: the first element whose ``class`` or ``id`` names a
    lead (``sapo``, ``description``, ``lead``, ``chapeau``, ``excerpt``, ``standfirst``) and
    whose text reads as one: :data:`LEAD_MIN_WORDS` to :data:`LEAD_MAX_WORDS` words, ending like
    a sentence."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "script", "style"):
            continue
        if not names_of(element) & _LEAD_NAMES:
            continue
        text = text_of(element)
        words = len(text.split())
        if LEAD_MIN_WORDS <= words <= LEAD_MAX_WORDS and text.endswith(_LEAD_END):
            return text
    return None


def _quiet(name: str) -> None:
    logger = logging.getLogger(name)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_furniture_line(line: str, site: str | None) -> bool:
    """A short line that is a date line, a copyright, a share prompt or the site's name."""
    if len(line.split()) > FURNITURE_LINE_WORDS:
        return False
    return bool(_FURNITURE_LINE.search(line)) or bool(site and _same(line, site))


def _site_name(tree: Any) -> str | None:
    for meta in tree.iter("meta"):
        if meta.get("property") == "og:site_name" and meta.get("content"):
            return " ".join(str(meta.get("content")).split())
    return None


def _title(tree: Any, site: str | None) -> str | None:
    """``og:title``, else the first ``<h1>``, else ``<title>``, without the site's name."""
    candidates: list[str] = []
    for meta in tree.iter("meta"):
        if meta.get("property") == "og:title" and meta.get("content"):
            candidates.append(meta.get("content"))
    candidates += [text_of(h1) for h1 in tree.iter("h1")][:1]
    candidates += [text_of(t) for t in tree.iter("title")][:1]
    for candidate in candidates:
        title = _strip_site(" ".join(candidate.split()), site)
        if title:
            return title
    return None


def _strip_site(title: str, site: str | None) -> str:
    """Drop the site's name: a last part that equals ``og:site_name``, is a domain name or
    names a publication ("Báo X", "Tạp chí X", "Cổng thông tin X", "Trang tin X", "Tin tức X");
    or a first part that equals ``og:site_name`` or is a domain name."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title

    def is_site(part: str, *, last: bool) -> bool:
        part = part.strip()
        if site and part.casefold() == site.casefold():
            return True
        if len(part.split()) > SITE_NAME_MAX_WORDS:
            return False
        if re.search(r"\.(?:vn|com|net|org)\b", part, re.IGNORECASE):
            return True
        return last and bool(_PUBLICATION.match(part))

    if is_site(parts[-1], last=True):
        return title[: title.rfind(parts[-1])].rstrip(" |-–—»:")
    if is_site(parts[0], last=False):
        return title[len(parts[0]) :].lstrip(" |-–—»:")
    return title
