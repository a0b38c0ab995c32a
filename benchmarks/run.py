"""Benchmark the library against baselines and peers: ROUGE, speed and memory in one run.

    python benchmarks/run.py --data ../shared/data/vietnews/val.jsonl --limit 100 --k 3 \\
        --json /tmp/bench.json --plot /tmp/bench.png --doc docs/benchmarks.md
    python benchmarks/run.py --multi --format abmusu --data ../shared/data/abmusu/validation.jsonl

See ``benchmarks/README.md`` for the options and ``docs/benchmarks.md`` for the method.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import corpus
import report
from rouge import ROUGE_TYPES, bootstrap_ci, make_scorer, score_summary
from systems import System, build_systems
from tqdm import tqdm  # type: ignore[import-untyped]

MEMORY_DOCUMENTS = 50

Scores = dict[str, dict[str, list[float]]]


@dataclass(frozen=True)
class Document:
    """An example and the sentence list that every system receives for it."""

    example: corpus.Example
    sentences: tuple[str, ...]


@dataclass
class Run:
    """What one system did over the documents: its choices, time spent and failures."""

    load_s: float
    selections: list[list[int]] = field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="JSONL file")
    parser.add_argument("--format", choices=corpus.FORMATS, default="vietnews",
                        help="vietnews (default), or vims / abmusu clusters (imply --raw)")
    parser.add_argument("--limit", type=int, help="number of examples (default: all)")
    parser.add_argument("--offset", type=int, default=0,
                        help="skip this many deduplicated examples first (default: 0)")
    parser.add_argument("--k", type=int, default=3, help="sentences per summary (default: 3)")
    parser.add_argument("--systems", help="comma-separated rows (default: all)")
    parser.add_argument("--raw", action="store_true",
                        help="re-split VietNews bodies with the library's splitter")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the random baseline and the bootstrap (default: 0)")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--plot", type=Path, help="write a ROUGE-2 vs docs/s PNG here")
    parser.add_argument("--doc", type=Path, help="write the Markdown docs page here")
    parser.add_argument("--section", help="docs section title: replace or add this section and "
                        "keep the page's other sections (default: the page holds this run only)")
    args = parser.parse_args(argv)
    if args.k < 1:
        parser.error(f"--k = {args.k} is invalid; must be at least 1")
    if args.section and not args.doc:
        parser.error("--section needs --doc")
    return args


def choose_systems(registry: dict[str, System], spec: str | None) -> list[System]:
    """Return the systems named in the comma-separated ``spec`` (all when ``None``)."""
    if spec is None:
        return list(registry.values())
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in registry]
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; "
                         f"systems are {', '.join(registry)}")
    return [registry[name] for name in names]


def load_documents(args: argparse.Namespace, raw: bool) -> list[Document]:
    """Read, deduplicate and select the examples, and build their shared sentence lists."""
    examples = corpus.select(
        corpus.dedupe(corpus.read_examples(args.data, args.format)), args.offset, args.limit
    )
    spans = corpus.library_sentence_spans() if raw else None
    documents = [
        Document(e, corpus.sentences_for(e, raw=raw, sentence_spans=spans)) for e in examples
    ]
    return [d for d in documents if d.sentences]


def _select(system: System, document: Document, k: int) -> list[int]:
    return system.select(
        document.sentences, k, document.example.references, document.example.title
    )


def _checked(chosen: Sequence[int], document: Document) -> list[int]:
    indices = sorted(set(chosen))
    if indices and not 0 <= indices[0] <= indices[-1] < len(document.sentences):
        raise ValueError(f"indices {indices} out of range for {len(document.sentences)} sentences")
    return indices


def _warn(message: str) -> None:
    tqdm.write(f"warning: {message}", file=sys.stderr)


def warm_up(
    systems: Sequence[System], document: Document, k: int
) -> tuple[dict[str, Run], dict[str, str]]:
    """Call each system once, in order, timing the call as its load time.

    A system that fails here is skipped (with a warning): a library preset whose options the
    installed library rejects, or a peer that cannot run.
    """
    runs: dict[str, Run] = {}
    skipped: dict[str, str] = {}
    for system in systems:
        start = time.perf_counter()
        try:
            _checked(_select(system, document, k), document)
        except Exception as error:  # any failure skips the row; the reason is reported
            skipped[system.name] = f"{type(error).__name__}: {error}"
            _warn(f"skipping {system.name}: {skipped[system.name]}")
            continue
        runs[system.name] = Run(load_s=time.perf_counter() - start)
    return runs, skipped


def timed_pass(
    documents: Sequence[Document], systems: Sequence[System], k: int, runs: dict[str, Run]
) -> None:
    """Run every system on every document, timing only the system call.

    All systems run on a document before the next one, so a drift in machine load affects all
    of them alike. A failure on one document counts as an empty summary and is reported.
    """
    for document in tqdm(documents, desc="summarizing", unit="doc", file=sys.stderr):
        for system in systems:
            run = runs[system.name]
            start = time.perf_counter()
            try:
                chosen = _select(system, document, k)
                run.seconds += time.perf_counter() - start
                run.selections.append(_checked(chosen, document))
            except Exception as error:  # counted and reported, not fatal
                run.failures += 1
                run.selections.append([])
                if run.failures == 1:
                    _warn(f"{system.name} failed on {document.example.id}: {error!r}")


def memory_pass(
    documents: Sequence[Document], systems: Sequence[System], k: int
) -> dict[str, float]:
    """Return each system's peak traced allocation (MB) over the documents, untimed."""
    peaks: dict[str, float] = {}
    tracemalloc.start()
    try:
        for system in tqdm(systems, desc="memory", unit="system", file=sys.stderr):
            baseline = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            for document in documents:
                with contextlib.suppress(Exception):  # failures are counted by timed_pass
                    _select(system, document, k)
            peaks[system.name] = (tracemalloc.get_traced_memory()[1] - baseline) / 2**20
    finally:
        tracemalloc.stop()
    return peaks


def score_runs(documents: Sequence[Document], runs: dict[str, Run]) -> Scores:
    """Return ROUGE F1 ×100 per system, per ROUGE type, per document."""
    scorer = make_scorer()
    scores: Scores = {name: {t: [] for t in ROUGE_TYPES} for name in runs}
    progress = tqdm(documents, desc="scoring", unit="doc", file=sys.stderr)
    for position, document in enumerate(progress):
        for name, run in runs.items():
            chosen = [document.sentences[i] for i in run.selections[position]]
            values = score_summary(scorer, chosen, document.example.references)
            for rouge_type, value in values.items():
                scores[name][rouge_type].append(100 * value)
    return scores


def system_results(
    runs: dict[str, Run], scores: Scores, peaks: dict[str, float],
    n: int, seed: int,
) -> dict[str, dict[str, Any]]:
    """Return the per-system results of the JSON output."""
    results: dict[str, dict[str, Any]] = {}
    for name, run in runs.items():
        result: dict[str, Any] = {}
        for rouge_type in ROUGE_TYPES:
            values = scores[name][rouge_type]
            result[rouge_type] = sum(values) / n
            result[f"{rouge_type}_ci"] = list(bootstrap_ci(values, seed=seed))
        result["docs_per_s"] = n / max(run.seconds, 1e-9)  # finite: JSON has no infinity
        result["load_s"] = run.load_s
        result["peak_mb"] = peaks[name]
        result["avg_sentences"] = sum(map(len, run.selections)) / n
        result["failures"] = run.failures
        results[name] = result
    return results


def default_title(args: argparse.Namespace, n: int, raw: bool) -> str:
    """Return a section title that says which data, how many documents, k and the mode."""
    where = f" from #{args.offset}" if args.offset else ""
    mode = "raw text" if raw else "one sentence per line"
    return f"{args.data.parent.name}/{args.data.name}: n = {n}{where}, k = {args.k}, {mode}"


def command(argv: Sequence[str]) -> str:
    """Return the shell command that reproduces this run, with its hash seed if one was set.

    sumy's LSA numbers its vocabulary in the iteration order of a Python set, which string
    hashing randomises per process, and the SVD then breaks near-ties differently (about ±0.3
    ROUGE-2 on 100 articles): bit-identical tables need a fixed ``PYTHONHASHSEED``.
    """
    prefix = [f"PYTHONHASHSEED={seed}"] if (seed := os.environ.get("PYTHONHASHSEED")) else []
    return shlex.join([*prefix, "python", "benchmarks/run.py", *argv])


def write_outputs(args: argparse.Namespace, payload: dict[str, Any], title: str,
                  descriptions: dict[str, str]) -> None:
    """Print the table, then write the JSON, the plot and the docs page that were asked for."""
    print(report.markdown_table(payload["systems"]))
    for line in report.problems(payload):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    if args.plot:
        report.plot(payload["systems"], args.plot, title)
    if args.doc:
        link = os.path.relpath(args.plot, args.doc.parent) if args.plot else None
        report.write_doc(args.doc, title, report.section(title, payload, link), descriptions,
                         keep_others=bool(args.section))


def run(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """Run the benchmark described by ``args``; ``argv`` is recorded as the command."""
    started = time.perf_counter()
    if "PYTHONHASHSEED" not in os.environ:
        _warn("PYTHONHASHSEED is not set: sumy-lsa's results vary between runs; "
              "set PYTHONHASHSEED=0 for a reproducible table")
    raw = args.raw or args.format != "vietnews"
    documents = load_documents(args, raw)
    if not documents:
        raise ValueError(f"no documents to benchmark in {args.data}")
    registry = build_systems(args.seed)
    systems = choose_systems(registry, args.systems)
    runs, skipped = warm_up(systems, documents[0], args.k)
    ready = [s for s in systems if s.name in runs]
    timed_pass(documents, ready, args.k, runs)
    peaks = memory_pass(documents[:MEMORY_DOCUMENTS], ready, args.k)
    scores = score_runs(documents, runs)
    payload: dict[str, Any] = {
        "systems": system_results(runs, scores, peaks, len(documents), args.seed),
        "skipped": skipped,
        "data": str(args.data), "format": args.format, "n": len(documents), "k": args.k,
        "raw": raw, "offset": args.offset, "limit": args.limit, "seed": args.seed,
        "command": command(argv), "argv": list(argv),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": report.machine(),
    }
    payload["wall_s"] = time.perf_counter() - started
    title = args.section or default_title(args, len(documents), raw)
    write_outputs(args, payload, title, {s.name: s.description for s in registry.values()})
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--multi" in argv:  # the multi-document mode: one summary per cluster (multi.py)
        import multi

        return multi.main(argv)
    args = parse_args(argv)
    try:
        return run(args, argv)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
