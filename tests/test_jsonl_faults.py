"""``summarize --jsonl`` under faults: lines that break parsers, pipes, a closed stderr, an input
still being written, kills, concurrent runs on one OUT, options that changed, an OUT that exists.

The invariant everywhere: every complete record of the input gets exactly one output line, a
summary for a good record and an error line for a bad one, and every output line is strict
JSON in valid UTF-8.
"""

from __future__ import annotations

import fcntl
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
from summarize.jsonl import JsonlError, options_path, summarize_jsonl

FAST = {"tokenizer": "syllable", "sections": False}
CLI_FAST = ["--tokenizer", "syllable", "--no-sections", "--no-progress"]
PROSE = (
    "Sáng nay, xã Tân Phú khánh thành cây cầu bê tông bắc qua kênh Ba Lá. "
    "Cây cầu dài 42 mét, rộng 4 mét, do người dân và ngân sách cùng góp vốn. "
    "Trước đây, học sinh hai ấp phải đi đò sang sông để đến trường."
)


def good(number: int) -> str:
    return json.dumps({"id": f"r{number}", "text": f"{PROSE} Bản tin số {number}."},
                      ensure_ascii=False)  # fmt: skip


def strict_lines(path: Path) -> list[dict[str, object]]:
    """OUT's lines: complete, valid UTF-8, strict JSON (no NaN or Infinity)."""
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "a half line was left behind"

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} written: not JSON")

    return [json.loads(line, parse_constant=refuse) for line in raw.decode("utf-8").splitlines()]


def run_main(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def cli(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "summarize", *argv],
        capture_output=True, timeout=300, check=False, **kwargs,
    )  # fmt: skip


# --- lines that used to stop the batch ---------------------------------------------------------


def test_a_deeply_nested_line_is_one_error_record(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(f"{good(0)}\n{'[' * 5000}\n{good(2)}\n", encoding="utf-8")
    stats = summarize_jsonl(str(source), str(target), **FAST)
    lines = strict_lines(target)
    assert [line["record"] for line in lines] == [0, 1, 2]
    assert lines[1]["error"] == "RecursionError" and "summary" not in lines[1]
    assert [line["id"] for line in (lines[0], lines[2])] == ["r0", "r2"]
    assert (stats.summarized, stats.failed) == (2, 1)


def test_lone_surrogates_in_text_and_id_are_written_as_escapes(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lonely = '{"id": "\\udcff", "text": "Câu \\udcff một. Câu hai dài hơn một chút nữa."}'
    source.write_text(f"{lonely}\n{good(1)}\n", encoding="utf-8")
    summarize_jsonl(str(source), str(target), sentences=2, **FAST)
    lines = strict_lines(target)  # valid UTF-8: the surrogate is an escape, not raw bytes
    assert lines[0]["id"] == "\udcff" and "error" not in lines[0]
    texts = [sentence["text"] for sentence in lines[0]["all_sentences"]]  # type: ignore[attr-defined]
    assert texts == ["Câu \udcff một.", "Câu hai dài hơn một chút nữa."]
    assert b"\\udcff" in target.read_bytes()
    assert lines[1]["id"] == "r1"


def test_a_bom_opening_a_line_is_ignored(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + f"{good(0)}\n".encode() + b"\xef\xbb\xbf\n")
    summarize_jsonl(str(source), str(target), **FAST)
    (line,) = strict_lines(target)  # a line holding a BOM alone is blank: no record
    assert line["id"] == "r0" and "error" not in line


@pytest.mark.parametrize(
    ("record_id", "error"),
    [("NaN", "ValueError"), ("-Infinity", "ValueError"), ("1e400", "ValueError")],
)
def test_ids_that_are_not_json_give_strict_json_errors(
    tmp_path: Path, record_id: str, error: str
) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(f'{{"id": {record_id}, "text": "{PROSE}"}}\n{good(1)}\n', encoding="utf-8")
    summarize_jsonl(str(source), str(target), **FAST)
    first, second = strict_lines(target)  # would fail on a NaN or Infinity written back
    assert (first["record"], first["error"]) == (0, error) and "id" not in first
    assert second["id"] == "r1"


def test_every_record_failing_is_a_failure_exit(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"body": "x"}\n[1]\n', encoding="utf-8")
    code, _, err = run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST)
    assert code == 3 and len(err.splitlines()) == 1
    assert err.endswith("0 summarized, 2 failed, 0 kept from before; every record failed\n")
    assert [line["error"] for line in strict_lines(target)] == ["KeyError", "TypeError"]


def test_a_records_title_field_is_its_headline_by_default(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    record = {"id": 1, "title": "Khánh thành cầu Ba Lá", "text": PROSE}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST)[0] == 0
    assert strict_lines(target)[0]["title"] == "Khánh thành cầu Ba Lá"
    argv = ["--jsonl", str(source), "--out", str(target), *CLI_FAST, "--force"]
    assert run_main(*argv, "--title-field", "")[0] == 0  # '': titles are not read
    assert strict_lines(target)[0]["title"] != "Khánh thành cầu Ba Lá"


# --- an input still being written ---------------------------------------------------------------


def test_an_unfinished_last_line_waits_for_resume_and_numbers_never_shift(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    whole = good(2)
    source.write_text(f"{good(0)}\n{good(1)}\n{whole[:40]}", encoding="utf-8")
    argv = ["--jsonl", str(source), "--out", str(target), *CLI_FAST]
    code, _, err = run_main(*argv)
    assert code == 3 and "left for a later --resume" in err and len(err.splitlines()) == 1
    assert [line["record"] for line in strict_lines(target)] == [0, 1]  # no error record
    with source.open("a", encoding="utf-8") as handle:  # the writer finishes, then adds more
        handle.write(f"{whole[40:]}\n{good(3)}\n")
    assert run_main(*argv, "--resume")[0] == 0
    lines = strict_lines(target)
    assert [line["record"] for line in lines] == [0, 1, 2, 3]
    assert [line["id"] for line in lines] == ["r0", "r1", "r2", "r3"]


def test_a_last_line_without_newline_that_is_whole_is_a_record(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(f"{good(0)}\n{good(1)}", encoding="utf-8")  # no final newline
    stats = summarize_jsonl(str(source), str(target), **FAST)
    assert (stats.records, stats.incomplete) == (2, False)
    assert [line["id"] for line in strict_lines(target)] == ["r0", "r1"]


def test_a_huge_line_is_an_error_record_and_the_next_is_read(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    huge = json.dumps({"id": "big", "text": "chữ " * 60_000})
    source.write_text(f"{huge}\n{good(1)}\n", encoding="utf-8")
    summarize_jsonl(str(source), str(target), max_chars=1_000, **FAST)
    first, second = strict_lines(target)
    assert first["error"] == "ValueError" and "max_chars" in str(first["message"])
    assert second["id"] == "r1" and "error" not in second


# --- pipes and closed streams ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_records_from_a_pipe_are_all_read(name: str) -> None:
    data = "".join(good(i) + "\n" for i in range(5)).encode()
    done = cli("--jsonl", name, "--out", "-", *CLI_FAST, input=data)
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert ids == [f"r{i}" for i in range(5)]


def test_records_from_process_substitution_are_all_read(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(good(i) + "\n" for i in range(4)), encoding="utf-8")
    shell = f"{sys.executable} -m summarize --jsonl <(cat {source}) --out - {' '.join(CLI_FAST)}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 4


def test_closing_stderr_does_not_end_the_batch(tmp_path: Path) -> None:
    """``summarize --jsonl IN --out OUT 2>&1 >/dev/null | head -c1``: the progress bar's
    reader goes away after one byte; every record is still written, and the exit is 0."""
    source, target, count = tmp_path / "in.jsonl", tmp_path / "out.jsonl", 300
    source.write_text("".join(good(i) + "\n" for i in range(count)), encoding="utf-8")
    command = [sys.executable, "-m", "summarize", "--jsonl", str(source), "--out", str(target)]
    command += ["--tokenizer", "syllable", "--no-sections"]  # the progress bar is on
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        assert process.stderr.read(1)
        process.stderr.close()
        code = process.wait(timeout=300)
    assert code == 0
    assert [line["record"] for line in strict_lines(target)] == list(range(count))


def test_closing_stdout_of_out_dash_ends_quietly(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(good(i) + "\n" for i in range(200)), encoding="utf-8")
    shell = (
        f"set -o pipefail; {sys.executable} -m summarize --jsonl {source} --out - "
        f"{' '.join(CLI_FAST)} | head -n 2"
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=300, check=False)
    assert done.returncode == 0 and done.stderr == b""
    assert len(done.stdout.splitlines()) == 2


# --- the output file: exists, locked, made with other options ----------------------------------


def test_an_existing_out_is_kept_without_resume_or_force(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(good(0) + "\n", encoding="utf-8")
    target.write_text("dữ liệu quý\n", encoding="utf-8")
    code, _, err = run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST)
    assert code == 2 and "--resume" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "dữ liệu quý\n"
    assert run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST, "--force")[0] == 0
    assert [line["id"] for line in strict_lines(target)] == ["r0"]
    empty = tmp_path / "empty.jsonl"
    empty.touch()  # an empty OUT (from mktemp) holds nothing to lose
    assert run_main("--jsonl", str(source), "--out", str(empty), *CLI_FAST)[0] == 0


def test_resume_with_other_options_is_refused(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(good(0) + "\n" + good(1) + "\n", encoding="utf-8")
    summarize_jsonl(str(source), str(target), sentences=1, **FAST)
    recorded = json.loads(Path(options_path(str(target))).read_text(encoding="utf-8"))
    assert recorded["budget"] == {"sentences": 1, "ratio": None, "words": None}
    assert recorded["options"]["tokenizer"] == "syllable" and recorded["schema"] == 1
    with pytest.raises(JsonlError, match=r"other options.*sentences"):
        summarize_jsonl(str(source), str(target), resume=True, sentences=2, **FAST)
    with pytest.raises(JsonlError, match=r"other options.*text_field"):
        summarize_jsonl(str(source), str(target), resume=True, sentences=1, text_field="body",
                        **FAST)  # fmt: skip
    same = summarize_jsonl(str(source), str(target), resume=True, sentences=1, **FAST)
    assert (same.skipped, same.summarized) == (2, 0)


def test_resume_without_recorded_options_is_refused(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(good(0) + "\n", encoding="utf-8")
    summarize_jsonl(str(source), str(target), **FAST)
    os.remove(options_path(str(target)))
    with pytest.raises(JsonlError, match="which options"):
        summarize_jsonl(str(source), str(target), resume=True, **FAST)


def test_a_second_run_on_a_locked_out_is_refused(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(good(0) + "\n", encoding="utf-8")
    with target.open("ab") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another run holds OUT
        code, _, err = run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST,
                                "--resume")  # fmt: skip
        assert code == 2 and "another summarize --jsonl run is writing it" in err
    assert target.read_bytes() == b""
    assert run_main("--jsonl", str(source), "--out", str(target), *CLI_FAST, "--resume")[0] == 0


def test_two_resumes_at_once_write_every_record_once(tmp_path: Path) -> None:
    source, target, count = tmp_path / "in.jsonl", tmp_path / "out.jsonl", 120
    source.write_text("".join(good(i) + "\n" for i in range(count)), encoding="utf-8")
    command = [sys.executable, "-m", "summarize", "--jsonl", str(source), "--out", str(target),
               *CLI_FAST, "--resume"]  # fmt: skip
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    for run in runs:
        run.stderr.close()  # type: ignore[union-attr]
    assert all(code in (0, 2) for code, _ in results), results
    for code, err in results:
        if code == 2:
            assert b"another summarize --jsonl run is writing it" in err
    assert sorted(line["record"] for line in strict_lines(target)) == list(range(count))


# --- kills: SIGINT and SIGKILL at a moment the test chooses ------------------------------------


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_on_a_fifo(tmp_path: Path, lines: list[str]) -> tuple[subprocess.Popen[bytes], Path]:
    """A run reading a FIFO that holds ``lines`` and stays open: the run has written their
    records and waits for more when the test signals it (no race with its end)."""
    fifo, target = tmp_path / "in.fifo", tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "summarize", "--jsonl", str(fifo), "--out", str(target),
               *CLI_FAST]  # fmt: skip
    # Ctrl-C reaches the run with its default action even when the test itself was started
    # with SIGINT ignored (a background job of a non-interactive shell passes that on).
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_default_sigint)  # fmt: skip
    writer = os.open(fifo, os.O_WRONLY)
    os.write(writer, "".join(line + "\n" for line in lines).encode())
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if target.exists() and target.read_bytes().count(b"\n") >= len(lines) - 8:
            break  # a chunk (8) may still wait for more input to fill it
        time.sleep(0.05)
    assert process.poll() is None, "the run ended while its input was still open"
    process.writer = writer  # type: ignore[attr-defined]
    return process, target


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_a_signal_mid_run_then_resume_writes_every_record_once(
    tmp_path: Path, sig: signal.Signals
) -> None:
    records = [good(i) for i in range(50)]
    process, target = _start_on_a_fifo(tmp_path, records[:40])
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    os.close(process.writer)  # type: ignore[attr-defined]
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert err.decode().strip().splitlines()[-1] == "summarize: interrupted"
    else:
        assert process.returncode == -signal.SIGKILL
    before = strict_lines(target)  # complete lines only
    assert 32 <= len(before) <= 40
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in records), encoding="utf-8")
    resumed = cli("--jsonl", str(source), "--out", str(target), *CLI_FAST, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    lines = strict_lines(target)
    assert sorted(line["record"] for line in lines) == list(range(len(records)))
    assert {line["id"] for line in lines} == {f"r{i}" for i in range(len(records))}


def test_resume_never_cuts_a_file_that_is_not_an_output(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "notes.txt"
    source.write_text(good(0) + "\n", encoding="utf-8")
    target.write_text("ghi chú quan trọng\nchưa xong", encoding="utf-8")
    with pytest.raises(JsonlError, match="no summarize --jsonl records; --force"):
        summarize_jsonl(str(source), str(target), resume=True, **FAST)
    assert target.read_text(encoding="utf-8") == "ghi chú quan trọng\nchưa xong"


def test_resume_after_a_kill_in_the_first_write(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(good(0) + "\n" + good(1) + "\n", encoding="utf-8")
    summarize_jsonl(str(source), str(target), **FAST)
    whole = target.read_bytes()
    target.write_bytes(whole[:25])  # died inside the first line: no complete line yet
    stats = summarize_jsonl(str(source), str(target), resume=True, **FAST)
    assert (stats.skipped, stats.summarized) == (0, 2) and target.read_bytes() == whole
