"""summarize_documents: one summary of a cluster of articles, on texts written for these tests."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import documents as generated_documents

from summarize import Summary, summarize_documents
from summarize.multi import CLUSTER_WORDS
from summarize.renderers import render

# Three papers on one (invented) event: the lead of each tells it in its own words.
BAO_A = (
    "Lũ quét ở Hà Giang\n"
    "Đêm 12/8, lũ quét tại xã Minh Tân, huyện Vị Xuyên, tỉnh Hà Giang cuốn trôi 14 ngôi nhà. "
    "Chính quyền đã sơ tán 230 hộ dân đến nơi an toàn. "
    "Mưa lớn kéo dài từ chiều 11/8 khiến nước suối dâng cao bất thường. "
    "Lực lượng cứu hộ đang tìm kiếm hai người mất tích."
)
BAO_B = (
    "Hai người mất tích sau trận lũ quét tại Vị Xuyên. "
    "Trận lũ quét đêm 12/8 ở xã Minh Tân đã làm 14 ngôi nhà bị cuốn trôi hoàn toàn. "
    "Ông Nguyễn Văn Hùng, Chủ tịch UBND xã, cho biết thiệt hại ban đầu khoảng 5 tỉ đồng. "
    "Các trường học trong xã tạm cho học sinh nghỉ học."
)
BAO_C = (
    "Tỉnh Hà Giang hỗ trợ khẩn cấp người dân vùng lũ. "
    "UBND tỉnh quyết định hỗ trợ 20 triệu đồng cho mỗi hộ có nhà bị cuốn trôi. "
    "Bộ đội biên phòng được huy động giúp dân dựng lại nhà. "
    "Lũ quét đêm 12/8 ở xã Minh Tân làm hai người mất tích."
)
CLUSTER = [BAO_A, BAO_B, BAO_C]

BAO_CAO_1 = (
    "Sáng 5/6, Sở Giáo dục tỉnh tổ chức hội nghị sơ kết học kỳ I. "
    "Trong học kỳ, toàn ngành đã hoàn thành 95% kế hoạch xây dựng trường chuẩn quốc gia. "
    "Tuy nhiên, vẫn còn tình trạng thiếu giáo viên ở vùng sâu, vùng xa. "
    "Thời gian tới, ngành tập trung tuyển dụng thêm 300 giáo viên."
)
BAO_CAO_2 = (
    "Ngành giáo dục tỉnh sơ kết học kỳ I với nhiều kết quả tích cực. "
    "Tỷ lệ học sinh đi học đúng độ tuổi đạt 99%, tăng 2% so với cùng kỳ. "
    "Hạn chế lớn nhất là cơ sở vật chất ở nhiều trường còn xuống cấp. "
    "Trong học kỳ II, Sở sẽ tiếp tục đẩy mạnh chuyển đổi số trong dạy học."
)


def contract(summary: Summary, texts: list[str]) -> None:
    """Every sentence is an exact slice of its own document; indices count across the cluster."""
    for position, s in enumerate(summary.all_sentences):
        assert s.index == position
        assert 0 <= s.document < len(texts)
        assert texts[s.document][s.start : s.end] == s.text
    documents = [s.document for s in summary.all_sentences]
    assert documents == sorted(documents)
    for s in summary.sentences:
        assert summary.all_sentences[s.index] is s


def test_offsets_index_each_document_and_all_sentences_cover_the_cluster():
    summary = summarize_documents(CLUSTER)
    contract(summary, CLUSTER)
    assert {s.document for s in summary.all_sentences} == {0, 1, 2}
    assert summary.documents == 3


def test_output_by_document_then_position():
    summary = summarize_documents(CLUSTER, sentences=4)
    keys = [(s.document, s.start) for s in summary.sentences]
    assert keys == sorted(keys)
    assert len(summary.sentences) == 4


def test_the_same_fact_is_not_taken_from_two_papers():
    twice = "Đêm 12/8, lũ quét tại xã Minh Tân, huyện Vị Xuyên cuốn trôi 14 ngôi nhà."
    texts = [f"{twice} Mưa lớn kéo dài suốt hai ngày.", f"{twice} Người dân đã được sơ tán."]
    summary = summarize_documents(texts, sentences=3)
    assert [s.text for s in summary.sentences].count(twice) == 1


def test_default_budget_is_in_syllables():
    summary = summarize_documents(CLUSTER * 4)
    total = sum(len(s.text.split()) for s in summary.sentences)
    assert 0 < total <= CLUSTER_WORDS


def test_a_small_clusters_default_summary_is_a_share_of_it():
    from summarize.multi import CLUSTER_SHARE

    summary = summarize_documents(CLUSTER)
    content = sum(len(s.text.split()) for s in summary.all_sentences if s.noise is None)
    total = sum(len(s.text.split()) for s in summary.sentences)
    assert 0 < total <= CLUSTER_SHARE * content < CLUSTER_WORDS
    assert len(summary.sentences) < len(summary.all_sentences) / 2
    # A budget the caller gives is theirs: the whole of it.
    assert len(summarize_documents(CLUSTER, words=CLUSTER_WORDS).sentences) > len(summary)


def test_words_budget_is_a_cap():
    summary = summarize_documents(CLUSTER, words=40)
    assert sum(len(s.text.split()) for s in summary.sentences) <= 40


def test_titles_are_queries_never_candidates():
    titles = ["Lũ quét ở Hà Giang", None, "Hỗ trợ người dân vùng lũ"]
    summary = summarize_documents(CLUSTER, titles=titles)
    contract(summary, CLUSTER)
    assert all(s.text not in titles for s in summary.sentences)
    # The first line of BAO_A is its title when no title is given.
    untitled = summarize_documents(CLUSTER)
    assert untitled.all_sentences[0].noise == "title"


def test_titles_steer_the_choice():
    support = "Hỗ trợ 20 triệu đồng cho mỗi hộ có nhà bị cuốn trôi"
    steered = summarize_documents(CLUSTER, titles=[None, None, support])
    plain = summarize_documents(CLUSTER)

    def rank_of_support(summary: Summary) -> int:
        ranked = sorted(summary.all_sentences, key=lambda s: (-s.score, s.index))
        return next(k for k, s in enumerate(ranked) if "20 triệu" in s.text)

    assert rank_of_support(steered) < rank_of_support(plain)


def test_deterministic_and_fast_mode_keeps_the_contract():
    first = summarize_documents(CLUSTER, tokenizer="syllable")
    assert first == summarize_documents(CLUSTER, tokenizer="syllable")
    contract(first, CLUSTER)


def test_nfd_documents_keep_offsets_into_the_callers_strings():
    texts = [unicodedata.normalize("NFD", t) for t in CLUSTER]
    summary = summarize_documents(texts)
    contract(summary, texts)
    nfc = summarize_documents(CLUSTER)
    assert [(s.document, s.index) for s in summary.sentences] == [
        (s.document, s.index) for s in nfc.sentences
    ]


def test_sections_work_across_the_cluster():
    summary = summarize_documents([BAO_CAO_1, BAO_CAO_2])
    found = {s.document for _, group in summary.sections.items() for s in group}
    assert found == {0, 1}
    assert summary.sections.limitations
    for _, group in summary.sections.items():
        for s in group:
            assert summary.all_sentences[s.index] is s


def test_empty_and_blank_documents():
    assert summarize_documents([]) == Summary()
    assert summarize_documents(["", "  \n"]) == Summary()
    summary = summarize_documents(["", BAO_B, " "])
    contract(summary, ["", BAO_B, " "])
    assert {s.document for s in summary.all_sentences} == {1}


def test_a_lone_sentence_that_leans_on_another_is_still_summarized():
    summary = summarize_documents(["Điều này khiến nhiều người lo lắng."])
    assert len(summary.sentences) == 1


@pytest.mark.parametrize(
    ("documents", "error"),
    [
        ("một văn bản", TypeError),
        ([BAO_A, 3], TypeError),
        (None, TypeError),
        ((BAO_A, b"bytes"), TypeError),
    ],
)
def test_documents_must_be_a_list_of_strings(documents, error):
    with pytest.raises(error, match="documents"):
        summarize_documents(documents)


def test_bad_titles_and_budgets_name_the_option():
    with pytest.raises(ValueError, match="titles"):
        summarize_documents(CLUSTER, titles=["một"])
    with pytest.raises(TypeError, match=r"titles\[1\]"):
        summarize_documents(CLUSTER, titles=["một", 2, None])
    with pytest.raises(ValueError, match="`words`"):
        summarize_documents(CLUSTER, words=0)
    with pytest.raises(ValueError, match="only one of"):
        summarize_documents(CLUSTER, words=10, sentences=2)
    with pytest.raises(ValueError, match="`tokenizer`"):
        summarize_documents(CLUSTER, tokenizer="chữ")
    with pytest.raises(TypeError, match="unknown option"):
        summarize_documents(CLUSTER, colour="xanh")
    with pytest.raises(ValueError, match="`html`"):
        summarize_documents(CLUSTER, html=True)
    with pytest.raises(ValueError, match="max_chars"):
        summarize_documents(CLUSTER, max_chars=10)


def test_json_lists_each_sentences_document_only_for_a_cluster():
    cluster = summarize_documents(CLUSTER).to_dict()
    assert all("document" in s for s in cluster["all_sentences"])
    json.dumps(cluster)
    single = summarize_documents([BAO_A]).to_dict()
    assert all("document" not in s for s in single["all_sentences"])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_renderers_say_which_article_a_sentence_came_from(fmt):
    summary = summarize_documents(CLUSTER, sentences=3)
    rendered = render(summary, fmt, labels="vi")
    for s in summary.sentences:
        assert f"[{s.document + 1}]" in rendered


@given(st.lists(generated_documents(), min_size=1, max_size=4), st.booleans())
def test_offsets_contract_holds_for_every_sentence_of_every_document(texts, fast):
    options = {"tokenizer": "syllable"} if fast else {}
    summary = summarize_documents(texts, **options)
    contract(summary, texts)
    chosen = [(s.document, s.start) for s in summary.sentences]
    assert chosen == sorted(chosen)


DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abmusu" / "validation.jsonl"


def test_contract_on_real_clusters():
    if not DATA.exists():
        pytest.skip("../shared/data is absent")
    with DATA.open(encoding="utf-8") as lines:
        records = [json.loads(next(lines)) for _ in range(3)]
    for record in records:
        texts = [d["raw_text"] for d in record["single_documents"]]
        titles = [d["title"] for d in record["single_documents"]]
        summary = summarize_documents(texts, titles=titles, tokenizer="syllable")
        contract(summary, texts)
        assert 0 < sum(len(s.text.split()) for s in summary.sentences) <= CLUSTER_WORDS


# --- the command line: --together, and --jsonl records holding a list of texts ---------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    import io

    from summarize.cli import main

    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def cluster_files(tmp_path) -> list[Path]:
    paths = []
    for number, text in enumerate(CLUSTER, 1):
        path = tmp_path / f"bao-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_cli_together_marks_each_sentence_with_its_article(cluster_files):
    status, out, err = run_cli(["--together", *map(str, cluster_files), "--sentences", "4"])
    assert status == 0, err
    lines = [line for line in out.splitlines() if line]
    assert len(lines) == 4
    assert all(line[:3] in ("[1]", "[2]", "[3]") for line in lines)


def test_cli_together_json_offsets_index_each_input(cluster_files):
    status, out, err = run_cli(["--together", *map(str, cluster_files), "-f", "json"])
    assert status == 0, err
    record = json.loads(out)
    assert record["inputs"] == [str(p) for p in cluster_files]
    for s in record["all_sentences"]:
        assert CLUSTER[s["document"]][s["start"] : s["end"]] == s["text"]


@pytest.mark.parametrize(
    "extra", [["--title", "Lũ"], ["--jsonl", "-", "--out", "-"], ["khong-co.txt"]]
)
def test_cli_together_errors_are_one_line(cluster_files, extra):
    status, _, err = run_cli(["--together", *map(str, cluster_files), *extra])
    assert status == 2
    assert err.startswith("summarize: error: ") and err.count("\n") == 1, err


def test_jsonl_record_with_a_list_of_texts_is_one_cluster(tmp_path):
    records = [
        {"id": "cum-1", "text": CLUSTER, "title": ["Lũ quét", None, None]},
        {"id": "bai", "text": BAO_A},
        {"id": "sai", "text": [BAO_A, 7]},
        {"id": "sai-tieu-de", "text": CLUSTER, "title": "một tiêu đề"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    target = tmp_path / "out.jsonl"
    status, _, err = run_cli(["--jsonl", str(source), "--out", str(target), "--no-progress"])
    assert status == 0, err
    cluster, single, bad, bad_title = map(json.loads, target.read_text().splitlines())
    assert {s["document"] for s in cluster["all_sentences"]} == {0, 1, 2}
    for s in cluster["all_sentences"]:
        assert CLUSTER[s["document"]][s["start"] : s["end"]] == s["text"]
    assert all("document" not in s for s in single["all_sentences"])
    assert bad["error"] == "TypeError"
    assert bad_title["error"] == "TypeError"


def _cover(rows, lengths, words=None, *, salience=None, needs_previous=None, sentences=None,
           similar=()):
    """``cover.cover`` on hand-made concept rows (unit concept weights unless said)."""
    import numpy as np

    from summarize import cover
    from summarize.select import Budget
    from summarize.vectorize import Rows

    n = len(rows)
    count = 1 + max((c for row in rows for c in row), default=0)
    pairs = sorted(similar)
    graph = Rows(np.ones(len(pairs)), np.asarray([j for _, j in pairs], dtype=np.int64),
                 np.searchsorted([i for i, _ in pairs], np.arange(n + 1)).astype(np.int64), n)
    return cover.cover(
        [np.asarray(sorted(set(r)), dtype=np.int64) for r in rows], np.ones(count),
        np.asarray(salience or [0.0] * n, dtype=np.float64), list(range(n)), lengths,
        Budget(words=words, sentences=sentences), graph, max_similarity=0.5,
        needs_previous=needs_previous,
    )  # fmt: skip


def test_a_concept_counts_once_so_the_same_fact_is_not_taken_twice():
    # Sentence 1 retells sentence 0; sentence 2 says something new, with less salience.
    rows = [[0, 1, 2, 3], [0, 1, 2, 3], [4, 5, 6]]
    assert _cover(rows, [4, 4, 4], 8, salience=[0.1, 0.1, 0.0]) == (0, 2)
    # Without coverage (a copy of the best sentence gaining as much again) it would be (0, 1).
    assert _cover([[0, 1, 2, 3], [7, 8, 9, 10], [4, 5, 6]], [4, 4, 4], 8,
                  salience=[0.1, 0.1, 0.0]) == (0, 1)


def test_a_words_budget_passes_over_a_sentence_that_would_overflow():
    # The second-best sentence does not fit; the third, shorter, does.
    assert _cover([[0, 1, 2], [3, 4, 5, 6, 7, 8], [9]], [3, 30, 3], 10) == (0, 2)
    # The best that fits comes first; one alone over the budget only if nothing fits.
    assert _cover([[0, 1, 2, 3, 4, 5, 6, 7], [8]], [40, 10], 25) == (1,)
    assert _cover([[0, 1, 2], [3]], [40, 30], 25) == (0,)


def test_a_sentence_that_leans_on_a_passed_over_one_is_not_taken():
    rows = [[0, 1, 2], [3, 4, 5, 6, 7, 8], [9, 10, 11, 12]]
    assert _cover(rows, [3, 30, 3], 10, needs_previous=[False, False, True]) == (0,)
    # ... and is taken once the one before it is.
    assert _cover(rows, [3, 3, 3], 10, needs_previous=[False, False, True]) == (0, 1, 2)


def test_near_duplicates_are_never_both_taken():
    rows = [[0, 1], [2, 3], [4, 5]]
    assert _cover(rows, [2, 2, 2], sentences=3, similar={(0, 1)}) == (0, 2)
    assert _cover(rows, [2, 2, 2], sentences=3, similar={(1, 0)}) == (0, 2)


def test_ties_go_to_the_earlier_sentence():
    assert _cover([[0, 1], [2, 3], [4, 5]], [2, 2, 2], sentences=1) == (0,)


def _plain_greedy(rows, weights, salience, lengths, words, mu):
    """The textbook greedy the lazy one must match: every step scores every candidate that
    fits (something always fits in the cases drawn)."""
    covered: set[int] = set()
    chosen: list[int] = []
    used = 0
    while True:
        best, pick = 0.0, None
        for i, row in enumerate(rows):
            if i in chosen or used + lengths[i] > words:
                continue
            value = (sum(weights[c] for c in sorted(set(row) - covered))
                     + mu * salience[i] * lengths[i]) / lengths[i]
            if pick is None or value > best:
                best, pick = value, i
        if pick is None or (chosen and best <= 0):
            return tuple(sorted(chosen))
        chosen.append(pick)
        used += lengths[pick]
        covered |= set(rows[pick])


@given(
    st.lists(st.tuples(st.lists(st.integers(0, 11), max_size=6), st.integers(1, 9),
                       st.integers(0, 4)), min_size=1, max_size=9),
    st.lists(st.integers(1, 5), min_size=12, max_size=12),
    st.integers(5, 30),
)
def test_the_lazy_greedy_is_the_plain_greedy(sentences, weights, words):
    import numpy as np

    from summarize import cover
    from summarize.select import Budget
    from summarize.vectorize import Rows

    rows = [sorted(set(r)) for r, _, _ in sentences]
    lengths = [length for _, length, _ in sentences]
    salience = [s / 4 for _, _, s in sentences]
    if not any(length <= words for length in lengths):
        return  # the lone-overflow rule is tested above
    n = len(rows)
    graph = Rows(np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(n + 1, dtype=np.int64), n)
    lazy = cover.cover(
        [np.asarray(r, dtype=np.int64) for r in rows], np.asarray(weights, dtype=np.float64),
        np.asarray(salience), list(range(n)), lengths, Budget(words=words), graph,
        max_similarity=0.5, needs_previous=None, weights=cover.CoverWeights(salience=2.0),
    )  # fmt: skip
    assert lazy == _plain_greedy(rows, weights, salience, lengths, words, 2.0)


def test_concept_weights_every_article_votes_its_lead_louder():
    import numpy as np

    from summarize import cover

    rows = [np.asarray(r, dtype=np.int64) for r in ([0, 1], [1, 2], [0, 3])]
    w = cover.concept_weights(rows, 5, [0, 1, 2], documents=[0, 0, 1], positions=[0, 1, 0],
                              title_concepts=np.asarray([3], dtype=np.int64),
                              weights=cover.CoverWeights(lead=3.0, single_source=0.5, title=1.0))
    # Concept 0: the lead of both articles. Concept 1: article 0 only, first at position 0.
    assert w[0] == pytest.approx(4.0 + 4.0)
    assert w[1] == pytest.approx(4.0 * 0.5)
    assert w[2] == pytest.approx((1 + 3.0 / 2) * 0.5)
    assert w[3] == pytest.approx(4.0 * 0.5 * 2.0)  # one article, and in a title
    assert w[4] == 0.0  # in no candidate


def test_summaries_do_not_depend_on_string_hashing(tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from summarize import summarize_documents\n"
        "texts = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "print(json.dumps([[s.document, s.start] for s in summarize_documents(texts, words=60)]))\n"
    )
    data = tmp_path / "cluster.json"
    data.write_text(json.dumps([*CLUSTER, BAO_CAO_1, BAO_CAO_2]), encoding="utf-8")
    outputs = {
        subprocess.run([sys.executable, "-c", script, str(data)], capture_output=True,
                       text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "2")
    }  # fmt: skip
    assert len(outputs) == 1


def test_a_tight_budget_is_filled_close_to_its_length():
    summary = summarize_documents([BAO_A, BAO_B], words=60)
    total = sum(len(s.text.split()) for s in summary.sentences)
    assert 0 < total <= 60
