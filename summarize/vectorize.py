"""Terms -> TF-IDF sentence vectors (sparse, rows L2-normalised), as scikit-learn computes them.

The reference is ``TfidfVectorizer(analyzer=identity, lowercase=False, norm="l2")`` fed the
pre-tokenised terms (its default token pattern would split Vietnamese words into syllables and
drop one-letter words). Document frequencies are counted over the document's own sentences (each
sentence is a "document" for IDF, as in TextRank/LexRank), with scikit-learn's smoothing:
``idf = ln((1 + n) / (1 + df)) + 1``; each row is then scaled to unit L2 norm.

:func:`tfidf` computes exactly that with scipy directly, because on a news article the
vectorizer's parameter validation and array checks cost several times the arithmetic. It
replays scikit-learn's operations in scikit-learn's order (columns sorted by term, entries of a
row in first-seen order, the row norm summed left to right), so the vectors are bit-for-bit
equal: ``tests/test_vectorize.py`` checks them against :func:`tfidf_sklearn`, kept as the
documented reference.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

_INT32_MAX = int(np.iinfo(np.int32).max)


class Rows(NamedTuple):
    """A CSR matrix as its bare arrays: how the pipeline hands vectors and graphs between its
    stages. Building a ``scipy.sparse`` matrix costs some 10 µs of checks, and a news article
    passes through several: more than the arithmetic. Entries of a row are stored by column.
    """

    data: NDArray[np.float64]
    indices: NDArray[np.integer[Any]]
    indptr: NDArray[np.integer[Any]]
    n_columns: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def to_csr(self) -> sp.csr_matrix:
        return sp.csr_matrix(
            (self.data, self.indices, self.indptr), shape=(self.n_rows, self.n_columns)
        )


def tfidf(
    terms: Sequence[list[str]], *, sublinear_tf: bool = False, sort_terms: bool = True
) -> sp.csr_matrix:
    """An ``n_sentences × n_terms`` CSR matrix; a sentence without terms is an all-zero row.

    Columns are the distinct terms in sorted order, as scikit-learn lays them out, or with
    ``sort_terms=False`` in order of first occurrence: the same vectors with their columns
    permuted, and the same sums in the same order, so cosine similarities come out bit for bit
    the same while sorting a large vocabulary of Unicode strings is skipped (the pipeline's
    choice). An empty vocabulary (no sentence has a term) is not an error: the result has zero
    columns.
    """
    rows = tfidf_rows(terms, sublinear_tf=sublinear_tf)
    if sort_terms and rows.n_columns:  # columns renumbered alphabetically, as scikit-learn does
        first_seen = dict.fromkeys(itertools.chain.from_iterable(terms))
        alphabetical = np.empty(rows.n_columns, dtype=rows.indices.dtype)
        order = sorted(range(rows.n_columns), key=list(first_seen).__getitem__)
        alphabetical[order] = np.arange(rows.n_columns)
        # Entries stay in first-seen order within a row: the order the L2 sums were taken in.
        rows = rows._replace(indices=alphabetical[rows.indices])
    return rows.to_csr()


def tfidf_rows(terms: Sequence[list[str]], *, sublinear_tf: bool = False) -> Rows:
    """The rows of :func:`tfidf` with ``sort_terms=False``, as bare arrays."""
    flat = list(itertools.chain.from_iterable(terms))
    # Term ids in order of first occurrence, as scikit-learn's vocabulary assigns them.
    first_seen = dict(zip(dict.fromkeys(flat), itertools.count()))
    term_ids = np.fromiter(map(first_seen.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
    return weigh(term_ids, lengths, len(first_seen), sublinear_tf=sublinear_tf)


def weigh(
    term_ids: NDArray[np.int64],
    lengths: NDArray[np.int64],
    size: int,
    *,
    sublinear_tf: bool = False,
) -> Rows:
    """TF-IDF rows from every sentence's term ids, concatenated (``lengths`` per sentence).

    Ids number the ``size`` distinct terms in order of first occurrence; they are the columns.
    """
    n = len(lengths)
    if not size:
        return Rows(np.zeros(0), np.zeros(0, np.int32), np.zeros(n + 1, np.int32), 0)
    # One entry per (sentence, term) with its count, ordered by sentence then first-seen id:
    # scikit-learn's order after its ``sort_indices``, which the L2 sums below follow.
    keys = np.repeat(np.arange(n), lengths) * size + term_ids
    # ``np.unique(keys, return_counts=True)`` without its wrapper's overhead: sort, cut runs.
    ordered = np.sort(keys)
    ends = np.ones(len(ordered), dtype=bool)  # the last of a run of equal keys
    np.not_equal(ordered[1:], ordered[:-1], out=ends[:-1])
    last = np.flatnonzero(ends)
    pairs = ordered[last]
    counts = np.diff(last, prepend=-1)
    entry_rows, entry_terms = np.divmod(pairs, size)
    index_dtype = np.int32 if max(len(pairs), size) < _INT32_MAX else np.int64
    bounds = np.zeros(n + 1, dtype=index_dtype)
    np.cumsum(np.bincount(entry_rows, minlength=n), out=bounds[1:])
    indices = entry_terms.astype(index_dtype)
    data = counts.astype(np.float64)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    df = np.bincount(indices, minlength=size) + 1.0
    idf = np.log((n + 1) / df)
    idf += 1.0
    data *= idf[indices]
    # Row sums of squares by ``bincount``: one sequential sum per row in stored order, the same
    # additions as scikit-learn's ``inplace_csr_row_normalize_l2`` (numpy's pairwise sums and
    # ``reduceat`` would round differently).
    norms = np.sqrt(np.bincount(entry_rows, weights=data * data, minlength=n))
    norms[norms == 0.0] = 1.0
    data /= norms[entry_rows]
    return Rows(data, indices, bounds, size)


def split_query(vectors: sp.csr_matrix) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
    """The rows of ``vectors`` but the last, and the dot product of each with the last (a query).

    The same as ``vectors[:-1]`` and ``(vectors[:-1] @ vectors[-1].T).toarray().ravel()``, bit
    for bit (each dot product is summed over the row's entries in stored order), without
    scipy's slicing and product machinery, which costs more than the arithmetic on an article.
    """
    head, similarity = split_query_rows(
        Rows(vectors.data, vectors.indices, vectors.indptr, vectors.shape[1])
    )
    return head.to_csr(), similarity


def split_query_rows(vectors: Rows) -> tuple[Rows, NDArray[np.float64]]:
    """:func:`split_query` on bare arrays."""
    n = vectors.n_rows - 1
    end = vectors.indptr[n]
    query = np.zeros(vectors.n_columns)
    query[vectors.indices[end:]] = vectors.data[end:]
    rows = np.repeat(np.arange(n), np.diff(vectors.indptr[: n + 1]))
    data, indices = vectors.data[:end], vectors.indices[:end]
    # Adding the 0.0 products of terms missing from the query leaves each sum unchanged.
    similarity = np.bincount(rows, weights=data * query[indices], minlength=n).astype(np.float64)
    return Rows(data, indices, vectors.indptr[: n + 1], vectors.n_columns), similarity


def tfidf_sklearn(terms: Sequence[list[str]], *, sublinear_tf: bool = False) -> sp.csr_matrix:
    """The reference: the same matrix through scikit-learn's ``TfidfVectorizer``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(terms):
        return sp.csr_matrix((len(terms), 0))
    vectorizer = TfidfVectorizer(
        analyzer=_identity, lowercase=False, norm="l2", sublinear_tf=sublinear_tf
    )
    return sp.csr_matrix(vectorizer.fit_transform(list(terms)))


def _identity(terms: list[str]) -> list[str]:
    # Module-level so that fitted vectorizers stay picklable.
    return terms
