"""HTML sniffing, and the fallback text extraction, with the standard library alone.

:mod:`summarize.readers.html` extracts a page's main content with trafilatura. This module
keeps two things that do not need it:

- :func:`looks_like_html`, which decides whether an input of unknown kind is HTML;
- :func:`visible_text`, every visible line of a page, used only when trafilatura finds no main
  content at all. That happens on markup libxml2 gives up on (thousands of nested elements,
  thousands of unclosed tags) and on pages with too little text to score; there the page's
  whole visible text is better than an empty document, and this parser is linear and total on
  any input (it is fuzzed: ``tests/test_fuzz.py``).

:func:`visible_text` tokenizes with :class:`html.parser.HTMLParser`, which only tokenizes: no
script runs, no resource is fetched, no entity is resolved beyond HTML's own named and
numeric character references. What is kept:

- the text of the page, entities unescaped (``&amp;`` → ``&``, ``&nbsp;`` → a space);
- one line per block element (``<p>``, ``<div>``, ``<li>``, ``<h1>``, ``<br>``, ``<td>``, ...),
  because lines are hard sentence boundaries for :mod:`summarize.segment`; whitespace inside a
  block collapses to single spaces as a browser renders it, except inside ``<pre>``;
- the ``<title>`` as the first line (the noise stage then finds it as the title).

What is dropped: the content of ``script``, ``style``, ``noscript``, ``template``, ``svg``,
``math``, ``iframe``, ``object``, ``canvas``, ``select``, ``button`` and ``nav`` elements,
comments, CDATA and other marked sections, processing instructions, the doctype, attribute
values (``alt`` text included).

:class:`~html.parser.HTMLParser` rescans to the end of the input for every markup opener left
unterminated (``<a<a<a…`` took 76 s for 400 KB on Python 3.11, ``<!--<`` repeated 285 s for
1 MB), so openers that no ``>`` closes before the next ``<``, and comment openers after the
last ``-->``, are escaped first (:func:`_escape_unclosed`): the parse is then linear. The
price: a raw ``<`` inside an attribute value turns that tag into text.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

SKIPPED = frozenset(
    "script style noscript template svg math iframe object canvas select button nav".split()
)
BLOCKS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend
    li main menu ol p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
# Element names that make a leading "<" look like markup rather than prose ("<Trích>").
KNOWN_TAGS = (
    BLOCKS
    | SKIPPED
    | frozenset(
        """a abbr b bdi bdo big cite code data del dfn em font i img input ins kbd label link mark
    meta q s samp small span strike strong sub sup time tt u var wbr""".split()
    )
)
# How much of the input auto-detection looks at: enough for any page's head.
SNIFF_CHARS = 65_536
# At least this many known tags in the sniffed part when there is no doctype/<html>/<body>.
MIN_KNOWN_TAGS = 2

_DOCUMENT_START = re.compile(
    r"(?:<\?xml[^<>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body)(?=[\s>/])",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
# A "<" whose next "<" or ">" is another "<" or the end of the text: an opener nothing closes.
# "<!--" is spared where a "-->" follows (comments may hold "<"); after the last "-->" it is not.
_UNCLOSED = re.compile(r"<(?!!--)(?=[^<>]*(?:<|\Z))")
_UNCLOSED_OR_COMMENT = re.compile(r"<(?:(?=!--)|(?=[^<>]*(?:<|\Z)))")


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts (after blanks and a BOM) with markup that parses as HTML.

    Either a document opening (``<!DOCTYPE html>``, ``<html>``, ``<head>``, ``<body>``, maybe
    after an XML declaration or comments), or a fragment whose first tag and at least
    :data:`MIN_KNOWN_TAGS` tags in its first :data:`SNIFF_CHARS` characters are HTML elements
    (``<p>Hôm nay …</p>``). Text that merely contains tags later on is not auto-detected.
    """
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n\f")
    if not head.startswith("<"):
        return False
    if _DOCUMENT_START.match(head):
        return True
    names = [match.group(1).lower() for match in _TAG.finditer(head)]
    if not names or names[0] not in KNOWN_TAGS or not _TAG.match(head):
        return False
    return sum(name in KNOWN_TAGS for name in names) >= MIN_KNOWN_TAGS


def visible_text(html: str) -> str:
    """The readable text of ``html``: one line per block, whitespace collapsed (see module doc).

    Linear in the input, whatever the markup; never raises on malformed HTML.
    """
    parser = _Extractor()
    parser.feed(_escape_unclosed(html))
    parser.close()
    return parser.text()


def _escape_unclosed(html: str) -> str:
    closed = html.rfind("-->") + 3 if "-->" in html else 0
    head, tail = html[:closed], html[closed:]
    return _UNCLOSED.sub("&lt;", head) + _UNCLOSED_OR_COMMENT.sub("&lt;", tail)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._pieces: list[str] = []
        self._skipping: list[str] = []  # open skipped elements, innermost last
        # How many of each are open: an end tag asks here, never scans the stack (a scan per
        # end tag made "<svg>" * n + "</b>" * n quadratic: 99 s for n = 110,000).
        self._open: Counter[str] = Counter()
        self._pre = 0
        self._last_cdata_end: int | None = None

    def text(self) -> str:
        self._break()
        return "\n".join(self._lines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping.append(tag)
            self._open[tag] += 1
        if self._skipping:
            return
        if tag in BLOCKS:
            self._break()
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img/>, <svg/>: no content, so nothing to skip.
        if not self._skipping and tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self._open[tag]:
            # Close it and anything left open inside it (misnested markup); each element is
            # popped once, so all end tags together cost linear time.
            while (closed := self._skipping.pop()) != tag:
                self._open[closed] -= 1
            self._open[tag] -= 1
            return
        if self._skipping:
            return
        if tag in BLOCKS:
            self._break()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Drop ``<![CDATA[…]]>`` whole, and any other ``<![…`` (``<![if !supportLists]>``,
        ``<![endif]>``, junk) up to its ``>``; return where parsing resumes, -1 if unclosed.

        Replaces the standard library's version, which raises ``AssertionError`` on any
        keyword it does not know (``<![bogus]>``, ``<![ x>``) and rescans to the end of the
        text for every unclosed CDATA section (13 s for 1 MB of ``<![CDATA[a>``).
        """
        rawdata = self.rawdata
        if rawdata.startswith("<![CDATA[", i):
            if self._last_cdata_end is None:
                self._last_cdata_end = rawdata.rfind("]]>")
            if self._last_cdata_end > i:
                return rawdata.find("]]>", i + 9) + 3
        end = rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if not self._pre:
            self._pieces.append(data)
            return
        first, *rest = data.split("\n")
        self._pieces.append(first)
        for line in rest:
            self._break()
            self._pieces.append(line)

    def _break(self) -> None:
        line = " ".join("".join(self._pieces).split())
        self._pieces.clear()
        if line:
            self._lines.append(line)
