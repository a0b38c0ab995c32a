"""An adversarial corpus: what people paste and crawlers fetch, at its worst.

Every input is generated here (no dataset text). Each must give a valid :class:`Summary`
honouring the extractive contract (``tests/_contract.py``) under every budget, or raise the
documented exception. Large inputs assert completion only: their timings are measured by
``benchmarks/pathological.py``, not asserted here.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

import pytest
from _contract import check_summary
from _optional import require

from summarize import Summarizer, summarize

# Vietnamese snippets written for these tests.
S1 = "Sáng nay, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm."
S2 = "Các đại biểu đã thảo luận sôi nổi về kế hoạch phát triển kinh tế địa phương."
S3 = "Tuy nhiên, việc giải ngân vốn đầu tư công vẫn còn chậm so với yêu cầu."
S4 = "Năm tới, huyện sẽ tập trung xây dựng đường giao thông nông thôn và trường học."
PROSE = " ".join([S1, S2, S3, S4])
WORDS = "ngày mai chúng ta sẽ bàn tiếp về kế hoạch xây dựng cầu mới cho bà con trong xã"


def _no_punctuation() -> str:
    return " ".join([WORDS] * 40)


def _long_sentence() -> str:
    """One 500 KB sentence: words and commas, a single full stop at the very end."""
    chunk = WORDS + ", "
    return (chunk * (500_000 // len(chunk) + 1))[:499_999] + "."


def _megabyte_without_full_stop() -> str:
    return ((WORDS + " ") * (1_000_000 // (len(WORDS) + 1) + 1))[:1_000_000]


def _syllable(rng: random.Random) -> str:
    onset = rng.choice(["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh",
                        "ph", "s", "t", "th", "tr", "v", "x"])  # fmt: skip
    vowel = rng.choice(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ia", "ươ", "oa"])
    tone = rng.choice(["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"])
    coda = rng.choice(["", "c", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"])
    return unicodedata.normalize("NFC", onset + vowel[0] + tone + vowel[1:] + coda)


def _tiny_sentences() -> str:
    """50,000 two-syllable sentences in one line (about 500 KB)."""
    rng = random.Random(50_000)
    return " ".join(f"{_syllable(rng).capitalize()} {_syllable(rng)}." for _ in range(50_000))


def _numbered_sentences() -> str:
    """Sentences that all share one word: the similarity graph is complete (dense).

    5,000 here; the 50,000 of benchmarks/pathological.py take about a minute (quadratic).
    """
    return " ".join(f"Câu {i}." for i in range(5_000))


def _html_page() -> str:
    return (
        "<!DOCTYPE html><html><head><title>Hội nghị tổng kết năm</title>"
        "<style>p { color: red }</style>"
        "<script>document.write('<p>Câu chèn bằng mã độc.</p>'); fetch('http://x.invalid')</script>"
        "</head><body><nav><a href='/'>Trang chủ</a> | <a href='/tin'>Tin tức</a></nav>"
        f"<h1>Hội nghị tổng kết năm</h1><p>{S1}</p>\n<p>{S2}<br>{S3}</p>"
        "<noscript>Hãy bật JavaScript.</noscript><template><p>Mẫu ẩn.</p></template>"
        "<!-- <p>Câu trong chú thích.</p> -->"
        f"<div>{S4} &amp; &lt;b&gt; &#273;&#432;&#7901;ng.</div>"
        "<img src='x.jpg' alt='Ảnh minh họa-0' onerror='alert(1)'></body></html>"
    )


CORPUS: dict[str, Callable[[], str]] = {
    "empty": lambda: "",
    "whitespace": lambda: " \t\n \r\n \u00a0\u3000 \n",
    "one_word": lambda: "Xin",
    "one_word_punctuated": lambda: "Chào!",
    "one_letter": lambda: "a",
    "no_punctuation_at_all": _no_punctuation,
    "only_digits": lambda: "1234567890" * 1000,
    "digits_and_separators": lambda: " ".join(f"{i}.000,5" for i in range(2000)),
    "only_dots": lambda: "." * 10_000,
    "only_punctuation": lambda: "!?.,;:…–—()[]{}«»“”\"' " * 500,
    "control_characters_and_nul": lambda: (
        f"{S1}\x00\x01\x02 {S2}\x07\x08\x1b[31m {S3}\x1b[0m\x7f {S4}\x00"
    ),
    "nul_only": lambda: "\x00" * 1000,
    "zero_width_characters": lambda: (
        "\ufeff"
        + S1.replace(" ", "\u200b ", 3)
        + " \u200d"
        + S2.replace("đ", "đ\u200c")
        + " \ufeff"
        + S3
        + "\u2060 "
        + S4
    ),
    "nfd": lambda: unicodedata.normalize("NFD", PROSE),
    "nfc_and_nfd_mixed": lambda: S1 + " " + unicodedata.normalize("NFD", S2) + " " + S3,
    "crlf": lambda: "\r\n".join([S1, S2, S3, S4]) + "\r\n",
    "lone_cr": lambda: "\r".join([S1, S2, S3, S4]),
    "unicode_line_breaks": lambda: "\u2028".join([S1, S2]) + "\u2029" + S3 + "\x85" + S4,
    "vertical_tab_and_separators": lambda: f"{S1}\x0b{S2}\x1c{S3}\x1d{S4}\x1e",
    "form_feeds": lambda: "\f".join([S1, S2, S3, S4]),
    "tabs": lambda: "\t".join(PROSE.split(" ")),
    "html_with_script": _html_page,
    "html_fragment": lambda: f"<p>{S1}</p><p>{S2}</p><ul><li>{S3}</li><li>{S4}</li></ul>",
    "html_malformed": lambda: "<p>" + "<a" * 5000 + S1 + "</" * 5000 + "<!--" + S2,
    "html_deeply_nested": lambda: "<div>" * 5000 + S1 + "</div>" * 5000,
    "html_marked_sections": lambda: (
        f"<html><p>{S1}</p><![bogus]><![ x><![CDATA[{S2}]]><![if !supportLists]>·<![endif]>"
        f"<p>{S3}</p>" + "<![CDATA[a>" * 2000
    ),
    "angle_brackets_in_prose": lambda: f"Nếu a < b và c > d thì {S1} <Trích> {S2}",
    "urls_only": lambda: "\n".join(
        f"https://www.vi-du.vn/tin-tuc/bai-{i}.html?trang={i}&x=1#muc" for i in range(300)
    ),
    "urls_emails_domains": lambda: (
        f"Xem tại https://baochinhphu.vn/a.b.c?x=1. Liên hệ ban.bien-tap@vi-du.com.vn ngay. "
        f"Trang tinhuy.gov.vn đã cập nhật. {S1}"
    ),
    "mixed_scripts": lambda: (
        f"{S1} This sentence is English. 这是一个中文句子。 Это русское предложение. "
        "هذه جملة عربية. Ελληνική πρόταση. 日本語の文です。"
    ),
    "right_to_left": lambda: (
        "\u202eNgày mai trời mưa.\u202c שלום עולם. مرحبا بالعالم. \u200fعربي\u200e " + S2
    ),
    "lone_replacement_characters": lambda: "\ufffd" * 300,
    "replacement_characters_in_prose": lambda: S1.replace("ơ", "\ufffd") + " " + S2,
    "surrogate_escapes": lambda: f"{S1[:20]}\udcff\udcfe{S1[20:]} \ud800{S2} \udfff",
    "surrogates_only": lambda: "\udcff\ud800\udfff" * 100,
    "very_long_line": lambda: " ".join([S1, S2, S3, S4] * 400),
    "very_long_word": lambda: "a" * 100_000,
    "dotted_run_without_spaces": lambda: "a." * 50_000,
    "deep_quote_nesting": lambda: "“" * 2000 + S1 + "”" * 2000 + " " + S2,
    "unbalanced_quotes": lambda: '"' * 1001 + S1 + " “" + S2 + " ‘" + S3,
    "deep_parentheses": lambda: "(" * 3000 + S1 + ")" * 3000,
    "emoji_and_zwj_sequences": lambda: (
        "Gia đình 👨‍👩‍👧‍👦 đi chơi 🇻🇳. Tuyệt vời 👍🏽! 🏳️‍🌈🧑🏿‍💻 " + "😀" * 500 + ". " + S1
    ),
    "combining_marks_alone": lambda: "\u0301\u0300\u0323" * 300,
    "private_use_and_noncharacters": lambda: "\ue000\uf8ff\uffff\U0010ffff " + S1,
    "math_and_fullwidth_letters": lambda: "𝐇ô𝐦 𝐧𝐚𝐲 trời đẹp. Ｈôｍ ｎａｙ ｍưａ. " + S2,
    "hangul_decomposed": lambda: unicodedata.normalize("NFD", "한국어 문장입니다. 두 번째.") + S1,
    "same_sentence_5000_times": lambda: " ".join([S1] * 5000),
    "same_line_5000_times": lambda: "\n".join([S1] * 5000),
    "blank_lines_only": lambda: "\n" * 100_000,
    "abbreviations": lambda: (
        "PGS.TS. Nguyễn V. A. làm việc tại TP. HCM và ThS. Lê B. ở Q. 1. "
        "GS.TSKH. Trần C. phát biểu. Mr. D. đồng ý. " + S1
    ),
    "page_furniture_only": lambda: "TTO -\n(Ảnh: Minh Anh)\nQuang cảnh hội nghị-0\nTTO -",
    "markdown": lambda: f"# Tiêu đề\n\n- {S1}\n- {S2}\n\n## Mục hai\n\n1. {S3}\n2. {S4}",
    "question_exclamation_runs": lambda: "?!" * 20_000 + " " + S1,
    "commas_only_sentence": lambda: "a, " * 100_000,
    "one_500kb_sentence": _long_sentence,
    "megabyte_without_full_stop": _megabyte_without_full_stop,
    "fifty_thousand_tiny_sentences": _tiny_sentences,
    "tiny_sentences_sharing_a_word": _numbered_sentences,
    "tiny_sentences_one_per_line": lambda: "\n".join(f"Dòng {i}." for i in range(5_000)),
}

BUDGETS = [{}, {"sentences": 1}, {"words": 25}, {"ratio": 0.5}]
LARGE = 100_000  # characters: such inputs run with the default budget only

WORD = Summarizer()
FAST_HTML = Summarizer(html=True, tokenizer="syllable")
SYLLABLE = Summarizer(tokenizer="syllable")


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_adversarial_input_gives_a_valid_summary(name: str) -> None:
    text = CORPUS[name]()
    budgets = BUDGETS if len(text) < LARGE else [{}]
    for budget in budgets:
        check_summary(text, WORD.summarize(text, **budget), budget)
    check_summary(text, SYLLABLE.summarize(text))


@pytest.mark.parametrize("name", ["crlf", "lone_cr", "nfd", "zero_width_characters", "tabs"])
def test_line_split_mode_keeps_the_contract(name: str) -> None:
    text = CORPUS[name]()
    check_summary(text, Summarizer(split="lines").summarize(text))


def test_empty_and_blank_inputs_give_an_empty_summary() -> None:
    for name in ("empty", "whitespace", "blank_lines_only", "nul_only"):
        summary = WORD.summarize(CORPUS[name]())
        assert summary.sentences == () and summary.all_sentences == ()


def test_html_is_extracted_and_scripts_never_reach_the_summary() -> None:
    require("trafilatura")
    page = _html_page()
    summary = summarize(page, html=True, ratio=1.0)
    assert summary.source_text is not None
    assert "<" not in summary.source_text.replace("<b>", "")
    everything = " ".join(s.text for s in summary.all_sentences)
    for hidden in ("mã độc", "fetch", "color", "JavaScript", "Mẫu ẩn", "chú thích", "Trang chủ"):
        assert hidden not in everything
    assert summary.title == "Hội nghị tổng kết năm"
    assert "đường." in summary.source_text  # character references decoded
    check_summary(page, summary, {"ratio": 1.0})


def test_html_is_text_unless_told() -> None:
    """``summarize(page)`` never guesses: offsets index the caller's string, markup and all."""
    require("trafilatura")
    page = _html_page()
    raw = summarize(page)
    assert raw.source_text is None
    check_summary(page, raw)
    assert summarize(page, html=False).to_dict() == raw.to_dict()
    fragment = f"Tin mới: <b>{S1}</b><p>{S2}</p>"
    forced = summarize(fragment, html=True)
    assert forced.source_text is not None and "<" not in forced.source_text
    check_summary(fragment, forced)


@pytest.mark.parametrize("name", [name for name in CORPUS if name.startswith("html_")])
def test_pathological_html_is_read_within_the_contract(name: str) -> None:
    require("trafilatura")
    text = CORPUS[name]()
    summary = FAST_HTML.summarize(text)
    assert summary.source_text is not None
    check_summary(text, summary)


def test_nfd_gives_the_nfc_summary() -> None:
    nfc = WORD.summarize(PROSE)
    decomposed = unicodedata.normalize("NFD", PROSE)
    nfd = WORD.summarize(decomposed)
    assert [s.index for s in nfd.sentences] == [s.index for s in nfc.sentences]
    # The texts too, each the NFD spelling of its NFC sentence: wrong offsets garble them.
    assert [s.text for s in nfd.sentences] == [
        unicodedata.normalize("NFD", s.text) for s in nfc.sentences
    ]
    assert [s.text for s in nfd.all_sentences] == [
        unicodedata.normalize("NFD", s.text) for s in nfc.all_sentences
    ]


def test_same_sentence_repeated_is_chosen_once() -> None:
    summary = WORD.summarize(CORPUS["same_line_5000_times"](), sentences=5)
    assert len(summary.sentences) == 1
    assert sum(s.noise == "duplicate" for s in summary.all_sentences) == 4999


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["list"], 3.5])
def test_non_str_input_raises_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="`text` must be str"):
        summarize(value)  # type: ignore[arg-type]


def test_input_over_max_chars_raises_value_error_naming_the_option() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        summarize(PROSE, max_chars=10)
    check_summary(PROSE, summarize(PROSE, max_chars=len(PROSE)))
    check_summary(PROSE, summarize(PROSE, max_chars=None))
    check_summary(PROSE, summarize(PROSE, max_chars=0))


@pytest.mark.parametrize("value", [-1, 1.5, "10", True])
def test_invalid_max_chars_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="max_chars"):
        Summarizer(max_chars=value)


@pytest.mark.parametrize("value", [1, "yes", 0, None])
def test_invalid_html_option_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="html"):
        Summarizer(html=value)
