"""PDF text extraction for Vietnamese: pypdf against pdfminer.six, on PDFs built here with fpdf2.

Two documents, written with matplotlib's DejaVu Sans (every Vietnamese letter):

* ``report``: a one-column report on several pages, long paragraphs wrapped over many lines,
  a running header and a page-number footer;
* ``two-column``: a page of two columns of paragraphs, as in a bulletin.

For each extractor: ``words``, the share of the source's words (NFC) found in the extracted text
as words; ``sentences intact``, the share of source sentences found whole after whitespace is
collapsed (wrapped lines joined by a space), which fails when columns interleave or letters
split; ``order``, the share of consecutive source sentences found in source order; and the
milliseconds per document. ``pdfminer (lines)`` is pdfminer's text as :mod:`summarize.readers.pdf`
uses it (its line boxes, joined into paragraphs, headers and page numbers removed).

Usage (from the repository root, with ``pip install -e '.[pdf,bench]' fpdf2``)::

    python benchmarks/pdf_eval.py
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _documents import dejavu, report_items, report_pdf

COLUMN_TEXT = (
    "Mùa lũ năm nay đến sớm hơn mọi năm gần một tháng. Nước sông dâng nhanh khiến nhiều xã "
    "ven sông bị ngập sâu. Chính quyền đã di dời hơn hai nghìn hộ dân đến nơi an toàn.",
    "Ngành nông nghiệp khuyến cáo bà con thu hoạch sớm lúa hè thu. Các hồ chứa được yêu cầu "
    "vận hành theo đúng quy trình liên hồ. Lực lượng xung kích trực ở các điểm xung yếu.",
    "Học sinh ở vùng ngập được nghỉ học tạm thời cho đến khi nước rút. Các trường sẽ bố trí "
    "học bù vào cuối tuần. Sách vở bị hư hỏng sẽ được cấp lại miễn phí.",
    "Trạm y tế các xã đã chuẩn bị cơ số thuốc phòng dịch sau lũ. Nước sạch được chở đến các "
    "khu dân cư bị cô lập. Người dân được hướng dẫn xử lý nước trước khi dùng.",
)


def two_column_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=dejavu())
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 10) / 2
    top = pdf.get_y()
    for column, paragraphs in enumerate((COLUMN_TEXT[:2], COLUMN_TEXT[2:])):
        pdf.set_xy(pdf.l_margin + column * (width + 10), top)
        for paragraph in paragraphs:
            pdf.set_x(pdf.l_margin + column * (width + 10))
            pdf.multi_cell(width, 6, paragraph)
            pdf.ln(4)
    return bytes(pdf.output())


def _sentences(paragraphs: tuple[str, ...]) -> list[str]:
    return [s for p in paragraphs for s in re.split(r"(?<=\.)\s+", p) if s]


def _squash(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(data)))


def pdfminer_boxes_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return str(extract_text(io.BytesIO(data), laparams=LAParams(line_margin=1.0)))


def pipeline_text(data: bytes) -> str:
    from summarize import read

    return read(data, kind="pdf").text


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "pypdf": pypdf_text,
    "pdfminer.six": pdfminer_text,
    "pdfminer.six, line_margin=1.0": pdfminer_boxes_text,
    "pdfminer (lines, summarize.read)": pipeline_text,
}


def main() -> int:
    report_sentences = _sentences(tuple(text for _, text in report_items()))
    documents = {
        "report": (report_pdf(), report_sentences),
        "two-column": (two_column_pdf(), _sentences(COLUMN_TEXT)),
    }
    print("| extractor | document | words | sentences intact | order | ms |")
    print("|---|---|---:|---:|---:|---:|")
    for name, extract in EXTRACTORS.items():
        for document, (data, sentences) in documents.items():
            started = time.perf_counter()
            try:
                text = extract(data)
            except ImportError as exc:
                print(f"| {name} | {document} | not installed ({exc.name}) | | | |")
                continue
            ms = 1000 * (time.perf_counter() - started)
            flat = _squash(text)
            found_words = set(flat.split())
            words = [w for s in sentences for w in _squash(s).split()]
            word_share = sum(w in found_words for w in words) / len(words)
            intact = [flat.find(_squash(s)) for s in sentences]
            intact_share = sum(i >= 0 for i in intact) / len(intact)
            pairs = [(a, b) for a, b in itertools.pairwise(intact) if a >= 0 and b >= 0]
            order = sum(a < b for a, b in pairs) / len(pairs) if pairs else 0.0
            print(
                f"| {name} | {document} | {100 * word_share:.1f}% | {100 * intact_share:.1f}% "
                f"| {100 * order:.1f}% | {ms:.0f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
