"""Markdown: the title as ``#``, the summary and each non-empty section as ``##``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._labels import HEADINGS, item, source

if TYPE_CHECKING:
    from ..summary import Summary


def render_markdown(summary: Summary, *, labels: str = "vi", sections: bool = True) -> str:
    """The summary as a Markdown document; an empty summary says so rather than vanishing."""
    heading = HEADINGS[labels]
    parts: list[str] = []
    if summary.title:
        parts += [f"# {summary.title}", ""]
    parts += [f"## {heading['summary']}", ""]
    several = summary.documents > 1  # each sentence says which article it is from
    empty = "_(trống)_" if labels == "vi" else "_(empty)_"
    parts += [source(s, several) + s.text for s in summary.sentences] or [empty]
    if sections:
        for name, group in summary.sections.items():
            if group:
                parts += ["", f"## {heading[name]}", ""]
                parts += [f"- {source(s, several)}{item(s.text)}" for s in group]
    return "\n".join(parts)
