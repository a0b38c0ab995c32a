"""Would a reader keep these sentences? The library, LEAD-3 and the peers on graded documents.

    python benchmarks/summary_eval.py --split fresh,heldout,dev,extra --k 3 --doc docs/benchmarks.md

For each system and document the chosen sentences are scored against the gradings of
``benchmarks/summary/`` (``../shared/summary/GUIDELINE.md``: 0 not summary material, 1
acceptable, 2 key; two per document in dev and held-out, one or two in extra), with the
relevance of a sentence the mean of its grades:

* **nDCG@k**: the relevance of the chosen set (taken in its best order) over the best
  possible set of the same size, with the usual log2 position discount; linear gains;
* **relevance**: the mean relevance of the chosen sentences;
* **junk**: the share of chosen sentences that every reader graded 0;
* **dangling**: the share of chosen sentences that a reader marked as unable to stand alone
  and whose sentence before was not chosen (the mean of the readers' shares); reported
  on all documents and on the news articles alone (``vietnews-val``).

Every system receives the same sentence list (``graded.py``); the library is given the
headline as ``title=`` where the document has one, as in the ROUGE benchmark.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import graded
import report
from systems import build_systems

SECTION = "Would a reader keep them?"
INTRO = """\
ROUGE against a news lead is one measure; the other is whether each chosen sentence is one a
reader would put in a short summary, and whether it stands on its own. Independent readers
graded every sentence of the documents of `benchmarks/summary/` by the project's grading
guideline (kept with the research data, not shipped: 0 not summary material, 1 acceptable, 2
key) and marked the sentences that cannot stand alone: two readers per document, except in
the extra set. **dev**: 40 VietNews validation articles labelled for the
sections, 20 report articles of the VietNews training split, the project's 4 examples and 30
news articles of the validation split; the worth model is trained and its weights chosen on it,
so its figures are in-sample. **extra**: 91 more report articles of the training split and 100
news articles of the validation split, graded once (28 of them twice, for the agreement), added
in a third round to train the worth model on more than the dev set: in-sample too. Out of
sample, before it was trained on, the dev-trained model scored nDCG@3 0.787, junk 10.3% and
dangling 7.1% on it. **held-out**: 20 other report articles of the training split and 20 news
articles of the validation split, picked by a fixed rule (`benchmarks/summary/make_documents.py`)
before any model was trained; scored once per round, three rounds running, so a second
held-out set was made: **fresh**, 24 more report articles of the training split (none the
section model learned from) and 24 news articles of the validation split, graded twice in the
third round and scored once, at its end.

Measures (`benchmarks/summary_eval.py`, every system given the same sentence list, the library
given the headline as `title=` as in the ROUGE tables): **nDCG@k** of the chosen set (in its
best order, linear gains) against the mean of the grades; **relevance**, the mean grade of
the chosen sentences; **junk**, the share of chosen sentences every reader graded 0;
**dangling**, the share of chosen sentences a reader marked as unable to stand alone whose
sentence before was not chosen (the mean over the readers), on all documents and on the
news articles alone. `summarize-noreader` is the library with the reader's view off. What the
reader's view costs in ROUGE, and why its weights are where they are, is in
[algorithm.md](algorithm.md#7-the-readers-view-worthpy).
"""

DEFAULT_SYSTEMS = "lead-3,summarize,summarize-syllable,summarize-noreader,sumy-lexrank,summa"


def ndcg(chosen: Sequence[int], relevance: Sequence[float], k: int) -> float:
    gains = sorted((relevance[i] for i in chosen), reverse=True)[:k]
    ideal = sorted(relevance, reverse=True)[: len(gains) or k]
    dcg = sum(g / math.log2(r + 2) for r, g in enumerate(gains))
    best = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / best if best > 0 else 1.0


def dangling_share(chosen: Sequence[int], doc: graded.GradedDocument) -> float:
    picked = set(chosen)
    shares = []
    for marks in doc.dangling:
        bad = sum(1 for i in chosen if i in marks and (i - 1) not in picked)
        shares.append(bad / len(chosen))
    return sum(shares) / len(shares)


def evaluate(
    docs: Sequence[graded.GradedDocument], select, k: int  # type: ignore[no-untyped-def]
) -> dict[str, float]:
    totals = {"ndcg": 0.0, "relevance": 0.0, "junk": 0.0, "dangling": 0.0, "chosen": 0.0}
    news = {"dangling": 0.0, "chosen": 0.0}
    for doc in docs:
        chosen = select(list(doc.sentences), k, (), doc.title)
        if not chosen:
            continue
        relevance = doc.relevance
        totals["ndcg"] += ndcg(chosen, relevance, k)
        totals["relevance"] += sum(relevance[i] for i in chosen)
        totals["junk"] += sum(1 for i in chosen if all(g[i] == 0 for g in doc.grades))
        dangling = dangling_share(chosen, doc) * len(chosen)
        totals["dangling"] += dangling
        totals["chosen"] += len(chosen)
        if doc.source == "vietnews-val":
            news["dangling"] += dangling
            news["chosen"] += len(chosen)
    n = totals["chosen"] or 1.0
    return {
        "ndcg": totals["ndcg"] / max(1, len(docs)),
        "relevance": totals["relevance"] / n,
        "junk": totals["junk"] / n,
        "dangling": totals["dangling"] / n,
        "dangling_news": news["dangling"] / news["chosen"] if news["chosen"] else float("nan"),
        "documents": len(docs),
    }


def agreement(docs: Sequence[graded.GradedDocument]) -> dict[str, float]:
    """Exact agreement, Cohen's quadratic-weighted kappa of the two passes, and the agreement
    on which sentences are key (grade 2)."""
    twice = [d for d in docs if len(d.grades) == 2]
    pairs = [(d.grades[0][i], d.grades[1][i]) for d in twice for i in range(len(d.sentences))]
    if not pairs:
        return {}
    n = len(pairs)
    exact = sum(a == b for a, b in pairs) / n
    pa = [sum(a == v for a, _ in pairs) / n for v in range(3)]
    pb = [sum(b == v for _, b in pairs) / n for v in range(3)]
    weight = [[(i - j) ** 2 / 4 for j in range(3)] for i in range(3)]
    observed = sum(weight[a][b] for a, b in pairs) / n
    expected = sum(weight[i][j] * pa[i] * pb[j] for i in range(3) for j in range(3))
    kappa = 1 - observed / expected if expected else 1.0
    key_a, key_b = ({(d.id, i) for d in twice for i, g in enumerate(d.grades[p]) if g == 2}
                    for p in (0, 1))
    key_f1 = 2 * len(key_a & key_b) / (len(key_a) + len(key_b)) if key_a or key_b else 1.0
    return {"sentences": n, "exact": exact, "kappa": kappa, "key_f1": key_f1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev",
                        help="dev, extra, heldout, fresh, or several: fresh,heldout,dev,extra")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--systems", default=DEFAULT_SYSTEMS)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--doc", type=Path, help=f"write the section '{SECTION}' of this page")
    args = parser.parse_args(argv)
    splits = args.split.split(",")
    bad = [split for split in splits if split not in graded.SPLITS]
    if bad:
        parser.error(f"unknown split(s) {', '.join(bad)}; choose from {', '.join(graded.SPLITS)}")
    built = build_systems(0)
    systems = {name: system.select for name, system in built.items()}
    names = args.systems.split(",")
    unknown = [name for name in names if name not in systems]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(systems)}")
    command = "PYTHONHASHSEED=0 python benchmarks/summary_eval.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    body = [f"## {SECTION}", "", "Regenerate (from the repository root):", "", "```sh",
            command, "```", "", INTRO]  # fmt: skip
    results: dict[str, dict[str, object]] = {}
    for split in splits:
        docs = graded.load(split, args.data)
        agree = agreement(docs)
        heading = (f"**{split}**: {len(docs)} documents, {agree.get('sentences', 0):,} "
                   f"sentences graded twice; the readers' exact agreement "
                   f"{agree.get('exact', 0):.2f}, quadratic-weighted kappa "
                   f"{agree.get('kappa', 0):.2f}, key-sentence F1 "
                   f"{agree.get('key_f1', 0):.2f}.")
        table = [
            f"| system | nDCG@{args.k} | relevance (0-2) | junk | dangling | dangling (news) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        results[split] = {"agreement": agree}
        for name in names:
            r = evaluate(docs, systems[name], args.k)
            results[split][name] = r
            table.append(f"| {name} | {r['ndcg']:.3f} | {r['relevance']:.2f} | {r['junk']:.1%} | "
                         f"{r['dangling']:.1%} | {r['dangling_news']:.1%} |")
        print(heading + "\n\n" + "\n".join(table) + "\n")
        body += [heading, "", *table, ""]
    if args.json:
        args.json.write_text(json.dumps({"k": args.k, "results": results}, indent=2) + "\n")
    if args.doc:
        descriptions = {name: system.description for name, system in built.items()}
        report.write_doc(args.doc, SECTION, "\n".join(body), descriptions, keep_others=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
