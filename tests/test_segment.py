"""segment: lines as hard boundaries, guarded sentence splits, exact offsets."""

from __future__ import annotations

import itertools

import pytest

from summarize.segment import Span, segment, sentence_spans


def sentences(text: str, **kwargs) -> list[str]:
    seg = segment(text, **kwargs)
    return [text[s.start : s.end] for s in seg.sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "PGS.TS. Nguyễn Văn An trình bày báo cáo. Hội nghị đánh giá cao báo cáo này.",
            ["PGS.TS. Nguyễn Văn An trình bày báo cáo.", "Hội nghị đánh giá cao báo cáo này."],
            id="PGS.TS.",
        ),
        pytest.param(
            "Hội thảo diễn ra tại TP. Đà Nẵng vào sáng nay. Có hơn 200 đại biểu tham dự.",
            ["Hội thảo diễn ra tại TP. Đà Nẵng vào sáng nay.", "Có hơn 200 đại biểu tham dự."],
            id="TP.",
        ),
        pytest.param(
            "ThS. Lê Thị Hoa công bố kết quả khảo sát. Kết quả cho thấy nhiều chuyển biến.",
            ["ThS. Lê Thị Hoa công bố kết quả khảo sát.", "Kết quả cho thấy nhiều chuyển biến."],
            id="ThS.",
        ),
        pytest.param(
            "Ông Trần V. B. phụ trách dự án. Bà Phạm T. H. làm thư ký.",
            ["Ông Trần V. B. phụ trách dự án.", "Bà Phạm T. H. làm thư ký."],
            id="initials",
        ),
        pytest.param(
            # Tokenized text (the VietNews style) spaces the stop off its word.
            "Anh Lê Văn T . ( 35 tuổi ) bị bắt giữ . Thanh tra TP . Cần Thơ vào cuộc .",
            ["Anh Lê Văn T . ( 35 tuổi ) bị bắt giữ .", "Thanh tra TP . Cần Thơ vào cuộc ."],
            id="spaced-initials",
        ),
        pytest.param(
            "Ông Hoàng Văn Bảy nhận giải . Sau đó , ông phát biểu .",
            ["Ông Hoàng Văn Bảy nhận giải .", "Sau đó , ông phát biểu ."],
            id="spaced-stop-after-a-word",
        ),
        pytest.param(
            "Doanh thu đạt 5.000 tỷ đồng. Lợi nhuận tăng 2,5 lần. Tổng tài sản là "
            "1.234.567,89 triệu đồng. Cổ tức giữ nguyên.",
            [
                "Doanh thu đạt 5.000 tỷ đồng.",
                "Lợi nhuận tăng 2,5 lần.",
                "Tổng tài sản là 1.234.567,89 triệu đồng.",
                "Cổ tức giữ nguyên.",
            ],
            id="numbers",
        ),
        pytest.param(
            "Số hộ được hỗ trợ là 12.500. Năm sau con số này sẽ tăng.",
            ["Số hộ được hỗ trợ là 12.500.", "Năm sau con số này sẽ tăng."],
            id="number-ends-sentence",
        ),
        pytest.param(
            "Xem toàn văn tại https://chinhphu.vn/van-ban/so-12.2023.html. Ý kiến góp ý gửi về Bộ.",
            [
                "Xem toàn văn tại https://chinhphu.vn/van-ban/so-12.2023.html.",
                "Ý kiến góp ý gửi về Bộ.",
            ],
            id="url",
        ),
        pytest.param(
            "Mọi thắc mắc xin gửi về hopthu.bandoc@toasoan.vn. Tòa soạn sẽ trả lời sớm.",
            ["Mọi thắc mắc xin gửi về hopthu.bandoc@toasoan.vn.", "Tòa soạn sẽ trả lời sớm."],
            id="email",
        ),
        pytest.param(
            "Thông tin được đăng trên baodientu.gov.vn. Bạn đọc có thể tra cứu.",
            ["Thông tin được đăng trên baodientu.gov.vn.", "Bạn đọc có thể tra cứu."],
            id="domain",
        ),
        pytest.param(
            "Ông khẳng định: “Chúng tôi sẽ hoàn thành. Không có lý do gì để chậm.” Hội trường "
            "vỗ tay.",
            [
                "Ông khẳng định: “Chúng tôi sẽ hoàn thành. Không có lý do gì để chậm.”",
                "Hội trường vỗ tay.",
            ],
            id="curly-quotes",
        ),
        pytest.param(
            'Bà nói: "Mùa màng năm nay rất tốt. Bà con đều phấn khởi." Sau đó đoàn ra về.',
            [
                'Bà nói: "Mùa màng năm nay rất tốt. Bà con đều phấn khởi."',
                "Sau đó đoàn ra về.",
            ],
            id="straight-quotes",
        ),
        pytest.param(
            "Trời mưa to! Đường có ngập không? Mọi người về nhà sớm.",
            ["Trời mưa to!", "Đường có ngập không?", "Mọi người về nhà sớm."],
            id="! and ?",
        ),
    ],
)
def test_guarded_splits(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Câu thứ nhất.\nCâu thứ hai.\n\nCâu thứ ba.",
        "Câu thứ nhất.\r\nCâu thứ hai.\r\n\r\nCâu thứ ba.",
        "Câu thứ nhất.\rCâu thứ hai.\r\rCâu thứ ba.",
        "  Câu thứ nhất.  \n\t Câu thứ hai.\u2028Câu thứ ba.\n\n\n",
    ],
    ids=["LF", "CRLF", "CR", "spaces-and-LS"],
)
def test_line_endings_are_boundaries(text):
    assert sentences(text) == ["Câu thứ nhất.", "Câu thứ hai.", "Câu thứ ba."]


def test_a_line_without_final_punctuation_is_not_joined_to_the_next():
    text = "Hội nghị tổng kết năm\nCác đại biểu thảo luận sôi nổi\n\nBế mạc hội nghị"
    assert sentences(text) == [
        "Hội nghị tổng kết năm",
        "Các đại biểu thảo luận sôi nổi",
        "Bế mạc hội nghị",
    ]
    assert [s.line for s in segment(text).sentences] == [0, 1, 2]


def test_lines_are_stripped_and_blank_lines_dropped():
    text = "\n\n   Dòng một.   \n \t \nDòng hai.\n"
    seg = segment(text)
    assert [text[s:e] for s, e in seg.lines] == ["Dòng một.", "Dòng hai."]
    assert all(span.line < len(seg.lines) for span in seg.sentences)


def test_offsets_are_exact_and_in_order():
    text = (
        "TP. Hồ Chí Minh công bố số liệu quý I.\r\n"
        "Tăng trưởng đạt 6,5%, cao hơn cùng kỳ. Xuất khẩu đạt 1.234 triệu USD!\n\n"
        "  “Chúng tôi rất vui,” ông Nguyễn V. A. nói.  "
    )
    seg = segment(text)
    spans = seg.sentences
    assert len(spans) == 4
    for span in spans:
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
    assert [(s.start, s.end) for s in spans] == sorted((s.start, s.end) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_split_lines_makes_each_line_one_sentence():
    text = "Câu một. Câu hai vẫn cùng dòng.\nDòng hai\n\n  Dòng ba.  "
    seg = segment(text, split="lines")
    assert [text[s.start : s.end] for s in seg.sentences] == [
        "Câu một. Câu hai vẫn cùng dòng.",
        "Dòng hai",
        "Dòng ba.",
    ]
    assert seg.sentences[2] == Span(text.index("Dòng ba."), len(text) - 2, 2)


def test_a_trailing_ellipsis_or_quote_stays_with_its_sentence():
    assert sentences("Ông ngập ngừng… Rồi ông nói tiếp.") == [
        "Ông ngập ngừng…",
        "Rồi ông nói tiếp.",
    ]


def test_empty_and_blank_text_have_no_sentences():
    for text in ("", "   ", "\n\r\n\t"):
        seg = segment(text)
        assert seg.lines == ()
        assert seg.sentences == ()


def test_unknown_split_is_a_value_error():
    with pytest.raises(ValueError, match=r"`split` = 'words'.*'auto', 'lines'"):
        segment("Câu.", split="words")


def test_sentence_spans_index_the_callers_string_in_any_form():
    import unicodedata

    text = unicodedata.normalize("NFD", "Hội nghị bắt đầu. Đại biểu phát biểu ý kiến.")
    spans = sentence_spans(text)
    assert len(spans) == 2
    assert [unicodedata.normalize("NFC", text[s:e]) for s, e in spans] == [
        "Hội nghị bắt đầu.",
        "Đại biểu phát biểu ý kiến.",
    ]
    with pytest.raises(TypeError):
        sentence_spans(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "1. Hoàn thành đường dẫn hai đầu cầu. Sau đó nghiệm thu.",
            ["1. Hoàn thành đường dẫn hai đầu cầu.", "Sau đó nghiệm thu."],
        ),
        ("a) Rà soát hồ sơ tồn đọng. Xong trước tháng chín.", None),
        ("II. Kết quả đạt được trong năm. Rất khả quan.", None),
    ],
)
def test_a_list_marker_is_not_a_sentence(text, expected):
    result = sentences(text)
    assert len(result) == 2
    if expected:
        assert result == expected
    assert not any(len(s) <= 3 for s in result)


def test_an_unclosed_quote_does_not_glue_the_rest_of_the_line():
    text = "Ông nói: “Chúng tôi sẽ làm ngay. Bà đáp lại rất nhanh. Mọi người đều vui."
    assert sentences(text) == [
        "Ông nói: “Chúng tôi sẽ làm ngay.",
        "Bà đáp lại rất nhanh.",
        "Mọi người đều vui.",
    ]
    assert len(sentences('Màn hình 6,5" rất đẹp. Giá bán hợp lý. Pin dùng lâu.')) == 3
