"""The CLI's inputs: kinds by suffix, URLs elsewhere (test_url.py), several files, -o, - in
--jsonl/--out, and one-line errors for every input that cannot be read."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from _documents import HEADINGS, TITLE, report_docx, report_pdf
from _optional import require
from test_readers_html import SAPO, news_page

from summarize.cli import main

require("trafilatura")
require("docx")
require("pdfminer")

FAST = ("--tokenizer", "syllable")
TEXT = (
    "Năm qua, xã đã hoàn thành bốn tuyến đường bê tông và một trạm y tế mới. "
    "Tuy nhiên, việc thu gom rác thải còn chậm. Năm tới, xã cần xây thêm bãi tập kết rác."
)


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv], stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("summarize: error: "), err
    return err


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "txt": tmp_path / "ghi-chu.txt",
        "html": tmp_path / "trang.htm",
        "docx": tmp_path / "bao-cao.docx",
        "pdf": tmp_path / "bao-cao.pdf",
    }
    files["txt"].write_text(TEXT, encoding="utf-8")
    files["html"].write_text(news_page(), encoding="utf-8")
    files["docx"].write_bytes(report_docx())
    files["pdf"].write_bytes(report_pdf())
    return files


@pytest.mark.parametrize("kind", ["txt", "html", "docx", "pdf"])
def test_each_kind_by_its_suffix_with_offsets_into_source_text(
    kind: str, inputs: dict[str, Path]
) -> None:
    code, out, err = run(str(inputs[kind]), "--ratio", "1", "--format", "json", *FAST)
    assert code == 0 and err == ""
    summary = json.loads(out)
    text = summary.get("source_text", TEXT)  # a .txt file's offsets index the file itself
    for sentence in summary["all_sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    if kind in ("docx", "pdf"):
        assert summary["title"] == TITLE
        assert {s["section"] for s in summary["all_sentences"]} >= {
            "results", "limitations", "next_tasks"
        }
    if kind == "html":
        assert SAPO in summary["source_text"] and "bình luận" not in summary["source_text"]


def test_kind_by_content_on_stdin_and_forced_by_html_flags(tmp_path: Path) -> None:
    code, out, _ = run("-", "--format", "json", *FAST, stdin=news_page())
    assert code == 0 and json.loads(out)["title"] == "Khánh thành cầu mới qua sông Lam"
    page = tmp_path / "trang.txt"
    page.write_text(news_page(), encoding="utf-8")
    code, out, _ = run(str(page), "--html", "--format", "json", *FAST)
    assert code == 0 and "source_text" in json.loads(out)
    code, out, _ = run(str(page), "--format", "json", *FAST)  # .txt: text, markup and all
    assert code == 0 and "source_text" not in json.loads(out)


def test_several_files_one_summary_each(inputs: dict[str, Path]) -> None:
    names = [str(inputs[k]) for k in ("txt", "docx", "pdf")]
    code, out, err = run(*names, "-n", "2", *FAST)
    assert code == 0 and err == ""
    assert [line for line in out.splitlines() if line.startswith("==> ")] == [
        f"==> {name} <==" for name in names
    ]
    code, out, _ = run(*names, "-n", "2", "--format", "markdown", *FAST)
    assert out.count("==> ") == 3 and out.count(f"# {TITLE}") == 2
    code, out, _ = run(*names, "-n", "2", "--format", "json", *FAST)
    array = json.loads(out)
    assert [item["input"] for item in array] == names
    assert all(len(item["sentences"]) == 2 for item in array)


def test_one_bad_file_among_several(inputs: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "không-có.txt"
    code, out, err = run(str(inputs["txt"]), str(missing), "-n", "1", *FAST)
    assert code == 2 and f"==> {inputs['txt']} <==" in out
    assert "no such file" in one_line(err) and str(missing) in err


def test_every_input_failing(tmp_path: Path) -> None:
    missing = [str(tmp_path / "a.txt"), str(tmp_path / "b.pdf")]
    code, out, err = run(*missing, "--format", "json")
    assert (code, out) == (2, "")
    assert [line.split(": ")[2] for line in err.splitlines()] == missing


def test_output_file(inputs: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "tom-tat.md"
    code, out, err = run(str(inputs["docx"]), "-o", str(target), "-f", "markdown", *FAST)
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith(f"# {TITLE}\n")
    code, out, _ = run(str(inputs["docx"]), "--output", "-", *FAST)
    assert code == 0 and out.startswith(TITLE)
    code, _, err = run(str(inputs["txt"]), "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert code == 2 and "cannot write" in one_line(err)


def test_html_page_of_a_docx(inputs: dict[str, Path]) -> None:
    code, out, _ = run(str(inputs["docx"]), "--format", "html", *FAST)
    assert code == 0 and out.lstrip().lower().startswith("<!doctype html>")
    assert all(heading in out for heading in HEADINGS)
    code, _, err = run(str(inputs["docx"]), str(inputs["pdf"]), "--format", "html")
    assert code == 2 and "one INPUT" in one_line(err)


def test_jsonl_from_stdin_to_stdout() -> None:
    records = "".join(
        json.dumps({"id": i, "text": TEXT}, ensure_ascii=False) + "\n" for i in range(3)
    )
    code, out, err = run("--jsonl", "-", "--out", "-", "--no-progress", *FAST, stdin=records)
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == [0, 1, 2]
    assert all(line["summary_text"] for line in lines)
    assert "3 records in stdout" in err
    code, _, err = run("--jsonl", "-", "--out", "-", "--resume", stdin=records)
    assert code == 2 and "resume" in one_line(err)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_corrupt_office_files_fail_in_one_line(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"hỏng.{kind}"
    path.write_bytes(b"this is not a real file")
    code, out, err = run(str(path))
    assert code == 2 and out == ""
    assert f"{path}: not a readable .{kind} file" in one_line(err)


def test_missing_extra_fails_in_one_line(
    inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    code, out, err = run(str(inputs["docx"]))
    assert code == 2 and out == ""
    assert "pip install python-docx" in one_line(err) and "'.[docx]'" in one_line(err)
