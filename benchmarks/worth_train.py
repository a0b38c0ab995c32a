"""Train the summary-worthiness model (``summarize/data/worth_model.tsv``) on the graded sets.

    python benchmarks/worth_train.py            # write the model
    python benchmarks/worth_train.py --check    # retrain and compare with the shipped file

Each content sentence of each graded development and extra document (``benchmarks/summary/``:
94 documents graded twice, 191 graded once) is one
example per grading pass: its features (:func:`summarize.worth.features`, with its ranking score
from the library run without the worth model) and two targets: grade >= 1 ("useful") and
grade = 2 ("key"). Two L2-regularised logistic regressions (scikit-learn, liblinear, fixed
seed) give the two columns of weights. Cross-validated (by document) log-loss and the shipped
weights are printed; the held-out split is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import graded
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from summarize import Summarizer, worth

MODEL = Path(__file__).resolve().parent.parent / "summarize" / "data" / "worth_model.tsv"
C = 0.5
# The graded sets the model learns from: the development set (graded twice) and the extra set
# (graded once); never the held-out one.
TRAINING = ("dev", "extra")


def examples(
    data: Path, splits: tuple[str, ...] = ("dev",)
) -> tuple[list[dict[str, float]], list[int], list[int], list[str]]:
    rows: list[dict[str, float]] = []
    useful: list[int] = []
    key: list[int] = []
    groups: list[str] = []
    # The ranking scores (a feature) are the default tokenizer's, as at run time.
    base = Summarizer(split="lines", worth=0.0, report_worth=0.0, coherence=False, coverage=0.0)
    for doc in [d for split in splits for d in graded.load(split, data)]:
        summary = base.summarize("\n".join(doc.sentences), sentences=3, title=doc.title)
        sentences = summary.all_sentences
        report = any(s.section is not None for s in sentences)
        position = 0
        for s in sentences:
            if s.noise is not None:
                continue
            found = worth.features(
                s.text, position=position, score=s.score, section=s.section, report=report,
                after_title=summary.title is not None,
            )
            position += 1
            for grades in doc.grades:
                rows.append(found)
                useful.append(int(grades[s.index] >= 1))
                key.append(int(grades[s.index] == 2))
                groups.append(doc.id)
    return rows, useful, key, groups


def matrix(rows: list[dict[str, float]]) -> np.ndarray:
    return np.array([[row.get(name, 0.0) for name in worth.FEATURES] for row in rows])


def fit(x: np.ndarray, y: list[int]) -> LogisticRegression:
    # One BLAS thread: the fitted weights must not depend on the machine's thread count
    # (--check compares them to four decimals).
    with threadpool_limits(limits=1):
        return LogisticRegression(C=C, solver="liblinear", random_state=0).fit(x, y)


def train(data: Path, splits: tuple[str, ...] = TRAINING) -> worth.Model:
    rows, useful, key, groups = examples(data, splits)
    x = matrix(rows)
    for name, y in (("useful", useful), ("key", key)):
        losses = []
        for train_index, test_index in GroupKFold(n_splits=5).split(x, y, groups):
            model = fit(x[train_index], [y[i] for i in train_index])
            p = np.clip(model.predict_proba(x[test_index])[:, 1], 1e-6, 1 - 1e-6)
            t = np.array([y[i] for i in test_index])
            losses.append(float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))))
        rate = sum(y) / len(y)
        prior = -(rate * np.log(rate) + (1 - rate) * np.log(1 - rate))
        print(f"{name}: {len(y)} examples, {rate:.1%} positive; cross-validated log-loss "
              f"{np.mean(losses):.3f} (prior only {prior:.3f})", file=sys.stderr)
    a, b = fit(x, useful), fit(x, key)
    weights = {
        name: (round(float(wa), 4), round(float(wb), 4))
        for name, wa, wb in zip(worth.FEATURES, a.coef_[0], b.coef_[0], strict=True)
        if round(float(wa), 4) or round(float(wb), 4)
    }
    bias = (round(float(a.intercept_[0]), 4), round(float(b.intercept_[0]), 4))
    return worth.Model(weights, bias)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    args = parser.parse_args(argv)
    text = train(args.data, TRAINING).to_tsv()
    if args.check:
        same = MODEL.read_text(encoding="utf-8") == text
        print("the shipped model is reproduced" if same else "the shipped model DIFFERS")
        return 0 if same else 1
    MODEL.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
