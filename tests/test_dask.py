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
