"""Choosing a cluster's summary: the sentences that together cover most of what the articles say.

A cluster's articles retell one event, each in its own words. What several of them say, and
what each says first, is what a summary of the cluster must hold; saying it twice adds
nothing. So the summary maximises a *coverage* objective over concepts, the syllable bigrams
of the candidate sentences (Gillick & Favre, 2009, "A Scalable Global Model for
Summarization"), plus each sentence's salience from the cluster score:

``F(S) = Σ_{c covered by S} w_c + salience · Σ_{i ∈ S} s_i · len_i``

* a concept's weight ``w_c`` sums, over the articles that say it, ``1 + lead / (p + 1)``,
  where ``p`` is the content position of its first sentence in that article: every article
  votes, and its lead votes louder;
* a concept only one article says weighs ``single_source`` times as much (in a cluster of two
  articles or more); one in a title weighs ``1 + title`` times as much;
* ``s_i`` is the sentence's cluster score in [0, 1] (:func:`summarize.multi.scores_of`, with
  the reader's view), counted per syllable.

``F`` is monotone and submodular: a concept counts once however many chosen sentences hold
it, so the same fact taken from a second paper gains nothing. It is maximised greedily under
the budget (Lin & Bilmes, 2010, "Multi-document Summarization via Budgeted Maximization of
Submodular Functions"): each step takes the candidate with the largest gain per syllable for a
``words`` budget (the largest gain for a number of sentences), passing over one that would
overflow; lazily (Minoux, 1978), since a gain never grows as the summary does. Exact
(integer-programming) maximisation scored the same as the greedy on the tuning clusters
(docs/algorithm.md, section 10). On top, the library's constraints: a candidate more similar
than ``max_similarity`` to a chosen sentence is never taken, and a sentence that leans on the
one before it is taken only after it. Ties go to the earlier sentence; concepts are numbered in
the order they first occur and sums run in that order, so the result does not depend on string
hashing.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .select import Budget
from .vectorize import Rows


@dataclass(frozen=True, slots=True)
class CoverWeights:
    """The weights of the coverage objective (the module docstring); tuned by
    ``benchmarks/multi.py --tune``."""

    lead: float = 3.0
    single_source: float = 0.8
    title: float = 0.5
    salience: float = 4.0


WEIGHTS = CoverWeights()


def concepts(syllables: Sequence[Sequence[str]]) -> tuple[list[NDArray[np.int64]], int]:
    """Each sentence's distinct syllable bigrams as sorted concept ids (numbered in order of
    first occurrence), and the number of concepts."""
    ids: dict[tuple[str, str], int] = {}
    rows = []
    for tokens in syllables:
        row = [ids.setdefault(pair, len(ids)) for pair in itertools.pairwise(tokens)]
        rows.append(np.unique(np.asarray(row, dtype=np.int64)))
    return rows, len(ids)


def concept_weights(
    rows: Sequence[NDArray[np.int64]],
    count: int,
    candidates: Sequence[int],
    documents: Sequence[int],
    positions: Sequence[float],
    title_concepts: NDArray[np.int64],
    weights: CoverWeights = WEIGHTS,
) -> NDArray[np.float64]:
    """``w_c`` of every concept (the module docstring), from the ``candidates`` only:
    ``documents[i]`` is sentence ``i``'s article, ``positions[i]`` its content position there."""
    w = np.zeros(count)
    if not candidates or not count:
        return w
    concept = np.concatenate([rows[i] for i in candidates])
    sizes = [len(rows[i]) for i in candidates]
    article = np.repeat(np.asarray([documents[i] for i in candidates], dtype=np.int64), sizes)
    position = np.repeat(np.asarray([positions[i] for i in candidates], dtype=np.float64), sizes)
    if not len(concept):
        return w
    # The first position of each (concept, article) pair: sort by pair, then position.
    order = np.lexsort((position, article, concept))
    concept, article, position = concept[order], article[order], position[order]
    first = np.r_[True, (concept[1:] != concept[:-1]) | (article[1:] != article[:-1])]
    concept, position = concept[first], position[first]
    np.add.at(w, concept, 1.0 + weights.lead / (position + 1.0))
    if len(set(article.tolist())) > 1:
        sources = np.bincount(concept, minlength=count)
        w[sources == 1] *= weights.single_source
    if len(title_concepts):
        w[title_concepts] *= 1.0 + weights.title
    return w


def cover(
    rows: Sequence[NDArray[np.int64]],
    concept_weight: NDArray[np.float64],
    salience: NDArray[np.float64],
    candidates: Sequence[int],
    lengths: Sequence[int],
    budget: Budget,
    graph: Rows,
    *,
    max_similarity: float,
    needs_previous: Sequence[bool] | None,
    weights: CoverWeights = WEIGHTS,
) -> tuple[int, ...]:
    """The greedy maximisation of ``F`` over ``candidates`` within ``budget``: the chosen
    indices in document order (the best candidate at least, even if it alone overflows a
    ``words`` budget)."""
    if not candidates:
        return ()
    per_syllable = budget.words is not None
    cap = budget.words if budget.words is not None else sum(lengths[i] for i in candidates)
    limit = budget.max_sentences(len(candidates))
    similar = _similar(graph, max_similarity)
    covered = np.zeros(len(concept_weight), dtype=bool)

    def value(i: int) -> float:
        ids = rows[i]
        gain = float(concept_weight[ids[~covered[ids]]].sum())
        gain += weights.salience * float(salience[i]) * lengths[i]
        return gain / max(lengths[i], 1) if per_syllable else gain

    heap = [(-value(i), i) for i in candidates]
    heapq.heapify(heap)
    chosen: set[int] = set()
    blocked: set[int] = set()
    waiting: dict[int, list[int]] = {}
    used = 0
    while heap and len(chosen) < limit:
        _, i = heapq.heappop(heap)
        if i in blocked or (chosen and used + lengths[i] > cap):
            continue  # never again: the summary only grows
        if needs_previous is not None and needs_previous[i] and i - 1 not in chosen:
            waiting.setdefault(i - 1, []).append(i)
            continue
        current = value(i)
        if heap and (-current, i) > heap[0]:
            heapq.heappush(heap, (-current, i))  # a stale bound: look again later
            continue
        if current <= 0 and chosen:
            break
        if not chosen and lengths[i] > cap and _any_fits(heap, lengths, cap):
            continue  # the best that fits comes first; a lone overflow only if nothing fits
        chosen.add(i)
        used += lengths[i]
        covered[rows[i]] = True
        blocked.update(similar.get(i, ()))
        for j in waiting.pop(i, ()):
            heapq.heappush(heap, (-value(j), j))
    return tuple(sorted(chosen))


def _any_fits(heap: list[tuple[float, int]], lengths: Sequence[int], cap: int) -> bool:
    return any(lengths[i] <= cap for _, i in heap)


def _similar(graph: Rows, max_similarity: float) -> dict[int, list[int]]:
    """For each sentence, the sentences more similar to it than ``max_similarity``, in either
    direction of the graph (a k-nearest-neighbour graph need not be symmetric)."""
    matrix = graph.to_csr()
    matrix = matrix.maximum(matrix.T).tocoo()
    over = matrix.data > max_similarity
    pairs: dict[int, list[int]] = {}
    for i, j in zip(matrix.row[over].tolist(), matrix.col[over].tolist(), strict=True):
        if i != j:
            pairs.setdefault(i, []).append(j)
    return pairs


__all__ = ["WEIGHTS", "CoverWeights", "concept_weights", "concepts", "cover"]
