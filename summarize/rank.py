"""Sentence centrality: a cosine-similarity graph and PageRank on it (TextRank).

TextRank (Mihalcea & Tarau, 2004) scores sentences by PageRank on a graph whose edge weights are
sentence similarities. We use cosine similarity of TF-IDF vectors (as LexRank, Erkan & Radev
2004, does) instead of TextRank's length-normalised word overlap, and compute it as one sparse
product; a long document gets a k-nearest-neighbour graph instead, built block by block, so
that memory stays linear in its length (see :func:`similarity_graph`). PageRank is a bounded
power iteration on a scipy sparse matrix with the semantics of ``networkx.pagerank``
(weighted, dangling nodes redistributed by the personalization vector), except that reaching
``max_iter`` returns the last iterate instead of raising: a summarizer must answer, and the
iterate is already a usable ranking.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

DAMPING = 0.85
TOLERANCE = 1.0e-6
MAX_ITER = 100
RANKERS = ("pacsum", "textrank")
# Tuned on VietNews validation articles 10,000-11,999 (deduplicated), measured on 0-1,999:
# see benchmarks/tune.py and docs/benchmarks.md.
BACKWARD_WEIGHT = -0.75
POSITION_WEIGHT = 0.5
LENGTH_WEIGHT = -0.3
# Documents longer than MAX_NEIGHBORS + 1 sentences get a k-nearest-neighbour graph.
MAX_NEIGHBORS = 100
# Similarities computed at once (rows per block = BLOCK_ENTRIES // n) for a long document.
BLOCK_ENTRIES = 4_000_000


def similarity_graph(
    vectors: sp.spmatrix,
    *,
    threshold: float = 0.0,
    max_neighbors: int | None = MAX_NEIGHBORS,
) -> sp.csr_matrix:
    """Cosine similarities of L2-normalised rows, without self-loops or edges ``<= threshold``.

    A document of at most ``max_neighbors + 1`` sentences gets the exact graph (every VietNews
    article does: they have at most 39). A longer one gets a sparse k-nearest-neighbour graph:
    each sentence keeps its edges to the ``max_neighbors`` most similar sentences (ties at the
    k-th value all kept) and an edge kept by either end is kept (the graph stays symmetric).
    Its rows are computed a block at a time, so no n × n matrix, dense or sparse, is ever held:
    memory is O(n · max_neighbors) plus one block of about ``BLOCK_ENTRIES`` similarities.
    ``max_neighbors=None`` asks for the exact graph at any length.
    """
    matrix = sp.csr_matrix(vectors)
    n = matrix.shape[0]
    transposed = sp.csr_matrix(matrix.T)
    if max_neighbors is None or n <= max_neighbors + 1:
        return _edges(matrix @ transposed, 0, threshold)
    rows = max(1, BLOCK_ENTRIES // max(n, 1))
    blocks = [
        _nearest(_edges(matrix[start : start + rows] @ transposed, start, threshold), max_neighbors)
        for start in range(0, n, rows)
    ]
    nearest = sp.csr_matrix(sp.vstack(blocks, format="csr"))
    return sp.csr_matrix(nearest.maximum(nearest.T))


def _edges(product: sp.spmatrix, first_row: int, threshold: float) -> sp.csr_matrix:
    """``product`` (rows ``first_row, ...`` of the similarity matrix) minus self-loops and
    entries ``<= threshold``, stored entries kept in their order."""
    product = sp.csr_matrix(product)
    lengths = np.diff(product.indptr)
    rows = np.repeat(np.arange(product.shape[0]), lengths)
    keep = (product.data > threshold) & (product.indices != rows + first_row)
    indptr = np.zeros(product.shape[0] + 1, dtype=product.indptr.dtype)
    np.cumsum(np.bincount(rows[keep], minlength=product.shape[0]), out=indptr[1:])
    return sp.csr_matrix(
        (product.data[keep], product.indices[keep], indptr), shape=product.shape
    )


def _nearest(block: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep, in every row, the entries at least as large as the row's k-th largest."""
    lengths = np.diff(block.indptr)
    cutoff = np.zeros(block.shape[0])
    for row in np.flatnonzero(lengths > k):
        values = block.data[block.indptr[row] : block.indptr[row + 1]]
        cutoff[row] = np.partition(values, len(values) - k)[len(values) - k]
    keep = block.data >= np.repeat(cutoff, lengths)
    rows = np.repeat(np.arange(block.shape[0]), lengths)
    indptr = np.zeros(block.shape[0] + 1, dtype=block.indptr.dtype)
    np.cumsum(np.bincount(rows[keep], minlength=block.shape[0]), out=indptr[1:])
    return sp.csr_matrix((block.data[keep], block.indices[keep], indptr), shape=block.shape)


def pagerank(
    graph: sp.spmatrix,
    *,
    damping: float = DAMPING,
    tol: float = TOLERANCE,
    max_iter: int = MAX_ITER,
    personalization: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """PageRank scores (summing to 1) of the weighted directed ``graph``.

    ``x ← d · (x P + (x · dangling) p) + (1 − d) p`` where ``P`` is ``graph`` with rows scaled to
    sum to 1, ``p`` the personalization (uniform by default) and ``dangling`` marks rows without
    out-weight. Stops when ``‖Δx‖₁ < n · tol`` (networkx's rule) or after ``max_iter`` steps.
    An edgeless graph gives ``p``; a one-node graph gives ``[1.0]``.
    """
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    if personalization is None:
        p = np.full(n, 1.0 / n)
    else:
        p = np.asarray(personalization, dtype=np.float64)
        p = p / p.sum() if p.sum() > 0 else np.full(n, 1.0 / n)
    matrix = sp.csr_matrix(graph, dtype=np.float64)
    lengths = np.diff(matrix.indptr)
    out_weight = np.zeros(n)
    nonempty = np.flatnonzero(lengths)
    if len(nonempty):  # row sums exactly as ``matrix.sum(axis=1)`` computes them
        out_weight[nonempty] = np.add.reduceat(matrix.data, matrix.indptr[nonempty])
    dangling = out_weight == 0.0
    scale = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    # The CSR arrays of P (rows scaled to sum to 1) are the CSC arrays of Pᵀ: no transpose is
    # built, and Pᵀ @ x still adds each x_i P_ij in increasing i, as a CSR Pᵀ would.
    transition_t = sp.csc_matrix(
        (matrix.data * np.repeat(scale, lengths), matrix.indices, matrix.indptr), shape=(n, n)
    )
    x = p.copy()
    for _ in range(max_iter):
        previous = x
        x = damping * (transition_t @ previous + previous[dangling].sum() * p) + (1 - damping) * p
        if np.abs(x - previous).sum() < n * tol:
            break
    return np.asarray(x / x.sum(), dtype=np.float64)


def directed_centrality(graph: sp.spmatrix, *, backward: float = -0.75) -> NDArray[np.float64]:
    """Position-aware degree centrality of PacSum (Zheng & Lapata, 2019).

    ``c_i = Σ_{j>i} w_ij + backward · Σ_{j<i} w_ij``: a sentence is central when the sentences
    *after* it echo it; similarity to earlier sentences (``backward`` < 0) marks a sentence as
    elaboration. News reports state their point first, which is why this beats undirected
    PageRank on VietNews (see docs/benchmarks.md). Unlike PacSum we keep every positive edge
    (their threshold β tuned to 0 on our tuning split) and use TF-IDF cosine, not BERT.
    """
    matrix = sp.csr_matrix(graph, dtype=np.float64)
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
    # Row sums of the strict upper and lower triangles, added in stored order (the same sums as
    # ``sp.triu(matrix, k=1).sum(axis=1)``, without building either triangle).
    after = matrix.indices > rows
    before = matrix.indices < rows
    later = np.bincount(rows[after], weights=matrix.data[after], minlength=n)
    earlier = np.bincount(rows[before], weights=matrix.data[before], minlength=n)
    return np.asarray(later + backward * earlier, dtype=np.float64)


def with_priors(
    centrality: NDArray[np.float64],
    lengths: NDArray[np.float64],
    *,
    position_weight: float,
    length_weight: float,
) -> NDArray[np.float64]:
    """Centrality scaled to at most 1 in magnitude, plus a lead prior and a length prior.

    ``s_i = c_i / max|c| + position_weight / (i + 1) + length_weight · ln(1 + len_i)``, then
    min-max scaled to [0, 1]. The lead prior encodes where news puts its point; the (negative)
    length prior favours crisp sentences over long enumerations. Both weights were tuned on a
    VietNews tuning split and measured on a held-out one (``benchmarks/tune.py``).
    """
    n = len(centrality)
    if n == 0:
        return np.zeros(0)
    top = np.abs(centrality).max()
    score = centrality / top if top > 0 else np.zeros(n)
    score = score + position_weight / (np.arange(n) + 1.0)
    score = score + length_weight * np.log1p(np.asarray(lengths, dtype=np.float64))
    low, high = score.min(), score.max()
    if high - low <= 0:
        return np.ones(n)
    return np.asarray((score - low) / (high - low), dtype=np.float64)
