"""The command line, through main(argv, stdin=, stdout=, stderr=) and once as a process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from summarize import summarize
from summarize.cli import main
from summarize.renderers import HEADINGS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

PARAGRAPHS = (
    "Huyện Vĩnh Xuân sơ kết công tác xây dựng nông thôn mới",
    "Sáng 5/7, Ủy ban nhân dân huyện Vĩnh Xuân tổ chức hội nghị sơ kết công tác xây dựng nông thôn "
    "mới 6 tháng đầu năm.",
    "Sáu tháng qua, huyện đã hoàn thành 12 km đường giao thông nông thôn và hai trường học đạt "
    "chuẩn quốc gia. Thu nhập bình quân đầu người đạt 52 triệu đồng, tăng 8% so với cùng kỳ.",
    "Tuy nhiên, việc huy động vốn từ người dân còn hạn chế. Một số xã chưa hoàn thành tiêu chí về "
    "môi trường.",
    "Thời gian tới, huyện cần tập trung xử lý rác thải ở nông thôn và đẩy nhanh tiến độ các công "
    "trình đang thi công.",
)
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def run(argv: list[str], stdin_text: str | None = None, stdin: object = None):
    """(exit status, stdout, stderr) of main(argv)."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is None:
        stdin = io.StringIO(stdin_text if stdin_text is not None else "")
    status = main(argv, stdin=stdin, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def one_line_error(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert err.startswith("summarize: ")
    return err


@pytest.fixture
def text_file(tmp_path) -> Path:
    path = tmp_path / "bai-viet.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_format_lists_the_summary_then_the_sections(text_file):
    status, out, err = run([str(text_file), "--sentences", "2"])
    assert (status, err) == (0, "")
    expected = summarize(TEXT, sentences=2)
    lines = out.splitlines()
    assert lines[0] == expected.title
    assert lines[2 : 2 + len(expected.sentences)] == [s.text for s in expected.sentences]
    for name, group in expected.sections.items():
        if group:
            assert f"{HEADINGS['vi'][name]}:" in lines
            for sentence in group:
                assert f"- {sentence.text}" in lines


def test_sections_headings_in_english_and_switched_off():
    report = (EXAMPLES / "bao-cao-so-ket.txt").read_text(encoding="utf-8")
    expected = summarize(report)
    assert expected.sections, "the example report should have sections"
    _, vietnamese, _ = run(["-"], report)
    _, english, _ = run(["-", "--labels", "en"], report)
    _, plain, _ = run(["-", "--no-sections"], report)
    for name, group in expected.sections.items():
        if group:
            assert f"\n{HEADINGS['vi'][name]}:\n" in vietnamese
            assert f"\n{HEADINGS['en'][name]}:\n" in english
    for heading in (*HEADINGS["vi"].values(), *HEADINGS["en"].values()):
        assert f"{heading}:" not in plain
    assert plain.splitlines()[2:] == [s.text for s in expected.sentences]


def test_json_format_is_the_shared_schema(text_file):
    status, out, _ = run([str(text_file), "--format", "json", "--ratio", "0.5"])
    assert status == 0
    summary = summarize(TEXT, ratio=0.5)
    # The shared schema of --format json and --jsonl: to_dict() with its version and the text.
    expected = {"schema": 1, **summary.to_dict(), "summary_text": summary.text}
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_markdown_format(text_file):
    status, out, _ = run([str(text_file), "-f", "markdown", "-n", "1"])
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "# Huyện Vĩnh Xuân sơ kết công tác xây dựng nông thôn mới"
    assert "## Tóm tắt" in lines
    _, english, _ = run([str(text_file), "-f", "markdown", "-n", "1", "--labels", "en"])
    assert "## Summary" in english.splitlines()


@pytest.mark.parametrize(
    "flags, check",
    [
        (["--sentences", "1"], lambda d: len(d["summary"]) == 1),
        (["-n", "4"], lambda d: len(d["summary"]) == 4),
        (
            ["--ratio", "1"],
            lambda d: len(d["summary"]) == sum(s["noise"] is None for s in d["all_sentences"]),
        ),
        (["--words", "20"], lambda d: len(d["summary"]) == 1),
    ],
)
def test_budgets(text_file, flags, check):
    status, out, _ = run([str(text_file), "-f", "json", *flags])
    assert status == 0
    assert check(json.loads(out))


@pytest.mark.parametrize(
    "flags",
    [["--sentences", "2", "--ratio", "0.5"], ["-n", "2", "-w", "30"], ["-r", "0.2", "-w", "30"]],
)
def test_budgets_are_mutually_exclusive(text_file, flags):
    status, out, err = run([str(text_file), *flags])
    assert status == 2 and out == ""
    assert "not allowed with argument" in one_line_error(err)


def test_stdin_dash_and_default(text_file):
    from_file = run([str(text_file)])
    assert run(["-"], TEXT) == from_file
    assert run([], TEXT) == from_file


def test_stdin_bytes_are_decoded_as_utf8_with_bom():
    stream = io.TextIOWrapper(io.BytesIO("\ufeff".encode() + TEXT.encode()), encoding="latin-1")
    status, out, _ = run(["-", "-f", "json"], stdin=stream)
    assert status == 0
    assert json.loads(out)["title"] == "Huyện Vĩnh Xuân sơ kết công tác xây dựng nông thôn mới"


def test_missing_file(tmp_path):
    status, out, err = run([str(tmp_path / "khong-co.txt")])
    assert status == 2 and out == ""
    assert "khong-co.txt: no such file" in one_line_error(err)


def test_directory(tmp_path):
    status, _, err = run([str(tmp_path)])
    assert status == 2
    assert "is a directory" in one_line_error(err)


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    path = tmp_path / "hong.txt"
    good = "Câu đầu tiên hợp lệ. ".encode()
    path.write_bytes(good + b"\xff\xfe tiep theo")
    status, out, err = run([str(path)])
    assert status == 2 and out == ""
    assert f"byte offset {len(good)}" in one_line_error(err)
    assert "--encoding" in err


def test_invalid_utf8_on_stdin():
    stream = io.TextIOWrapper(io.BytesIO(b"abc \xc3"), encoding="utf-8")
    status, _, err = run(["-"], stdin=stream)
    assert status == 2
    assert "<stdin>" in err and "byte offset 4" in one_line_error(err)


def test_encoding_option(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text(TEXT, encoding="utf-16")
    status, out, _ = run([str(path), "--encoding", "utf-16", "-f", "json"])
    assert status == 0
    assert json.loads(out)["summary"] == [s.index for s in summarize(TEXT).sentences]


def test_unknown_encoding(text_file):
    status, _, err = run([str(text_file), "--encoding", "klingon"])
    assert status == 2
    assert "unknown encoding 'klingon'" in one_line_error(err)


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--sentences", "0"], "`sentences` = 0 is invalid; must be an int >= 1"),
        (["--ratio", "1.5"], "`ratio` = 1.5 is invalid; must be a number in (0.0, 1.0]"),
        (["--ratio", "nan"], "`ratio` = nan is invalid"),
        (["--words", "-1"], "`words` = -1 is invalid"),
        (["--sentences", "ba"], "invalid int value: 'ba'"),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--labels", "fr"], "invalid choice: 'fr'"),
        (["--tokenizer", "char"], "invalid choice: 'char'"),
        (["--split", "words"], "invalid choice: 'words'"),
        (["--khong-co"], "unrecognized arguments: --khong-co"),
    ],
)
def test_bad_option_values(text_file, flags, message):
    status, out, err = run([str(text_file), *flags])
    assert status == 2 and out == ""
    assert message in one_line_error(err)


def test_empty_input_is_not_an_error():
    status, out, err = run(["-"], "  \n")
    assert (status, err) == (0, "")
    assert out.strip() == ""


def test_help_and_version_go_to_the_given_stdout():
    status, out, _ = run(["--help"])
    assert status == 0
    assert out.startswith("usage: summarize")
    status, out, _ = run(["--version"])
    assert status == 0
    assert out.startswith("summarize ")


def test_other_tokenizer_and_split(text_file):
    status, out, _ = run(
        [str(text_file), "--tokenizer", "syllable", "--split", "lines", "-f", "json"]
    )
    assert status == 0
    data = json.loads(out)
    summary = summarize(TEXT, tokenizer="syllable", split="lines")
    expected = {"schema": 1, **summary.to_dict(), "summary_text": summary.text}
    assert data == json.loads(json.dumps(expected))


def test_console_script_is_installed():
    (script,) = entry_points(group="console_scripts", name="summarize")
    assert script.load() is main
    folder = Path(sysconfig.get_path("scripts"))
    assert any((folder / name).exists() for name in ("summarize", "summarize.exe"))


def test_closed_stdout_gives_no_traceback(tmp_path):
    """``python -m summarize FILE | head -c 10``: the reader leaves before the writer is done."""
    path = tmp_path / "dai.txt"
    path.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "summarize", str(path), "--ratio", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # closed before the summary is written: the write hits EPIPE
    stderr = process.stderr.read().decode()
    status = process.wait(timeout=120)
    assert stderr == ""
    assert status == 0
    head = subprocess.run(
        f'"{sys.executable}" -m summarize "{path}" | head -c 10',
        shell=True,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert head.stderr == b""
    assert len(head.stdout) == 10


def test_markdown_of_an_empty_summary_says_so():
    assert run(["-", "-f", "markdown"], "")[1].splitlines()[-1] == "_(trống)_"
    assert run(["-", "-f", "markdown", "--labels", "en"], "")[1].splitlines()[-1] == "_(empty)_"
