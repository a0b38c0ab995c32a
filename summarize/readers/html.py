"""Web pages: the article's title and main content, without the page's furniture.

The main content is trafilatura's (Barbaresi 2021, ACL demo; the best-scoring open extractor in
its own and in independent benchmarks), after two steps of our own that
``benchmarks/html_eval.py`` showed it needs on news pages (docs/inputs.md has the numbers):

1. *Furniture pruning.* Forms, buttons, ``<nav>``, ``<aside>``, ``<footer>`` and elements whose
   ``class``/``id`` name a share bar, a comment box, related links, a cookie banner, a
   newsletter box, a menu or a footer are removed; short elements named as a date, an author or
   a byline too. Without it, a comment box or a cookie banner inside the article's container
   is kept as content.
2. *Layout tables.* A ``<table>`` whose cells hold paragraphs or long text lays out a page; it
   becomes nested ``<div>`` elements, so that trafilatura scores the article cell apart from
   the masthead, menu and footer cells. Data tables (short cells) stay tables.

Then lines that are only a date, a copyright or a share prompt are removed (recorded in the
source map). The title is ``og:title``, else the ``<h1>``, else the ``<title>``, without the
site's name (``" | Báo X"``, ``" - Báo X"``); it is the first line of the converted text, so the
summarizer sees it as the title, and the sapo (the lead paragraph) is kept as the first
paragraph.

When trafilatura finds no main content (markup libxml2 cannot parse, a fragment too short to
score), the page's whole visible text is taken instead, by :mod:`.stdlib_html`.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from .document import (
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    TITLE,
    Document,
    TextBuilder,
    require,
)
from .stdlib_html import visible_text

# Elements that are never article content.
_DROPPED_TAGS = (
    "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "iframe",
    "noscript", "script", "style", "template", "svg", "dialog",
)  # fmt: skip
# Words in a class or id that name furniture whatever its size, and those that do when short.
_FURNITURE_NAMES = frozenset(
    """cookie cookies consent gdpr share sharing social sharebar comment comments binhluan
    related relate lienquan tinlienquan newsletter subscribe subscription footer menu nav navbar
    navigation breadcrumb breadcrumbs sidebar advert advertisement ads banner popup modal
    masthead toolbar tags""".split()
)
_SHORT_FURNITURE_NAMES = frozenset(
    "date time timestamp datetime publish published author authors byline meta source".split()
)
# A box whose heading says what it is: "Tin liên quan", "Bình luận", "Đọc thêm", ...
_BOX_HEADING = re.compile(
    r"^(?:Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Tin khác|Tin mới nhất|Đọc nhiều|"
    r"Đọc thêm|Xem thêm|Có thể bạn quan tâm|Bình luận|Ý kiến bạn đọc|Ý kiến|Gửi bình luận|"
    r"Related|Comments?|Read more)\s*:?$",
    re.IGNORECASE,
)
BOX_MAX_TEXT = 3000  # characters: a box bigger than this is not dropped for its heading
# An element with at least this share of the page's text (and this many characters) is never
# dropped for its name or heading: see _holds_the_article.
ARTICLE_SHARE = 0.3
ARTICLE_MIN_TEXT = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHORT_TEXT = 200  # characters: an element named "date" or "author" longer than this is kept
_BLOCK_TAGS = frozenset(
    """p div table ul ol li dl h1 h2 h3 h4 h5 h6 section article header footer aside blockquote
    pre figure hr main nav form""".split()
)
# A layout table has a cell with block content or this much text.
LAYOUT_CELL_TEXT = 300
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")
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
    clean = _CONTROL.sub("", page)
    if clean.strip():
        try:
            tree = lxml.html.fromstring(clean)
        except (lxml.etree.ParserError, ValueError):
            tree = None  # empty after parsing, or an XML declaration with an encoding
    site = _site_name(tree) if tree is not None else None
    title = _title(tree, site) if tree is not None else None
    if title:
        builder.add(title, TITLE, "title")
    extracted = None
    if tree is not None:
        try:
            _prune(tree)
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


def _text(element: Any) -> str:
    return " ".join(str(element.text_content()).split())


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
    candidates += [_text(h1) for h1 in tree.iter("h1")][:1]
    candidates += [_text(t) for t in tree.iter("title")][:1]
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


def _names(element: Any) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(_NAME_SPLIT.split(names)) - {""}


def _prune(tree: Any) -> None:
    """Remove furniture elements; turn layout tables into divs (see the module doc)."""
    page_text = len(_text(tree))
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.tag in _DROPPED_TAGS:
            doomed.append(element)
            continue
        if element.tag in ("html", "body", "main", "article"):
            continue
        names = _names(element)
        furniture = bool(names & _FURNITURE_NAMES) or bool(
            names & _SHORT_FURNITURE_NAMES and len(_text(element)) <= SHORT_TEXT
        )
        if furniture and not _holds_the_article(element, page_text):
            doomed.append(element)
    for element in tree.iter("h2", "h3", "h4", "h5", "h6", "b", "strong", "div", "span", "p"):
        if len(element) > 2 or element.getparent() is None:
            continue  # a heading has at most a link or two inside
        if _BOX_HEADING.match(_text(element)):
            box = element.getparent()
            if (
                box.tag not in ("body", "main", "article")
                and len(_text(box)) <= BOX_MAX_TEXT
                and not _holds_the_article(box, page_text)
            ):
                doomed.append(box)
    doomed_ids = {id(element) for element in doomed}
    for element in doomed:
        if element.getparent() is not None and all(
            id(ancestor) not in doomed_ids for ancestor in element.iterancestors()
        ):
            element.drop_tree()
    for table in list(tree.iter("table")):
        if _is_layout_table(table):
            own = [
                element
                for element in table.iter("tbody", "thead", "tfoot", "tr", "td", "th")
                if next(element.iterancestors("table"), None) is table
            ]
            for element in [table, *own]:
                element.tag = "div"
    _paragraphize(tree)


def _holds_the_article(element: Any, page_text: int) -> bool:
    """An element named or headed like furniture is kept when it holds the ``<h1>`` or a third
    of the page's text: a wrapper ``class="main has-sidebar"``, an article container that
    also holds the comment box. Furniture may then stay; the article is never lost."""
    if next(element.iter("h1"), None) is not None:
        return True
    text = len(_text(element))
    return text >= ARTICLE_MIN_TEXT and text >= ARTICLE_SHARE * page_text


def _paragraphize(tree: Any) -> None:
    """Give loose text a paragraph of its own: a ``<div>`` holding only text and inline
    elements becomes a ``<p>``, and text or inline runs between blocks (``<b>sapo</b><p>…``)
    are wrapped in one. trafilatura scores paragraphs; loose text (a sapo in a bare ``<div>``
    or a table cell) is otherwise dropped."""
    import lxml.html

    for element in list(tree.iter("div", "td", "th", "section", "article", "main", "body")):
        children = [c for c in element if isinstance(c.tag, str)]
        if not any(c.tag in _BLOCK_TAGS for c in children):
            if element.tag == "div" and _text(element):
                element.tag = "p"
            continue
        run: Any = None
        if element.text and element.text.strip():
            run = lxml.html.Element("p")
            run.text, element.text = element.text, None
            element.insert(0, run)
        for child in list(element):
            if child is run:
                continue
            if not isinstance(child.tag, str) or child.tag in _BLOCK_TAGS:
                run = None
                if child.tail and child.tail.strip():
                    run = lxml.html.Element("p")
                    run.text, child.tail = child.tail, None
                    child.addnext(run)
                continue
            if run is None:
                run = lxml.html.Element("p")
                child.addprevious(run)
            run.append(child)


def _is_layout_table(table: Any) -> bool:
    for cell in table.iter("td", "th"):
        if any(True for _ in cell.iter("p", "div", "table", "ul", "ol", "h1", "h2", "h3")):
            return True
        if len(_text(cell)) > LAYOUT_CELL_TEXT:
            return True
    return False
