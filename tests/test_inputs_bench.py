"""benchmarks/html_eval.py and pdf_eval.py end to end, on articles written here (no data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from _optional import require

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

require("trafilatura")
require("pdfminer")

PROVINCES = ("Hà Tĩnh", "Quảng Bình", "Nghệ An", "Thanh Hóa", "Bình Định", "Phú Yên")
ARTICLES = [
    {
        "id": str(i),
        "title": f"Tỉnh {name} khánh thành nhà máy nước sạch thứ {i}",
        "summary": f"Nhà máy nước sạch thứ {i} của tỉnh {name} cấp nước cho hơn ba mươi nghìn hộ "
        "dân ở các huyện ven biển .",
        "text": "\n".join(
            (
                f"Sáng nay , tỉnh {name} tổ chức lễ khánh thành nhà máy nước sạch với công suất "
                "hai mươi nghìn mét khối mỗi ngày .",
                "Công trình được xây dựng trong mười tám tháng với tổng vốn hơn ba trăm tỷ đồng .",
                "Người dân các xã ven biển từ nay không còn phải mua nước ngọt từ xe bồn .",
                "Tỉnh dự kiến mở rộng mạng lưới đường ống đến các xã miền núi trong năm tới .",
            )
        ),
    }
    for i, name in enumerate(PROVINCES)
]


def test_html_eval_runs_and_the_final_pipeline_meets_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import html_eval

    data = tmp_path / "val.jsonl"
    data.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    assert html_eval.main(["--data", str(data), "--limit", "6", "--candidates",
                           "trafilatura,summarize.read (final)"]) == 0  # fmt: skip
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    final = next(row for row in rows if row.startswith("| summarize.read (final)"))
    assert final.split(" | ")[1:5] == ["6", "0.0%", "100.0%", "0.0%"]
    items = list(html_eval.pages(html_eval.load_articles(data, 6)))
    layouts = html_eval.LAYOUTS
    assert [layout for _, layout, _ in items] == [layouts[i % len(layouts)] for i in range(6)]


def test_pdf_eval_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import pdf_eval

    assert pdf_eval.main() == 0
    rows = capsys.readouterr().out.splitlines()
    final = [row for row in rows if row.startswith("| pdfminer (lines, summarize.read)")]
    assert len(final) == 2 and all("| 100.0% | 100.0% | 100.0% |" in row for row in final)
