"""A web page's DOM made ready for trafilatura: furniture pruned, layout tables unwrapped,
loose text put in paragraphs. Why each step exists, and what it was measured on:
:mod:`summarize.readers.html` and docs/inputs.md.
"""

from __future__ import annotations

import re
from typing import Any

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
SHORT_TEXT = 200  # characters: an element named "date" or "author" longer than this is kept
_BLOCK_TAGS = frozenset(
    """p div table ul ol li dl h1 h2 h3 h4 h5 h6 section article header footer aside blockquote
    pre figure hr main nav form""".split()
)
# A "heading" this long, or this long and ending like a sentence, is a paragraph: a sapo set
# in an <h2>. Sub-headings are short and unpunctuated.
LONG_HEADING_WORDS = 25
PUNCTUATED_HEADING_WORDS = 10
_SENTENCE_END = (".", "!", "?", "…", '."', ".”", ")")
# A layout table has a cell with block content or this much text.
LAYOUT_CELL_TEXT = 300
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")

def text_of(element: Any) -> str:
    return " ".join(str(element.text_content()).split())



def names_of(element: Any) -> set[str]:
    """The words of an element's ``class`` and ``id`` (``"box-related"``: box, related)."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(_NAME_SPLIT.split(names)) - {""}


def prepare(tree: Any) -> None:
    """Remove furniture elements, turn layout tables into divs, give loose text paragraphs:
    in place, on the lxml ``tree`` of a page."""
    page_text = len(text_of(tree))
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.tag in _DROPPED_TAGS:
            doomed.append(element)
            continue
        if element.tag in ("html", "body", "main", "article"):
            continue
        names = names_of(element)
        furniture = bool(names & _FURNITURE_NAMES) or bool(
            names & _SHORT_FURNITURE_NAMES and len(text_of(element)) <= SHORT_TEXT
        )
        if furniture and not _holds_the_article(element, page_text):
            doomed.append(element)
    for element in tree.iter("h2", "h3", "h4", "h5", "h6", "b", "strong", "div", "span", "p"):
        if len(element) > 2 or element.getparent() is None:
            continue  # a heading has at most a link or two inside
        if _BOX_HEADING.match(text_of(element)):
            box = element.getparent()
            if (
                box.tag not in ("body", "main", "article")
                and len(text_of(box)) <= BOX_MAX_TEXT
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
    text = len(text_of(element))
    return text >= ARTICLE_MIN_TEXT and text >= ARTICLE_SHARE * page_text


def _article_root(tree: Any) -> Any:
    """The element the article is in: the lowest ancestor of the first ``<h1>`` that holds half
    of the page's paragraph text; else the grandparent of the element with the most paragraph
    text among its children (the grandparent, so that a sapo or a title beside the body's own
    container is in it too); else the whole page."""
    lengths = [(p, len(text_of(p))) for p in tree.iter("p")]
    total = sum(n for _, n in lengths)
    if not total:
        return tree
    held: dict[int, int] = {}
    under: dict[int, int] = {}
    parents: dict[int, Any] = {}
    for p, n in lengths:
        parent = p.getparent()
        if parent is not None:
            under[id(parent)] = under.get(id(parent), 0) + n
            parents[id(parent)] = parent
        for ancestor in p.iterancestors():
            held[id(ancestor)] = held.get(id(ancestor), 0) + n
    h1 = next(tree.iter("h1"), None)
    if h1 is not None:
        for ancestor in h1.iterancestors():
            if held.get(id(ancestor), 0) >= total / 2:
                return ancestor
    best = parents[max(under, key=lambda key: under[key])] if under else None
    if best is None:
        return tree
    grandparent = best.getparent()
    return grandparent if grandparent is not None else best


def _paragraphize(tree: Any) -> None:
    """Give loose text in the article a paragraph of its own: a ``<div>`` holding only text and
    inline elements becomes a ``<p>``, text or inline runs between blocks (``<b>sapo</b><p>…``)
    are wrapped in one, and a "heading" that is long or ends like a sentence (a sapo set in an
    ``<h2>``) becomes a ``<p>``. trafilatura scores paragraphs; loose text (a sapo in a
    bare ``<div>`` or a table cell) is otherwise dropped. Only inside :func:`_article_root`:
    outside it, a footer or a cookie notice made a paragraph would be kept as content."""
    import lxml.html

    root = _article_root(tree)
    for heading in list(root.iter("h2", "h3", "h4", "h5", "h6")):
        text = text_of(heading)
        words = len(text.split())
        if words >= LONG_HEADING_WORDS or (
            words >= PUNCTUATED_HEADING_WORDS and text.endswith(_SENTENCE_END)
        ):
            heading.tag = "p"
    for element in list(root.iter("div", "td", "th", "section", "article", "main", "body")):
        children = [c for c in element if isinstance(c.tag, str)]
        if not any(c.tag in _BLOCK_TAGS for c in children):
            if element.tag == "div" and text_of(element):
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
        if len(text_of(cell)) > LAYOUT_CELL_TEXT:
            return True
    return False
