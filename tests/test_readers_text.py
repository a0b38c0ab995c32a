"""read(): the text reader, the argument checks, and the offsets contract for text."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize import Document, read, summarize, summarize_source
from summarize.readers import ReadError

TEXT = (
    "Báo cáo tổng kết năm\n"
    "Năm qua, xã đã hoàn thành bốn tuyến đường bê tông và một trạm y tế mới.\n\n"
    "Tuy nhiên, việc thu gom rác thải còn chậm. Năm tới, xã cần xây thêm bãi tập kết rác."
)


def test_text_is_read_unchanged_with_a_block_per_line(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    document = read(path)
    assert isinstance(document, Document)
    assert (document.text, document.kind, document.source, document.title) == (
        TEXT, "text", str(path), None
    )
    lines = [document.text[b.start : b.end] for b in document.source_map]
    assert lines == [line for line in TEXT.split("\n") if line]
    assert document.source_map[2].location == "line 4"
    assert read(str(path)) == document
    assert read(TEXT, kind="text").text == TEXT
    assert read(TEXT.encode(), name="<stdin>").source == "<stdin>"


def test_summarize_source_on_text_matches_summarize(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.txt"
    path.write_text(TEXT, encoding="utf-8")
    summary = summarize_source(path, sentences=2, tokenizer="syllable")
    plain = summarize(TEXT, sentences=2, tokenizer="syllable")
    assert [s.text for s in summary.sentences] == [s.text for s in plain.sentences]
    assert summary.source_text == TEXT
    for sentence in summary.all_sentences:
        assert summary.source_text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("source", [42, None, ["a.txt"], 3.5])
def test_a_source_of_another_type_is_a_type_error(source: object) -> None:
    with pytest.raises(TypeError, match="`source` must be"):
        read(source)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value"),
    [("kind", "odt"), ("timeout", 0), ("max_bytes", 0), ("max_redirects", -1), ("encoding", 8)],
)
def test_bad_options_name_the_option(option: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"`{option}` = .* is invalid; must be"):
        read(b"x", **{option: value})  # type: ignore[arg-type]


def test_summarize_source_refuses_bad_summarizer_options_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="tokenizer"):
        summarize_source(tmp_path / "missing.txt", tokenizer="nope")
    with pytest.raises(TypeError, match="unknown option"):
        summarize_source(b"x", colour="red")


def test_unreadable_inputs_raise_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read(tmp_path / "không-có.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read(tmp_path)
    with pytest.raises(ReadError, match="byte offset 3"):
        read(b"abc\xff", kind="text")
    with pytest.raises(ReadError, match="unknown encoding"):
        read(b"abc", kind="text", encoding="nope")
    assert read("Xin chào".encode("cp1258"), kind="text", encoding="cp1258").text == "Xin chào"


def test_import_summarize_loads_no_reader_dependency() -> None:
    """The readers' packages (and urllib's HTTP machinery) load when such an input is read."""
    import subprocess
    import sys

    heavy = ("urllib.request", "http.client", "trafilatura", "lxml", "docx", "pdfminer")
    code = f"import sys, summarize; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
