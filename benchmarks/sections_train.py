"""Train the section labeller's word model, ``summarize/data/section_model.tsv``.

    python benchmarks/sections_train.py                 # write the model (all labelled data)
    python benchmarks/sections_train.py --check         # exit 1 if the shipped file differs
    python benchmarks/sections_train.py --cv 5          # cross-validate by document
    python benchmarks/sections_train.py --cv 5 --curve  # ... and the learning curve

The training data is the *labelled* split of ``sections_eval.py``: dev (annotators A, B and
C-K), extra (R-W) and train (the VietNews training-split reports, T1-T8); the held-out split
(annotators L-O) is never read here. Every labelled sentence the
labeller would label (not page furniture) is one example, with the features of
:func:`summarize.section_model.document_features`; features seen in fewer than ``MIN_COUNT``
sentences are dropped. The model is scikit-learn's multinomial logistic regression (L2,
``C``); the file keeps, per feature, each section's weight minus the weight of "other" (the
log-odds against no section), rounded to three decimals, and drops features whose every weight
is below ``MIN_WEIGHT``. The bias is the intercept less the prior log-odds of the training
labels (a scaled likelihood, as in hybrid HMMs): the labeller's passage state supplies the
prior. lbfgs on the same data, on one BLAS thread, gives the same weights, so the file is
reproducible byte for byte (``--check``), whatever the thread settings of the environment.

``--cv K`` scores the whole labeller (cues, passages and the report gate, with a model trained
on the other folds) by K-fold cross-validation over the labelled documents, beside the labeller
with no word model (the cue evidence alone, at the weights of the release before it) and the
keyword baseline, on all of them and on each split. ``--curve`` adds the learning curve: the
same folds, each model trained on a fixed share of its training documents (a quarter, half;
a document is in a share by a hash of its id, so the shares are nested).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import sections_eval as ev
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from summarize import section_model, sections

MODEL_PATH = Path(__file__).resolve().parent.parent / "summarize" / "data" / "section_model.tsv"
C = 0.3
MIN_COUNT = 2
MIN_WEIGHT = 0.02
OTHER = "other"
TRAINING_SPLITS = ("dev", "extra", "train")  # never "heldout"
CURVE = (0.25, 0.5)


def examples(docs: Sequence[ev.Document]) -> tuple[list[dict[str, float]], list[str]]:
    """The features and gold label of every sentence the labeller labels."""
    features: list[dict[str, float]] = []
    labels: list[str] = []
    for doc in docs:
        chain, views, _ = sections.chain_views(doc.sentences, doc.noise)
        gold = [doc.gold[i] for i in chain]
        for position, row in enumerate(section_model.document_features(views)):
            # Trained on the gold label before; the labeller's search tries every state.
            before = "start" if position == 0 else gold[position - 1] or "none"
            row.update(section_model.transition_features(before, views[position]))
            features.append(row)
        labels.extend(label or OTHER for label in gold)
    return features, labels


def train(docs: Sequence[ev.Document]) -> section_model.Model:
    features, labels = examples(docs)
    seen = Counter(name for row in features for name in row)
    features = [{k: v for k, v in row.items() if seen[k] >= MIN_COUNT} for row in features]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(features)
    clf = LogisticRegression(C=C, max_iter=5000)
    # One BLAS thread: lbfgs sums in an order that depends on the thread count, and a last-digit
    # difference can move a rounded weight, so the file would depend on the machine and on
    # OPENBLAS_NUM_THREADS (which Dask's workers set to 1 in the test process).
    with threadpool_limits(limits=1):
        clf.fit(matrix, labels)
    classes = list(clf.classes_)
    other = classes.index(OTHER)
    order = [classes.index(k) for k in sections.LABELS]
    coef = clf.coef_[order] - clf.coef_[other]  # sections x features: log-odds against other
    # The scaled likelihood of hybrid HMMs: the log-odds minus the prior log-odds of the
    # training labels, so the passage state, not the class frequencies, supplies the prior.
    counts = Counter(labels)
    prior = np.log([counts[k] / counts[OTHER] for k in sections.LABELS])
    bias = clf.intercept_[order] - clf.intercept_[other] - prior
    coef = np.round(coef, 3)
    keep = np.abs(coef).max(axis=0) >= MIN_WEIGHT
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): tuple(float(w) + 0.0 for w in coef[:, j])  # + 0.0: no "-0.000"
        for j, name in enumerate(names)
        if keep[j]
    }
    return section_model.Model(sections.LABELS, [round(float(b), 3) + 0.0 for b in bias], weights)


@contextmanager
def previous_constants() -> Iterator[None]:
    """The labeller as released before the word model: cue evidence at full weight."""
    names = {"CUE_SHARE": 1.0, "OPENER_BONUS": 1.0, "HEADING_BONUS": 1.0}
    saved = {name: getattr(sections, name) for name in names}
    for name, value in names.items():
        setattr(sections, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(sections, name, value)


def _in_share(doc: ev.Document, share: float) -> bool:
    """Whether ``doc`` is in the learning curve's ``share`` of the training documents: by a hash
    of its id, so a smaller share is inside every larger one."""
    digest = hashlib.sha256(doc.id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") < share * 2**32


def cross_validate(
    splits: dict[str, list[ev.Document]], folds: int, *, curve: bool = False, seed: int = 0
) -> dict[str, float]:
    """Print K-fold scores (folds by document over all ``splits``); return the macro-F1s."""
    order = [doc for docs in splits.values() for doc in docs]
    random.Random(seed).shuffle(order)
    parts = [order[i::folds] for i in range(folds)]
    no_words = section_model.Model(sections.LABELS, [0.0] * 3, {})
    rules: dict[str, list[str | None]] = {}
    for doc in order:
        with previous_constants():
            bare = sections.label(doc.sentences, doc.noise, model=no_words)
        rules[doc.id] = [lab.section for lab in bare]
    shares = CURVE if curve else ()
    predictions: dict[float, dict[str, list[str | None]]] = {s: {} for s in (*shares, 1.0)}
    for k, test in enumerate(parts):
        training = [d for j, part in enumerate(parts) if j != k for d in part]
        for share in predictions:
            chosen = [d for d in training if share == 1.0 or _in_share(d, share)]
            model = train(chosen)
            for doc in test:
                labels = sections.label(doc.sentences, doc.noise, model=model)
                predictions[share][doc.id] = [lab.section for lab in labels]
    out = {}
    labellers: list[tuple[str, ev.Labeller]] = [
        ("keyword baseline", ev.keyword_baseline),
        ("cues and passages alone (previous)", lambda d: rules[d.id]),
    ]
    for share in predictions:
        count = round(share * len(order) * (folds - 1) / folds)
        name = "with the word model" + (f" (~{count} training documents)" if share < 1 else "")
        labellers.append((name, lambda d, p=predictions[share]: p[d.id]))
    for name, labeller in labellers:
        print(name)
        for split, docs in (("all", order), *splits.items()):
            table = ev.scores(docs, labeller)
            per_class = " ".join(f"{c} {table[c][2]:.3f}" for c in sections.LABELS)
            print(f"  {split:<6} {len(docs):>4} documents  macro-F1 {table['macro'][2]:.3f}"
                  f"  ({per_class})")  # fmt: skip
            out[f"{name}/{split}"] = table["macro"][2]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DEFAULT_DATA)
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation")
    parser.add_argument("--curve", action="store_true", help="with --cv: the learning curve")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"sections_train: no data directory {args.data}", file=sys.stderr)
        return 2
    if args.cv:
        splits = {split: ev.load(split, args.data) for split in TRAINING_SPLITS}
        cross_validate(splits, args.cv, curve=args.curve)
        return 0
    docs = [doc for split in TRAINING_SPLITS for doc in ev.load(split, args.data)]
    text = train(docs).dumps()
    if args.check:
        same = MODEL_PATH.read_text(encoding="utf-8") == text
        print("section model: " + ("identical to the shipped file" if same else "DIFFERS"))
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.splitlines()) - 3} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
