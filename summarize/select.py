"""Choosing the summary: the best sentences within a budget, without repeats.

Greedy Maximal Marginal Relevance (Carbonell & Goldstein, 1998): at each step take the eligible
sentence maximising ``(1 − diversity) · score − diversity · max_sim(chosen)``, scores scaled to
[0, 1]. On top of MMR a hard cap: a sentence whose similarity to a chosen one exceeds
``max_similarity`` is never taken, so near-duplicates cannot both appear whatever the weights.
Ties break by position (the earlier sentence wins). The result is in document order.

Two constraints a reader asks for sit on top (both optional):

* **coherence**: a sentence marked as needing the one before it (``needs_previous``, see
  :func:`summarize.worth.needs_previous`: "Tại đây, ...", a bare "Ông ...") is eligible only
  once the sentence before it has been chosen, so no summary sentence leans on an antecedent
  the reader was not given;
* **coverage**: each sentence may belong to a group (a report's results, limitations and next
  tasks); when the budget has room for the event and one sentence per group
  (``COVERAGE_SENTENCES``), a candidate from a group no chosen sentence covers yet gains
  ``coverage``, so a four-sentence summary of a report tells the event, what was achieved,
  what fell short and what comes next rather than four results.

A ``words`` budget is a cap, not a container to fill: the selector ranks as for an unbounded
budget and keeps its picks in rank order up to the first that would exceed the cap (the first
pick always), so leftover room is never padded with short, low-value sentences that rank
below a sentence that did not fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from . import _validate
from .vectorize import Rows

DEFAULT_SENTENCES = 3
# The default budget (no budget given), measured (docs/usage.md, "The default budget"): a
# report gets REPORT_SENTENCES, room for the event, the main result, the main shortcoming and
# the main next task; any other text the sentences, in rank order, that fit in NEWS_WORDS
# syllables. On 1,000 VietNews articles (reference leads ~39 syllables) that scores R-2 16.2
# at 74 syllables on average, against 15.9 for two sentences (74) and 15.3 for three (102).
REPORT_SENTENCES = 4
NEWS_WORDS = 90
DIVERSITY = 0.3
MAX_SIMILARITY = 0.7
COVERAGE = 0.3
# Coverage applies when the budget holds at least this many sentences: the event and one
# sentence per section (results, limitations, next tasks).
COVERAGE_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class Budget:
    """How much summary to return: at most one of the three is set; none is the default
    budget, which :meth:`resolve` turns into one once the document is known."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None

    @property
    def is_default(self) -> bool:
        return self.sentences is None and self.ratio is None and self.words is None

    def resolve(self, report: bool) -> Budget:
        """This budget, or for the default one: REPORT_SENTENCES for a report, else what fits
        in NEWS_WORDS (REPORT_SENTENCES at most)."""
        if not self.is_default:
            return self
        if report:
            return Budget(sentences=REPORT_SENTENCES)
        # Both caps (a user gives one): NEWS_WORDS, and never more sentences than a report's.
        return Budget(sentences=REPORT_SENTENCES, words=NEWS_WORDS)

    @classmethod
    def from_options(
        cls, sentences: object = None, ratio: object = None, words: object = None
    ) -> Budget:
        given = [
            name
            for name, v in (("sentences", sentences), ("ratio", ratio), ("words", words))
            if v is not None
        ]
        if len(given) > 1:
            raise ValueError(
                f"only one of `sentences`, `ratio`, `words` may be given, not {' and '.join(given)}"
            )
        if ratio is not None:
            return cls(
                ratio=_validate.check_float("ratio", ratio, low=0.0, high=1.0, low_open=True)
            )
        if words is not None:
            return cls(words=_validate.check_int("words", words, minimum=1))
        if sentences is not None:
            return cls(sentences=_validate.check_int("sentences", sentences, minimum=1))
        return cls()

    def max_sentences(self, eligible: int) -> int:
        if self.sentences is not None:
            return min(self.sentences, eligible)
        if self.ratio is not None:
            # Rounded first: 0.28 * 25 is 7.000000000000001 in floating point, not 8 sentences.
            return min(eligible, max(1, math.ceil(round(self.ratio * eligible, 9))))
        return eligible


def select(
    scores: NDArray[np.float64],
    similarity: sp.spmatrix,
    eligible: Sequence[bool],
    lengths: Sequence[int],
    budget: Budget,
    *,
    diversity: float = DIVERSITY,
    max_similarity: float = MAX_SIMILARITY,
    needs_previous: Sequence[bool] | None = None,
    groups: Sequence[int] | None = None,
    coverage: float = 0.0,
) -> tuple[int, ...]:
    """Indices of the chosen sentences, in document order.

    ``similarity`` is the symmetric sentence-similarity matrix, ``lengths`` the word count of
    each sentence (for ``budget.words``). At least one sentence is chosen when any is eligible.
    """
    sim = similarity if isinstance(similarity, sp.csr_matrix) else sp.csr_matrix(similarity)
    return select_rows(
        scores,
        Rows(sim.data, sim.indices, sim.indptr, sim.shape[1]),
        eligible,
        lengths,
        budget,
        diversity=diversity,
        max_similarity=max_similarity,
        needs_previous=needs_previous,
        groups=groups,
        coverage=coverage,
    )


def select_rows(
    scores: NDArray[np.float64],
    sim: Rows,
    eligible: Sequence[bool],
    lengths: Sequence[int],
    budget: Budget,
    *,
    diversity: float = DIVERSITY,
    max_similarity: float = MAX_SIMILARITY,
    needs_previous: Sequence[bool] | None = None,
    groups: Sequence[int] | None = None,
    coverage: float = 0.0,
) -> tuple[int, ...]:
    """:func:`select` with the similarity matrix as bare arrays.

    Two implementations of one computation: plain Python for an article's few dozen
    candidates, where numpy's per-call overhead costs more than the arithmetic, and numpy for a
    long document, where a Python pass over every candidate per chosen sentence would be
    quadratic in Python. Both take the same IEEE operations on the same floats in the same
    order (and a duplicate entry in a row counts at its maximum), so they choose alike.
    """
    candidates = [i for i, ok in enumerate(eligible) if ok]
    if not candidates:
        return ()
    if budget.is_default:
        budget = Budget(sentences=DEFAULT_SENTENCES)  # a caller without a document to resolve it
    choose = _select_few if len(candidates) <= SMALL_DOCUMENT else _select_many
    if budget.max_sentences(len(candidates)) < COVERAGE_SENTENCES:
        coverage = 0.0  # no room for the event and every section: the best sentences instead
    constraints = _Constraints(needs_previous, groups, coverage)
    # A words budget ranks as an unbounded one (its sentence cap aside), then keeps the prefix
    # that fits.
    ranking = budget
    if budget.words is not None:
        ranking = Budget(sentences=min(budget.sentences or len(candidates), len(candidates)))
    chosen = choose(
        np.asarray(scores, dtype=np.float64), sim, candidates, lengths, ranking,
        diversity, max_similarity, constraints,
    )  # fmt: skip
    if not chosen and needs_previous is not None:
        # Every candidate leans on one before it: better a dangling sentence than nothing.
        return select_rows(scores, sim, eligible, lengths, budget, diversity=diversity,
                           max_similarity=max_similarity, groups=groups, coverage=coverage)
    if budget.words is not None:
        chosen = _fitting_prefix(chosen, lengths, budget.words)
    return tuple(sorted(chosen))


@dataclass(frozen=True, slots=True)
class _Constraints:
    needs_previous: Sequence[bool] | None = None
    groups: Sequence[int] | None = None
    coverage: float = 0.0


def _fitting_prefix(order: list[int], lengths: Sequence[int], cap: int) -> list[int]:
    """The longest prefix of ``order`` within ``cap`` words, and the first pick at least."""
    total = lengths[order[0]]
    size = 1
    for index in order[1:]:
        total += lengths[index]
        if total > cap:
            break
        size += 1
    return order[:size]


# Candidates up to which the selector runs in plain Python.
SMALL_DOCUMENT = 128
NO_WAIT = -2


def _select_few(
    scores: NDArray[np.float64],
    sim: Rows,
    candidates: list[int],
    lengths: Sequence[int],
    budget: Budget,
    diversity: float,
    max_similarity: float,
    constraints: _Constraints,
) -> list[int]:
    all_scores = scores.tolist()
    score = [all_scores[c] for c in candidates]
    top = max(score)
    relevance = [s / top for s in score] if top > 0 else [0.0] * len(score)
    redundancy = [0.0] * len(candidates)
    position = {c: k for k, c in enumerate(candidates)}  # document index -> candidate
    open_ = [True] * len(candidates)
    limit = budget.max_sentences(len(candidates))
    weight = 1 - diversity
    needs = constraints.needs_previous
    # A sentence that needs the one before waits for the candidate before it (-1 for the
    # first candidate: it never becomes eligible; NO_WAIT: eligible at once).
    waits_for = [
        (candidates[j - 1] if j else -1) if needs is not None and needs[c] else NO_WAIT
        for j, c in enumerate(candidates)
    ]
    groups = constraints.groups
    group_of = [groups[c] if groups is not None else -1 for c in candidates]
    covered: set[int] = set()
    bonus = constraints.coverage
    chosen: list[int] = []
    taken: set[int] = set()
    while len(chosen) < limit:
        k = -1
        best_value = -math.inf
        for j, is_open in enumerate(open_):
            if not is_open or (waits_for[j] != NO_WAIT and waits_for[j] not in taken):
                continue
            value = weight * relevance[j] - diversity * redundancy[j]
            if bonus and group_of[j] >= 0 and group_of[j] not in covered:
                value += bonus
            if value > best_value:  # strictly: ties go to the earlier sentence
                k, best_value = j, value
        if k < 0:
            break
        best = candidates[k]
        chosen.append(best)
        taken.add(best)
        covered.add(group_of[k])
        open_[k] = False
        start, end = int(sim.indptr[best]), int(sim.indptr[best + 1])
        for column, similar in zip(
            sim.indices[start:end].tolist(), sim.data[start:end].tolist(), strict=True
        ):
            j = position.get(column, -1)
            if j < 0:
                continue
            if similar > redundancy[j]:
                redundancy[j] = similar
            if similar > max_similarity:
                open_[j] = False
    return chosen


def _select_many(
    scores: NDArray[np.float64],
    sim: Rows,
    candidates: list[int],
    lengths: Sequence[int],
    budget: Budget,
    diversity: float,
    max_similarity: float,
    constraints: _Constraints,
) -> list[int]:
    score = scores[candidates]
    top = score.max()
    relevance = score / top if top > 0 else np.zeros_like(score)
    redundancy = np.zeros(len(candidates))
    # Document index -> candidate position (-1: not a candidate), to read similarity rows
    # without a Python loop over their entries.
    position = np.full(sim.n_columns, -1, dtype=np.intp)
    position[candidates] = np.arange(len(candidates))
    open_ = np.ones(len(candidates), dtype=bool)
    limit = budget.max_sentences(len(candidates))
    needs = constraints.needs_previous
    waits = np.asarray([bool(needs[c]) for c in candidates] if needs is not None else
                       np.zeros(len(candidates), dtype=bool))  # fmt: skip
    # Each waiting sentence waits for the candidate before it (the first one, for nothing
    # that can come: it never becomes eligible).
    before = np.arange(len(candidates)) - 1
    ready = ~waits
    groups = constraints.groups
    group_of = np.asarray([groups[c] for c in candidates] if groups is not None else
                          np.full(len(candidates), -1), dtype=np.int64)  # fmt: skip
    uncovered = group_of >= 0
    bonus = constraints.coverage
    chosen: list[int] = []
    while open_.any() and len(chosen) < limit:
        fits = open_ & ready
        if not fits.any():
            break
        value = (1 - diversity) * relevance - diversity * redundancy
        if bonus:
            value = value + bonus * uncovered
        value = np.where(fits, value, -np.inf)
        k = int(np.argmax(value))  # argmax returns the first maximum: ties go to the earlier one
        best = candidates[k]
        chosen.append(best)
        open_[k] = False
        ready |= waits & (before == k)
        if group_of[k] >= 0:
            uncovered &= group_of != group_of[k]
        start, end = sim.indptr[best], sim.indptr[best + 1]
        columns = position[sim.indices[start:end]]
        similar = sim.data[start:end][columns >= 0]
        columns = columns[columns >= 0]
        np.maximum.at(redundancy, columns, similar)  # a duplicate entry counts at its maximum
        open_[columns[similar > max_similarity]] = False
    return chosen
