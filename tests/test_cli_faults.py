"""The command line under faults: bad bytes, missing files, closed pipes, unbounded inputs.

Through ``main(argv)`` where streams can be injected, and through a real subprocess where the
fault is the operating system's (a closed pipe, a signal, the exit status).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _optional import require

from summarize import summarize
from summarize.cli import main

PROSE = (
    "Sáng nay, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm. "
    "Các đại biểu đã thảo luận sôi nổi về kế hoạch phát triển kinh tế địa phương. "
    "Tuy nhiên, việc giải ngân vốn đầu tư công vẫn còn chậm so với yêu cầu. "
    "Năm tới, huyện sẽ tập trung xây dựng đường giao thông nông thôn và trường học."
)


def run_main(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin or ""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_cli(*argv: str, stdin: bytes = b"", timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summarize", *argv],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("summarize: ")
    return lines[0]


def test_invalid_utf8_names_the_file_and_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "hỏng.txt"
    path.write_bytes("Câu một. Câu ".encode() + b"\xff\xfe" + b"hai.")  # 17 bytes, then 0xff
    code, out, err = run_main(str(path))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert str(path) in line and "byte offset 17" in line and "--encoding" in line


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    assert "byte offset 5" in one_error_line(run_main(str(path))[2])


def test_invalid_utf8_on_stdin_in_a_subprocess() -> None:
    done = run_cli("-", stdin=b"Xin ch\xe0o.")
    assert done.returncode == 2
    line = one_error_line(done.stderr.decode())
    assert "<stdin>" in line and "byte offset 6" in line


def test_encoding_option_decodes_legacy_bytes(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Hôm nay trời đẹp. Chúng tôi đi dạo.".encode("utf-16-le"))
    assert run_main(str(path))[0] == 2  # no BOM: not UTF-8, and nothing says UTF-16
    path.write_bytes("Hôm nay trời đẹp. Chúng tôi đi dạo.".encode("utf-16"))
    assert "trời đẹp" in run_main(str(path), "-n", "2")[1]  # a UTF-16 BOM says it
    code, out, err = run_main(str(path), "--encoding", "utf-16", "-n", "1")
    expected = summarize("Hôm nay trời đẹp. Chúng tôi đi dạo.", sentences=1).text
    assert code == 0 and err == "" and out.splitlines()[-1] == expected
    assert "unknown encoding" in one_error_line(run_main(str(path), "--encoding", "nope")[2])


def test_missing_file(tmp_path: Path) -> None:
    code, out, err = run_main(str(tmp_path / "không-có.txt"))
    assert code == 2 and out == ""
    assert "no such file" in one_error_line(err)


def test_directory(tmp_path: Path) -> None:
    code, _, err = run_main(str(tmp_path))
    assert code == 2 and "is a directory" in one_error_line(err)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PROSE, encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything: simulate the refusal
        real_open = builtins.open

        def refusing_open(file: object, *args: object, **kwargs: object) -> object:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", refusing_open)
    else:
        path.chmod(0)
    code, _, err = run_main(str(path))
    assert code == 2 and "permission denied" in one_error_line(err)


def test_empty_stdin_gives_an_empty_summary() -> None:
    assert run_main("-", stdin="") == (0, "\n", "")
    done = run_cli("-", stdin=b"")
    assert (done.returncode, done.stderr) == (0, b"")
    done = run_cli("--format", "json", stdin=b"  \n\t\n")
    assert done.returncode == 0 and json.loads(done.stdout)["sentences"] == []


def test_input_over_max_chars_is_refused_with_one_line() -> None:
    code, out, err = run_main("--max-chars", "20", stdin=PROSE)
    assert code == 2 and out == "" and "max_chars" in one_error_line(err)
    assert run_main("--max-chars", "0", stdin=PROSE)[0] == 0


def test_html_option(tmp_path: Path) -> None:
    require("trafilatura")
    page = tmp_path / "trang.html"
    page.write_text(f"<html><body><p>{PROSE}</p><script>var bí_mật;</script></body></html>")
    code, out, _ = run_main(str(page), "--format", "json")
    assert code == 0 and "bí_mật" not in out
    assert json.loads(out)["source_text"].startswith("Sáng nay")
    code, out, _ = run_main(str(page), "--no-html", "--ratio", "1", "--format", "json")
    assert code == 0 and "source_text" not in json.loads(out)
    code, out, _ = run_main("--html", "--format", "json", stdin=f"Tin: <b>{PROSE}</b>")
    assert code == 0 and "<b>" not in json.loads(out)["source_text"]


def test_closed_stdout_is_quiet(tmp_path: Path) -> None:
    """``summarize big.txt --format json | head -c 100``: no traceback, exit status 0."""
    path = tmp_path / "big.txt"
    path.write_text("\n".join(f"{PROSE} Đoạn số {i}." for i in range(400)), encoding="utf-8")
    command = [sys.executable, "-m", "summarize", str(path), "--ratio", "1", "-f", "json"]
    command += ["--tokenizer", "syllable"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()  # the reader goes away, as `head` does
        err = process.stderr.read()
        code = process.wait(timeout=120)
    assert code == 0, err
    assert err == b""


def test_closed_stdout_through_a_shell_pipe(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("\n".join(f"{PROSE} Đoạn {i}." for i in range(400)), encoding="utf-8")
    shell = (
        f"set -o pipefail; {sys.executable} -m summarize {path} --ratio 1 -f json "
        "--tokenizer syllable | head -n 2"
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == b""
    assert len(done.stdout.splitlines()) == 2


def test_help_with_stdout_closed_exits_cleanly() -> None:
    shell = f"{sys.executable} -m summarize --help >&-"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, b"")


def test_dev_zero_is_refused_at_the_limit_in_one_line() -> None:
    done = run_cli("/dev/zero", "--max-chars", "1000")
    assert done.returncode == 2
    line = one_error_line(done.stderr.decode())
    assert line.startswith("summarize: error: /dev/zero: larger than the limit of 4,004 bytes")
    assert "--max-chars" in line


def test_a_sparse_gigabyte_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "lớn.txt"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: nothing to read but zeros
    code, out, err = run_main(str(path))
    assert code == 2 and out == ""
    assert "larger than the limit of 40,000,004 bytes" in one_error_line(err)


def test_stdin_is_read_with_the_same_bound() -> None:
    done = run_cli("-", "--max-chars", "10", stdin=PROSE.encode())
    assert done.returncode == 2
    assert "<stdin>: larger than the limit of 44 bytes" in one_error_line(done.stderr.decode())


@pytest.mark.parametrize(
    "option", [["--jobs", "2"], ["--resume"], ["--text-field", "body"], ["--force"],
               ["--title-field", "tieu_de"], ["--no-progress"]]
)  # fmt: skip
def test_jsonl_options_without_jsonl_are_errors(option: list[str]) -> None:
    code, out, err = run_main(*option, stdin=PROSE)
    assert code == 2 and out == ""
    assert f"{option[0]} goes with --jsonl IN --out OUT" in one_error_line(err)


# Ctrl-C and kill -9 in the middle of a --jsonl run, then --resume: tests/test_jsonl_faults.py
# (the run reads a FIFO kept open, so the signal always lands mid-run).
