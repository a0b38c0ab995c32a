"""The public contract: summarize(), Summarizer, Summary and Sentence."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import summarize as package
from summarize import Sections, Sentence, Summarizer, Summary, summarize
from summarize.summarizer import OPTION_NAMES
from summarize.tokenize import word_count

PARAGRAPHS = (
    "Tỉnh Sơn Hà tổng kết công tác chuyển đổi số năm 2024",
    "Sáng 20/12, Ủy ban nhân dân tỉnh Sơn Hà tổ chức hội nghị tổng kết công tác chuyển đổi số "
    "năm 2024.",
    "Năm qua, toàn tỉnh đã đưa 95% thủ tục hành chính lên môi trường trực tuyến. Tỷ lệ hồ sơ nộp "
    "trực tuyến đạt 62%, tăng gấp đôi so với năm trước. Các xã đều đã có mạng cáp quang đến trung "
    "tâm.",
    "Tuy nhiên, nhiều người dân cao tuổi vẫn gặp khó khăn khi sử dụng dịch vụ công trực tuyến. Hạ "
    "tầng mạng ở một số xã miền núi còn chập chờn.",
    "Năm 2025, tỉnh sẽ tập trung đào tạo kỹ năng số cho người dân và cán bộ cơ sở. Tỉnh cũng sẽ "
    "hoàn thành kho dữ liệu dùng chung trước tháng sáu.",
)
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summarize(TEXT, sentences=3)


def test_public_names():
    core = {"Sections", "Sentence", "Summarizer", "Summary", "__version__", "summarize"}
    assert core <= set(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)
    assert isinstance(package.__version__, str)


def test_import_is_cheap():
    """No model or heavy library is loaded by ``import summarize``: only on first use."""
    heavy = ("underthesea", "sklearn", "networkx")
    code = f"import sys, summarize; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_sentence_is_frozen_with_the_documented_fields(summary):
    sentence = summary.sentences[0]
    assert [f.name for f in dataclasses.fields(Sentence)][:6] == [
        "index",
        "text",
        "start",
        "end",
        "score",
        "section",
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.score = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.sentences = ()  # type: ignore[misc]
    assert sentence.section in (None, "results", "limitations", "next_tasks")


def test_sentences_are_exact_slices_in_document_order(summary):
    assert len(summary.sentences) == 3
    assert len(summary) == 3
    assert list(summary) == list(summary.sentences)
    for sentence in summary.all_sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices))
    assert [s.index for s in summary.all_sentences] == list(range(len(summary.all_sentences)))
    for sentence in summary.sentences:
        assert summary.all_sentences[sentence.index] == sentence
        assert sentence.noise is None


def test_title_is_exposed_and_never_selected(summary):
    assert summary.title == "Tỉnh Sơn Hà tổng kết công tác chuyển đổi số năm 2024"
    assert summary.all_sentences[0].noise == "title"
    assert all(s.index != 0 for s in summary.sentences)


def test_scores_are_in_the_unit_interval_and_zero_for_noise(summary):
    assert all(0.0 <= s.score <= 1.0 for s in summary.all_sentences)
    assert all(s.score == 0.0 for s in summary.all_sentences if s.noise is not None)
    assert any(s.score > 0.0 for s in summary.all_sentences if s.noise is None)


@pytest.mark.parametrize("ranker", ["pacsum", "textrank"])
def test_one_sentence_is_the_best_scored_content_sentence(ranker):
    result = summarize(TEXT, sentences=1, ranker=ranker)
    content = [s for s in result.all_sentences if s.noise is None]
    best = max(content, key=lambda s: (s.score, -s.index))
    assert result.sentences == (best,)


def test_sections_are_tuples_of_labelled_sentences(summary):
    assert isinstance(summary.sections, Sections)
    for name, group in summary.sections.items():
        assert isinstance(group, tuple)
        assert all(s.section == name and s.noise is None for s in group)
        assert len({s.index for s in group}) == len(group)


def test_to_dict_is_json_ready(summary):
    data = summary.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["title"] == summary.title
    assert data["summary"] == [s.index for s in summary.sentences]
    assert set(data["sections"]) == {"results", "limitations", "next_tasks"}
    assert len(data["all_sentences"]) == len(summary.all_sentences)
    first = data["sentences"][0]
    assert set(first) >= {"index", "start", "end", "text", "score", "section", "noise"}
    assert TEXT[first["start"] : first["end"]] == first["text"]


def test_str_is_readable(summary):
    rendered = str(summary)
    assert rendered.startswith(summary.title)
    for sentence in summary.sentences:
        assert sentence.text in rendered
    assert "Sentence(" not in rendered
    assert summary.text == " ".join(s.text for s in summary.sentences)


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["Câu một."]])
def test_non_str_text_is_a_type_error(bad):
    with pytest.raises(TypeError, match="`text` must be str"):
        summarize(bad)
    with pytest.raises(TypeError):
        Summarizer().summarize(bad)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n", "\u3000\u00a0"])
def test_empty_or_whitespace_text_gives_an_empty_summary(text):
    result = summarize(text)
    assert result == Summary()
    assert result.sentences == () and result.all_sentences == () and result.title is None
    assert not result.sections
    assert result.to_dict()["summary"] == []


def test_any_word_gives_at_least_one_sentence():
    assert len(summarize("Xin chào")) == 1
    assert len(summarize("Tiêu đề\nTiêu đề")) == 1  # only a repeated line: keep one
    assert len(summarize("và của các.", tokenizer="syllable")) == 1  # stop words only


def test_punctuation_only_text_selects_nothing():
    result = summarize("… !!! ---")
    assert result.sentences == ()


BAD_OPTIONS = [
    ("tokenizer", "char", "'syllable', 'word'"),
    ("split", "paragraphs", "'auto', 'lines'"),
    ("ranker", "lexrank", "'pacsum', 'textrank'"),
    ("backward_weight", 11.0, r"\[-10.0, 10.0\]"),
    ("position_weight", float("inf"), r"\[-10.0, 10.0\]"),
    ("length_weight", "0.1", r"\[-10.0, 10.0\]"),
    ("title_weight", -11, r"\[-10.0, 10.0\]"),
    ("section_cues", 42, "a path or"),
    ("damping", 1.0, r"\(0.0, 1.0\)"),
    ("damping", 0, r"\(0.0, 1.0\)"),
    ("tol", 0.0, r"\(0.0, 1.0\]"),
    ("max_iter", 0, "an int >= 1"),
    ("max_iter", 2.5, "an int >= 1"),
    ("similarity_threshold", 1.0, r"\[0.0, 1.0\)"),
    ("diversity", -0.1, r"\[0.0, 1.0\]"),
    ("max_similarity", 0.0, r"\(0.0, 1.0\]"),
    ("worth", -0.1, r"\[0.0, 10.0\]"),
    ("report_worth", "1", r"\[0.0, 10.0\]"),
    ("coherence", "yes", "True or False"),
    ("coverage", 2.0, r"\[0.0, 1.0\]"),
    ("sections", "yes", "True or False"),
    ("section_sentences", -1, "an int >= 0"),
    ("html", "auto", "True or False"),
    ("max_chars", -1, "an int >= 0 or None"),
]


def test_every_option_has_a_bad_value_test():
    assert {option for option, _, _ in BAD_OPTIONS} == set(OPTION_NAMES)


@pytest.mark.parametrize("option, value, allowed", BAD_OPTIONS)
def test_bad_option_names_the_option_and_the_allowed_values(option, value, allowed):
    pattern = rf"`{option}` = {re.escape(repr(value))} is invalid; must be .*{allowed}"
    with pytest.raises(ValueError, match=pattern):
        Summarizer(**{option: value})
    with pytest.raises(ValueError, match=rf"`{option}`"):
        summarize(TEXT, **{option: value})


@pytest.mark.parametrize(
    "budget, allowed",
    [
        ({"sentences": 0}, "an int >= 1"),
        ({"sentences": "3"}, "an int >= 1"),
        ({"ratio": 0.0}, r"a number in \(0.0, 1.0\]"),
        ({"ratio": 2}, r"a number in \(0.0, 1.0\]"),
        ({"words": 0}, "an int >= 1"),
        ({"words": True}, "an int >= 1"),
    ],
)
def test_bad_budget_names_the_budget_and_the_allowed_values(budget, allowed):
    ((name, value),) = budget.items()
    with pytest.raises(ValueError, match=rf"`{name}` = {value!r} is invalid; must be {allowed}"):
        summarize(TEXT, **budget)


def test_two_budgets_at_once_are_a_value_error():
    with pytest.raises(ValueError, match="only one of `sentences`, `ratio`, `words`"):
        summarize(TEXT, sentences=2, ratio=0.5)
    with pytest.raises(ValueError, match="ratio and words"):
        Summarizer().summarize(TEXT, ratio=0.5, words=40)


def test_bad_budget_on_empty_text_still_fails():
    with pytest.raises(ValueError, match="`sentences`"):
        summarize("", sentences=-1)


def test_unknown_option_is_a_type_error():
    with pytest.raises(TypeError, match=r"unknown option.*'langauge'.*options are"):
        Summarizer(langauge="vi")
    with pytest.raises(TypeError, match="'langauge'"):
        summarize(TEXT, langauge="vi")


def test_budgets_through_the_api():
    everything = summarize(TEXT, ratio=1.0, sections=False)
    content = [s for s in everything.all_sentences if s.noise is None]
    assert len(everything.sentences) == len(content)
    one = summarize(TEXT, sentences=1)
    assert len(one) == 1
    for words in (1, 30, 60):
        short = summarize(TEXT, words=words)
        assert len(short) >= 1
        if len(short) > 1:
            assert sum(word_count(s.text) for s in short.sentences) <= words
    assert len(summarize(TEXT, words=60)) > 1


def test_summarizer_is_reusable_and_matches_the_function():
    summarizer = Summarizer(tokenizer="syllable")
    first = summarizer.summarize(TEXT, sentences=2)
    other = summarizer.summarize("Câu thứ nhất rất ngắn. Câu thứ hai cũng ngắn.", sentences=1)
    again = summarizer.summarize(TEXT, sentences=2)
    assert first == again
    assert len(other) == 1
    assert first == summarize(TEXT, sentences=2, tokenizer="syllable")


def test_summarizer_repr_shows_changed_options():
    assert repr(Summarizer()) == "Summarizer()"
    assert repr(Summarizer(tokenizer="word", diversity=0.5)) == (
        "Summarizer(tokenizer='word', diversity=0.5)"
    )
    assert repr(Summarizer(tokenizer="syllable")) == "Summarizer()"  # the default


def test_summarizer_pickle_round_trip():
    summarizer = Summarizer(tokenizer="syllable", max_similarity=0.5, sections=False)
    clone = pickle.loads(pickle.dumps(summarizer))
    assert clone.options == summarizer.options
    assert clone.summarize(TEXT) == summarizer.summarize(TEXT)


def test_summary_pickle_round_trip(summary):
    assert pickle.loads(pickle.dumps(summary)) == summary


def test_threads_give_identical_results():
    summarizer = Summarizer()
    texts = [TEXT, TEXT.replace("Sơn Hà", "Bình An"), "\n\n".join(reversed(TEXT.split("\n\n")))]
    budgets = [{"sentences": 2}, {"ratio": 0.5}, {"words": 40}]
    jobs = [(t, b) for t in texts for b in budgets] * 3
    expected = [json.dumps(summarizer.summarize(t, **b).to_dict()) for t, b in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda job: json.dumps(summarizer.summarize(job[0], **job[1]).to_dict()), jobs)
        )
    assert results == expected


def test_windows_line_endings_give_the_same_summary():
    windows = TEXT.replace("\n", "\r\n")
    a, b = summarize(TEXT), summarize(windows)
    assert [s.index for s in a.sentences] == [s.index for s in b.sentences]
    assert [s.text for s in a.all_sentences] == [s.text for s in b.all_sentences]
    assert all(windows[s.start : s.end] == s.text for s in b.all_sentences)


def test_split_lines_option():
    text = "Câu một. Câu hai cùng dòng.\nDòng thứ hai có nội dung khác hẳn."
    result = summarize(text, split="lines", sentences=5)
    assert [s.text for s in result.all_sentences] == text.split("\n")


# --- the title as a query ----------------------------------------------------------------------

TITLE_TEXT = (
    "Thành phố khởi công xây dựng cầu mới qua sông. "
    "Giá rau xanh ở chợ đầu mối giảm nhẹ trong tuần qua. "
    "Học sinh các trường tiểu học được nghỉ hè từ cuối tháng năm. "
    "Cây cầu mới dài hai cây số, dự kiến hoàn thành sau ba năm thi công. "
    "Nhiều gia đình tranh thủ cuối tuần đưa con đi công viên."
)


def test_a_given_title_steers_the_choice_towards_it():
    plain = Summarizer(position_weight=0.0, length_weight=0.0).summarize(
        TITLE_TEXT, sentences=1, title="Học sinh tiểu học nghỉ hè"
    )
    assert plain.title == "Học sinh tiểu học nghỉ hè"
    assert "nghỉ hè" in plain.sentences[0].text


def test_the_title_weight_zero_ignores_the_title():
    options = {"position_weight": 0.0, "length_weight": 0.0}
    with_title = Summarizer(**options, title_weight=0.0).summarize(
        TITLE_TEXT, sentences=2, title="Học sinh tiểu học nghỉ hè"
    )
    without = Summarizer(**options, title_weight=0.0).summarize(TITLE_TEXT, sentences=2)
    assert [s.index for s in with_title.sentences] == [s.index for s in without.sentences]


def test_a_detected_title_line_is_a_query_and_never_chosen():
    text = "Giá rau xanh giảm nhẹ\n\n" + TITLE_TEXT
    summary = Summarizer(position_weight=0.0, length_weight=0.0).summarize(text, sentences=1)
    assert summary.title == "Giá rau xanh giảm nhẹ"
    assert summary.all_sentences[0].noise == "title"
    assert summary.sentences[0].index != 0
    assert "rau xanh" in summary.sentences[0].text


def test_a_title_that_is_not_a_string_is_a_type_error():
    with pytest.raises(TypeError, match="`title`"):
        summarize(TITLE_TEXT, title=3)  # type: ignore[arg-type]
