"""A small reader of the HTML page's DOM (stdlib ``html.parser``), for the renderer tests.

It collects what the tests check: the annotated sentence spans, every tag with its attributes,
and the text of each element that has an ``id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never have a closing tag.
VOID = {"meta", "link", "br", "img", "hr", "input", "source", "area", "base", "col", "wbr"}


@dataclass
class Span:
    """One annotated sentence: its data attributes, its title (the hover text) and its text."""

    attributes: dict[str, str]
    text: str = ""

    @property
    def index(self) -> int:
        return int(self.attributes["data-index"])

    @property
    def chosen(self) -> bool:
        return self.attributes["data-chosen"] == "true"


@dataclass
class Dom:
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # the document view's <p> texts
    text: str = ""  # all the text, tags removed (style contents excluded)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dom = Dom()
        self._stack: list[str] = []
        self._span: Span | None = None
        self._paragraph: list[str] | None = None
        self._in_document = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.dom.tags.append((tag, attributes))
        if "document" in attributes.get("class", "").split() and tag == "section":
            self._in_document = True
        if tag == "span" and "data-index" in attributes:
            self._span = Span(attributes)
            self.dom.spans.append(self._span)
        if tag == "p" and self._in_document:
            self._paragraph = []
        if tag not in VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._span = None
        if tag == "p" and self._paragraph is not None:
            self.dom.paragraphs.append("".join(self._paragraph))
            self._paragraph = None
        if tag == "section":
            self._in_document = False
        while self._stack:
            if self._stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] in ("style", "script", "title"):
            return
        self.dom.text += data
        if self._span is not None:
            self._span.text += data
        if self._paragraph is not None:
            self._paragraph.append(data)


def read(page: str) -> Dom:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.dom


def external_references(dom: Dom) -> list[str]:
    """Every way the page could load something: src/href/srcset that is not an in-page
    anchor, ``<link>`` and ``<script src>``, ``@import`` or ``url(`` in a style attribute."""
    found = []
    for tag, attributes in dom.tags:
        if tag in ("link", "iframe", "object", "embed", "base"):
            found.append(f"<{tag}>")
        for name in ("src", "srcset", "href", "action", "data", "poster", "background"):
            value = attributes.get(name)
            if value is not None and not value.startswith("#"):
                found.append(f"<{tag} {name}={value!r}>")
        style = attributes.get("style", "")
        if "url(" in style or "@import" in style:
            found.append(f"<{tag} style={style!r}>")
    return found
