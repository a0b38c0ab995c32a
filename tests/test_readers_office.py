"""The .docx and .pdf readers, on documents the tests write themselves (python-docx, fpdf2)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from _documents import BODY, HEADINGS, SECTIONS, TITLE, report_docx, report_pdf
from _optional import require

from summarize import read, summarize_source
from summarize.readers import CorruptDocumentError, ReadError

require("docx")
require("pdfminer")
require("fpdf")

FAST = {"tokenizer": "syllable"}


def _under_headings(summary) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each heading's content sentences, as the summary labelled them."""
    groups: dict[str, list[str]] = {}
    current = None
    for sentence in summary.all_sentences:
        if sentence.text in HEADINGS:
            current = sentence.text
            assert sentence.noise == "heading", sentence
            continue
        if current is not None and sentence.noise is None:
            groups.setdefault(current, []).append(sentence.section)
    return groups


@pytest.mark.parametrize("make", [report_docx, report_pdf], ids=["docx", "pdf"])
def test_a_report_comes_out_with_exact_sections(make) -> None:  # type: ignore[no-untyped-def]
    summary = summarize_source(make(), **FAST)
    groups = _under_headings(summary)
    assert list(groups) == list(HEADINGS)
    for heading, section, paragraphs in zip(HEADINGS, SECTIONS, BODY, strict=True):
        sentences = sum(p.count(". ") + 1 for p in paragraphs)
        # (the PDF's appendix page follows the last section's paragraphs: not part of it)
        assert groups[heading][:sentences] == [section] * sentences, heading
    assert summary.title == TITLE
    assert any(s.noise == "title" and s.text == TITLE for s in summary.all_sentences)


@pytest.mark.parametrize("make", [report_docx, report_pdf], ids=["docx", "pdf"])
def test_offsets_index_the_converted_text(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = make()
    path = tmp_path / ("report.docx" if make is report_docx else "report.pdf")
    path.write_bytes(data)
    document = read(path)
    summary = summarize_source(path, ratio=1.0, **FAST)
    assert summary.source_text == document.text
    for sentence in summary.all_sentences:
        assert summary.source_text[sentence.start : sentence.end] == sentence.text
    for block in document.source_map:
        assert 0 <= block.start <= block.end <= len(document.text)
        if block.kind != "removed":
            assert "\n" not in document.text[block.start : block.end]


def test_docx_headings_lists_and_tables_in_the_source_map() -> None:
    document = read(report_docx(table=True))
    assert (document.kind, document.title) == ("docx", TITLE)
    kinds = {block.kind for block in document.source_map}
    assert {"title", "heading", "paragraph", "table row", "list item"} <= kinds
    rows = [document.text[b.start : b.end] for b in document.source_map if b.kind == "table row"]
    assert rows == ["Chỉ tiêu | Kết quả", "Thu ngân sách | 420 tỷ đồng"]
    headings = [document.text[b.start : b.end] for b in document.source_map if b.kind == "heading"]
    assert headings == list(HEADINGS)
    block = document.block_at(document.text.index("Ba trường"))
    assert block is not None and block.location == "paragraph 4"


def test_docx_outline_level_makes_a_heading_without_a_heading_style() -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    custom = document.styles.add_style("Mục lớn", 1)  # a paragraph style of the user's
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    custom.element.get_or_add_pPr().append(level)
    document.add_paragraph("II. Hạn chế, tồn tại:", style="Mục lớn")
    plain = document.add_paragraph("Việc thu gom rác thải còn chậm.")
    body = OxmlElement("w:outlineLvl")
    body.set(qn("w:val"), "9")  # Word's "body text" level: not a heading
    plain._p.get_or_add_pPr().append(body)
    buffer = io.BytesIO()
    document.save(buffer)
    read_back = read(buffer.getvalue())
    assert [b.kind for b in read_back.source_map] == ["heading", "paragraph"]
    assert read_back.text.split("\n")[0] == "II. Hạn chế, tồn tại"


def test_pdf_drops_running_headers_and_page_numbers_and_joins_wrapped_lines() -> None:
    document = read(report_pdf())
    assert "Ủy ban nhân dân huyện Vĩnh Xuân" not in document.text
    assert "Trang 1" not in document.text and "Trang 2" not in document.text
    removed = [b.location for b in document.source_map if b.kind == "removed"]
    assert sum("running header" in r for r in removed) == 2
    assert sum("page number" in r for r in removed) == 2
    for paragraph in (p for group in BODY for p in group):
        assert paragraph in document.text.split("\n")  # wrapped lines joined, nothing lost
    assert document.block_at(document.text.index("Phụ lục")).location == "page 2"  # type: ignore[union-attr]


def test_pdf_title_from_its_metadata_unless_a_file_name() -> None:
    assert read(report_pdf(title=TITLE)).title == TITLE
    assert read(report_pdf(title="Microsoft Word - bao-cao.docx")).title is None
    assert read(report_pdf()).title is None


def test_pdf_keeps_vietnamese_diacritics_in_nfc() -> None:
    import unicodedata

    text = read(report_pdf()).text
    assert unicodedata.is_normalized("NFC", text)
    assert "Hạn chế, tồn tại" in text and "đối ứng" in text


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_corrupt_documents_raise_one_typed_error(kind: str, tmp_path: Path) -> None:
    broken = {
        "docx": b"PK\x03\x04 this is not a zip archive",
        "pdf": b"%PDF-1.7\n garbage without objects",
    }[kind]
    with pytest.raises(CorruptDocumentError, match=f"not a readable .{kind} file") as info:
        read(broken, kind=kind)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, ReadError)
    path = tmp_path / f"hỏng.{kind}"
    path.write_bytes(broken)
    with pytest.raises(CorruptDocumentError, match=str(path)):
        read(path)


def test_a_password_protected_pdf_is_refused_as_encrypted() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.set_encryption(owner_password="chu", user_password="khach")
        pdf.multi_cell(0, 7, "Báo cáo mật.")

    with pytest.raises(CorruptDocumentError, match=r"not a readable \.pdf file \(encrypted\)"):
        read(_pdf(draw))


def test_a_pdf_of_images_only_says_it_has_no_text() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.rect(20, 20, 100, 60, style="F")  # a "scan": no text layer

    with pytest.raises(ReadError, match=r"no text in its 1 page\(s\); a scanned PDF"):
        read(_pdf(draw))


def test_a_zip_that_is_not_a_docx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(CorruptDocumentError, match="docx"):
        read(buffer.getvalue(), kind="docx")  # type: ignore[arg-type]


def test_missing_extra_names_the_install_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from summarize.readers import MissingExtraError

    for module, extra, data in (
        ("docx", "docx", report_docx()),
        ("pdfminer", "pdf", b"%PDF-1.4"),
        ("trafilatura", "html", b"<html><body><p>x</p></body></html>"),
    ):
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, module, None)  # import fails as if not installed
            # The package by name, and the extra of this project's checkout ("summarize" on
            # the package index is another project).
            with pytest.raises(MissingExtraError, match=rf"pip install -e '\.\[{extra}\]'"):
                read(data)


def _pdf(draw) -> bytes:  # type: ignore[no-untyped-def]
    from _documents import dejavu
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=dejavu())
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    draw(pdf)
    return bytes(pdf.output())


def _fill(pdf, words: list[str], share: float) -> str:  # type: ignore[no-untyped-def]
    """As many of ``words`` as fit in ``share`` of the text width (taken off the list)."""
    width = share * (pdf.w - pdf.l_margin - pdf.r_margin)
    line = words.pop(0)
    while words and pdf.get_string_width(f"{line} {words[0]}") <= width:
        line += " " + words.pop(0)
    return line


def test_a_long_last_line_ending_a_sentence_ends_its_paragraph() -> None:
    """No paragraph spacing, and the paragraph's last line nearly full: the heading after it
    still stands alone, so the sections stage sees it."""

    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        words = ("Năm qua đơn vị đã hoàn thành kế hoạch đề ra với nhiều kết quả tốt " * 8).split()
        for _ in range(3):
            pdf.cell(0, 6, _fill(pdf, words, 0.97), new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 6, _fill(pdf, words, 0.9) + ".", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 6, "II. Hạn chế, tồn tại", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 6, "Việc thu gom rác thải còn chậm.", new_x="LMARGIN", new_y="NEXT")

    lines = read(_pdf(draw)).text.split("\n")
    assert lines[1:] == ["II. Hạn chế, tồn tại", "Việc thu gom rác thải còn chậm."]
    assert lines[0].endswith(".") and lines[0].count(".") == 1  # four lines joined


def test_a_paragraph_goes_on_over_a_page_break() -> None:
    """The next page starts with a capital ("Hà Nội"), but the page ended mid-sentence."""

    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        places = "Hà Nội, Đà Nẵng, Huế, Cần Thơ, Hải Phòng, Vinh, Nha Trang, Đà Lạt".split(", ")
        text = " ".join(f"{places[i % 8]} có dự án số {i} về giao thông" for i in range(160))
        text += "."
        pdf.multi_cell(0, 6, text, align="J")

    data = _pdf(draw)
    document = read(data)
    assert document.text.count("\n") == 0 and document.text.endswith("số 159 về giao thông.")
    assert document.source_map[0].location == "pages 1-2"
