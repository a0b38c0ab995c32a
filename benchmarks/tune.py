"""Grid search of the ranking weights on a tuning split; reproduces the shipped defaults.

    python benchmarks/tune.py --data ../shared/data/vietnews/val.jsonl --offset 10000 --limit 2000

Articles 10,000-11,999 of the deduplicated VietNews validation split are the tuning part; the
reported table (docs/benchmarks.md) uses articles 0-1,999, never looked at while tuning.
Each article is segmented, cleaned and tokenized once through the library's own stages; then
every grid point re-ranks (``rank.directed_centrality`` + ``rank.with_priors``) and re-selects
(``select.select``) and is scored with syllable ROUGE-1/2 F1 (the fast counters of
``rouge.py``; the benchmark's rouge-score numbers agree to the second decimal).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from corpus import dedupe, line_sentences, read_examples, select
from rouge import ngram_counts, ngram_f1, tokenize_syllables
from tqdm import tqdm

from summarize import rank, tokenize
from summarize.noise import detect_noise, syllable_count
from summarize.segment import segment
from summarize.select import Budget
from summarize.select import select as choose
from summarize.vectorize import tfidf

GRID = {
    "backward": (-0.75, -0.5, -0.25),
    "position": (0.3, 0.5, 0.8),
    "length": (-0.55, -0.45, -0.3),
    "title": (0.0, 1.5, 2.5, 3.5, 5.0),
    "diversity": (0.1, 0.3),
}


@dataclass(frozen=True)
class Prepared:
    """One article, reduced to what the ranking needs."""

    sentences: tuple[str, ...]
    graph: sp.csr_matrix
    lengths: np.ndarray
    title_similarity: np.ndarray
    reference: list[str]


def prepare(body: str, reference: str, title: str | None) -> Prepared | None:
    text = "\n".join(line_sentences(body))
    seg = segment(text, split="lines")
    noise = detect_noise(text, seg)
    content = [
        text[s.start : s.end]
        for s, r in zip(noise.sentences, noise.reasons, strict=True)
        if r is None
    ]
    if not content:
        return None
    # As Summarizer._rank does: the title is one more row for IDF, then leaves the graph.
    vectors = tfidf(tokenize.tokenize([*content, title or ""], "word"))
    title_similarity = np.asarray((vectors[:-1] @ vectors[-1].T).todense()).ravel()
    graph = rank.similarity_graph(vectors[:-1])
    lengths = np.array([syllable_count(s) for s in content], dtype=np.float64)
    return Prepared(tuple(content), graph, lengths, title_similarity, tokenize_syllables(reference))


def rouge12(doc: Prepared, chosen: tuple[int, ...]) -> tuple[float, float]:
    candidate = tokenize_syllables(" ".join(doc.sentences[i] for i in chosen))
    ref = doc.reference
    return (
        ngram_f1(ngram_counts(candidate, 1), ngram_counts(ref, 1)),
        ngram_f1(ngram_counts(candidate, 2), ngram_counts(ref, 2)),
    )


def evaluate(
    docs: list[Prepared],
    backward: float,
    position: float,
    length: float,
    title: float,
    diversity: float,
    k: int,
) -> tuple[float, float]:
    r1 = r2 = 0.0
    for doc in docs:
        centrality = rank.directed_centrality(doc.graph, backward=backward)
        scores = rank.with_priors(
            centrality,
            doc.lengths,
            position_weight=position,
            length_weight=length,
            query_similarity=doc.title_similarity,
            query_weight=title,
        )
        chosen = choose(
            scores,
            doc.graph,
            [True] * len(scores),
            list(doc.lengths.astype(int)),
            Budget(sentences=k),
            diversity=diversity,
        )
        a, b = rouge12(doc, chosen)
        r1, r2 = r1 + a, r2 + b
    return 100 * r1 / len(docs), 100 * r2 / len(docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--offset", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=2_000)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--top", type=int, default=10, help="rows of the table")
    args = parser.parse_args(argv)
    examples = select(dedupe(read_examples(args.data, "vietnews")), args.offset, args.limit)
    docs = [
        d
        for d in (
            prepare(e.text, e.references[0], e.title)
            for e in tqdm(examples, desc="prepare", file=sys.stderr)
        )
        if d is not None
    ]
    lead = sum(rouge12(d, tuple(range(min(args.k, len(d.sentences)))))[1] for d in docs) / len(docs)
    rows = []
    for point in tqdm(list(itertools.product(*GRID.values())), desc="grid", file=sys.stderr):
        r1, r2 = evaluate(docs, *point, args.k)
        rows.append((r2, r1, *point))
    rows.sort(key=lambda row: (-row[0], -row[1]))
    print(f"{len(docs)} articles (offset {args.offset}); LEAD-{args.k} R-2 = {100 * lead:.2f}\n")
    print("| R-2 | R-1 | " + " | ".join(GRID) + " |")
    print("|---:" * (len(GRID) + 2) + "|")
    for r2, r1, *point in rows[: args.top]:
        print(f"| {r2:.2f} | {r1:.2f} | " + " | ".join(map(str, point)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
