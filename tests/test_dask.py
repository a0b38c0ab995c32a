"""summarize.dask on a real (local) Dask cluster: two worker processes, a few hundred texts,
results identical to the single-process ones."""

from __future__ import annotations

import pytest
from _optional import require
from _texts import make_texts

from summarize import summarize
from summarize.dask import summarize_bag, summarize_column, summarizer_for

db = require("dask.bag")
distributed = require("distributed")
Client, LocalCluster = distributed.Client, distributed.LocalCluster

TEXTS = make_texts(300, seed=11)


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def test_bag_of_dicts_equals_single_process(client):
    bag = db.from_sequence(TEXTS, npartitions=6)
    results = summarize_bag(bag, sentences=2, tokenizer="syllable").compute()
    assert results == [summarize(t, sentences=2, tokenizer="syllable").to_dict() for t in TEXTS]
    workers = client.run(lambda: summarizer_for.cache_info().currsize)
    assert len(workers) == 2 and all(size == 1 for size in workers.values())


def test_bag_of_texts_in_word_mode_equals_single_process(client):
    texts = TEXTS[:40]
    results = summarize_bag(db.from_sequence(texts, npartitions=4), output="text").compute()
    assert results == [summarize(t).text for t in texts]


def test_a_bad_text_gives_an_error_record_not_a_failed_partition(client):
    bag = db.from_sequence([TEXTS[0], None, TEXTS[1]], npartitions=1)
    dicts = summarize_bag(bag, tokenizer="syllable").compute()
    assert dicts[1] == {"error": "TypeError", "message": "`text` must be str, not NoneType"}
    assert dicts[0] == summarize(TEXTS[0], tokenizer="syllable").to_dict()
    assert summarize_bag(bag, output="text", tokenizer="syllable").compute()[1] is None


def test_a_bag_of_text_title_pairs(client):
    title = "Sở Giáo dục tổng kết năm học"
    pairs = [(t, title if i % 2 else None) for i, t in enumerate(TEXTS[:20])]
    results = summarize_bag(db.from_sequence(pairs, npartitions=3), tokenizer="syllable").compute()
    assert results == [summarize(t, title=h, tokenizer="syllable").to_dict() for t, h in pairs]


def test_options_are_checked_on_the_client():
    bag = db.from_sequence(TEXTS[:2])
    with pytest.raises(TypeError, match="unknown option"):
        summarize_bag(bag, colour="red")
    with pytest.raises(ValueError, match="output"):
        summarize_bag(bag, output="xml")


def test_dataframe_column(client):
    require("pandas")  # dask[dataframe]
    import dask.dataframe as dd
    import pandas as pd

    frame = dd.from_pandas(pd.DataFrame({"body": TEXTS[:50]}), npartitions=3)
    column = summarize_column(frame, "body", tokenizer="syllable")
    expected = [summarize(t, tokenizer="syllable").text for t in TEXTS[:50]]
    assert column.compute().tolist() == expected


def test_the_jsonl_example_of_scale_md_writes_whole_lines_with_ids(tmp_path):
    """docs/scale.md's pipeline, on local files and the synchronous scheduler: every part file
    ends in a newline (``cat`` never joins two records), and every record keeps its id."""
    import json

    import dask

    from summarize.jsonl import dumps

    source = tmp_path / "in.jsonl"
    rows = [{"id": f"b{i}", "text": text, "title": None} for i, text in enumerate(TEXTS[:12])]
    rows[3]["text"] = 7  # a bad record: an error record with its id, the partition goes on
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with dask.config.set(scheduler="sync"):
        records = db.read_text(str(source), blocksize=600).map(json.loads)
        pairs = records.map(lambda r: (r["text"], r.get("title")))
        summaries = summarize_bag(pairs, output="record", tokenizer="syllable", sentences=2)
        lines = db.zip(records.pluck("id", None), summaries).map(
            lambda pair: dumps({"id": pair[0], **pair[1]})
        )
        assert lines.npartitions > 1
        lines.to_textfiles(str(tmp_path / "out" / "*.jsonl"), last_endline=True)
    parts = sorted((tmp_path / "out").glob("*.jsonl"), key=lambda p: int(p.stem))
    data = b"".join(part.read_bytes() for part in parts)  # what `cat out/*.jsonl` gives
    assert all(part.read_bytes().endswith(b"\n") for part in parts)
    # (A partition without a record, a block holding no line start, writes a blank line,
    # which JSON Lines readers skip.)
    written = [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
    assert [w["id"] for w in written] == [r["id"] for r in rows]
    assert written[3]["error"] == "TypeError" and written[3]["schema"] == 1
    expected = summarize(TEXTS[0], sentences=2, tokenizer="syllable")
    assert written[0]["summary_text"] == expected.text and written[0]["schema"] == 1
