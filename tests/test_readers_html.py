"""The HTML reader: title without the site's name, sapo kept, page furniture dropped."""

from __future__ import annotations

import unicodedata

import pytest
from _optional import require

from summarize import Summarizer, read, summarize, summarize_source
from summarize.readers import detect_kind
from summarize.readers.html import decode_html

require("trafilatura")

SAPO = (
    "Sáng nay, Ủy ban nhân dân thành phố khánh thành cây cầu mới bắc qua sông Lam, rút ngắn "
    "thời gian đi lại giữa hai bờ từ bốn mươi phút xuống còn mười phút."
)
BODY = [
    "Cây cầu dài gần một cây số, rộng hai mươi mét, được xây dựng trong hai năm với tổng vốn "
    "đầu tư hơn một nghìn tỷ đồng từ ngân sách thành phố.",
    "Theo ban quản lý dự án, công trình hoàn thành sớm hơn kế hoạch ba tháng nhờ nhà thầu "
    "tăng ca và thời tiết thuận lợi trong mùa khô.",
    "Người dân hai bên bờ sông cho biết họ đã chờ đợi cây cầu này hơn mười năm, từ khi bến "
    "phà cũ xuống cấp và thường xuyên phải ngừng chạy vào mùa mưa lũ.",
    "Thành phố dự kiến xây thêm hai tuyến đường nối cầu với quốc lộ trong năm tới để giảm ùn "
    "tắc ở khu vực trung tâm.",
]
FURNITURE = [
    "Chưa có bình luận nào.",
    "Đồng ý",
    "Điện thoại: 024 3825 1234",
    "© Bản quyền thuộc về Báo Sông Lam",
    "Thứ hai, 12/06/2023 08:30 (GMT+7)",
    "Đăng ký nhận bản tin",
    "Chia sẻ Facebook Zalo",
    "Xe khách lật trên đèo, nhiều người bị thương",
]


def news_page(layout: str = "semantic") -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    head = (
        "<head><meta charset='utf-8'><title>Khánh thành cầu mới qua sông Lam | Báo Sông Lam"
        "</title><meta property='og:site_name' content='Báo Sông Lam'></head>"
    )
    furniture = (
        "<aside class='related'><h3>Tin liên quan</h3><ul><li><a href='/1'>Xe khách lật trên "
        "đèo, nhiều người bị thương</a></li></ul></aside>"
        "<section id='comments'><h3>Bình luận</h3><p>Chưa có bình luận nào.</p>"
        "<form><textarea></textarea><button>Gửi</button></form></section>"
        "<div class='newsletter'><form>Đăng ký nhận bản tin <input type='email'></form></div>"
        "<footer>Tòa soạn: 1 Lê Lợi. Điện thoại: 024 3825 1234. © Bản quyền thuộc về Báo Sông "
        "Lam.</footer><div id='cookie-banner'>Trang web dùng cookie. <button>Đồng ý</button></div>"
    )
    if layout == "hashed":  # class names that say nothing; the sapo in an <h2>
        return (
            f"<html>{head}<body><div class='c1'><div class='c2'>Báo Sông Lam <a href='/'>Trang "
            "chủ</a></div><div class='c3'><h1>Khánh thành cầu mới qua sông Lam</h1>"
            "<div class='c4'>Thứ hai, 12/06/2023 08:30 (GMT+7)</div>"
            f"<div class='c5'>Chia sẻ Facebook Zalo</div><h2 class='c6'>{SAPO}</h2>"
            f"<div class='c7'>{body}</div></div>"
            "<div class='c8'><h3>Tin liên quan</h3><div><a href='/1'>Xe khách lật trên đèo, "
            "nhiều người bị thương</a></div></div>"
            "<div class='c9'><div>Bình luận</div><div>Chưa có bình luận nào.</div></div>"
            "<div class='c10'>Đăng ký nhận bản tin</div>"
            "<div class='c11'>Tòa soạn: 1 Lê Lợi. Điện thoại: 024 3825 1234. © Bản quyền thuộc "
            "về Báo Sông Lam.</div><div class='c12'>Trang web dùng cookie. <span>Đồng ý</span>"
            "</div></div></body></html>"
        )
    if layout == "table":
        return (
            f"<html>{head}<body><table><tr><td>Báo Sông Lam<br><a href='/'>Trang chủ</a></td></tr>"
            f"<tr><td><b>Khánh thành cầu mới qua sông Lam</b><br>Thứ hai, 12/06/2023 08:30 (GMT+7)"
            f"<br>Chia sẻ Facebook Zalo<br><b>{SAPO}</b>{body}</td></tr>"
            f"<tr><td>{furniture}</td></tr></table></body></html>"
        )
    return (
        f"<!DOCTYPE html><html>{head}<body><header><nav><a href='/'>Trang chủ</a></nav></header>"
        "<article><h1>Khánh thành cầu mới qua sông Lam</h1>"
        "<div class='meta'><time>Thứ hai, 12/06/2023 08:30 (GMT+7)</time></div>"
        "<div class='share'>Chia sẻ Facebook Zalo</div>"
        f"<p class='sapo'><strong>{SAPO}</strong></p>{body}</article>{furniture}</body></html>"
    )


@pytest.mark.parametrize("layout", ["semantic", "table", "hashed"])
def test_the_article_and_nothing_else(layout: str) -> None:
    document = read(news_page(layout).encode(), kind="html")
    assert document.title == "Khánh thành cầu mới qua sông Lam"
    assert document.text.split("\n")[0] == document.title
    for paragraph in (SAPO, *BODY):
        assert paragraph in document.text
    for junk in FURNITURE:
        assert junk not in document.text, junk
    assert document.text.index(SAPO) < document.text.index(BODY[0])


def test_summaries_of_pages_choose_article_sentences_only() -> None:
    article = " ".join((SAPO, *BODY))
    for layout in ("semantic", "table"):
        summary = summarize_source(news_page(layout).encode(), sentences=5, tokenizer="syllable")
        assert summary.title == "Khánh thành cầu mới qua sông Lam"
        for sentence in summary.sentences:
            assert sentence.text in article
            assert summary.source_text[sentence.start : sentence.end] == sentence.text


def test_summarize_with_html_true_carries_the_converted_text() -> None:
    page = news_page()
    summary = summarize(page, html=True, tokenizer="syllable")
    assert summary.source_text == read(page, kind="html").text
    assert all(summary.source_text[s.start : s.end] == s.text for s in summary.all_sentences)
    as_text = Summarizer(tokenizer="syllable").summarize(page)
    assert as_text.source_text is None
    assert all(page[s.start : s.end] == s.text for s in as_text.all_sentences)


def test_summarize_source_with_html_true_converts_once() -> None:
    page = news_page().encode()
    for summary in (
        summarize_source(page, html=True, tokenizer="syllable"),
        summarize_source(page, kind="html", tokenizer="syllable"),
    ):
        assert summary.source_text == read(page, kind="html").text
        assert all(summary.source_text[s.start : s.end] == s.text for s in summary.all_sentences)
    with pytest.raises(ValueError, match="`html` = 'yes' is invalid"):
        summarize_source(page, html="yes")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Khánh thành cầu | Báo Sông Lam", "Khánh thành cầu"),
        ("Khánh thành cầu - Báo Sông Lam", "Khánh thành cầu"),
        ("Khánh thành cầu - VnExpress.net", "Khánh thành cầu"),
        ("baosonglam.vn | Khánh thành cầu", "Khánh thành cầu"),
        ("Ô nhiễm sông Lam - Báo động đỏ", "Ô nhiễm sông Lam - Báo động đỏ"),
        ("Hà Nội - Hải Phòng: cao tốc thông xe", "Hà Nội - Hải Phòng: cao tốc thông xe"),
        ("Trang trại bò sữa - mô hình mới", "Trang trại bò sữa - mô hình mới"),
    ],
)
def test_the_site_name_leaves_the_title(title: str, expected: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><p>{BODY[0]}</p></body></html>"
    assert read(page, kind="html").title == expected


def to_cp1258(text: str) -> bytes:
    """windows-1258 has the base letters (â, ơ, đ, ...) and the tones as combining marks."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            for mark in marks:  # the vowel's own mark joins the base letter: â, ơ, ư
                joined = unicodedata.normalize("NFC", base + mark)
                if len(joined) == 1 and len(marks) > 1:
                    try:
                        joined.encode("cp1258")
                    except UnicodeEncodeError:
                        continue
                    base, marks = joined, [m for m in marks if m != mark]
                    break
            out += (base + "".join(marks)).encode("cp1258")
    return out


def test_charset_from_meta_and_from_bom() -> None:
    page = (
        "<html><head><meta charset='windows-1258'><title>Tin</title></head>"
        f"<body><p>{BODY[0]}</p></body></html>"
    )
    text = decode_html(to_cp1258(page), "x")
    assert unicodedata.normalize("NFC", text) == page
    assert BODY[0] in read(to_cp1258(page), kind="html").text  # NFC after extraction
    assert decode_html(page.encode("utf-16"), "x") == page
    assert decode_html(page.encode("utf-8"), "x", "bogus-charset").startswith("<html>")


@pytest.mark.parametrize(
    "line",
    [
        "Chia sẻ với phóng viên, ông Nam cho biết xã sẽ làm thêm đường.",
        "Vi phạm bản quyền bị xử phạt đến 500 triệu đồng.",
        "Ngày 12/6/2023, hội nghị khai mạc.",
    ],
)
def test_short_prose_that_looks_like_furniture_is_kept(line: str) -> None:
    page = f"<html><body><article><p>{BODY[0]}</p><p>{line}</p><p>{BODY[1]}</p></article>"
    assert line in read(page + "</body></html>", kind="html").text


def _article_beside_its_sapo() -> str:
    """The sapo in a <p class="description"> before the <article> that holds the body; the
    whole column in a div whose class says "sidebar"."""
    body = "".join(f"<p class='Normal'>{p}</p>" for p in BODY)
    return (
        "<html><head><title>Khánh thành cầu mới qua sông Lam - SongLam.vn</title></head><body>"
        "<section class='page-detail'><div class='sidebar-1'>"
        "<span class='date'>Thứ sáu, 1/12/2023, 10:00 (GMT+7)</span>"
        "<h1 class='title-detail'>Khánh thành cầu mới qua sông Lam</h1>"
        f"<p class='description'>{SAPO}</p><article class='fck_detail'>{body}</article>"
        "<div class='box-comment'><h3>Ý kiến (0)</h3><div>Chưa có bình luận nào.</div></div>"
        "</div><div class='sidebar-2'><h3>Xem nhiều</h3><a>Xe khách lật trên đèo, nhiều người "
        "bị thương</a></div></section></body></html>"
    )


def _sapo_in_an_h2() -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        "<html><head><meta property='og:title' content='Khánh thành cầu mới qua sông Lam'>"
        "</head><body><header><nav class='menu'><a>Xã hội</a></nav></header><main>"
        "<article class='singular-container'><h1>Khánh thành cầu mới qua sông Lam</h1>"
        "<div class='author-wrap'><time class='author-time'>01/12/2023 - 10:00</time></div>"
        f"<h2 class='singular-sapo'>{SAPO}</h2><div class='singular-content'>{body}</div>"
        "</article><aside class='sidebar'><div>Tin nổi bật</div><a>Xe khách lật trên đèo, "
        "nhiều người bị thương</a></aside></main><footer>© Bản quyền thuộc về Báo Sông Lam."
        "</footer></body></html>"
    )


@pytest.mark.parametrize("make", [_article_beside_its_sapo, _sapo_in_an_h2])
def test_the_sapo_is_kept_where_news_sites_put_it(make) -> None:  # type: ignore[no-untyped-def]
    document = read(make(), kind="html")
    lines = document.text.split("\n")
    assert lines[:3] == ["Khánh thành cầu mới qua sông Lam", SAPO, BODY[0]]
    assert all(paragraph in lines for paragraph in BODY)
    for junk in FURNITURE:
        assert junk not in document.text, junk


def test_furniture_words_on_the_article_s_own_container_do_not_lose_it() -> None:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    wrapped = (
        "<html><body><div class='layout has-sidebar'><div class='post'>"
        f"<h1>Khánh thành cầu mới qua sông Lam</h1>{body}</div>"
        "<div class='sidebar'>Quảng cáo</div></div></body></html>"
    )
    comments_inside = (
        f"<html><body><div class='detail'><p>{SAPO}</p>{body}<h3>Bình luận</h3>"
        "<p>Chưa có bình luận nào.</p></div></body></html>"
    )
    for page in (wrapped, comments_inside):
        text = read(page, kind="html").text
        assert all(paragraph in text for paragraph in BODY)


def test_sniffing_and_suffixes() -> None:
    assert detect_kind("a.HTM", b"") == "html"
    assert detect_kind(None, b"<!DOCTYPE html><p>x") == "html"
    assert detect_kind(None, "<!DOCTYPE html>".encode("utf-16")) == "html"
    assert detect_kind(None, b"%PDF-1.7") == "pdf"
    assert detect_kind(None, b"PK\x03\x04") == "docx"
    assert detect_kind("ghi-chu", "Hôm nay <b>đẹp</b>".encode()) == "text"


def test_a_page_without_main_content_falls_back_to_its_visible_text() -> None:
    page = "<div>" * 3000 + BODY[0] + "</div>" * 3000
    document = read(page, kind="html")
    assert BODY[0] in document.text
    assert read("", kind="html").text == ""
