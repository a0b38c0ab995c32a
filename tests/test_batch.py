"""batch and jsonl: summarize_many (order, parallelism, failures, bounded window) and the
``summarize --jsonl`` command (error records, resume after a cut output, progress)."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest
from _optional import require
from _texts import make_texts

import summarize.batch as batch
from summarize import Failure, Summary, summarize, summarize_many
from summarize.cli import main
from summarize.jsonl import summarize_jsonl


def as_dicts(results: list[Summary | Failure]) -> list[dict[str, object]]:
    return [r.to_dict() for r in results]


FAST = {"tokenizer": "syllable"}


def test_results_are_in_input_order_from_a_generator():
    texts = make_texts(30)
    results = list(summarize_many((t for t in texts), chunksize=4, sentences=2, **FAST))
    expected = [summarize(t, sentences=2, **FAST) for t in texts]
    assert as_dicts(results) == as_dicts(expected)


def test_two_workers_give_what_one_gives():
    texts = make_texts(40, seed=1)
    one = list(summarize_many(texts, 1, ratio=0.5, **FAST))
    two = list(summarize_many(texts, 2, chunksize=3, ratio=0.5, **FAST))
    assert as_dicts(two) == as_dicts(one)


def test_word_mode_in_workers_equals_word_mode_here():
    texts = make_texts(6, seed=2)
    assert as_dicts(list(summarize_many(texts, 2, chunksize=2))) == as_dicts(
        [summarize(t) for t in texts]
    )


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_bad_text_becomes_a_failure_in_its_place(n_jobs):
    texts: list[object] = [*make_texts(5, seed=3), None, *make_texts(5, seed=4)]
    results = list(summarize_many(texts, n_jobs, chunksize=2, **FAST))  # type: ignore[arg-type]
    assert len(results) == 11
    failure = results[5]
    assert isinstance(failure, Failure)
    assert (failure.index, failure.error) == (5, "TypeError")
    assert "NoneType" in failure.message
    assert failure.to_dict() == {"error": "TypeError", "message": failure.message}
    assert all(isinstance(r, Summary) for i, r in enumerate(results) if i != 5)


def test_bad_options_raise_before_any_text_is_read():
    def texts():
        raise AssertionError("read too early")
        yield ""

    with pytest.raises(TypeError, match="unknown option"):
        summarize_many(texts(), colour="red")
    with pytest.raises(ValueError, match="n_jobs"):
        summarize_many(texts(), 0)
    with pytest.raises(ValueError, match="chunksize"):
        summarize_many(texts(), chunksize=0)
    with pytest.raises(ValueError, match="only one of"):
        summarize_many(texts(), sentences=2, ratio=0.5)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_the_input_is_read_only_a_bounded_window_ahead(n_jobs):
    consumed = itertools.count()
    texts = make_texts(8)

    def endless():
        for number in consumed:
            yield texts[number % len(texts)]

    results = summarize_many(endless(), n_jobs, chunksize=2, **FAST)
    first = list(itertools.islice(results, 5))
    results.close()  # stops the pool without waiting for an endless input
    assert len(first) == 5
    window = 2 * (batch.PREFETCH * n_jobs + 1)
    assert next(consumed) <= 5 + window


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="patching workers needs fork"
)
def test_a_text_that_kills_its_worker_is_the_only_failure(monkeypatch):
    real = batch._run_one

    def fragile(summarizer, budget, index, text):
        if text == "CRASH":
            os._exit(1)  # a native crash, as far as the pool can tell
        return real(summarizer, budget, index, text)

    monkeypatch.setattr(batch, "_run_one", fragile)
    texts = [*make_texts(6, seed=5), "CRASH", *make_texts(6, seed=6)]
    results = list(summarize_many(texts, 2, chunksize=2, **FAST))
    assert [i for i, r in enumerate(results) if isinstance(r, Failure)] == [6]
    assert results[6].error == "WorkerCrashed"  # type: ignore[union-attr]
    expected = [summarize(t, **FAST) for t in texts if t != "CRASH"]
    assert as_dicts([r for r in results if isinstance(r, Summary)]) == as_dicts(expected)


# --- JSON Lines ---------------------------------------------------------------------------------


def write_input(path: Path, texts: list[str]) -> list[str]:
    """One record per text with an id; returns the lines written."""
    lines = [
        json.dumps({"id": f"doc-{i}", "text": t}, ensure_ascii=False)
        for i, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def read_output(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_writes_one_record_per_input_record_with_errors_in_place(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = make_texts(4, seed=7)
    good = write_input(source, texts)
    broken = ['{"id": 9, "body": "x"}', '"just a string"', "{not json", '{"text": 5}']
    source.write_text("\n".join([good[0], broken[0], good[1], "", broken[1], broken[2],
                                 good[2], broken[3], good[3]]) + "\n", encoding="utf-8")
    stats = summarize_jsonl(str(source), str(tmp_path / "out.jsonl"), n_jobs=2, **FAST)
    records = read_output(tmp_path / "out.jsonl")
    assert [r["record"] for r in records] == list(range(8))  # the blank line is no record
    assert [r.get("error") for r in records] == [
        None, "KeyError", None, "TypeError", "JSONDecodeError", None, "TypeError", None
    ]
    assert records[1]["id"] == 9 and "id" not in records[3]
    assert [r["id"] for r in records if "error" not in r] == [f"doc-{i}" for i in range(4)]
    assert records[0]["summary_text"] == summarize(texts[0], **FAST).text
    assert (stats.records, stats.summarized, stats.failed, stats.skipped) == (8, 4, 4, 0)


def test_resume_after_an_output_cut_mid_line(tmp_path):
    source, cut = tmp_path / "in.jsonl", tmp_path / "cut.jsonl"
    write_input(source, make_texts(12, seed=8))
    summarize_jsonl(str(source), str(cut), **FAST)
    data = cut.read_bytes()
    fifth_line_end = [i for i, b in enumerate(data) if b == ord("\n")][4]
    cut.write_bytes(data[: fifth_line_end + 30])  # five lines and the start of a sixth
    stats = summarize_jsonl(str(source), str(cut), resume=True, n_jobs=2, **FAST)
    assert cut.read_bytes() == data
    assert (stats.records, stats.skipped, stats.summarized) == (12, 5, 7)
    again = summarize_jsonl(str(source), str(cut), resume=True, **FAST)  # nothing left to do
    assert (again.skipped, again.summarized) == (12, 0)
    assert cut.read_bytes() == data


def test_cli_jsonl_through_main(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = make_texts(5, seed=9)
    write_input(source, texts)
    err = io.StringIO()
    argv = ["--jsonl", str(source), "--out", str(target), "--jobs", "2", "-n", "1",
            "--tokenizer", "syllable", "--no-sections"]
    assert main(argv, stdout=io.StringIO(), stderr=err) == 0
    records = read_output(target)
    assert [r["id"] for r in records] == [f"doc-{i}" for i in range(5)]
    expected = [summarize(t, sentences=1, sections=False, **FAST).text for t in texts]
    assert [r["summary_text"] for r in records] == expected
    assert "5 records" in err.getvalue()


def test_cli_jsonl_text_field_and_usage_errors(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"body": make_texts(1)[0]}) + "\n", encoding="utf-8")
    run = ["--jsonl", str(source), "--out", str(target), "--no-progress", "--tokenizer", "syllable"]
    assert main([*run, "--text-field", "body"], stderr=io.StringIO()) == 0
    assert "summary" in read_output(target)[0]
    assert main(run, stderr=io.StringIO()) == 2  # OUT exists: neither --resume nor --force
    assert main([*run, "--force"], stderr=io.StringIO()) == 3  # its one record failed
    assert read_output(target)[0]["error"] == "KeyError"
    same = ["--jsonl", str(source), "--out", str(source)]
    for argv in (["--out", str(target)], ["--jsonl", str(tmp_path / "missing"), "--out", "x"],
                 [*run, "--jobs", "0"], [str(source), *run], same):
        err = io.StringIO()
        assert main(argv, stderr=err) == 2, argv
        assert err.getvalue().startswith("summarize: error:")
    assert "body" in source.read_text(encoding="utf-8")  # the input survived --out IN


def test_progress_falls_back_to_a_counter_without_tqdm(tmp_path, monkeypatch):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, make_texts(3))
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    err = io.StringIO()
    summarize_jsonl(str(source), str(target), progress=err, **FAST)
    assert err.getvalue().endswith("3/3 records\n")


def test_text_title_pairs_give_what_summarize_with_title_gives():
    texts = make_texts(6, seed=11)
    titles = ["Công ty điện lực hoàn thành kế hoạch", None, "Sở Giáo dục tổng kết năm học",
              None, "Hội nông dân xã triển khai nhiệm vụ", "Ủy ban nhân dân tỉnh họp"]
    pairs = list(zip(texts, titles, strict=True))
    for n_jobs in (1, 2):
        results = list(summarize_many(pairs, n_jobs, chunksize=2, sentences=2, **FAST))
        expected = [summarize(t, title=h, sentences=2, **FAST) for t, h in pairs]
        assert as_dicts(results) == as_dicts(expected)
    # The title changes the ranking of at least one of them, or the test proves nothing.
    untitled = [summarize(t, sentences=2, **FAST).to_dict() for t in texts]
    assert untitled != as_dicts(expected)
    bad = list(summarize_many([(texts[0], 7)], **FAST))  # type: ignore[list-item]
    assert isinstance(bad[0], Failure) and bad[0].error == "TypeError"


def test_jsonl_title_field_and_html_source_text(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = make_texts(3, seed=12)
    paragraphs = texts[2].replace("\n", "</p><p>")
    html = f"<html><body><h1>Tin vắn</h1><p>{paragraphs}</p></body></html>"
    rows = [{"id": 0, "text": texts[0], "headline": "Công ty điện lực hoàn thành kế hoạch"},
            {"id": 1, "text": texts[1]},
            {"id": 2, "text": html, "headline": None},
            {"id": 3, "text": texts[0], "headline": ["not", "a", "title"]}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    summarize_jsonl(str(source), str(target), title_field="headline", **FAST)
    records = read_output(target)
    assert records[0]["title"] == "Công ty điện lực hoàn thành kế hoạch"
    assert records[0]["summary_text"] == summarize(
        texts[0], title=rows[0]["headline"], **FAST
    ).text
    assert records[1]["summary_text"] == summarize(texts[1], **FAST).text
    assert (records[3]["error"], "headline" in records[3]["message"]) == ("TypeError", True)
    # A record is text unless html=True: the offsets index the record's own string.
    assert "source_text" not in records[2]
    for sentence in records[2]["sentences"]:
        assert html[sentence["start"] : sentence["end"]] == sentence["text"]
    require("trafilatura")  # the rest reads the record as a web page
    summarize_jsonl(
        str(source), str(target), title_field="headline", html=True, overwrite=True, **FAST
    )
    extracted = read_output(target)[2]["source_text"]
    assert "<p>" not in extracted and extracted.startswith("Tin vắn\n")
    for sentence in read_output(target)[2]["sentences"]:  # offsets index the extracted text
        assert extracted[sentence["start"] : sentence["end"]] == sentence["text"]
    err = io.StringIO()
    argv = ["--jsonl", str(source), "--out", str(target), "--no-progress",
            "--tokenizer", "syllable", "--title-field", "headline", "--force"]
    assert main(argv, stderr=err) == 0
    assert read_output(target)[0]["title"] == records[0]["title"]
    for wrong in ([*argv, "--title", "x"], [str(source), "--title-field", "headline"]):
        err = io.StringIO()
        assert main(wrong, stderr=err) == 2
        assert err.getvalue().startswith("summarize: error:") and "title" in err.getvalue()
