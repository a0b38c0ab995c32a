"""noise: page furniture is kept with a reason and never treated as content (no ranking)."""

from __future__ import annotations

import bisect
import itertools
import json
from pathlib import Path

from summarize.noise import REASONS, Noise, detect_noise, syllable_count
from summarize.segment import segment

ARTICLE = """\
Đà Nẵng khánh thành cây cầu mới bắc qua sông Hàn

TTO - Sáng 12/3, thành phố Đà Nẵng đã khánh thành cây cầu mới bắc qua sông Hàn. \
Công trình có tổng vốn đầu tư hơn 5.000 tỷ đồng.

NDO -

Cây cầu giúp giảm ùn tắc cho các tuyến đường cửa ngõ phía đông thành phố.

Lễ khánh thành cây cầu mới bắc qua sông Hàn -0
Lãnh đạo thành phố cắt băng khánh thành công trình.

(Ảnh: Minh Anh)

Người dân xem pháo hoa
Người dân xem pháo hoa

Quang cảnh buổi lễ.

Kết quả đạt được

Theo ban quản lý, tiến độ thi công vượt hai tháng so với kế hoạch ban đầu. \
Chất lượng công trình được đánh giá cao.
- Hoàn thành đường dẫn hai đầu cầu
- Lắp đặt hệ thống chiếu sáng
1. Trồng cây xanh dọc hai bên đường dẫn.

Nhiệm vụ thời gian tới:

Thành phố sẽ tiếp tục đầu tư hạ tầng giao thông. Chất lượng công trình được đánh giá cao.
"""


def classify(text: str) -> tuple[Noise, dict[str, str | None]]:
    noise = detect_noise(text, segment(text))
    reason_of = {}
    for span, reason in zip(noise.sentences, noise.reasons, strict=True):
        reason_of.setdefault(text[span.start : span.end], reason)
    return noise, reason_of


def reasons_of(text: str, sentence: str) -> list[str | None]:
    noise = detect_noise(text, segment(text))
    return [
        reason
        for span, reason in zip(noise.sentences, noise.reasons, strict=True)
        if text[span.start : span.end] == sentence
    ]


def test_title_line_is_detected():
    noise, reason_of = classify(ARTICLE)
    assert reason_of["Đà Nẵng khánh thành cây cầu mới bắc qua sông Hàn"] == "title"
    assert noise.title == 0


def test_a_first_line_that_is_a_sentence_is_not_a_title():
    text = (
        "Hôm nay thành phố khánh thành cây cầu mới.\nNgười dân quanh vùng rất phấn khởi vì điều đó."
    )
    noise, reason_of = classify(text)
    assert noise.title is None
    assert set(reason_of.values()) == {None}


def test_a_single_line_is_not_a_title():
    noise, _ = classify("Khánh thành cây cầu mới")
    assert noise.title is None


def test_byline_alone_on_its_line():
    _, reason_of = classify(ARTICLE)
    assert reason_of["NDO -"] == "byline"


def test_byline_prefix_is_trimmed_from_the_sentence():
    noise, reason_of = classify(ARTICLE)
    assert (
        "TTO - Sáng 12/3, thành phố Đà Nẵng đã khánh thành cây cầu mới bắc qua sông Hàn."
        not in (reason_of)
    )
    lead = "Sáng 12/3, thành phố Đà Nẵng đã khánh thành cây cầu mới bắc qua sông Hàn."
    assert reason_of[lead] is None
    span = next(s for s in noise.sentences if ARTICLE[s.start : s.end] == lead)
    assert ARTICLE[span.start - len("TTO - ") : span.start] == "TTO - "


def test_byline_prefix_only_at_the_head_of_a_paragraph():
    text = "Tin tức trong ngày\n\nHôm nay trời đẹp. TTO - Sáng nay có mưa nhỏ ở ngoại thành."
    noise, _ = classify(text)
    assert text[noise.sentences[-1].start :].startswith("TTO - Sáng")


def test_credit_in_parentheses():
    _, reason_of = classify(ARTICLE)
    assert reason_of["(Ảnh: Minh Anh)"] == "credit"


def test_credit_at_the_end_of_a_paragraph_is_noise_but_the_paragraph_is_not():
    text = "Tiêu đề bài báo\n\nHội nghị đã thông qua nghị quyết quan trọng. Ảnh: Minh Anh"
    _, reason_of = classify(text)
    assert reason_of["Hội nghị đã thông qua nghị quyết quan trọng."] is None
    assert reason_of["Ảnh: Minh Anh"] == "credit"


def test_image_alt_text_and_the_caption_under_it():
    _, reason_of = classify(ARTICLE)
    assert reason_of["Lễ khánh thành cây cầu mới bắc qua sông Hàn -0"] == "image_alt"
    assert reason_of["Lãnh đạo thành phố cắt băng khánh thành công trình."] == "caption"


def test_caption_printed_twice():
    first, second = reasons_of(ARTICLE, "Người dân xem pháo hoa")
    assert first is not None
    assert second == "duplicate"
    text = (
        "Tiêu đề bài viết\n\nNội dung chính của bài viết nằm ở đoạn văn này.\n"
        "Đoàn công tác của bộ đến thăm và làm việc tại nhà máy.\n"
        "Đoàn công tác của bộ đến thăm và làm việc tại nhà máy.\n"
        "Bài viết còn tiếp tục với nhiều thông tin khác nữa."
    )
    assert reasons_of(text, "Đoàn công tác của bộ đến thăm và làm việc tại nhà máy.") == [
        "caption",
        "duplicate",
    ]


def test_short_captions():
    _, reason_of = classify(ARTICLE)
    assert reason_of["Quang cảnh buổi lễ."] == "caption"
    # Shortness alone is no caption evidence: a short punctuated line is content ...
    text = "Mở đầu bài viết với một câu đầy đủ ý nghĩa.\nMưa lớn.\nKết thúc bài viết bằng câu này."
    _, reason_of = classify(text)
    assert reason_of["Mưa lớn."] is None
    # ... and a verdict in six syllables is the news itself.
    verdict = (
        "Phiên tòa kéo dài hai ngày với nhiều tình tiết.\n"
        "HĐXX tuyên Tiến 20 năm tù.\nBị cáo không kháng cáo."
    )
    _, reason_of = classify(verdict)
    assert reason_of["HĐXX tuyên Tiến 20 năm tù."] is None
    # A short line printed twice, or under an image, still is a caption.
    twice = "Mở đầu bài viết với một câu đầy đủ ý nghĩa.\nMưa lớn.\nMưa lớn.\nKết thúc bài viết."
    noise = detect_noise(twice, segment(twice))
    assert "caption" in noise.reasons or "duplicate" in noise.reasons


def test_a_given_title_makes_a_different_first_line_content():
    text = "Sáng 12/3, thành phố khánh thành cây cầu mới\nCây cầu dài 1.200 m, vốn 5.000 tỷ đồng."
    first = "Sáng 12/3, thành phố khánh thành cây cầu mới"
    assert reasons_of(text, first) == ["title"]  # no headline given: the first line is the title
    noise = detect_noise(text, segment(text), title="Đà Nẵng có cầu mới")
    assert noise.reasons[0] is None and noise.title is None
    # The same headline given apart is still recognised as the title line.
    noise = detect_noise(text, segment(text), title=first)
    assert noise.reasons[0] == "title"


def test_credits_keep_news_and_drop_names():
    text = (
        "Mở đầu bài viết với một câu đầy đủ ý nghĩa.\n"
        "Video : Cảnh sát giao thông truy đuổi xe tải chạy ngược chiều trên cao tốc\n"
        "Ảnh : Lê Anh\n"
        "(Ảnh: Minh Anh, Thu Hà)\n"
        "Kết thúc bài viết bằng một câu khác."
    )
    _, reason_of = classify(text)
    clip = "Video : Cảnh sát giao thông truy đuổi xe tải chạy ngược chiều trên cao tốc"
    assert reason_of[clip] is None
    assert reason_of["Ảnh : Lê Anh"] == "credit"
    assert reason_of["(Ảnh: Minh Anh, Thu Hà)"] == "credit"


def test_links_to_other_articles_are_furniture_and_a_sentence_about_reading_is_not():
    text = (
        "Mở đầu bài viết với một câu đầy đủ ý nghĩa.\n"
        "Xem thêm > > > Nghệ sĩ nổi tiếng trở lại sân khấu sau 10 năm\n"
        "Xem video :\n"
        "Người dân xem thêm các gian hàng nông sản tại hội chợ.\n"
        "Kết thúc bài viết bằng một câu khác."
    )
    _, reason_of = classify(text)
    assert reason_of["Xem thêm > > > Nghệ sĩ nổi tiếng trở lại sân khấu sau 10 năm"] == "link"
    assert reason_of["Xem video :"] == "link"
    assert reason_of["Người dân xem thêm các gian hàng nông sản tại hội chợ."] is None


DIGEST = """Điểm tin sáng nay

Bắt giữ nghi phạm cướp ngân hàng ở huyện Tân Phú
Công an huyện đã bắt giữ nghi phạm sau 12 giờ truy xét.
Khánh thành cầu mới bắc qua sông Hàn tại thành phố
Cây cầu dài 1.200 m, vốn đầu tư hơn 5.000 tỷ đồng.
Giá xăng dầu tăng nhẹ từ chiều nay theo điều hành mới
Mỗi lít xăng tăng khoảng 300 đồng.
"""


def test_digest_subheadings_stay_candidates_and_report_headings_stay_headings():
    _, reason_of = classify(DIGEST)
    assert reason_of["Bắt giữ nghi phạm cướp ngân hàng ở huyện Tân Phú"] is None
    assert reason_of["Giá xăng dầu tăng nhẹ từ chiều nay theo điều hành mới"] is None
    report = (
        "Báo cáo sơ kết\n\nI. Kết quả đạt được trong sáu tháng đầu năm nay\nMột câu về kết quả.\n"
        "II. Hạn chế và tồn tại trong sáu tháng đầu năm nay\nMột câu về hạn chế.\n"
        "III. Nhiệm vụ trọng tâm trong sáu tháng cuối năm nay\nMột câu về nhiệm vụ.\n"
    )
    _, reason_of = classify(report)
    assert reason_of["I. Kết quả đạt được trong sáu tháng đầu năm nay"] == "heading"
    assert reason_of["III. Nhiệm vụ trọng tâm trong sáu tháng cuối năm nay"] == "heading"


def test_headings():
    _, reason_of = classify(ARTICLE)
    assert reason_of["Kết quả đạt được"] == "heading"
    assert reason_of["Nhiệm vụ thời gian tới:"] == "heading"


def test_list_items_are_content_however_short():
    _, reason_of = classify(ARTICLE)
    assert reason_of["- Hoàn thành đường dẫn hai đầu cầu"] is None
    assert reason_of["- Lắp đặt hệ thống chiếu sáng"] is None
    assert reason_of["1. Trồng cây xanh dọc hai bên đường dẫn."] is None


def test_sentence_level_duplicates():
    assert reasons_of(ARTICLE, "Chất lượng công trình được đánh giá cao.") == [None, "duplicate"]


def test_duplicates_ignore_case_spacing_and_punctuation():
    text = (
        "Hôm nay trời đẹp, nắng vàng rực rỡ. Mọi người đi chơi công viên.\n"
        "Trẻ em nô đùa vui vẻ. HÔM NAY  trời đẹp nắng vàng rực rỡ!"
    )
    noise, _ = classify(text)
    assert noise.reasons == (None, None, None, "duplicate")


def test_plain_paragraphs_are_content():
    _, reason_of = classify(ARTICLE)
    for sentence in (
        "Công trình có tổng vốn đầu tư hơn 5.000 tỷ đồng.",
        "Cây cầu giúp giảm ùn tắc cho các tuyến đường cửa ngõ phía đông thành phố.",
        "Thành phố sẽ tiếp tục đầu tư hạ tầng giao thông.",
        "Theo ban quản lý, tiến độ thi công vượt hai tháng so với kế hoạch ban đầu.",
    ):
        assert reason_of[sentence] is None, sentence


def test_a_sentence_without_words_is_empty_noise():
    noise, _ = classify("Hội nghị kết thúc tốt đẹp.\n…\n***")
    assert noise.reasons[1:] == ("empty", "empty")


def test_every_reason_is_known_and_spans_stay_inside_their_lines():
    seg = segment(ARTICLE)
    noise = detect_noise(ARTICLE, seg)
    assert len(noise.sentences) == len(noise.reasons) == len(seg.sentences)
    assert set(noise.reasons) <= {*REASONS, None}
    for original, trimmed in zip(seg.sentences, noise.sentences, strict=True):
        assert original.start <= trimmed.start < trimmed.end == original.end
        assert original.line == trimmed.line


def test_syllable_count():
    assert syllable_count("Hội nghị, 5.000 đại-biểu!") == 6
    assert syllable_count("— … !") == 0


def _annotated_examples() -> list[Path]:
    return sorted((Path(__file__).parent.parent / "examples").glob("*.labels.json"))


def test_noise_agrees_with_the_hand_annotated_examples():
    """Every line annotated ``body`` is content; every other role is noise (by line number)."""
    examples = _annotated_examples()
    assert examples, "examples/*.labels.json are missing"
    exact = {"title": "title", "duplicate": "duplicate", "heading": "heading"}
    for labels_path in examples:
        text = labels_path.with_name(labels_path.name.replace(".labels.json", ".txt")).read_text(
            encoding="utf-8"
        )
        starts = list(itertools.accumulate((len(x) + 1 for x in text.split("\n")), initial=0))
        noise = detect_noise(text, segment(text))
        reasons_by_line: dict[int, list[str | None]] = {}
        for span, reason in zip(noise.sentences, noise.reasons, strict=True):
            line = bisect.bisect_right(starts, span.start) - 1
            reasons_by_line.setdefault(line, []).append(reason)
        for entry in json.loads(labels_path.read_text(encoding="utf-8"))["lines"]:
            where = f"{labels_path.name} line {entry['line']} ({entry['role']})"
            reasons = reasons_by_line.get(entry["line"])
            assert reasons, where
            if entry["role"] == "body":
                assert set(reasons) == {None}, where
            else:
                assert None not in reasons, where
            if entry["role"] in exact:
                assert set(reasons) == {exact[entry["role"]]}, where


def test_scores_bylines_and_colons_that_are_content() -> None:
    text = (
        "Mở đầu bài viết với một câu đầy đủ ý nghĩa.\n"
        "Đội tuyển Việt Nam thắng Lào 2-0\n"
        "UBND tỉnh Sơn Hà vừa ban hành kế hoạch phòng chống thiên tai năm 2025.\n"
        "Phó Chủ tịch UBND tỉnh nhấn mạnh ba nhiệm vụ trọng tâm trong năm tới như sau: "
        "rà soát hồ chứa, gia cố đê và di dời dân.\n"
        "Kết thúc bài viết bằng một câu khác."
    )
    noise = detect_noise(text, segment(text))
    reason_of = {
        text[s.start : s.end]: r for s, r in zip(noise.sentences, noise.reasons, strict=True)
    }
    assert reason_of["Đội tuyển Việt Nam thắng Lào 2-0"] != "image_alt"  # a score, not alt-text
    decree = "UBND tỉnh Sơn Hà vừa ban hành kế hoạch phòng chống thiên tai năm 2025."
    assert reason_of[decree] is None
    # A colon inside a long sentence is no heading.
    assert all(r is None for s, r in reason_of.items() if s.startswith("Phó Chủ tịch"))
    # The real thing still is furniture.
    alt = "Mở đầu bài viết với một câu.\nHội nghị sơ kết công tác 6 tháng -0\nKết thúc bài viết."
    assert "image_alt" in detect_noise(alt, segment(alt)).reasons
