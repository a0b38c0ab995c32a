"""Where the time goes: per-stage wall time of ``summarize`` over VietNews articles.

Each pipeline stage is wrapped with a timer (no profiler, so Python-heavy stages are not
inflated); nested stages are reported exclusive of their children. Word segmentation is
underthesea's ``word_tokenize`` itself; sentence splitting is its ``sent_tokenize``.

    python benchmarks/stages.py --docs 200 [--tokenizer word|syllable] [--split auto|lines]
                                [--title] [--interleave]
    python benchmarks/stages.py --docs 300 --overhead [--repeats 3]

``--overhead`` answers "what does everything beyond word segmentation cost?" without wrapping
anything: per article, the full ``summarize`` call and ``word_tokenize`` alone on exactly the
sentences that call segments, alternated ``--repeats`` times, the minimum of each kept (robust
to a busy machine).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "vietnews" / "val.jsonl"

# (module, attribute, stage, parent stage or None). Each mode calls one of a stage's functions:
# word mode tokenize + tfidf_rows, syllable mode syllable_term_ids (terms as ids) + weigh.
STAGES: tuple[tuple[str, str, str, str | None], ...] = (
    ("summarize.summarizer", "normalize", "normalize", None),
    ("summarize.summarizer", "segment", "segment (our guards)", None),
    ("summarize.summarizer", "detect_noise", "noise", None),
    ("summarize.tokenize", "tokenize", "tokenize (our terms)", None),
    ("summarize.tokenize", "syllable_term_ids", "tokenize (our terms)", None),
    ("summarize.summarizer", "tfidf_rows", "tf-idf", None),
    ("summarize.summarizer", "weigh", "tf-idf", None),
    ("summarize.rank", "similarity_rows", "similarity graph", None),
    ("summarize.rank", "pagerank", "pagerank", None),
    ("summarize.summarizer", "select_rows", "select (MMR)", None),
    ("summarize.sections", "label", "sections", None),
    ("summarize.worth", "assess", "reader's view (worth)", None),
)
WORD_SEGMENTATION = "underthesea word_tokenize"
SENTENCE_SPLIT = "underthesea sent_tokenize"


def _timed(function: Callable[..., Any], name: str, totals: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start

    return wrapper


def instrument(totals: dict[str, float]) -> None:
    """Wrap every stage in place (for this process only)."""
    import importlib

    for module_name, attribute, stage, _ in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, attribute, _timed(getattr(module, attribute), stage, totals))
    tokenize = importlib.import_module("summarize.tokenize")
    segment = importlib.import_module("summarize.segment")
    word = _timed(tokenize._word_tokenize(), WORD_SEGMENTATION, totals)
    sent = _timed(segment._tokenizer(), SENTENCE_SPLIT, totals)
    tokenize._word_tokenize = lambda: word  # type: ignore[assignment]
    segment._tokenizer = lambda: sent  # type: ignore[assignment]


def overhead(texts: list[str], repeats: int) -> None:
    """Print full summarize time vs word_tokenize alone on the sentences it segments."""
    import functools

    import summarize.tokenize as tokenize
    from summarize import Summarizer

    summarizer = Summarizer(tokenizer="word")
    summarizer.summarize(texts[0])
    segmenter = tokenize._word_tokenize()
    segmented: list[list[str]] = []
    for text in texts:  # record what each call segments
        seen: list[str] = []
        spy = functools.partial(_record, segmenter, seen)
        tokenize._word_tokenize = lambda spy=spy: spy  # type: ignore[assignment,misc]
        summarizer.summarize(text)
        segmented.append(seen)
    tokenize._word_tokenize = lambda: segmenter  # type: ignore[assignment]
    alone = full = 0.0
    for text, sentences in zip(texts, segmented, strict=True):
        best_alone = best_full = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            for sentence in sentences:
                segmenter(sentence)
            best_alone = min(best_alone, time.perf_counter() - start)
            start = time.perf_counter()
            summarizer.summarize(text)
            best_full = min(best_full, time.perf_counter() - start)
        alone += best_alone
        full += best_full
    print(f"{len(texts)} articles, {sum(map(len, segmented))} sentences segmented: "
          f"word_tokenize alone {alone:.3f} s, full summarize {full:.3f} s")
    print(f"beyond word segmentation: {100 * (full / alone - 1):.1f}% on top of it")


def _record(segmenter: Callable[[str], Any], seen: list[str], sentence: str) -> Any:
    seen.append(sentence)
    return segmenter(sentence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--tokenizer", default="syllable")
    parser.add_argument("--split", default="auto", help="lines: one sentence per line")
    parser.add_argument("--title", action="store_true", help="pass each article's title")
    parser.add_argument("--overhead", action="store_true", help="see the module docstring")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="word-segment each article (untimed) before summarizing it, as a benchmark run "
        "does with its other rows: the caches are then cold, as there",
    )
    args = parser.parse_args()
    with args.data.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in islice(handle, args.docs)]
    texts = [record["text"] for record in records]
    titles = [record.get("title") if args.title else None for record in records]
    if args.overhead:
        overhead(texts, args.repeats)
        return

    from summarize import Summarizer

    summarizer = Summarizer(tokenizer=args.tokenizer, split=args.split)
    summarizer.summarize(texts[0])  # load the models outside the timing
    from underthesea import word_tokenize

    totals: dict[str, float] = defaultdict(float)
    instrument(totals)
    total = 0.0
    for text, title in zip(texts, titles, strict=True):
        if args.interleave:
            for line in text.split("\n"):
                word_tokenize(line)
            totals.pop(WORD_SEGMENTATION, None)
        start = time.perf_counter()
        summarizer.summarize(text, title=title)
        total += time.perf_counter() - start

    exclusive = dict(totals)
    if WORD_SEGMENTATION in exclusive:
        exclusive["tokenize (our terms)"] -= exclusive[WORD_SEGMENTATION]
    if SENTENCE_SPLIT in exclusive:
        exclusive["segment (our guards)"] -= exclusive[SENTENCE_SPLIT]
    stages = {s[2] for s in STAGES}
    exclusive["rest (assembly, lifting, sentences)"] = total - sum(totals[s] for s in stages)
    base = exclusive.get(WORD_SEGMENTATION, 0.0)
    print(f"{len(texts)} articles, tokenizer={args.tokenizer}, split={args.split}: {total:.3f} s, "
          f"{len(texts) / total:.1f} docs/s\n")
    print("| stage | seconds | share of total | vs word segmentation |")
    print("|---|---:|---:|---:|")
    for stage, seconds in sorted(exclusive.items(), key=lambda kv: -kv[1]):
        ratio = f"{100 * seconds / base:.1f}%" if base else "–"
        print(f"| {stage} | {seconds:.3f} | {100 * seconds / total:.1f}% | {ratio} |")
    if base:
        print(f"\nbeyond word segmentation: {100 * (total - base) / base:.1f}% on top of it")


if __name__ == "__main__":
    main()
