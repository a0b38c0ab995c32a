"""Documents per second over many articles: each mode, ``summarize_many`` scaling with
``n_jobs``, and the Dask path on a local cluster of worker processes.

Every row summarizes the same first N VietNews validation articles (body text, default
options, 3 sentences) and checks its results equal the single-process ones. Worker start-up
(process spawn, model load) is timed apart from the steady-state run: a pool or cluster is
warmed on a few documents first, as a long batch amortises it.

    python benchmarks/throughput.py --docs 2000 [--modes word,syllable] [--jobs 1,2] [--dask]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "vietnews" / "val.jsonl"
MODES = {"word": {"tokenizer": "word"}, "syllable": {"tokenizer": "syllable"}}


def cpu_seconds() -> float:
    """User + system time of this process and of its finished (reaped) child processes."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def load(path: Path, n: int) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in islice(handle, n)]


def timed(run: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    results = run()
    return time.perf_counter() - start, results


Timing = tuple[float, float, int, list[Any]]  # start-up s, run s, documents in the run, texts


def many(texts: list[str], n_jobs: int, options: dict[str, Any]) -> Timing:
    """summarize_many; start-up is the time to the first result (pool, models, first chunk)."""
    from summarize import summarize_many

    stream = summarize_many(iter(texts), n_jobs, chunksize=8, **options)
    start = time.perf_counter()
    first = next(stream)
    startup = time.perf_counter() - start
    seconds, rest = timed(lambda: list(stream))
    return startup, seconds, len(rest), [r.text for r in [first, *rest]]


def dask_run(texts: list[str], workers: int, options: dict[str, Any]) -> Timing:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from summarize.dask import summarize_bag

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        warm = db.from_sequence(texts[: 4 * workers], npartitions=workers)
        summarize_bag(warm, output="text", **options).compute()  # models loaded per worker
        startup = time.perf_counter() - start
        bag = db.from_sequence(texts, partition_size=100)
        seconds, results = timed(
            lambda: summarize_bag(bag, output="text", **options).compute()
        )
    return startup, seconds, len(texts), list(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--modes", default="word,syllable")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--dask", action="store_true", help="add Dask rows (2 workers)")
    args = parser.parse_args()
    texts = load(args.data, args.docs)
    rows = []
    for mode in args.modes.split(","):
        options = MODES[mode]
        reference: list[str] | None = None
        for jobs in (int(j) for j in args.jobs.split(",")):
            cpu = cpu_seconds()
            startup, seconds, count, results = many(texts, jobs, options)
            reference = reference or results
            rows.append((mode, f"summarize_many n_jobs={jobs}", startup, seconds, count,
                         cpu_seconds() - cpu, results == reference))
            print(rows[-1], file=sys.stderr, flush=True)
        if args.dask:
            cpu = cpu_seconds()
            startup, seconds, count, results = dask_run(texts, 2, options)
            rows.append((mode, "Dask LocalCluster, 2 worker processes", startup, seconds,
                         count, cpu_seconds() - cpu, results == reference))
            print(rows[-1], file=sys.stderr, flush=True)
    print(f"{len(texts):,} VietNews validation articles, 3 sentences each. CPU s: user + system "
          "time of the whole process tree, start-up included; cores = CPU s / wall s.\n")
    print("| mode | driver | start-up s | run s | docs/s | CPU s | cores used | same results |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for mode, driver, startup, seconds, count, cpu, same in rows:
        print(f"| {mode} | {driver} | {startup:.1f} | {seconds:.1f} | {count / seconds:,.0f} | "
              f"{cpu:.1f} | {cpu / (startup + seconds):.2f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
