"""What the renderers share: their words in each language and the list-item rule."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..summary import Sentence

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

# The HTML view's own words.
WORDS = {
    "vi": {
        "document": "Toàn văn",
        "legend": "Chú giải",
        "chosen": "câu được chọn vào tóm tắt",
        "noise": "phần trang, không tính (tiêu đề, chú thích ảnh, …)",
        "hover": "Di chuột lên một câu để xem điểm và lý do.",
        "sentence": "Câu",
        "score": "điểm",
        "picked": "được chọn",
        "furniture": "phần trang",
        "count": "Chọn {chosen} trong {total} câu; {noise} câu là phần trang.",
        "empty": "(trống)",
        "none": "Không có câu nào.",
    },
    "en": {
        "document": "Full text",
        "legend": "Legend",
        "chosen": "sentence chosen for the summary",
        "noise": "page furniture, never chosen (title, captions, …)",
        "hover": "Hover over a sentence to see its score and reasons.",
        "sentence": "Sentence",
        "score": "score",
        "picked": "chosen",
        "furniture": "page furniture",
        "count": "{chosen} of {total} sentences chosen; {noise} are page furniture.",
        "empty": "(empty)",
        "none": "No sentence.",
    },
}

# summarize.noise's reasons in words; a reason not listed here is shown as its code.
NOISE_WORDS = {
    "vi": {
        "title": "tiêu đề",
        "byline": "dòng tác giả",
        "credit": "nguồn ảnh",
        "image_alt": "chữ thay ảnh",
        "caption": "chú thích ảnh",
        "heading": "đề mục",
        "duplicate": "dòng lặp lại",
        "empty": "dòng trống",
        "link": "liên kết tới bài khác",
    },
    "en": {
        "title": "title",
        "byline": "byline",
        "credit": "credit",
        "image_alt": "image alt text",
        "caption": "caption",
        "heading": "heading",
        "duplicate": "repeated line",
        "empty": "empty line",
        "link": "link to another article",
    },
}

# A list marker the sentence already starts with ("- ", "+ ", "• "): the section's own bullet
# replaces it rather than doubling it.
_BULLET = re.compile(r"^[-+•*–]\s+")


def source(sentence: Sentence, several: bool) -> str:
    """``"[2] "`` before a sentence of a summary of several documents: its document, counted
    from 1 (``summarize_documents``); nothing for a summary of one document."""
    return f"[{sentence.document + 1}] " if several else ""


def item(text: str) -> str:
    """A sentence as a section's list item, without the list marker it may already carry."""
    return _BULLET.sub("", text, count=1)
