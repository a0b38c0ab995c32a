"""Would a reader keep these sentences? The library, LEAD-3 and the peers on graded documents.

    python benchmarks/summary_eval.py --split heldout --k 3

For each system and document the chosen sentences are scored against the two gradings of
``benchmarks/summary/`` (``../shared/summary/GUIDELINE.md``: 0 not summary material, 1
acceptable, 2 key), with the relevance of a sentence the mean of its two grades:

* **nDCG@k**: the relevance of the chosen set (taken in its best order) over the best
  possible set of the same size, with the usual log2 position discount; linear gains;
* **relevance**: the mean relevance of the chosen sentences;
* **junk**: the share of chosen sentences that both readers graded 0;
* **dangling**: the share of chosen sentences that a reader marked as unable to stand alone
  and whose sentence before was not chosen (the mean of the two readers' shares); reported
  on all documents and on the news articles alone (``vietnews-val`` in the held-out split).

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
from systems import build_systems

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
    pairs = [(g[0][i], g[1][i]) for d in docs if len(d.grades) == 2 for g in [d.grades]
             for i in range(len(d.sentences))]  # fmt: skip
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
    key_a = {(d.id, i) for d in docs for i, g in enumerate(d.grades[0]) if g == 2}
    key_b = {(d.id, i) for d in docs if len(d.grades) == 2 for i, g in enumerate(d.grades[1])
             if g == 2}  # fmt: skip
    key_f1 = 2 * len(key_a & key_b) / (len(key_a) + len(key_b)) if key_a or key_b else 1.0
    return {"sentences": n, "exact": exact, "kappa": kappa, "key_f1": key_f1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=graded.SPLITS, default="dev")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--systems", default=DEFAULT_SYSTEMS)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    docs = graded.load(args.split, args.data)
    systems = {name: system.select for name, system in build_systems(0).items()}
    names = args.systems.split(",")
    unknown = [name for name in names if name not in systems]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(systems)}")
    agree = agreement(docs)
    print(f"{args.split}: {len(docs)} documents, {agree.get('sentences', 0)} sentences graded "
          f"twice; exact agreement {agree.get('exact', 0):.2f}, quadratic-weighted kappa "
          f"{agree.get('kappa', 0):.2f}, key-sentence F1 {agree.get('key_f1', 0):.2f}\n")
    print(f"| system | nDCG@{args.k} | relevance (0-2) | junk | dangling | dangling (news) |")
    print("|---|---:|---:|---:|---:|---:|")
    results = {}
    for name in names:
        r = evaluate(docs, systems[name], args.k)
        results[name] = r
        print(f"| {name} | {r['ndcg']:.3f} | {r['relevance']:.2f} | {r['junk']:.1%} | "
              f"{r['dangling']:.1%} | {r['dangling_news']:.1%} |")
    if args.json:
        args.json.write_text(json.dumps({"split": args.split, "k": args.k, "agreement": agree,
                                         "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
