"""Many machines: the summarizer mapped over a Dask bag or dataframe column, partition by partition.

For a corpus that outgrows one machine, Dask distributed runs the work: this module only says
what each partition does. Every worker process keeps one :class:`~summarize.Summarizer` per set
of options (a small module-level cache), and underthesea loads its models once per process, so
nothing heavy is rebuilt per partition or per text. Results keep the input's order.

>>> import dask.bag as db                                   # doctest: +SKIP
>>> from distributed import Client                          # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                 # doctest: +SKIP
>>> texts = db.read_text("s3://corpus/*.txt", linedelimiter="\\n\\n")  # doctest: +SKIP
>>> summaries = summarize_bag(texts, output="text", tokenizer="syllable")  # doctest: +SKIP
>>> summaries.to_textfiles("s3://out/*.txt")                 # doctest: +SKIP

``output="record"`` gives the schema ``summarize --jsonl`` writes (:func:`summarize.jsonl.
summary_record`, with its version); ``docs/scale.md`` writes such records with their ids as
JSON Lines.

A text that cannot be summarized does not fail its partition: its result is the
:meth:`~summarize.Failure.to_dict` record (``{"error": ..., "message": ...}``, with ``schema``
for ``output="record"``) with ``output="dict"`` or ``"record"``, and ``None`` with
``output="text"``.

Needs Dask on the client and on every worker: ``pip install 'dask[bag]' distributed`` (the
``dask`` extra of a checkout, ``pip install '.[dask]'``, installs them); a dataframe column also
needs ``dask[dataframe]`` (pandas). Dask is imported only when a function here needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .batch import Failure, _run_one
from .select import Budget
from .summarizer import OPTION_NAMES, Summarizer

OUTPUTS = ("dict", "record", "text")

OptionsKey = tuple[tuple[str, Any], ...]


def summarize_bag(
    bag: Any,
    *,
    output: str = "dict",
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> Any:
    """A ``dask.bag.Bag`` of results, one per text of ``bag``, partition for partition.

    ``output="dict"`` gives :meth:`Summary.to_dict` dicts, ``"record"`` the records of
    ``summarize --jsonl`` (the same dict with ``schema`` and ``summary_text``), ``"text"`` the
    summary text. An item is a text or a ``(text, title)`` pair. The budget and ``options``
    are those of :func:`summarize.summarize`, validated here, on the client, before anything
    is sent to the cluster.
    """
    key, budget = _prepare(output, sentences, ratio, words, options)
    _require("dask.bag")
    return bag.map_partitions(_summarize_partition, key, budget, output)


def summarize_column(
    frame: Any,
    column: str,
    *,
    output: str = "text",
    name: str | None = None,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    **options: Any,
) -> Any:
    """A Dask series (named ``name``, default ``"summary"``) of results for ``frame[column]``.

    Lazy like every Dask collection: ``frame.assign(summary=summarize_column(frame, "text"))``
    adds it as a column. ``output`` and the options are as in :func:`summarize_bag`.
    """
    key, budget = _prepare(output, sentences, ratio, words, options)
    _require("dask.dataframe")
    name = name or "summary"
    return frame[column].map_partitions(
        _summarize_series, key, budget, output, name, meta=(name, "object")
    )


def _prepare(
    output: str,
    sentences: int | None,
    ratio: float | None,
    words: int | None,
    options: dict[str, Any],
) -> tuple[OptionsKey, Budget]:
    from . import _validate

    _validate.check_choice("output", output, OUTPUTS)
    Summarizer(**options)  # raises here, on the client, for a bad option
    budget = Budget.from_options(sentences, ratio, words)
    return tuple(sorted(options.items())), budget


def _require(module: str) -> None:
    import importlib

    try:
        importlib.import_module(module)
    except ImportError as exc:
        # Not "summarize[dask]": the name summarize on the package index is not this project.
        extra = "'dask[dataframe]'" if module == "dask.dataframe" else "'dask[bag]' distributed"
        raise ImportError(
            f"summarize.dask needs {module}, which is not installed: pip install {extra}"
        ) from exc


@lru_cache(maxsize=8)
def summarizer_for(key: OptionsKey) -> Summarizer:
    """The worker process's summarizer for these options, built on first use."""
    options = dict(key)
    unknown = set(options) - set(OPTION_NAMES)
    if unknown:  # pragma: no cover - _prepare validated them on the client
        raise TypeError(f"unknown option(s) {sorted(unknown)}")
    return Summarizer(**options)


def summarize_texts(
    texts: Iterable[Any], key: OptionsKey, budget: Budget, output: str
) -> list[Any]:
    """What one partition does: results for ``texts``, in order, failures as records."""
    from .jsonl import SCHEMA, summary_record

    summarizer = summarizer_for(key)
    results: list[Any] = []
    for index, text in enumerate(texts):
        result = _run_one(summarizer, budget, index, text)
        if output == "text":
            results.append(None if isinstance(result, Failure) else result.text)
        elif isinstance(result, Failure):
            error = result.to_dict()
            results.append({"schema": SCHEMA, **error} if output == "record" else error)
        else:
            results.append(summary_record(result) if output == "record" else result.to_dict())
    return results


def _summarize_partition(
    texts: Iterable[Any], key: OptionsKey, budget: Budget, output: str
) -> list[Any]:
    return summarize_texts(texts, key, budget, output)


def _summarize_series(
    series: Any, key: OptionsKey, budget: Budget, output: str, name: str
) -> Any:
    import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]

    values = summarize_texts(series.tolist(), key, budget, output)
    return pd.Series(values, index=series.index, name=name, dtype=object)
