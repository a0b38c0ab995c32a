"""Terms -> TF-IDF sentence vectors (scikit-learn, sparse, rows L2-normalised).

``TfidfVectorizer`` is fed the pre-tokenised terms through an identity analyzer: its default
token pattern would split Vietnamese words into syllables and drop one-letter words. Document
frequencies are counted over the document's own sentences (each sentence is a "document" for
IDF, as in TextRank/LexRank), with scikit-learn's smoothing: ``idf = ln((1 + n) / (1 + df)) + 1``.
"""

from __future__ import annotations

from collections.abc import Sequence

import scipy.sparse as sp


def _identity(terms: list[str]) -> list[str]:
    # Module-level so that fitted vectorizers stay picklable.
    return terms


def tfidf(terms: Sequence[list[str]], *, sublinear_tf: bool = False) -> sp.csr_matrix:
    """An ``n_sentences × n_terms`` CSR matrix; a sentence without terms is an all-zero row.

    An empty vocabulary (no sentence has a term) is not an error: the result has zero columns.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(terms):
        return sp.csr_matrix((len(terms), 0))
    vectorizer = TfidfVectorizer(
        analyzer=_identity, lowercase=False, norm="l2", sublinear_tf=sublinear_tf
    )
    matrix = vectorizer.fit_transform(list(terms))
    return sp.csr_matrix(matrix)
