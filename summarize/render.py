"""Presenting a :class:`Summary` to people: plain text, Markdown and JSON."""

from __future__ import annotations

import json
import re

from .summary import Summary

FORMATS = ("text", "json", "markdown")
# A list marker the sentence already starts with ("- ", "+ ", "• "): the section's own bullet
# replaces it rather than doubling it.
_BULLET = re.compile(r"^[-+•*–]\s+")
LANGUAGES = ("vi", "en")

HEADINGS = {
    "vi": {
        "summary": "Tóm tắt",
        "results": "Kết quả",
        "limitations": "Hạn chế",
        "next_tasks": "Nhiệm vụ tiếp theo",
    },
    "en": {
        "summary": "Summary",
        "results": "Results",
        "limitations": "Limitations",
        "next_tasks": "Next tasks",
    },
}


def render(
    summary: Summary, fmt: str = "text", *, labels: str = "vi", sections: bool = True
) -> str:
    """``summary`` as ``fmt`` (one of :data:`FORMATS`), headings in ``labels`` language."""
    if fmt == "json":
        return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return render_markdown(summary, labels=labels, sections=sections)
    return render_text(summary, labels=labels, sections=sections)


def render_text(summary: Summary, *, labels: str = "vi", sections: bool = True) -> str:
    """The summary sentences one per line, then each non-empty section under its heading."""
    heading = HEADINGS[labels]
    parts: list[str] = []
    if summary.title:
        parts.append(summary.title)
        parts.append("")
    parts.extend(s.text for s in summary.sentences)
    if sections:
        for name, group in summary.sections.items():
            if group:
                parts.append("")
                parts.append(f"{heading[name]}:")
                parts.extend(f"- {_item(s.text)}" for s in group)
    return "\n".join(parts)


def render_markdown(summary: Summary, *, labels: str = "vi", sections: bool = True) -> str:
    heading = HEADINGS[labels]
    parts: list[str] = []
    if summary.title:
        parts += [f"# {summary.title}", ""]
    parts += [f"## {heading['summary']}", ""]
    parts += [s.text for s in summary.sentences] or ["_(trống)_" if labels == "vi" else "_(empty)_"]
    if sections:
        for name, group in summary.sections.items():
            if group:
                parts += ["", f"## {heading[name]}", ""]
                parts += [f"- {_item(s.text)}" for s in group]
    return "\n".join(parts)


def _item(text: str) -> str:
    return _BULLET.sub("", text, count=1)
