"""Plain text: the summary sentences one per line, then each non-empty section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._labels import HEADINGS, item, source

if TYPE_CHECKING:
    from ..summary import Summary


def render_text(summary: Summary, *, labels: str = "vi", sections: bool = True) -> str:
    """The summary sentences one per line, then each non-empty section under its heading."""
    heading = HEADINGS[labels]
    parts: list[str] = []
    if summary.title:
        parts.append(summary.title)
        parts.append("")
    several = summary.documents > 1  # each sentence says which article it is from
    parts.extend(source(s, several) + s.text for s in summary.sentences)
    if sections:
        for name, group in summary.sections.items():
            if group:
                parts.append("")
                parts.append(f"{heading[name]}:")
                parts.extend(f"- {source(s, several)}{item(s.text)}" for s in group)
    return "\n".join(parts)
