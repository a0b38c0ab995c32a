"""select: budgets, redundancy control, ties and order, on hand-built scores (no underthesea)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from summarize.select import (
    DEFAULT_SENTENCES,
    MAX_SIMILARITY,
    NEWS_WORDS,
    REPORT_SENTENCES,
    Budget,
    select,
)


def no_edges(n: int) -> sp.csr_matrix:
    return sp.csr_matrix((n, n))


def pick(scores, *, budget=None, similarity=None, eligible=None, lengths=None, **kwargs):
    scores = np.asarray(scores, dtype=float)
    n = len(scores)
    return select(
        scores,
        no_edges(n) if similarity is None else sp.csr_matrix(similarity),
        [True] * n if eligible is None else eligible,
        [10] * n if lengths is None else lengths,
        budget or Budget(sentences=DEFAULT_SENTENCES),
        **kwargs,
    )


def test_sentences_budget_takes_the_best_in_document_order():
    assert pick([0.1, 0.5, 0.2, 0.9, 0.3], budget=Budget(sentences=2)) == (1, 3)
    assert pick([0.1, 0.5, 0.2, 0.9, 0.3], budget=Budget(sentences=3)) == (1, 3, 4)


def test_more_sentences_than_available_returns_all_eligible():
    assert pick([0.3, 0.2, 0.1], budget=Budget(sentences=10)) == (0, 1, 2)


@pytest.mark.parametrize(
    "ratio, expected",
    [(0.1, 1), (0.2, 2), (0.25, 3), (0.5, 5), (1.0, 10)],
)
def test_ratio_budget_rounds_up_over_eligible_sentences(ratio, expected):
    scores = np.linspace(1.0, 0.1, 10)
    chosen = pick(scores, budget=Budget(ratio=ratio))
    assert chosen == tuple(range(expected))


def test_ratio_is_not_inflated_by_floating_point():
    assert 0.28 * 25 > 7  # 7.000000000000001
    assert Budget(ratio=0.28).max_sentences(25) == 7
    assert Budget(ratio=0.56).max_sentences(50) == 28


def test_ratio_counts_eligible_sentences_only():
    eligible = [True, False, False, False, True, True, False, False]
    chosen = pick([0.5] * 8, budget=Budget(ratio=0.5), eligible=eligible)
    assert len(chosen) == 2  # ceil(0.5 * 3)


def test_words_budget_is_never_exceeded():
    scores = [0.9, 0.8, 0.7, 0.6, 0.5]
    lengths = [10, 15, 30, 5, 20]
    chosen = pick(scores, budget=Budget(words=32), lengths=lengths)
    assert chosen == (0, 1)  # 10 + 15; the 30-word sentence did not fit, so the rest wait too
    assert sum(lengths[i] for i in chosen) <= 32


def test_words_budget_takes_the_best_sentence_even_when_it_is_longer():
    chosen = pick([0.9, 0.2, 0.1], budget=Budget(words=5), lengths=[40, 3, 2])
    assert chosen == (0,)


def test_near_duplicates_are_never_both_chosen():
    similarity = np.zeros((4, 4))
    similarity[0, 1] = similarity[1, 0] = MAX_SIMILARITY + 0.01
    chosen = pick([0.9, 0.89, 0.1, 0.05], similarity=similarity, diversity=0.0)
    assert chosen == (0, 2, 3)


def test_mmr_prefers_a_different_sentence_over_a_similar_one():
    similarity = np.zeros((3, 3))
    similarity[0, 1] = similarity[1, 0] = 0.6  # below the hard cap
    assert pick([1.0, 0.9, 0.8], budget=Budget(sentences=2), similarity=similarity) == (0, 2)
    assert pick(
        [1.0, 0.9, 0.8], budget=Budget(sentences=2), similarity=similarity, diversity=0.0
    ) == (0, 1)


def test_hard_cap_holds_whatever_the_diversity():
    similarity = np.full((3, 3), 0.95)
    np.fill_diagonal(similarity, 0.0)
    for diversity in (0.0, 0.5, 1.0):
        assert len(pick([0.5, 0.4, 0.3], similarity=similarity, diversity=diversity)) == 1


def test_ties_are_broken_by_position():
    assert pick([0.5, 0.5, 0.5, 0.5], budget=Budget(sentences=1)) == (0,)
    assert pick([0.1, 0.5, 0.5, 0.5], budget=Budget(sentences=2)) == (1, 2)
    assert pick([0.0, 0.0, 0.0], budget=Budget(sentences=2)) == (0, 1)


def test_ineligible_sentences_are_never_chosen():
    eligible = [False, True, False, True]
    chosen = pick([1.0, 0.1, 0.9, 0.2], eligible=eligible, budget=Budget(sentences=4))
    assert chosen == (1, 3)


def test_at_least_one_sentence_when_any_is_eligible():
    assert pick([0.0, 0.0], eligible=[False, True], budget=Budget(words=1), lengths=[5, 50]) == (1,)
    assert pick([0.2], budget=Budget(ratio=0.01)) == (0,)


def test_nothing_eligible_gives_nothing():
    assert pick([0.5, 0.5], eligible=[False, False]) == ()
    assert pick([]) == ()


def test_budget_from_options():
    assert Budget.from_options() == Budget()  # the default, resolved once the document is known
    assert Budget().resolve(report=True) == Budget(sentences=REPORT_SENTENCES)
    assert Budget().resolve(report=False) == Budget(sentences=REPORT_SENTENCES, words=NEWS_WORDS)
    assert Budget(sentences=2).resolve(report=True) == Budget(sentences=2)
    assert Budget.from_options(sentences=5) == Budget(sentences=5)
    assert Budget.from_options(ratio=1) == Budget(ratio=1.0)
    assert Budget.from_options(words=50) == Budget(words=50)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"sentences": 0}, r"`sentences` = 0 is invalid; must be an int >= 1"),
        ({"sentences": 2.0}, r"`sentences` = 2.0 is invalid"),
        ({"sentences": True}, r"`sentences` = True is invalid"),
        ({"ratio": 0}, r"`ratio` = 0 is invalid; must be a number in \(0.0, 1.0\]"),
        ({"ratio": 1.5}, r"`ratio` = 1.5"),
        ({"ratio": float("nan")}, r"`ratio` = nan"),
        ({"ratio": "0.5"}, r"`ratio` = '0.5'"),
        ({"words": -3}, r"`words` = -3 is invalid; must be an int >= 1"),
        ({"sentences": 2, "words": 10}, r"only one of .* not sentences and words"),
        ({"sentences": 2, "ratio": 0.5, "words": 10}, r"not sentences and ratio and words"),
    ],
)
def test_bad_budgets(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        Budget.from_options(**kwargs)


def test_the_python_and_numpy_selectors_choose_alike():
    """select_rows runs plain Python on a few candidates and numpy on many: one computation."""
    import summarize.select as select_module
    from summarize.vectorize import Rows

    rng = np.random.default_rng(7)
    for trial in range(300):
        n = int(rng.integers(1, 40))
        scores = np.round(rng.random(n), int(rng.integers(1, 4)))  # rounding makes ties
        dense = np.round(rng.random((n, n)), 2) * (rng.random((n, n)) < 0.4)
        dense = np.triu(dense, 1) + np.triu(dense, 1).T
        sim = sp.csr_matrix(dense)
        rows = Rows(sim.data, sim.indices, sim.indptr, n)
        eligible = list(rng.random(n) < 0.85)
        lengths = [int(x) for x in rng.integers(1, 30, n)]
        budget = [Budget(sentences=int(rng.integers(1, n + 1))),
                  Budget(ratio=float(rng.random()) or 0.5),
                  Budget(words=int(rng.integers(1, 120)))][trial % 3]
        diversity = float(rng.choice([0.0, 0.3, 0.9]))
        cap = float(rng.choice([0.5, MAX_SIMILARITY, 1.0]))
        args = (scores, rows, eligible, lengths, budget)
        few = select_module.select_rows(*args, diversity=diversity, max_similarity=cap)
        saved = select_module.SMALL_DOCUMENT
        select_module.SMALL_DOCUMENT = -1  # every document takes the numpy path
        try:
            many = select_module.select_rows(*args, diversity=diversity, max_similarity=cap)
        finally:
            select_module.SMALL_DOCUMENT = saved
        assert few == many, trial


# --- coherence, coverage and word targets ---------------------------------------------------


def test_a_sentence_that_needs_its_predecessor_waits_for_it():
    # Sentence 2 is the best but leans on sentence 1, which is not good enough to be chosen.
    needs = [False, False, True, False, False]
    assert pick([0.5, 0.1, 0.9, 0.6, 0.4], budget=Budget(sentences=2), needs_previous=needs) == (
        0,
        3,
    )
    # Once its predecessor is chosen it becomes eligible.
    assert 2 in pick(
        [0.5, 0.8, 0.9, 0.6, 0.4], budget=Budget(sentences=3), needs_previous=needs
    )


def test_a_dangling_first_sentence_is_never_chosen_unless_nothing_else_is_left():
    assert pick([0.9, 0.1], budget=Budget(sentences=1), needs_previous=[True, False]) == (1,)
    assert pick([0.9], budget=Budget(sentences=1), needs_previous=[True]) == (0,)


def test_coverage_prefers_an_uncovered_group_when_the_budget_has_room():
    scores = [0.9, 0.85, 0.8, 0.75, 0.7, 0.3]
    groups = [-1, 0, 0, 0, 0, 1]
    assert pick(scores, budget=Budget(sentences=4), groups=groups) == (0, 1, 2, 3)
    assert pick(scores, budget=Budget(sentences=4), groups=groups, coverage=0.5) == (0, 1, 2, 5)
    # Three sentences leave no room for the event and every section: no bonus.
    assert pick(scores, budget=Budget(sentences=3), groups=groups, coverage=0.5) == (0, 1, 2)


def test_words_never_pads_with_fillers():
    # Ranked order: 0 (30 words), 1 (30), then short fillers 2 and 3.
    scores = [0.9, 0.8, 0.2, 0.1]
    lengths = [30, 30, 5, 5]
    # Sentence 1 does not fit in 40; the fillers that would fit rank below it and stay out.
    assert pick(scores, budget=Budget(words=40), lengths=lengths) == (0,)
    assert pick(scores, budget=Budget(words=62), lengths=lengths) == (0, 1)
    assert pick(scores, budget=Budget(words=70), lengths=lengths) == (0, 1, 2, 3)
    # The first pick always, however long.
    assert pick(scores, budget=Budget(words=5), lengths=[50, 30, 5, 5]) == (0,)


def test_long_documents_choose_like_short_ones_under_the_constraints():
    from summarize.select import SMALL_DOCUMENT

    rng = np.random.default_rng(0)
    n = SMALL_DOCUMENT + 40
    scores = rng.random(n)
    needs = (rng.random(n) < 0.3).tolist()
    groups = rng.integers(-1, 3, n).tolist()
    many = pick(scores, budget=Budget(sentences=6), needs_previous=needs, groups=groups,
                coverage=0.2)  # fmt: skip
    few_scores = scores[:SMALL_DOCUMENT]
    few = pick(few_scores, budget=Budget(sentences=6), needs_previous=needs[:SMALL_DOCUMENT],
               groups=groups[:SMALL_DOCUMENT], coverage=0.2)  # fmt: skip
    assert len(many) == 6 and len(few) == 6
    for chosen in (many, few):
        for i in chosen:
            assert not needs[i] or (i - 1) in chosen
