"""The benchmark end to end on a tiny slice of VietNews, plus its hand-checkable parts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from _optional import require

# The benchmark and the peers it runs: the `bench` extra.
for _name in ("rouge_score", "tqdm", "sumy", "summa", "nltk", "matplotlib", "psutil"):
    require(_name)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import run  # noqa: E402
from systems import greedy_oracle, summa_select  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
VIETNEWS = DATA / "vietnews" / "val.jsonl"
SYSTEMS = ["lead-3", "oracle", "sumy-lexrank", "summa", "summarize"]


@pytest.fixture
def vietnews() -> Path:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return VIETNEWS


def test_oracle_picks_the_reference_sentence_and_stops() -> None:
    sentences = ["Trời mưa to ở Hà Nội.", "Giá vàng tăng mạnh hôm nay.", "Người dân đi làm muộn."]
    assert greedy_oracle(sentences, 3, ["Giá vàng hôm nay tăng mạnh."]) == [1]


def test_summa_choices_map_back_to_our_sentences() -> None:
    sentences = [
        "Giá vàng trong nước tăng mạnh. TP. HCM ghi nhận giá vàng cao nhất.",
        "Thời tiết hôm nay đẹp.",
        "Giá vàng thế giới cũng tăng, giá vàng trong nước theo sau.",
    ]
    chosen = summa_select(sentences, 2)
    assert chosen == sorted(chosen)
    assert set(chosen) <= {0, 1, 2}
    assert len(chosen) == 2


def test_smoke(vietnews: Path, tmp_path: Path) -> None:
    out, doc, plot = tmp_path / "bench.json", tmp_path / "benchmarks.md", tmp_path / "bench.png"
    argv = [
        "--data",
        str(vietnews),
        "--limit",
        "5",
        "--k",
        "3",
        "--systems",
        ",".join(SYSTEMS),
        "--json",
        str(out),
        "--plot",
        str(plot),
        "--doc",
        str(doc),
        "--section",
        "Smoke",
    ]
    assert run.main(argv) == 0

    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["n"] == 5 and payload["k"] == 3 and payload["raw"] is False
    assert payload["skipped"] == {}
    assert list(payload["systems"]) == SYSTEMS
    for result in payload["systems"].values():
        for rouge_type in ("rouge1", "rouge2", "rougeLsum"):
            low, high = result[f"{rouge_type}_ci"]
            assert 0 <= low <= result[rouge_type] <= high <= 100
        assert result["docs_per_s"] > 0 and result["load_s"] >= 0 and result["peak_mb"] >= 0
        assert 0 < result["avg_sentences"] <= 3
        assert result["failures"] == 0
    assert payload["systems"]["oracle"]["rouge2"] >= payload["systems"]["lead-3"]["rouge2"]
    assert {"cpu", "python", "packages"} <= set(payload["machine"])
    assert plot.stat().st_size > 0
    assert "## Smoke" in doc.read_text(encoding="utf-8")


def test_raw_mode_and_doc_sections_accumulate(vietnews: Path, tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    common = ["--data", str(vietnews), "--limit", "3", "--doc", str(doc)]
    assert run.main([*common, "--systems", "lead-3", "--section", "Lines"]) == 0
    assert run.main([*common, "--systems", "lead-3,summarize", "--raw", "--section", "Raw"]) == 0
    assert run.main([*common, "--systems", "lead-1", "--section", "Lines"]) == 0

    page = doc.read_text(encoding="utf-8")
    assert page.index("## Lines") < page.index("## Raw")
    assert page.count("## Lines") == 1 and "| lead-1 |" in page
    assert "--raw --section Raw" in page


def _cluster_file(tmp_path: Path) -> Path:
    """Two clusters in the AbMuSu format, from this project's own test texts."""
    from test_multi import BAO_A, BAO_B, BAO_C, BAO_CAO_1, BAO_CAO_2

    def record(texts: list[str], summary: str) -> str:
        docs = [{"title": t.split("\n")[0] if "\n" in t else "", "anchor_text": "",
                 "raw_text": t} for t in texts]
        return json.dumps({"single_documents": docs, "summary": summary, "category": "x"},
                          ensure_ascii=False)

    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join([
        record([BAO_A, BAO_B, BAO_C], "Lũ quét đêm 12/8 ở xã Minh Tân cuốn trôi 14 ngôi nhà, "
               "hai người mất tích; tỉnh hỗ trợ 20 triệu đồng mỗi hộ."),
        record([BAO_CAO_1, BAO_CAO_2], "Ngành giáo dục tỉnh sơ kết học kỳ I: hoàn thành 95% kế "
               "hoạch trường chuẩn, còn thiếu giáo viên vùng sâu."),
    ]) + "\n", encoding="utf-8")
    return path


def test_round_robin_filled_passes_over_an_overflowing_sentence() -> None:
    import multi

    cluster = multi.Cluster("x", (None, None), (("một hai ba", "bốn năm sáu bảy tám chín"),
                                                ("mười một", "mười hai")), ("ref",))
    # Round-robin order: (0,0) 3, (1,0) 2, (0,1) 6, (1,1) 2 syllables; a budget of 8.
    assert multi.lead_round_robin(cluster, 8) == [(0, 0), (1, 0)]
    assert multi.lead_round_robin_filled(cluster, 8) == [(0, 0), (1, 0), (1, 1)]


def test_multi_benchmark_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import multi

    data = _cluster_file(tmp_path)
    out = tmp_path / "multi.json"
    assert multi.main(["--format", "abmusu", "--data", str(data), "--words", "60", "--systems",
                       "lead-round-robin,lead-round-robin-filled,summarize_documents",
                       "--json", str(out)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["n"] == 2
    for result in payload["systems"].values():
        assert 0 < result["rouge2"] <= 100
        assert result["syllables"] <= 60
    capsys.readouterr()
    assert multi.main(["--format", "abmusu", "--data", str(data), "--words", "60",
                       "--ablate"]) == 0
    table = capsys.readouterr().out
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + len(multi.ABLATIONS)  # header, round-robin, the variants
    assert "**shipped**" in table
