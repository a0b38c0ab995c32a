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

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray


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
    n = len(terms)
    flat = list(itertools.chain.from_iterable(terms))
    if not flat:
        return sp.csr_matrix((n, 0))
    # Term ids in order of first occurrence, as scikit-learn's vocabulary assigns them.
    first_seen = dict(zip(dict.fromkeys(flat), itertools.count()))
    size = len(first_seen)
    term_ids = np.fromiter(map(first_seen.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=n)
    # One entry per (sentence, term) with its count, ordered by sentence then first-seen id:
    # scikit-learn's order after its ``sort_indices``, which the L2 sums below follow.
    keys = np.repeat(np.arange(n), lengths) * size + term_ids
    pairs, counts = np.unique(keys, return_counts=True)
    entry_rows, entry_terms = np.divmod(pairs, size)
    index_dtype = np.int32 if max(len(pairs), size) < np.iinfo(np.int32).max else np.int64
    bounds = np.zeros(n + 1, dtype=index_dtype)
    np.cumsum(np.bincount(entry_rows, minlength=n), out=bounds[1:])
    if sort_terms:  # columns renumbered alphabetically, as ``TfidfVectorizer`` sorts them
        alphabetical = np.empty(size, dtype=index_dtype)
        alphabetical[[first_seen[t] for t in sorted(first_seen)]] = np.arange(size)
        indices = alphabetical[entry_terms]
    else:
        indices = entry_terms.astype(index_dtype)
    data = counts.astype(np.float64)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    df = np.bincount(indices, minlength=size).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=n + 1)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[indices]
    # Row sums of squares by ``bincount``: one sequential sum per row in stored order, the same
    # additions as scikit-learn's ``inplace_csr_row_normalize_l2`` (numpy's pairwise sums and
    # ``reduceat`` would round differently).
    norms = np.sqrt(np.bincount(entry_rows, weights=data * data, minlength=n))
    norms[norms == 0.0] = 1.0
    data /= norms[entry_rows]
    return sp.csr_matrix((data, indices, bounds), shape=(n, size))


def split_query(vectors: sp.csr_matrix) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
    """The rows of ``vectors`` but the last, and the dot product of each with the last (a query).

    The same as ``vectors[:-1]`` and ``(vectors[:-1] @ vectors[-1].T).toarray().ravel()``, bit
    for bit (each dot product is summed over the row's entries in stored order), without
    scipy's slicing and product machinery, which costs more than the arithmetic on an article.
    """
    n = vectors.shape[0] - 1
    end = vectors.indptr[n]
    query = np.zeros(vectors.shape[1])
    query[vectors.indices[end:]] = vectors.data[end:]
    rows = np.repeat(np.arange(n), np.diff(vectors.indptr[: n + 1]))
    data, indices = vectors.data[:end], vectors.indices[:end]
    # Adding the 0.0 products of terms missing from the query leaves each sum unchanged.
    similarity = np.bincount(rows, weights=data * query[indices], minlength=n).astype(np.float64)
    head = sp.csr_matrix((data, indices, vectors.indptr[: n + 1]), shape=(n, vectors.shape[1]))
    return head, similarity


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

