"""The sections stage: cue labels, passage state, headings, non-reports, user cues, pipeline.

Every sentence here is written for these tests (a made-up provincial agriculture report, a
football match, a theft); none is taken from the datasets or the seed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from summarize import Summarizer, cues, sections, summarize

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EVAL_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "sections_eval.py"

REPORT = [
    "Hội nghị tổng kết công tác năm của Sở Nông nghiệp diễn ra sáng nay tại hội trường tỉnh.",
    "Năm qua, ngành nông nghiệp tỉnh đã đạt được nhiều kết quả quan trọng.",
    "Giá trị sản xuất toàn ngành tăng 4,2% so với năm trước.",
    "Tiếp tục mở rộng diện tích lúa chất lượng cao ở các huyện phía nam.",
    "Bên cạnh đó, báo cáo chỉ ra những hạn chế như sau:",
    "Nhiều hợp tác xã hoạt động cầm chừng.",
    "Việc chuyển đổi cơ cấu cây trồng diễn ra chậm, chưa đồng đều giữa các vùng.",
    "Thời gian tới, Sở cần tập trung nâng cao chất lượng nông sản xuất khẩu.",
    "Tiếp tục hỗ trợ nông dân tiếp cận vốn vay ưu đãi.",
    "Đồng thời, đề nghị các huyện rà soát quy hoạch vùng nuôi trồng thuỷ sản.",
]
EXPECTED = [
    None,
    "results",
    "results",
    "results",
    "limitations",
    "limitations",
    "limitations",
    "next_tasks",
    "next_tasks",
    "next_tasks",
]

WITH_HEADINGS = [
    ("Kết quả đạt được", "heading"),
    ("Sản lượng lúa đứng đầu khu vực.", None),
    ("Bốn xã về đích nông thôn mới.", None),
    ("Hạn chế, tồn tại", "heading"),
    ("Lao động nông thôn thiếu việc làm ổn định.", None),
    ("Một số công trình thuỷ lợi xuống cấp.", None),
    ("Nhiệm vụ, giải pháp thời gian tới", "heading"),
    ("Hoàn thiện cơ chế liên kết giữa doanh nghiệp và nông dân.", None),
    ("Xây dựng thêm kho lạnh cho vùng cây ăn quả.", None),
]

FOOTBALL = [
    "Đội bóng của tỉnh thắng 2-1 trong trận đấu tối qua.",
    "Tiền đạo số 9 ghi bàn ở phút thứ 80 sau một pha phối hợp đẹp.",
    "Huấn luyện viên cho biết toàn đội sẽ nghỉ hai ngày trước trận tiếp theo.",
    "Khán giả ra về trong niềm vui.",
]
THEFT = [
    "Một người đàn ông bị bắt khi đang lấy trộm xe máy trước cửa chợ.",
    "Chủ xe đã trình báo công an phường ngay sau đó.",
    "Cơ quan điều tra đề nghị truy tố bị can về tội trộm cắp tài sản.",
    "Hiện vụ việc vẫn chưa được làm rõ.",
]


def sections_of(sentences: list[str], noise: list[str | None] | None = None) -> list[str | None]:
    noise = noise if noise is not None else [None] * len(sentences)
    return [lab.section for lab in sections.label(sentences, noise)]


def test_cues_label_the_report():
    assert sections_of(REPORT) == EXPECTED


def test_reasons_name_the_cue_heading_or_passage():
    labels = sections.label(REPORT, [None] * len(REPORT))
    assert labels[0] == sections.Label(None, None)
    assert labels[1].reason == 'cue "đạt được"'
    for lab in labels[1:]:
        assert lab.reason and lab.reason.split()[0] in ("cue", "passage", "heading")


def test_sentences_after_a_limitations_opener_are_limitations_without_a_cue():
    labels = sections.label(REPORT, [None] * len(REPORT))
    # "Nhiều hợp tác xã hoạt động cầm chừng." has no cue word of its own.
    assert cues.lexicon().find(REPORT[5])[0] == []
    assert labels[5] == sections.Label("limitations", 'passage after "hạn chế"')


def test_tiep_tuc_follows_the_passage_it_continues():
    labels = sections.label(REPORT, [None] * len(REPORT))
    assert labels[3].section == "results"  # continuing what was done in the year
    assert labels[3].reason == 'passage after "tăng <số>"'  # the figure just before
    assert labels[8].section == "next_tasks"  # continuing the list of tasks


def test_a_limitation_named_as_the_thing_to_fix_is_a_task():
    text = [*REPORT[:7], "Các địa phương cần khắc phục tình trạng lãng phí nước tưới."]
    assert sections_of(text)[-1] == "next_tasks"


def test_after_nhung_the_second_clause_decides():
    text = [*REPORT[:3], "Sản lượng tăng khá, nhưng chất lượng nông sản còn thấp và chưa ổn định."]
    assert sections_of(text)[-1] == "limitations"


def test_headings_carry_their_section_to_the_passage_under_them():
    sentences = [s for s, _ in WITH_HEADINGS]
    noise = [n for _, n in WITH_HEADINGS]
    labels = sections.label(sentences, noise)
    assert [lab.section for lab in labels] == [
        "results", "results", "results",
        "limitations", "limitations", "limitations",
        "next_tasks", "next_tasks", "next_tasks",
    ]  # fmt: skip
    assert labels[0].reason == 'heading "Kết quả đạt được"'
    assert labels[2].reason == 'passage under heading "Kết quả đạt được"'
    assert labels[8].reason == 'passage under heading "Nhiệm vụ, giải pháp thời gian tới"'


def test_page_furniture_gets_no_label_and_does_not_break_a_passage():
    noise: list[str | None] = [None] * len(REPORT)
    text = [*REPORT[:5], "Ảnh: Toàn cảnh hội nghị.", *REPORT[5:]]
    noise.insert(5, "caption")
    labels = sections.label(text, noise)
    assert labels[5] == sections.Label(None, None)
    assert labels[6].section == "limitations"


@pytest.mark.parametrize("story", [FOOTBALL, THEFT], ids=["football", "theft"])
def test_a_story_that_is_not_a_report_is_not_labelled(story):
    assert sections_of(story) == [None] * len(story)


def test_labels_are_deterministic():
    first = sections.label(REPORT, [None] * len(REPORT))
    sections_of(FOOTBALL)
    assert sections.label(list(REPORT), [None] * len(REPORT)) == first


def test_empty_and_mismatched_input():
    assert sections.label([], []) == []
    assert sections_of(["Tiêu đề"], ["title"]) == [None]
    with pytest.raises(ValueError, match="noise"):
        sections.label(REPORT, [None])


def test_user_cues_extend_the_lexicon():
    text = [*REPORT[:7], "Hàng nông sản ùn ứ ở cửa khẩu."]
    assert sections_of(text)[-1] is None
    labels = sections.label(text, [None] * len(text), cues=[("limitations", 2.0, "ùn ứ")])
    assert labels[-1] == sections.Label("limitations", 'cue "ùn ứ"')


def test_user_cues_from_a_file_and_through_the_summarizer(tmp_path):
    path = tmp_path / "cues.tsv"
    path.write_text("# my cues\nlimitations\t2.0\tùn ứ\n", encoding="utf-8")
    text = [*REPORT[:7], "Hàng nông sản ùn ứ ở cửa khẩu."]
    assert sections.label(text, [None] * len(text), cues=path)[-1].section == "limitations"
    summary = Summarizer(tokenizer="syllable", section_cues=str(path)).summarize(" ".join(text))
    assert summary.all_sentences[-1].section == "limitations"


def test_a_zero_weight_entry_switches_a_shipped_cue_off():
    switched_off = [("results", 0.0, "đạt được"), ("results", 0.0, "kết quả")]
    labels = sections.label(REPORT, [None] * len(REPORT), cues=switched_off)
    assert labels[1].reason != 'cue "đạt được"'


@pytest.mark.parametrize(
    "bad",
    [[("sections", 1.0, "x")], [("results", -1.0, "x")], [("results", 1.0, " ")], [(1, 2)]],
)
def test_bad_user_cues_are_rejected(bad):
    with pytest.raises(ValueError):
        Summarizer(section_cues=bad)


def test_a_bad_cue_file_names_the_line(tmp_path):
    path = tmp_path / "cues.tsv"
    path.write_text("results\t1.0\tđạt\nresults 1.0 tăng\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues\.tsv:2"):
        sections.label(REPORT, [None] * len(REPORT), cues=path)
    with pytest.raises(ValueError, match="cannot read"):
        Summarizer(section_cues=str(tmp_path / "missing.tsv"))


def test_spacing_before_punctuation_does_not_change_the_cues():
    spaced = "Tuy nhiên , việc chuyển đổi cơ cấu cây trồng còn chậm ."
    assert cues.lexicon().find(spaced) == cues.lexicon().find(
        "Tuy nhiên, việc chuyển đổi cơ cấu cây trồng còn chậm."
    )


@pytest.mark.parametrize(
    "document",
    [
        REPORT,
        [s for s, _ in WITH_HEADINGS] + FOOTBALL + THEFT,
        ["", "Ông Nguyễn Văn Cần đề nghị: \"Cần Thơ cần thêm 4,5 tỷ đồng\".", "", "x"],
        ["Một câu có ký tự \ue000 lạ ở giữa.", "Tiếp tục rà soát."],  # the separator itself
        [],
    ],
)
def test_a_document_is_tokenized_and_scanned_as_its_sentences_one_by_one(document):
    """The labeller tokenizes a document in one pass (a separator token between sentences):
    the tokens, names and cues are those of each sentence on its own."""
    lexicon = cues.lexicon()
    assert cues.document_tokens(document) == [cues.tokens(s, names=True) for s in document]
    assert lexicon.scan_document(document) == [lexicon.scan(s) for s in document]


# --- the pipeline ------------------------------------------------------------------------------

PAGE = "\n".join(
    [
        "Ngành nông nghiệp tỉnh tổng kết năm",
        "Ảnh: Toàn cảnh hội nghị",
        " ".join(REPORT[:4]),
        " ".join(REPORT[4:7]),
        "Ảnh: Toàn cảnh hội nghị",
        " ".join(REPORT[7:]),
    ]
)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_summary_sections_hold_labelled_content_most_representative_first(k):
    summary = summarize(PAGE, tokenizer="syllable", section_sentences=k)
    assert summary.sections, "the report should have sections"
    for name, group in summary.sections.items():
        assert 1 <= len(group) <= k
        assert len({s.index for s in group}) == len(group)  # order: tests/test_worth.py
        for sentence in group:
            assert sentence.section == name
            assert sentence.noise is None
            assert sentence.section_reason


def test_noise_is_never_in_a_section_and_json_carries_every_label():
    summary = summarize(PAGE, tokenizer="syllable")
    noisy = {s.index for s in summary.all_sentences if s.noise is not None}
    assert noisy, "the page has a title and captions"
    chosen = {s.index for _, group in summary.sections.items() for s in group}
    assert not chosen & noisy
    rows = summary.to_dict()["all_sentences"]
    assert len(rows) == len(summary.all_sentences)
    for row in rows:
        assert row["section"] in (None, *sections.LABELS)
        assert (row["section"] is None) == (row["section_reason"] is None)


def test_rendered_sections_do_not_double_a_list_marker():
    from summarize.renderers import render_markdown, render_text

    page = "\n".join(["Kết quả đạt được", *(f"- {s}" for s in REPORT[1:4])])
    summary = summarize(page, tokenizer="syllable", split="lines")
    assert summary.sections.results
    for rendered in (render_text(summary), render_markdown(summary)):
        assert "\n- - " not in rendered
        assert f"- {REPORT[1]}" in rendered.splitlines()


def test_no_sections_for_a_story_or_when_switched_off():
    assert not summarize(" ".join(FOOTBALL), tokenizer="syllable").sections
    assert not summarize(PAGE, tokenizer="syllable", sections=False).sections
    assert not summarize(PAGE, tokenizer="syllable", section_sentences=0).sections


# --- the held-out benchmark ----------------------------------------------------------------------


@pytest.mark.data
@pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data at {DATA}")
def test_heldout_macro_f1_guard():
    """Regression guard on the held-out labels (annotators L-O; nothing tuned or trained on them).

    The issue's target is macro-F1 >= 0.85; we measure 0.789 (keyword baseline 0.571; the
    previous round's labeller 0.758), see docs/sections.md. This test fails if the labeller
    falls back towards the previous round or the baseline.
    """
    module = _load_eval_module()
    documents = module.load("heldout", DATA)
    ours = module.scores(documents, module.ours)
    baseline = module.scores(documents, module.keyword_baseline)
    assert ours["macro"][2] >= baseline["macro"][2] + 0.2
    assert ours["macro"][2] >= 0.77


def _load_eval_module():
    spec = importlib.util.spec_from_file_location("sections_eval", EVAL_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("sections_eval", module)
    spec.loader.exec_module(module)
    return module


def test_training_split_documents_are_keyed_apart_from_validation_ones(tmp_path):
    """The VietNews training and validation splits reuse ids: labels name their source, and a
    training-split document is read from train_reports.jsonl under its own key."""
    import json

    module = _load_eval_module()
    news = tmp_path / "vietnews"
    news.mkdir()
    same_id = "000123"
    validation = "\n".join(REPORT[:3])
    training = "\n".join([REPORT[4], REPORT[5]])
    for name, text in (("val.jsonl", validation), ("train_reports.jsonl", training)):
        record = {"id": same_id, "title": "t", "summary": "s", "text": text}
        (news / name).write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    records = [
        {"id": same_id, "source": "vietnews", "labels": ["other", "results", "results"]},
        {"id": same_id, "source": "vietnews-train", "labels": ["limitations", "limitations"]},
    ]
    first, second = module.documents(records, tmp_path)
    assert first.id == same_id and first.sentences == tuple(REPORT[:3])
    assert second.id == f"train:{same_id}" and second.sentences == (REPORT[4], REPORT[5])
    assert second.gold == ("limitations", "limitations")
    bad = [{"id": same_id, "source": "vietnews-train", "labels": ["other"]}]
    with pytest.raises(ValueError, match="1 labels for 2 lines"):
        module.documents(bad, tmp_path)


def test_a_label_file_being_appended_to_is_read_up_to_its_last_whole_line(tmp_path):
    module = _load_eval_module()
    path = tmp_path / "labels_train_1.jsonl"
    whole = '{"id": "1", "source": "vietnews-train", "labels": ["other"]}\n'
    again = '{"id": "1", "source": "vietnews-train", "labels": ["results"]}\n'
    path.write_text(whole + again + '{"id": "2", "source": "vietn', encoding="utf-8")
    assert module._records(path) == [{"id": "1", "source": "vietnews-train", "labels": ["results"]}]
    assert module._records(tmp_path / "absent.jsonl") == []
