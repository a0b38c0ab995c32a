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
