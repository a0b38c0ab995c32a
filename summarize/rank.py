"""Sentence centrality: a cosine-similarity graph and PageRank on it (TextRank).

TextRank (Mihalcea & Tarau, 2004) scores sentences by PageRank on a graph whose edge weights are
sentence similarities. We use cosine similarity of TF-IDF vectors (as LexRank, Erkan & Radev
2004, does) instead of TextRank's length-normalised word overlap, and compute it as one sparse
product. PageRank is a bounded power iteration on a scipy sparse matrix with the semantics of
``networkx.pagerank`` (weighted, dangling nodes redistributed by the personalization vector),
except that reaching ``max_iter`` returns the last iterate instead of raising: a summarizer
must answer, and the iterate is already a usable ranking.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

DAMPING = 0.85
TOLERANCE = 1.0e-6
MAX_ITER = 100


def similarity_graph(vectors: sp.spmatrix, *, threshold: float = 0.0) -> sp.csr_matrix:
    """Cosine similarities of L2-normalised rows, without self-loops or edges ``<= threshold``."""
    matrix = sp.csr_matrix(vectors)
    graph = sp.csr_matrix(matrix @ matrix.T)
    graph.setdiag(0.0)
    if threshold > 0.0:
        graph.data[graph.data <= threshold] = 0.0
    graph.eliminate_zeros()
    return graph


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
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out_weight == 0.0
    scale = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    transition_t = sp.csr_matrix((sp.diags(scale) @ matrix).T)
    x = p.copy()
    for _ in range(max_iter):
        previous = x
        x = damping * (transition_t @ previous + previous[dangling].sum() * p) + (1 - damping) * p
        if np.abs(x - previous).sum() < n * tol:
            break
    return np.asarray(x / x.sum(), dtype=np.float64)
