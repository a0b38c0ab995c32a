"""Time and peak memory against document length: the library beside sumy and summa.

A document of N sentences is the first N body lines (one sentence each) of the VietNews
validation articles, concatenated in file order. Every (system, N) runs in a fresh process,
which loads its models on a small warm-up document first; the timing covers one call on the
long document, and the memory is the process's peak resident set size (``ru_maxrss``), with
the peak after warm-up shown apart. A system that takes longer than ``--cap`` seconds at some
N is not run at larger N; one that does not finish within ``2 × cap + 60`` s is stopped.

The library rows get the text (lines joined by ``\\n``, default ``split="auto"``: they do their
own sentence splitting); the peers get the sentence list through the benchmark's adapters
(``benchmarks/systems.py``: sumy over underthesea words, summa's TextRank).

    python benchmarks/scale.py [--sizes 100,500,...] [--systems ...] [--cap 60]
                               [--plot docs/scale.png] [--json results.json]
    python benchmarks/scale.py --from-json a.json b.json --plot docs/scale.png
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data" / "vietnews" / "val.jsonl"
SIZES = (100, 500, 1_000, 2_000, 5_000, 10_000, 20_000)
LIBRARY = {"summarize": {}, "summarize-word": {"tokenizer": "word"}}
PEERS = ("sumy-lexrank", "sumy-textrank", "summa")
SYSTEMS = (*LIBRARY, *PEERS)
SUMMARY_SENTENCES = 3


def sentences(n: int, data: Path = DATA) -> list[str]:
    """The first ``n`` non-blank body lines of the corpus, in file order."""
    lines: list[str] = []
    with data.open(encoding="utf-8") as handle:
        for record in handle:
            body = json.loads(record)["text"]
            lines.extend(" ".join(line.split()) for line in body.split("\n") if line.strip())
            if len(lines) >= n:
                return lines[:n]
    raise SystemExit(f"{data} has only {len(lines)} sentences, fewer than {n}")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_child(system: str, n: int, data: Path) -> dict[str, Any]:
    """In this (fresh) process: warm up, then time ``system`` on the N-sentence document."""
    document = sentences(n, data)
    # The last line has a sentence break inside it, so the warm-up loads the sentence splitter
    # too (the library only calls underthesea's splitter where a break could survive).
    warmup = [*sentences(20, data), "Khởi động. Mô hình được nạp một lần."]
    if system in LIBRARY:
        from summarize import Summarizer

        summarizer = Summarizer(**LIBRARY[system])  # type: ignore[arg-type]

        def run(doc: list[str]) -> int:
            return len(summarizer.summarize("\n".join(doc), sentences=SUMMARY_SENTENCES))

    else:
        sys.path.insert(0, str(HERE))
        from systems import build_systems  # type: ignore[import-not-found]

        select = build_systems(seed=0)[system].select

        def run(doc: list[str]) -> int:
            return len(select(doc, SUMMARY_SENTENCES, [], None))  # no references, no title

    run(warmup)
    warm_mb = _peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    chosen = run(document)
    seconds = time.perf_counter() - start
    # CPU seconds as well: on a machine other jobs share, wall time counts their turns too.
    return {"system": system, "n": n, "seconds": seconds, "cpu_s": time.process_time() - cpu,
            "peak_mb": _peak_mb(), "warm_mb": warm_mb, "chosen": chosen}


def measure(system: str, n: int, data: Path, cap: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", system, str(n), "--data", str(data)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=2 * cap + 60, check=False
        )
    except subprocess.TimeoutExpired:
        return {"system": system, "n": n, "seconds": None, "timeout": 2 * cap + 60}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return {"system": system, "n": n, "seconds": None, "error": tail[0]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(results: list[dict[str, Any]], systems: list[str], sizes: list[int]) -> str:
    """Markdown: one row per length, time and peak memory per system."""
    by_key = {(r["system"], r["n"]): r for r in results}
    head = "| sentences | " + " | ".join(systems) + " |"
    rule = "|---:|" + "---:|" * len(systems)
    rows = [head, rule]
    for n in sizes:
        cells = []
        for system in systems:
            r = by_key.get((system, n))
            if r is None:
                cells.append("–")
            elif r.get("seconds") is None:
                cells.append(f"> {r['timeout']:.0f} s" if "timeout" in r else "error")
            else:
                cpu = f" ({r['cpu_s']:.2f} CPU)" if "cpu_s" in r else ""
                cells.append(f"{r['seconds']:.2f} s{cpu} / {r['peak_mb']:.0f} MB")
        rows.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def plot(results: list[dict[str, Any]], systems: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for system in systems:
        done = [r for r in results if r["system"] == system and r.get("seconds") is not None]
        if not done:
            continue
        xs = [r["n"] for r in done]
        left.plot(xs, [r["seconds"] for r in done], marker="o", label=system)
        right.plot(xs, [r["peak_mb"] for r in done], marker="o", label=system)
    for axis, label in ((left, "seconds per document"), (right, "peak memory (MB)")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("sentences in the document")
        axis.set_ylabel(label)
        axis.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--cap", type=float, default=60.0, help="seconds; larger N skipped")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--plot", type=Path, help="write a PNG plot here")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument(
        "--from-json", type=Path, nargs="+", help="no runs: table and plot from saved results"
    )
    parser.add_argument("--child", nargs=2, metavar=("SYSTEM", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], int(args.child[1]), args.data)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    systems = [s for s in args.systems.split(",") if s]
    if args.from_json:
        saved = [r for path in args.from_json for r in json.loads(path.read_text("utf-8"))]
        shown = [s for s in systems if any(r["system"] == s for r in saved)]
        print(table(saved, shown, sizes))
        if args.plot:
            plot(saved, shown, args.plot)
        return
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems {sorted(unknown)}; known: {', '.join(SYSTEMS)}")
    results: list[dict[str, Any]] = []
    for system in systems:
        for n in sizes:
            result = measure(system, n, args.data, args.cap)
            results.append(result)
            shown = (
                "stopped"
                if result.get("seconds") is None
                else f"{result['seconds']:.2f} s, {result['cpu_s']:.2f} CPU s"
            )
            print(f"{system:20} {n:>6}: {shown}  {result.get('peak_mb', 0):.0f} MB",
                  file=sys.stderr, flush=True)
            if result.get("seconds") is None or result["seconds"] > args.cap:
                break  # larger documents would only take longer
    print(table(results, systems, sizes))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.plot:
        plot(results, systems, args.plot)


if __name__ == "__main__":
    main()
