"""The command line under faults: bad bytes, missing files, closed pipes, Ctrl-C.

Through ``main(argv)`` where streams can be injected, and through a real subprocess where the
fault is the operating system's (a closed pipe, a signal, the exit status).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    assert code == 0 and err == "" and "trời đẹp" in out + "đi dạo"
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


def _jsonl_input(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            text = " ".join(f"{sentence} Mục {i}-{k}." for k, sentence in enumerate([PROSE] * 3))
            handle.write(json.dumps({"id": f"doc-{i}", "text": text}, ensure_ascii=False) + "\n")


def _lines(path: Path) -> list[dict[str, object]]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "a half line was left behind"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_ctrl_c_during_jsonl_leaves_valid_jsonl_and_resume_completes(tmp_path: Path) -> None:
    source, target, count = tmp_path / "in.jsonl", tmp_path / "out.jsonl", 400
    _jsonl_input(source, count)
    command = [sys.executable, "-m", "summarize", "--jsonl", str(source), "--out", str(target)]
    command += ["--no-progress", "--tokenizer", "syllable"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if target.exists() and target.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    partial = _lines(target)
    assert 10 <= len(partial) <= count
    if len(partial) < count:  # interrupted before the end, as intended
        assert process.returncode == 130, err
        assert one_error_line(err.decode()) == "summarize: interrupted"
    resumed = run_cli(*command[3:], "--resume", timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    records = _lines(target)
    assert sorted(int(str(r["record"])) for r in records) == list(range(count))
    assert all("summary" in r and "error" not in r for r in records)
    assert {r["id"] for r in records} == {f"doc-{i}" for i in range(count)}
