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

from .vectorize import Rows

DAMPING = 0.85
TOLERANCE = 1.0e-6
MAX_ITER = 100
RANKERS = ("pacsum", "textrank")
# Tuned on VietNews validation articles 10,000-11,999 (deduplicated), measured on 0-1,999:
# see benchmarks/tune.py and docs/benchmarks.md.
BACKWARD_WEIGHT = -0.25
POSITION_WEIGHT = 0.8
LENGTH_WEIGHT = -0.55
TITLE_WEIGHT = 3.5
# Documents longer than MAX_NEIGHBORS + 1 sentences get a k-nearest-neighbour graph.
MAX_NEIGHBORS = 100
# Similarities computed at once (rows per block = BLOCK_ENTRIES // n) for a long document.
BLOCK_ENTRIES = 4_000_000
_INT16_MAX = int(np.iinfo(np.int16).max)


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
    k-th value broken towards earlier sentences) and an edge kept by either end is kept (the
    graph stays symmetric).
    Its rows are computed a block at a time, so no n × n matrix, dense or sparse, is ever held:
    memory is O(n · max_neighbors) plus one block of about ``BLOCK_ENTRIES`` similarities.
    ``max_neighbors=None`` asks for the exact graph at any length.
    """
    matrix = as_csr(vectors)
    n = matrix.shape[0]
    transposed = matrix.T.tocsr()
    if max_neighbors is None or n <= max_neighbors + 1:
        return _edges(as_csr(matrix @ transposed), 0, threshold)
    rows = max(1, BLOCK_ENTRIES // max(n, 1))
    blocks = []
    for start in range(0, n, rows):
        product = as_csr(matrix[start : start + rows] @ transposed)
        # k + 1: a row's self-similarity (1, its largest) stays among its top entries until
        # _edges drops it; dropping self-loops from the few kept entries is the cheap order.
        blocks.append(_edges(_nearest(product, max_neighbors + 1), start, threshold))
    nearest = sp.csr_matrix(sp.vstack(blocks, format="csr"))
    return sp.csr_matrix(nearest.maximum(nearest.T))


def similarity_rows(vectors: Rows, *, threshold: float = 0.0) -> Rows:
    """:func:`similarity_graph` on bare arrays (entries of a row stored by column, as
    :func:`summarize.vectorize.weigh` stores them), bit for bit and in the same stored order.

    A short document (every news article) gets the exact graph from :func:`_exact_rows`, with
    no scipy matrix built; a long one goes through :func:`similarity_graph`.
    """
    n = vectors.n_rows
    if n > MAX_NEIGHBORS + 1:
        graph = similarity_graph(vectors.to_csr(), threshold=threshold)
        return Rows(graph.data, graph.indices, graph.indptr, n)
    return _exact_rows(vectors, threshold)


def _exact_rows(vectors: Rows, threshold: float) -> Rows:
    """``_edges(matrix @ matrix.T, 0, threshold)`` as scipy computes it, with numpy.

    scipy's CSR product (``csr_matmat``) takes, for each row ``i``, its entries ``k`` in stored
    order and, for each, the rows ``j`` sharing column ``k`` in increasing order, adding
    ``A[i,k] * A[j,k]`` to ``sums[j]``; it stores row ``i``'s nonzero sums in the reverse order
    of first touch. Here the same products are laid out in that order (one per entry and
    partner), summed by ``bincount`` (sequentially, in array order: the same additions) and
    stored in the same order, so the degree sums taken over rows later round the same way.
    """
    n = vectors.n_rows
    data, indices, indptr = vectors.data, vectors.indices, vectors.indptr
    nnz = int(indptr[n])
    if nnz == 0:
        return Rows(np.zeros(0), np.zeros(0, np.int64), np.zeros(n + 1, np.int64), n)
    data, indices = data[:nnz], indices[:nnz]
    rows = np.repeat(np.arange(n), np.diff(indptr))
    # The rows of the transpose: entries grouped by column, rows ascending within a column.
    # (A stable order is unique, whatever the algorithm: numpy's radix sort for 16-bit keys
    # is several times faster than its timsort for wider ones.)
    columns = indices.astype(np.int16) if vectors.n_columns <= _INT16_MAX + 1 else indices
    by_column = np.argsort(columns, kind="stable")
    df = np.bincount(indices, minlength=vectors.n_columns)
    partners = df[indices]  # entries sharing each entry's column, itself included
    ends = np.cumsum(partners)
    # Stream position t of entry e's p-th partner is ends[e] - partners[e] + p; that partner
    # sits at (column start of e) + p in ``by_column``.
    shift = (np.cumsum(df) - df)[indices] - (ends - partners)
    stream = np.arange(ends[-1]) + np.repeat(shift, partners)
    partner = by_column[stream]
    entry = np.repeat(np.arange(nnz), partners)
    keys = rows[entry] * n + rows[partner]
    size = len(keys)
    sums = np.bincount(keys, weights=data[entry] * data[partner], minlength=n * n)
    # Products are never negative, so the pairs scipy stores (touched, sum nonzero) are those
    # with a nonzero sum; each one's first touch is its smallest stream position.
    first = np.full(n * n, size)
    np.minimum.at(first, keys, np.arange(size))
    keep = (sums != 0.0) & (sums > threshold)
    keep[:: n + 1] = False  # no self-loops
    kept = np.flatnonzero(keep)
    kept_rows = kept // n
    # Row by row, latest first touch first: ``first`` is below ``size``.
    order = np.argsort(kept_rows * size - first[kept])
    kept = kept[order]
    bounds = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(kept_rows, minlength=n), out=bounds[1:])
    values = sums[kept].astype(np.float64, copy=False)  # bincount's type is not precise
    return Rows(values, kept - kept_rows[order] * n, bounds, n)


def as_csr(matrix: sp.spmatrix) -> sp.csr_matrix:
    """``matrix`` as a float64 CSR matrix; itself when it already is one (no copy, no check:
    on a news article scipy's constructor checks cost as much as the arithmetic)."""
    if isinstance(matrix, sp.csr_matrix) and matrix.dtype == np.float64:
        return matrix
    return sp.csr_matrix(matrix, dtype=np.float64)


def _edges(product: sp.csr_matrix, first_row: int, threshold: float) -> sp.csr_matrix:
    """Rows ``first_row, ...`` of the similarity matrix without self-loops and entries
    ``<= threshold``."""
    rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
    return _keep(product, (product.data > threshold) & (product.indices != rows + first_row))


def _nearest(block: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep, in every row, its ``k`` largest entries; ties at the k-th value go to the lowest
    columns (the earlier sentences).

    Exactly ``k``, not every tie: when all similarities are equal (50,000 sentences "Câu 1.",
    "Câu 2.", ... share one word) keeping ties kept the whole n × n graph and ran out of memory.
    """
    lengths = np.diff(block.indptr)
    keep = np.ones(len(block.data), dtype=bool)
    for row in np.flatnonzero(lengths > k):
        start, end = block.indptr[row], block.indptr[row + 1]
        values = block.data[start:end]
        cutoff = np.partition(values, len(values) - k)[len(values) - k]
        above = values > cutoff
        ties = np.flatnonzero(values == cutoff)
        wanted = k - int(above.sum())
        if len(ties) > wanted:  # columns in a row are distinct: the partition is unique
            ties = ties[np.argpartition(block.indices[start:end][ties], wanted - 1)[:wanted]]
        above[ties] = True
        keep[start:end] = above
    return _keep(block, keep)


def _keep(matrix: sp.csr_matrix, mask: np.ndarray) -> sp.csr_matrix:
    """The entries of ``matrix`` where ``mask`` is true, in their stored order."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    indptr = np.zeros(matrix.shape[0] + 1, dtype=matrix.indptr.dtype)
    np.cumsum(np.bincount(rows[mask], minlength=matrix.shape[0]), out=indptr[1:])
    return sp.csr_matrix((matrix.data[mask], matrix.indices[mask], indptr), shape=matrix.shape)


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
    matrix = as_csr(graph)
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


def directed_centrality(
    graph: sp.spmatrix, *, backward: float = BACKWARD_WEIGHT
) -> NDArray[np.float64]:
    """Position-aware degree centrality of PacSum (Zheng & Lapata, 2019).

    ``c_i = Σ_{j>i} w_ij + backward · Σ_{j<i} w_ij``: a sentence is central when the sentences
    *after* it echo it; similarity to earlier sentences (``backward`` < 0) marks a sentence as
    elaboration. News reports state their point first, which is why this beats undirected
    PageRank on VietNews (see docs/benchmarks.md). Unlike PacSum we keep every positive edge
    (their threshold β; 0 tuned best on our split) and use TF-IDF cosine, not BERT.
    """
    matrix = as_csr(graph)
    return directed_rows(
        Rows(matrix.data, matrix.indices, matrix.indptr, matrix.shape[1]), backward=backward
    )


def directed_rows(graph: Rows, *, backward: float = BACKWARD_WEIGHT) -> NDArray[np.float64]:
    """:func:`directed_centrality` on bare arrays."""
    n = graph.n_rows
    rows = np.repeat(np.arange(n), np.diff(graph.indptr))
    # Row sums of the strict upper and lower triangles, added in stored order (the same sums as
    # ``sp.triu(matrix, k=1).sum(axis=1)``, without building either triangle).
    after = graph.indices > rows
    before = graph.indices < rows
    later = np.bincount(rows[after], weights=graph.data[after], minlength=n)
    earlier = np.bincount(rows[before], weights=graph.data[before], minlength=n)
    return np.asarray(later + backward * earlier, dtype=np.float64)


def with_priors(
    centrality: NDArray[np.float64],
    lengths: NDArray[np.float64],
    *,
    position_weight: float,
    length_weight: float,
    query_similarity: NDArray[np.float64] | None = None,
    query_weight: float = 0.0,
) -> NDArray[np.float64]:
    """Centrality scaled to at most 1 in magnitude, plus lead, length and title priors.

    ``s_i = c_i / max|c| + position_weight / (i + 1) + length_weight · ln(1 + len_i)
    + query_weight · cos(title, i)``, then min-max scaled to [0, 1]. The lead prior encodes
    where news puts its point; the (negative) length prior favours crisp sentences over long
    enumerations; the title, when there is one, acts as a query (the additive counterpart of a
    title-biased personalization). The weights were tuned on a VietNews tuning split and
    measured on a held-out one (``benchmarks/tune.py``, docs/benchmarks.md).
    """
    n = len(centrality)
    if n == 0:
        return np.zeros(0)
    top = np.abs(centrality).max()
    score = centrality / top if top > 0 else np.zeros(n)
    score = score + position_weight / (np.arange(n) + 1.0)
    score = score + length_weight * np.log1p(np.asarray(lengths, dtype=np.float64))
    if query_similarity is not None:
        score = score + query_weight * np.asarray(query_similarity, dtype=np.float64)
    low, high = score.min(), score.max()
    if high - low <= 0:
        return np.ones(n)
    return np.asarray((score - low) / (high - low), dtype=np.float64)
