"""The reader's-view benchmark: its measures on hand-built cases, and its data end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from _optional import require

# The benchmark's systems and scorer (the `bench` extra); the peers are run by name only.
for _name in ("rouge_score", "tqdm"):
    require(_name)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import graded  # noqa: E402
from summary_eval import agreement, dangling_share, evaluate, ndcg  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def doc(grades, dangling=((), ())) -> graded.GradedDocument:  # type: ignore[no-untyped-def]
    n = len(grades[0])
    return graded.GradedDocument(
        "x", "vietnews-val", None, tuple(f"Câu số {i}." for i in range(n)),
        tuple(tuple(g) for g in grades), tuple(frozenset(d) for d in dangling),
    )  # fmt: skip


def test_ndcg_is_one_for_the_best_set_and_order_free() -> None:
    relevance = [2.0, 0.0, 1.0, 2.0, 0.5]
    assert ndcg([0, 3, 2], relevance, 3) == pytest.approx(1.0)
    assert ndcg([2, 3, 0], relevance, 3) == pytest.approx(1.0)
    worse = ndcg([1, 4, 2], relevance, 3)
    assert 0.0 < worse < 1.0
    assert ndcg([1], relevance, 3) == 0.0


def test_dangling_counts_only_sentences_whose_antecedent_is_missing() -> None:
    d = doc([[1, 1, 1, 1], [1, 1, 1, 1]], dangling=({2}, {2, 3}))
    assert dangling_share([1, 2], d) == 0.0  # the antecedent 1 is there
    assert dangling_share([0, 2], d) == pytest.approx(0.5)  # both readers: 1 of 2
    assert dangling_share([0, 3], d) == pytest.approx(0.25)  # one reader of two: 1 of 2


def test_evaluate_and_agreement_on_a_hand_built_document() -> None:
    d = doc([[2, 0, 1, 0], [2, 0, 2, 0]], dangling=((), (1,)))
    result = evaluate([d], lambda sentences, k, refs, title: [0, 1], 2)
    assert result["junk"] == pytest.approx(0.5)  # sentence 1: both readers graded 0
    assert result["relevance"] == pytest.approx(1.0)  # (2 + 0) / 2
    assert result["dangling"] == 0.0  # sentence 1's antecedent 0 was chosen
    agree = agreement([d])
    assert agree["sentences"] == 4 and agree["exact"] == pytest.approx(0.75)
    assert agree["key_f1"] == pytest.approx(2 / 3)


def test_agreement_counts_only_documents_graded_twice() -> None:
    twice = doc([[2, 0, 1, 0], [2, 0, 2, 0]], dangling=((), ()))
    once = doc([[2, 2, 2, 2]], dangling=((),))
    agree = agreement([twice, once])
    # The second document's key sentences have no second reader to agree or disagree with.
    assert agree["sentences"] == 4 and agree["key_f1"] == pytest.approx(2 / 3)


@pytest.mark.data
@pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data at {DATA}")
def test_every_graded_document_loads_with_its_passes() -> None:
    for split in graded.SPLITS:
        docs = graded.load(split, DATA)
        assert len(docs) >= 40
        if split == "extra":  # graded once, a sample twice for agreement
            assert len(docs) >= 180 and all(len(d.grades) >= 1 for d in docs)
            assert sum(len(d.grades) == 2 for d in docs) >= 25
        else:
            assert all(len(d.grades) == 2 for d in docs)


@pytest.mark.data
@pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data at {DATA}")
def test_the_training_script_reproduces_the_shipped_worth_model() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "worth_train.py"), "--check", "--data",
         str(DATA)],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_summary_sentence_of_the_shipped_reports_is_key_or_acceptable() -> None:
    """The examples are graded in the dev set (both readers); for the two conference-style
    reports the default summary and a three-sentence one hold no sentence that either reader
    graded 0. (The news example is not held to it: news keeps the ranking alone, see
    docs/benchmarks.md, and its third sentence is one the readers graded 0.)"""
    import json

    import corpus

    from summarize import Summarizer

    passes = [
        {r["id"]: r["grades"] for r in map(json.loads, (graded.SETS / f"grades_dev_{name}.jsonl")
         .read_text(encoding="utf-8").splitlines())}
        for name in graded.PASSES
    ]  # fmt: skip
    examples = sorted(graded.EXAMPLES.glob("bao-cao*.txt"))
    assert len(examples) == 2
    summarizer = Summarizer(split="lines")
    for path in examples:
        sentences = corpus.raw_sentences(
            path.read_text(encoding="utf-8"), corpus.library_sentence_spans()
        )
        for budget in ({}, {"sentences": 3}):
            summary = summarizer.summarize("\n".join(sentences), **budget)  # type: ignore[arg-type]
            for s in summary.sentences:
                grades = [p[path.name][s.index] for p in passes]
                assert min(grades) >= 1, (path.name, budget, s.index, s.text)
