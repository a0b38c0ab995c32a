"""Choosing the summary: the best sentences within a budget, without repeats.

Greedy Maximal Marginal Relevance (Carbonell & Goldstein, 1998): at each step take the eligible
sentence maximising ``(1 − diversity) · score − diversity · max_sim(chosen)``, scores scaled to
[0, 1]. On top of MMR a hard cap: a sentence whose similarity to a chosen one exceeds
``max_similarity`` is never taken, so near-duplicates cannot both appear whatever the weights.
Ties break by position (the earlier sentence wins). The result is in document order.
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
DIVERSITY = 0.3
MAX_SIMILARITY = 0.7


@dataclass(frozen=True, slots=True)
class Budget:
    """How much summary to return: exactly one of the three is set."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None

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
        return cls(sentences=DEFAULT_SENTENCES)

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
    choose = _select_few if len(candidates) <= SMALL_DOCUMENT else _select_many
    chosen = choose(
        np.asarray(scores, dtype=np.float64), sim, candidates, lengths, budget,
        diversity, max_similarity,
    )  # fmt: skip
    return tuple(sorted(chosen))


# Candidates up to which the selector runs in plain Python.
SMALL_DOCUMENT = 128


def _select_few(
    scores: NDArray[np.float64],
    sim: Rows,
    candidates: list[int],
    lengths: Sequence[int],
    budget: Budget,
    diversity: float,
    max_similarity: float,
) -> list[int]:
    all_scores = scores.tolist()
    score = [all_scores[c] for c in candidates]
    top = max(score)
    relevance = [s / top for s in score] if top > 0 else [0.0] * len(score)
    redundancy = [0.0] * len(candidates)
    position = {c: k for k, c in enumerate(candidates)}  # document index -> candidate
    candidate_lengths = [lengths[c] for c in candidates]
    open_ = [True] * len(candidates)
    limit = budget.max_sentences(len(candidates))
    words_left = budget.words
    weight = 1 - diversity
    chosen: list[int] = []
    while len(chosen) < limit:
        k = -1
        best_value = -math.inf
        over = words_left if words_left is not None and chosen else None  # words left to fit
        for j, is_open in enumerate(open_):
            if not is_open or (over is not None and candidate_lengths[j] > over):
                continue
            value = weight * relevance[j] - diversity * redundancy[j]
            if value > best_value:  # strictly: ties go to the earlier sentence
                k, best_value = j, value
        if k < 0:
            break
        best = candidates[k]
        chosen.append(best)
        open_[k] = False
        if words_left is not None:
            words_left -= lengths[best]
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
) -> list[int]:
    score = scores[candidates]
    top = score.max()
    relevance = score / top if top > 0 else np.zeros_like(score)
    redundancy = np.zeros(len(candidates))
    # Document index -> candidate position (-1: not a candidate), to read similarity rows
    # without a Python loop over their entries.
    position = np.full(sim.n_columns, -1, dtype=np.intp)
    position[candidates] = np.arange(len(candidates))
    candidate_lengths = np.asarray([lengths[c] for c in candidates])
    open_ = np.ones(len(candidates), dtype=bool)
    limit = budget.max_sentences(len(candidates))
    words_left = budget.words
    chosen: list[int] = []
    while open_.any() and len(chosen) < limit:
        fits = open_.copy()
        if words_left is not None and chosen:
            fits &= candidate_lengths <= words_left
        if not fits.any():
            break
        value = np.where(fits, (1 - diversity) * relevance - diversity * redundancy, -np.inf)
        k = int(np.argmax(value))  # argmax returns the first maximum: ties go to the earlier one
        best = candidates[k]
        chosen.append(best)
        open_[k] = False
        if words_left is not None:
            words_left -= lengths[best]
        start, end = sim.indptr[best], sim.indptr[best + 1]
        columns = position[sim.indices[start:end]]
        similar = sim.data[start:end][columns >= 0]
        columns = columns[columns >= 0]
        np.maximum.at(redundancy, columns, similar)  # a duplicate entry counts at its maximum
        open_[columns[similar > max_similarity]] = False
    return chosen
