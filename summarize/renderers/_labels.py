"""What every renderer shares: the section headings in each language and the list-item rule."""

from __future__ import annotations

import re

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

# A list marker the sentence already starts with ("- ", "+ ", "• "): the section's own bullet
# replaces it rather than doubling it.
_BULLET = re.compile(r"^[-+•*–]\s+")


def item(text: str) -> str:
    """A sentence as a section's list item, without the list marker it may already carry."""
    return _BULLET.sub("", text, count=1)
