"""Documents the reader tests build themselves: a report as .docx (python-docx) and as .pdf
(fpdf2 with matplotlib's DejaVu Sans, which has every Vietnamese letter), and news pages."""

from __future__ import annotations

import io

TITLE = "Báo cáo sơ kết công tác sáu tháng đầu năm"
HEADINGS = ("I. Kết quả đạt được", "II. Hạn chế, tồn tại", "III. Nhiệm vụ thời gian tới")
SECTIONS = ("results", "limitations", "next_tasks")
# Several sentences under each heading, written for these tests.
BODY = (
    (
        "Sáu tháng qua, đơn vị đã hoàn thành việc nâng cấp mười hai tuyến đường liên xã trước "
        "thời hạn hai tháng. Tổng thu ngân sách trên địa bàn đạt bốn trăm hai mươi tỷ đồng, "
        "tăng chín phần trăm so với cùng kỳ năm trước.",
        "Ba trường tiểu học được công nhận đạt chuẩn quốc gia mức độ một. Tỷ lệ hộ dân dùng "
        "nước sạch tăng lên chín mươi sáu phần trăm nhờ hai trạm cấp nước mới đi vào hoạt động.",
    ),
    (
        "Tiến độ giải phóng mặt bằng của dự án khu công nghiệp phía nam còn chậm so với kế "
        "hoạch. Một số hộ dân chưa đồng thuận với phương án bồi thường nên công trình phải tạm "
        "dừng.",
        "Việc thu gom rác thải ở các thôn vùng sâu chưa được thực hiện thường xuyên. Nguồn vốn "
        "đối ứng của cấp xã cho các công trình nông thôn mới còn thiếu.",
    ),
    (
        "Trong sáu tháng cuối năm, đơn vị tập trung hoàn thành giải phóng mặt bằng khu công "
        "nghiệp trước ngày ba mươi tháng chín. Các phòng chuyên môn cần rà soát lại toàn bộ hồ "
        "sơ bồi thường và đối thoại trực tiếp với từng hộ dân.",
        "Ủy ban nhân dân các xã phải bố trí đủ kinh phí cho việc thu gom rác thải. Đơn vị sẽ "
        "đẩy mạnh kêu gọi đầu tư vào lĩnh vực nước sạch và vệ sinh môi trường.",
    ),
)


def report_items() -> list[tuple[str, str]]:
    """(kind, text): the title, then each heading and its paragraphs."""
    items = [("title", TITLE)]
    for heading, paragraphs in zip(HEADINGS, BODY, strict=True):
        items.append(("heading", heading))
        items.extend(("paragraph", p) for p in paragraphs)
    return items


def report_docx(*, table: bool = False) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    for kind, text in report_items():
        if kind == "title":
            document.add_paragraph(text, style="Title")
        elif kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=2, cols=2)
        for r, row in enumerate((("Chỉ tiêu", "Kết quả"), ("Thu ngân sách", "420 tỷ đồng"))):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("Danh sách công trình hoàn thành", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def dejavu() -> str:
    import matplotlib

    return str(matplotlib.get_data_path()) + "/fonts/ttf/DejaVuSans.ttf"


def report_pdf(
    *, running_header: str = "Ủy ban nhân dân huyện Vĩnh Xuân", title: str | None = None
) -> bytes:
    """The report on A4 pages with a running header, a page-number footer, wrapped lines."""
    from fpdf import FPDF

    class Report(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("dejavu", size=9)
            self.cell(0, 8, running_header, align="C")
            self.ln(14)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dejavu", size=9)
            self.cell(0, 10, f"Trang {self.page_no()}", align="C")

    pdf = Report(format="A4")
    if title is not None:
        pdf.set_title(title)
    pdf.add_font("dejavu", fname=dejavu())
    pdf.add_page()
    for kind, text in report_items():
        pdf.set_font("dejavu", size=15 if kind == "title" else 12)
        pdf.multi_cell(0, 7, text)
        pdf.ln(4)
    # A second page of results, so that the header and footer repeat.
    pdf.add_page()
    pdf.set_font("dejavu", size=12)
    pdf.multi_cell(0, 7, "Phụ lục kèm theo báo cáo này gồm bảng số liệu chi tiết của từng xã.")
    return bytes(pdf.output())
