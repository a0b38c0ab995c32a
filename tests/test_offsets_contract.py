"""The offsets contract, once for every input kind (docs/usage.md#offsets-what-start-and-end-index):
for every sentence of ``summarize_source(x)``, ``summary.source_text[s.start:s.end] == s.text``,
and ``source_text`` is ``read(x).text``; ``summarize(text)`` indexes the caller's own string."""

from __future__ import annotations

from pathlib import Path

import pytest
from _documents import report_docx, report_pdf
from _optional import require
from test_readers_html import news_page
from test_url import server  # noqa: F401  (the local HTTP server fixture)

from summarize import read, summarize, summarize_source

require("trafilatura")
require("docx")
require("pdfminer")

TEXT = (
    "Báo cáo tổng kết năm\n"
    "Năm qua, xã đã hoàn thành bốn tuyến đường bê tông và một trạm y tế mới.\n\n"
    "Tuy nhiên, việc thu gom rác thải còn chậm. Năm tới, xã cần xây thêm bãi tập kết rác."
)
KINDS = ["text", "html", "url", "docx", "pdf"]


@pytest.fixture
def source(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    kind = request.param
    if kind == "url":
        return f"{request.getfixturevalue('server')}/bai-viet"
    path = tmp_path / {"text": "a.txt", "html": "a.html", "docx": "a.docx", "pdf": "a.pdf"}[kind]
    data = {
        "text": TEXT.encode(),
        "html": news_page("table").encode(),
        "docx": report_docx(table=True),
        "pdf": report_pdf(),
    }[kind]
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("source", KINDS, indirect=True)
def test_offsets_index_source_text_for_every_kind(source: str | Path) -> None:
    document = read(source)
    for options in ({"ratio": 1.0}, {"sentences": 2, "tokenizer": "syllable"}):
        summary = summarize_source(source, **options)  # type: ignore[arg-type]
        assert summary.source_text == document.text
        assert summary.all_sentences, "nothing was read"
        for sentence in summary.all_sentences:
            assert summary.source_text[sentence.start : sentence.end] == sentence.text
        for group in (summary.sentences, *(g for _, g in summary.sections.items())):
            for sentence in group:
                assert summary.source_text[sentence.start : sentence.end] == sentence.text


def test_a_plain_string_is_never_converted() -> None:
    for text in (TEXT, news_page()):
        summary = summarize(text, ratio=1.0, tokenizer="syllable")
        assert summary.source_text is None
        assert all(text[s.start : s.end] == s.text for s in summary.all_sentences)
    page = news_page()
    converted = summarize(page, html=True, ratio=1.0, tokenizer="syllable")
    assert converted.source_text == read(page, kind="html").text
    assert all(
        converted.source_text[s.start : s.end] == s.text for s in converted.all_sentences
    )
