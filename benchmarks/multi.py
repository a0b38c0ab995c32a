"""The multi-document benchmark: one summary per cluster of articles, every system at one budget.

    python benchmarks/run.py --multi --format vims \\
        --data ../shared/data/vims-draft/vims_draft_clusters.jsonl --words 200
    python benchmarks/multi.py --format abmusu --data ../shared/data/abmusu/train.jsonl --tune

Every system gets the same sentences (each article split by the library's
``summarize.segment.sentence_spans``, whitespace collapsed) and the same budget in syllables.
The baselines and peers fill it the same way: sentences in the system's order of preference,
kept up to the first that would overflow the budget (the first one always), as the issue
defines lead round-robin; the library's selection is its own (``summarize.cover``: it passes
over a sentence that would overflow for one that fits). The summary lists the chosen sentences
in the system's output order (the library: by article, then position). Scores: ROUGE F1 with
the syllable tokenizer of ``rouge.py``, the mean over a cluster's references.

``--tune`` runs the grid of ``summarize.multi.ClusterWeights`` and
``summarize.cover.CoverWeights`` on the clusters given (the
analysis once per cluster, then every weight setting) and prints R-2 per setting, best last;
``--tune-words 190,250`` tunes on the mean R-2 over those budgets (the shipped weights:
``python benchmarks/multi.py --format abmusu --data ../shared/data/abmusu/train.jsonl --tune
--tune-with vims:../shared/data/vims-draft/vims_draft_clusters.jsonl:0-150 --tune-words
190,250``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

import corpus
import report
from rouge import (
    ROUGE_TYPES,
    bootstrap_ci,
    make_scorer,
    ngram_counts,
    ngram_f1,
    reference_sentences,
    tokenize_syllables,
)
from systems import UndertheseaWords, stopwords

from summarize.multi import CLUSTER_MAX_SIMILARITY, CLUSTER_REPORT_WORTH, CLUSTER_WORDS

FORMATS = ("vims", "abmusu")


@dataclass(frozen=True)
class Cluster:
    """A cluster: its articles' titles and sentence lists, and the reference summaries."""

    id: str
    titles: tuple[str | None, ...]
    sentences: tuple[tuple[str, ...], ...]
    references: tuple[str, ...]


# A chosen sentence: (article, position in the article's sentence list).
Pick = tuple[int, int]
Selector = Callable[[Cluster, int], list[Pick]]


def read_clusters(path: Path, data_format: str) -> list[Cluster]:
    """The clusters of a ViMs or AbMuSu JSONL file, their articles split by the library."""
    from summarize.segment import sentence_spans

    clusters = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            record = json.loads(line)
            if data_format == "vims":
                docs = [(d.get("title") or None, d["text"]) for d in record["docs"]]
                references = [s["summary"] for s in record["summaries"]]
                name = str(record.get("id", number))
            else:  # raw_text only: anchor_text is the sapo the task distributes apart
                docs = [(d.get("title") or None, d["raw_text"]) for d in record["single_documents"]]
                references = [record["summary"]]
                name = str(number)
            split = [corpus.raw_sentences(text, sentence_spans) for _, text in docs]
            kept = [(title, s) for (title, _), s in zip(docs, split, strict=True) if s]
            references = [r for r in references if r.strip()]
            if kept and references:
                clusters.append(Cluster(name, tuple(t for t, _ in kept),
                                        tuple(s for _, s in kept), tuple(references)))
    return clusters


@cache
def _syllables(sentence: str) -> int:
    return len(tokenize_syllables(sentence))


def fit(order: Sequence[Pick], cluster: Cluster, words: int) -> list[Pick]:
    """The prefix of ``order`` within ``words`` syllables (its first pick at least)."""
    kept: list[Pick] = []
    total = 0
    for doc, index in order:
        total += _syllables(cluster.sentences[doc][index])
        if kept and total > words:
            break
        kept.append((doc, index))
    return kept


# --- the systems ---------------------------------------------------------------------------------


def lead_first(cluster: Cluster, words: int) -> list[Pick]:
    """The first sentence of every article (whatever the budget)."""
    return [(doc, 0) for doc in range(len(cluster.sentences))]


def _round_robin(cluster: Cluster) -> list[Pick]:
    """Sentence 1 of every article, then sentence 2 of every article, ..."""
    longest = max(map(len, cluster.sentences))
    return [(doc, position) for position in range(longest)
            for doc in range(len(cluster.sentences)) if position < len(cluster.sentences[doc])]


def lead_round_robin(cluster: Cluster, words: int) -> list[Pick]:
    """Sentence 1 of every article, then sentence 2 of every article, ..., up to the budget."""
    return fit(_round_robin(cluster), cluster, words)


def lead_round_robin_filled(cluster: Cluster, words: int) -> list[Pick]:
    """Lead round-robin filled as the library fills its budget: a sentence that would
    overflow is passed over for a later one that fits (the first one always)."""
    kept: list[Pick] = []
    total = 0
    for doc, position in _round_robin(cluster):
        length = _syllables(cluster.sentences[doc][position])
        if kept and total + length > words:
            continue
        kept.append((doc, position))
        total += length
    return kept


def oracle(cluster: Cluster, words: int) -> list[Pick]:
    """Greedily add the sentence that most raises ROUGE-1 + ROUGE-2 F1 (mean over references)
    while it fits the budget; stop when nothing fitting helps. Ties go to the earlier one."""
    flat = [(doc, i) for doc, sents in enumerate(cluster.sentences) for i in range(len(sents))]
    tokens = [tokenize_syllables(cluster.sentences[d][i]) for d, i in flat]
    refs = [tokenize_syllables(r) for r in cluster.references]
    ref_counts = [(ngram_counts(r, 1), ngram_counts(r, 2)) for r in refs]

    def objective(chosen: list[int]) -> float:
        candidate = [t for k in chosen for t in tokens[k]]
        one, two = ngram_counts(candidate, 1), ngram_counts(candidate, 2)
        return sum(ngram_f1(one, r1) + ngram_f1(two, r2) for r1, r2 in ref_counts) / len(refs)

    chosen: list[int] = []
    used, best = 0, 0.0
    while True:
        gains = [(objective([*chosen, k]), -k) for k in range(len(flat))
                 if k not in chosen and used + len(tokens[k]) <= words]
        if not gains:
            break
        score, negative = max(gains)
        if score <= best:
            break
        best, used = score, used + len(tokens[-negative])
        chosen.append(-negative)
    return [flat[k] for k in sorted(chosen)]


def lexrank_joined(cluster: Cluster, words: int) -> list[Pick]:
    """sumy's LexRank on the articles joined into one text: its ratings, best first, up to
    the budget; the summary in the joined text's order."""
    from sumy.models.dom import Sentence  # type: ignore[import-untyped]
    from sumy.nlp.stemmers import null_stemmer  # type: ignore[import-untyped]
    from sumy.summarizers.lex_rank import LexRankSummarizer  # type: ignore[import-untyped]

    flat = [(doc, i) for doc, sents in enumerate(cluster.sentences) for i in range(len(sents))]
    tokenizer = UndertheseaWords()
    objects = [Sentence(cluster.sentences[d][i], tokenizer) for d, i in flat]
    summarizer = LexRankSummarizer(null_stemmer)
    summarizer.stop_words = stopwords()
    # The steps of LexRankSummarizer.__call__, keeping the scores by position (sumy keys its
    # ratings by sentence text, so equal sentences would collide).
    bags = [summarizer._to_words_set(s) for s in objects]
    matrix = summarizer._create_matrix(bags, summarizer.threshold, summarizer._compute_tf(bags),
                                       summarizer._compute_idf(bags))
    scores = summarizer.power_method(matrix, summarizer.epsilon)
    order = sorted(range(len(flat)), key=lambda k: (-scores[k], k))
    return sorted(fit([flat[k] for k in order], cluster, words))


def library(preset: dict[str, Any]) -> Selector:
    """``summarize_documents`` with ``split="lines"`` on each article's sentences."""

    def select(cluster: Cluster, words: int) -> list[Pick]:
        from summarize.multi import summarize_documents

        texts = ["\n".join(sents) for sents in cluster.sentences]
        summary = summarize_documents(texts, titles=list(cluster.titles), words=words,
                                      split="lines", **preset)
        first = _firsts(summary)
        return [(s.document, s.index - first[s.document]) for s in summary.sentences]

    return select


def joined(cluster: Cluster, words: int) -> list[Pick]:
    """The single-document ``summarize`` on the articles joined into one text (what a user
    did before ``summarize_documents``)."""
    from summarize import summarize

    flat = [(doc, i) for doc, sents in enumerate(cluster.sentences) for i in range(len(sents))]
    text = "\n".join(s for sents in cluster.sentences for s in sents)
    summary = summarize(text, words=words, split="lines")
    return [flat[s.index] for s in summary.sentences]


def _firsts(summary: Any) -> dict[int, int]:
    first: dict[int, int] = {}
    for s in summary.all_sentences:
        first.setdefault(s.document, s.index)
    return first


SYSTEMS: dict[str, tuple[str, Selector]] = {
    "lead-first": ("the first sentence of every article, whatever the budget", lead_first),
    "lead-round-robin": ("sentence 1 of every article, then sentence 2, ..., up to the budget",
                         lead_round_robin),
    "lead-round-robin-filled": ("the same order, passing over a sentence that would overflow "
                                "for a later one that fits, as the library fills its budget",
                                lead_round_robin_filled),
    "oracle": ("greedy extractive oracle within the budget (ROUGE-1 + ROUGE-2 F1 against the "
               "references): the extractive ceiling", oracle),
    "sumy-lexrank-joined": ("sumy's LexRank on the articles joined into one text, best rated "
                            "first up to the budget", lexrank_joined),
    "summarize-joined": ("the library's single-document `summarize` on the joined text, "
                         "`words=` the budget", joined),
    "summarize_documents": ("`summarize_documents(articles, titles=..., words=budget)`, default "
                            "options", library({})),
    "summarize_documents-word": ("the same, `tokenizer=\"word\"` (underthesea words)",
                                 library({"tokenizer": "word"})),
    "summarize_documents-syllable": ("the same, `tokenizer=\"syllable\"` (syllable n-grams)",
                                     library({"tokenizer": "syllable"})),
}


# --- scoring and the report ----------------------------------------------------------------------


@cache
def _reference_lines(reference: str) -> str:
    return "\n".join(reference_sentences(reference))


def score(cluster: Cluster, picks: Sequence[Pick], scorer: Any) -> dict[str, float]:
    """ROUGE F1 ×100 of the picked sentences (one per line), the mean over the references."""
    candidate = "\n".join(cluster.sentences[d][i] for d, i in picks)
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for reference in cluster.references:
        values = scorer.score(_reference_lines(reference), candidate)
        for rouge_type in ROUGE_TYPES:
            totals[rouge_type] += values[rouge_type].fmeasure
    return {t: 100 * v / len(cluster.references) for t, v in totals.items()}


def evaluate(clusters: Sequence[Cluster], names: Sequence[str], words: int,
             seed: int) -> dict[str, dict[str, Any]]:
    """Every system on every cluster: mean ROUGE with bootstrap CIs, length, time."""
    scorer = make_scorer()
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        _, selector = SYSTEMS[name]
        selector(clusters[0], words)  # the warm-up call loads models; untimed
        values: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
        lengths, counts, seconds = [], [], 0.0
        for cluster in clusters:
            start = time.perf_counter()
            picks = selector(cluster, words)
            seconds += time.perf_counter() - start
            for rouge_type, value in score(cluster, picks, scorer).items():
                values[rouge_type].append(value)
            lengths.append(sum(_syllables(cluster.sentences[d][i]) for d, i in picks))
            counts.append(len(picks))
        result: dict[str, Any] = {}
        for rouge_type in ROUGE_TYPES:
            result[rouge_type] = sum(values[rouge_type]) / len(clusters)
            result[f"{rouge_type}_ci"] = list(bootstrap_ci(values[rouge_type], seed=seed))
        result["syllables"] = sum(lengths) / len(clusters)
        result["sentences"] = sum(counts) / len(clusters)
        result["clusters_per_s"] = len(clusters) / max(seconds, 1e-9)
        result["per_cluster"] = values["rouge2"]
        results[name] = result
        print(f"{name}: R-2 {result['rouge2']:.2f}", file=sys.stderr)
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    """The Markdown table: ROUGE F1 ×100 as "mean ± half the 95% CI"."""
    lines = ["| system | R-1 | R-2 | R-Lsum | syllables | sentences | clusters/s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        cells = [report._with_ci(r, t) for t in ROUGE_TYPES]
        lines.append(f"| {name} | {' | '.join(cells)} | {r['syllables']:.0f} | "
                     f"{r['sentences']:.2f} | {report._rate(r['clusters_per_s'])} |")
    return "\n".join(lines)


def section(title: str, payload: dict[str, Any]) -> str:
    """The docs section of one run: command, data, budget, machine, table, rows."""
    m = payload["machine"]
    rows = "\n".join(f"| `{name}` | {SYSTEMS[name][0]} |" for name in payload["systems"])
    return "\n".join([
        f"## {title}", "", "Regenerate (from the repository root):", "", "```sh",
        payload["command"], "```", "",
        f"- Date: {payload['date']}; wall time {payload['wall_s']:.0f} s.",
        f"- Data: `{payload['data']}` ({payload['format']}): n = {payload['n']} clusters, "
        f"{payload['articles']} articles; each article split by "
        "`summarize.segment.sentence_spans`; titles given to the library as `titles=`.",
        f"- Budget: {payload['words']} syllables for every system (kept up to the first "
        "sentence that would overflow it; lead-first takes one sentence per article; the "
        "library passes over a sentence that would overflow for one that fits).",
        f"- Machine: {m['cpu']}, {m['logical_cores']} logical cores, Python {m['python']}; "
        f"summarize {m['summarize']} (commit {m['commit']}).",
        "", table(payload["systems"]), "", "| row | meaning |", "|---|---|", rows, "",
    ])


def write_section(path: Path, title: str, body: str) -> None:
    """Set section ``title`` of the docs page to ``body``, keeping the rest of the page (a new
    section goes before "What each row is", among the other generated sections)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"<!-- section: {title} -->\n{body}<!-- end section -->\n"
    pattern = re.compile(rf"<!-- section: {re.escape(title)} -->\n.*?<!-- end section -->\n",
                         re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    elif "## What each row is" in text:
        at = text.index("## What each row is")
        text = text[:at] + block + "\n" + text[at:]
    else:
        text += "\n" + block
    path.write_text(text, encoding="utf-8")


# --- tuning --------------------------------------------------------------------------------------

GRID = {
    "within": (0.0, 0.25, 0.5),
    "across": (0.25, 0.5, 0.75, 1.0),
    "position": (0.25, 0.5, 0.75, 1.0),
    "length": (-0.3, -0.15, 0.0),
    "title": (1.0, 1.5, 2.0, 3.0),
    "document": (0.0, 0.25, 0.5, 0.75, 1.0),
    "cover.lead": (1.0, 2.0, 3.0, 5.0),
    "cover.single_source": (0.3, 0.45, 0.6, 0.8),
    "cover.title": (0.0, 0.25, 0.5),
    "cover.salience": (2.0, 3.0, 4.0, 6.0),
}
ROUNDS = 2


def _analysed(clusters: Sequence[Cluster], preset: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The library's options and, per cluster, its analysis and reference bigram counts (the
    stages that do not depend on the weights or the budget, run once)."""
    from summarize.multi import analyse
    from summarize.summarizer import Summarizer

    opts = Summarizer(split="lines", **preset).options
    analysed = []
    for cluster in clusters:
        texts = ["\n".join(sents) for sents in cluster.sentences]
        refs = [ngram_counts(tokenize_syllables(r), 2) for r in cluster.references]
        analysed.append((analyse(texts, list(cluster.titles), opts), refs))
    return opts, analysed


def _r2(analysed: Sequence[Any], words: int, opts: Any, weights: tuple[Any, Any]) -> list[float]:
    """R-2 F1 ×100 of the library's summary of each analysed cluster (its sentences' text)."""
    from summarize.multi import choose
    from summarize.select import Budget

    values = []
    for analysis, refs in analysed:
        summary = choose(analysis, Budget(words=words), opts, *weights)
        bigrams = ngram_counts(tokenize_syllables(" \n".join(s.text for s in summary)), 2)
        values.append(100 * sum(ngram_f1(bigrams, r) for r in refs) / len(refs))
    return values


def tune(clusters: Sequence[Cluster], budgets: Sequence[int], preset: dict[str, Any]) -> None:
    """Coordinate ascent over ``GRID`` from the shipped weights (each weight in turn set to
    its best value, ``ROUNDS`` times), on mean R-2 F1 over the clusters and ``budgets``;
    prints every step. A ``cover.`` name is a weight of ``summarize.cover.CoverWeights``,
    any other one of ``summarize.multi.ClusterWeights``."""
    from summarize import cover
    from summarize.multi import WEIGHTS

    opts, analysed = _analysed(clusters, preset)

    def objective(weights: tuple[Any, Any]) -> float:
        values = [v for words in budgets for v in _r2(analysed, words, opts, weights)]
        return sum(values) / len(values)

    best: tuple[Any, Any] = (WEIGHTS, cover.WEIGHTS)
    best_value = objective(best)
    print(f"start {best_value:.2f} {best}", flush=True)
    for _ in range(ROUNDS):
        for name, values in GRID.items():
            for value in values:
                if name.startswith("cover."):
                    weights = (best[0], replace(best[1], **{name[6:]: value}))
                else:
                    weights = (replace(best[0], **{name: value}), best[1])
                if weights == best:
                    continue
                found = objective(weights)
                if found > best_value:
                    best, best_value = weights, found
            print(f"{name}: {best_value:.2f} {best}", flush=True)


# What each part of the method adds: (row, score weights, objective weights, options).
ABLATIONS: tuple[tuple[str, dict[str, float], dict[str, float], dict[str, Any]], ...] = (
    ("**shipped**", {}, {}, {}),
    ("without within-article centrality", {"within": 0.0}, {}, {}),
    ("without the cross-article votes", {"across": 0.0}, {}, {}),
    ("without the lead prior (score)", {"position": 0.0}, {}, {}),
    ("without the titles (score)", {"title": 0.0}, {}, {}),
    ("without the article prior", {"document": 0.0}, {}, {}),
    ("concepts: no lead weighting (`lead` 0)", {}, {"lead": 0.0}, {}),
    ("concepts: one article's as much as several's (`single_source` 1)", {},
     {"single_source": 1.0}, {}),
    ("concepts: no title weighting (`title` 0)", {}, {"title": 0.0}, {}),
    ("coverage only (`salience` 0)", {}, {"salience": 0.0}, {}),
    ("the score only (`salience` 10^6: concepts break ties)", {}, {"salience": 1e6}, {}),
    ("`max_similarity` 0.7", {}, {}, {"max_similarity": 0.7}),
    ("no near-duplicate cap (`max_similarity` 1)", {}, {}, {"max_similarity": 1.0}),
    ("`coherence=False`", {}, {}, {"coherence": False}),
    ("the report grade on labelled articles (`report_worth` 1.2)", {}, {},
     {"report_worth": 1.2}),
)


def ablate(sets: Sequence[tuple[str, Sequence[Cluster]]], budgets: Sequence[int],
           preset: dict[str, Any]) -> str:
    """The Markdown table of ``ABLATIONS`` and lead round-robin: R-2 F1 ×100 per budget, over
    all the clusters and per set."""
    from summarize import cover
    from summarize.multi import WEIGHTS

    prepared = [(name, *_analysed(clusters, preset), clusters) for name, clusters in sets]
    header = " | ".join(f"{w}: all {sum(len(c) for _, c in sets)}"
                        + "".join(f" | {name}" for name, _ in sets) for w in budgets)
    lines = [f"| variant | {header} |", "|---|" + "---:|" * (len(budgets) * (len(sets) + 1))]

    def row(label: str, per_set: Callable[[Any, list[Any], Sequence[Cluster], int],
                                          list[float]]) -> None:
        cells = []
        for words in budgets:
            values = [per_set(opts, analysed, clusters, words)
                      for _, opts, analysed, clusters in prepared]
            pooled = [v for vs in values for v in vs]
            cells += [sum(pooled) / len(pooled), *(sum(vs) / len(vs) for vs in values)]
        lines.append(f"| {label} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
        print(lines[-1], file=sys.stderr, flush=True)

    scorer = make_scorer()
    row("lead round-robin (the baseline)", lambda _o, _a, clusters, words: [
        score(c, lead_round_robin(c, words), scorer)["rouge2"] for c in clusters])
    for label, score_weights, cover_weights, options in ABLATIONS:
        weights = (replace(WEIGHTS, **score_weights), replace(cover.WEIGHTS, **cover_weights))
        row(label, lambda opts, analysed, _c, words: _r2(
            analysed, words, replace(opts, **options), weights))  # noqa: B023
    return "\n".join(lines)


# --- speed --------------------------------------------------------------------------------------


def speed(path: Path, data_format: str, articles: int, repeats: int = 3) -> None:
    """Time ``summarize_documents`` in the fast mode on one cluster of the first ``articles``
    articles of the file (raw texts, titles given), the median of ``repeats`` runs after a
    warm-up; and the single-document ``summarize`` on the same articles joined, as a ratio
    within this run (the machine is shared)."""
    from summarize import summarize
    from summarize.multi import summarize_documents

    texts: list[str] = []
    titles: list[str | None] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            docs = record["docs"] if data_format == "vims" else record["single_documents"]
            for d in docs:
                texts.append(d["text"] if data_format == "vims" else d["raw_text"])
                titles.append(d.get("title") or None)
            if len(texts) >= articles:
                break
    texts, titles = texts[:articles], titles[:articles]

    def median_seconds(call: Callable[[], Any]) -> float:
        call()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2]

    fast = {"tokenizer": "syllable"}
    cluster = median_seconds(lambda: summarize_documents(texts, titles=titles, **fast))
    joined_text = "\n\n".join(texts)
    single = median_seconds(lambda: summarize(joined_text, words=CLUSTER_WORDS, **fast))
    syllables = sum(len(tokenize_syllables(t)) for t in texts)
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters, {syllables:,} syllables")
    print(f"summarize_documents(tokenizer='syllable'): {cluster:.2f} s (median of {repeats})")
    print(f"summarize(joined, tokenizer='syllable'): {single:.2f} s; ratio {cluster / single:.2f}")


# --- the command line ----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--multi", action="store_true", help=argparse.SUPPRESS)  # from run.py
    parser.add_argument("--data", type=Path, required=True, help="JSONL file of clusters")
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--offset", type=int, default=0, help="skip this many clusters first")
    parser.add_argument("--limit", type=int, help="number of clusters (default: all)")
    parser.add_argument("--words", type=int, default=CLUSTER_WORDS,
                        help=f"budget in syllables (default: {CLUSTER_WORDS}, the library's)")
    parser.add_argument("--systems", help="comma-separated rows (default: all)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    parser.add_argument("--tune", action="store_true", help="grid-search the cluster weights")
    parser.add_argument("--tune-with", action="append", metavar="FORMAT:PATH:FROM-TO",
                        help="more clusters to tune on, e.g. vims:path:0-150")
    parser.add_argument("--tune-words", metavar="W1,W2",
                        help="tune on the mean over these budgets (default: --words)")
    parser.add_argument("--ablate", action="store_true",
                        help="print what each part of the method adds, on the clusters given "
                             "and --tune-with, over --tune-words")
    parser.add_argument("--speed", type=int, metavar="ARTICLES",
                        help="time one cluster of this many articles in the fast mode")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--doc", type=Path, help="docs page to write the section into")
    parser.add_argument("--section", help="docs section title (with --doc)")
    args = parser.parse_args(argv)
    if args.doc and not args.section:
        parser.error("--doc needs --section")
    return args


def _set_name(path: Path, low: int, count: int, *, ranged: bool) -> str:
    """A column name for a tuning set: its file, and the clusters taken if not all of it."""
    return f"{path.stem} {low}-{low + count - 1}" if ranged else path.stem


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    started = time.perf_counter()
    if args.speed:
        speed(args.data, args.format, args.speed)
        return 0
    clusters = read_clusters(args.data, args.format)
    end = None if args.limit is None else args.offset + args.limit
    clusters = clusters[args.offset:end]
    if not clusters:
        print(f"error: no clusters in {args.data}", file=sys.stderr)
        return 2
    if args.tune or args.ablate:
        ranged = args.offset > 0 or args.limit is not None
        sets = [(_set_name(args.data, args.offset, len(clusters), ranged=ranged), clusters)]
        for extra in args.tune_with or ():
            more_format, more_path, more_range = extra.split(":")
            low, high = map(int, more_range.split("-"))
            more = read_clusters(Path(more_path), more_format)[low:high]
            sets.append((_set_name(Path(more_path), low, len(more), ranged=True), more))
        budgets = [int(w) for w in args.tune_words.split(",")] if args.tune_words else [args.words]
        preset = {"max_similarity": CLUSTER_MAX_SIMILARITY, "report_worth": CLUSTER_REPORT_WORTH}
        if args.ablate:
            print(ablate(sets, budgets, preset))
        else:
            tune([c for _, more in sets for c in more], budgets, preset)
        return 0
    names = list(SYSTEMS) if args.systems is None else args.systems.split(",")
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        print(f"error: unknown system(s) {', '.join(unknown)}; systems are {', '.join(SYSTEMS)}",
              file=sys.stderr)
        return 2
    results = evaluate(clusters, names, args.words, args.seed)
    prefix = [f"PYTHONHASHSEED={s}"] if (s := os.environ.get("PYTHONHASHSEED")) else []
    payload: dict[str, Any] = {
        "systems": results, "data": str(args.data), "format": args.format, "n": len(clusters),
        "articles": sum(len(c.sentences) for c in clusters), "words": args.words,
        "offset": args.offset, "limit": args.limit,
        "command": shlex.join([*prefix, "python", "benchmarks/run.py", *argv])
        if args.multi else shlex.join([*prefix, "python", "benchmarks/multi.py", *argv]),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": report.machine(), "wall_s": time.perf_counter() - started,
    }
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    if args.doc:
        write_section(args.doc, args.section, section(args.section, payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
