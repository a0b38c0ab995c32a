"""Presenting a :class:`~summarize.summary.Summary` to people: one module per format.

``render(summary, fmt)`` dispatches to :mod:`.text`, :mod:`.markdown`, :mod:`.json` or
:mod:`.html`; the CLI's ``--format`` choices are :data:`FORMATS` and its ``--labels`` choices
:data:`LANGUAGES`.

The import direction is one way, from the data model to the renderers. ``Summary.__str__`` (the
text rendering) and ``Summary._repr_html_`` (the notebook view) are protocols Python and Jupyter
call on the object itself, so the data model is the side that must reach a renderer. The
renderers only read a summary's attributes (``sentences``, ``sections``, ``title``, ...), so
they import :class:`Summary` for type checking alone (under ``TYPE_CHECKING``), never at run
time: ``summary.py -> renderers`` has no way back, and either module can be imported first.
``tests/test_renderers.py`` checks both by a static scan and by importing every module first
in a fresh interpreter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._labels import HEADINGS, LANGUAGES
from .html import render_html, render_html_fragment
from .json import render_json
from .markdown import render_markdown
from .text import render_text

if TYPE_CHECKING:
    from ..summary import Summary

__all__ = [
    "FORMATS",
    "HEADINGS",
    "LANGUAGES",
    "render",
    "render_html",
    "render_html_fragment",
    "render_json",
    "render_markdown",
    "render_text",
]

FORMATS = ("text", "json", "markdown", "html")


def render(
    summary: Summary,
    fmt: str = "text",
    *,
    labels: str = "vi",
    sections: bool = True,
    text: str | None = None,
) -> str:
    """``summary`` as ``fmt`` (one of :data:`FORMATS`), headings in ``labels`` language.

    ``text`` is the string the sentences' offsets index (the caller's input, or
    ``summary.source_text`` when the input was converted); only the HTML page uses it, to show
    the whole document around the chosen sentences.
    """
    if fmt not in FORMATS:
        raise ValueError(f"`fmt` = {fmt!r} is invalid; must be one of {', '.join(FORMATS)}")
    if labels not in LANGUAGES:
        raise ValueError(f"`labels` = {labels!r} is invalid; must be one of {', '.join(LANGUAGES)}")
    if fmt == "json":
        return render_json(summary)
    if fmt == "markdown":
        return render_markdown(summary, labels=labels, sections=sections)
    if fmt == "html":
        return render_html(summary, labels=labels, sections=sections, text=text)
    return render_text(summary, labels=labels, sections=sections)
