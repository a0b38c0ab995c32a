"""vectorize: TF-IDF rows over pre-tokenised Vietnamese terms (no underthesea)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from summarize.vectorize import tfidf, tfidf_sklearn


def test_shape_and_l2_rows():
    terms = [["hội nghị", "kinh tế", "kinh tế"], ["kinh tế", "xã hội"], [], ["a"]]
    matrix = tfidf(terms)
    assert sp.issparse(matrix)
    assert matrix.shape == (4, 4)  # vocabulary: hội nghị, kinh tế, xã hội, a
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert norms == pytest.approx([1.0, 1.0, 0.0, 1.0])


def test_an_all_empty_vocabulary_gives_zero_columns():
    for terms in ([[], []], [[]], []):
        matrix = tfidf(terms)
        assert matrix.shape == (len(terms), 0)
        assert matrix.nnz == 0


def test_multi_syllable_words_and_one_letter_words_are_kept_whole():
    # scikit-learn's default token pattern would split "hội nghị" and drop "a" and "ý".
    matrix_terms = [["hội nghị", "ý", "a"], ["hội nghị", "xây dựng"]]
    matrix = tfidf(matrix_terms)
    assert matrix.shape == (2, 4)
    assert matrix[0].nnz == 3
    assert matrix[1].nnz == 2


def test_idf_weights_follow_sklearn_smoothing():
    matrix = tfidf([["chung", "riêng"], ["chung"]]).toarray()
    # idf(chung) = ln(3/3) + 1 = 1, idf(riêng) = ln(3/2) + 1; row 0 normalised.
    idf_rare = np.log(3 / 2) + 1
    expected = np.array([1.0, idf_rare]) / np.hypot(1.0, idf_rare)
    assert sorted(matrix[0]) == pytest.approx(sorted(expected))
    assert sorted(matrix[1]) == pytest.approx([0.0, 1.0])


def test_identical_sentences_have_cosine_one():
    matrix = tfidf([["phát triển", "kinh tế"], ["phát triển", "kinh tế"], ["giáo dục"]])
    similarity = (matrix @ matrix.T).toarray()
    assert similarity[0, 1] == pytest.approx(1.0)
    assert similarity[0, 2] == pytest.approx(0.0)


def test_sublinear_tf_dampens_repeats():
    plain = tfidf([["x", "x", "x", "y"], ["z"]]).toarray()
    damped = tfidf([["x", "x", "x", "y"], ["z"]], sublinear_tf=True).toarray()
    assert plain[0].max() > damped[0].max()


def test_identity_analyzer_is_picklable():
    from summarize.vectorize import _identity

    assert pickle.loads(pickle.dumps(_identity))(["a"]) == ["a"]


_TERMS = st.lists(
    st.lists(st.sampled_from(["hội nghị", "kinh tế", "a", "ý", "2024", "xã hội", "đảng", "x y"])),
    max_size=12,
)


@given(_TERMS, st.booleans())
def test_bit_for_bit_equal_to_scikit_learn(terms, sublinear_tf):
    ours = tfidf(terms, sublinear_tf=sublinear_tf)
    reference = tfidf_sklearn(terms, sublinear_tf=sublinear_tf)
    assert ours.shape == reference.shape
    ours.sort_indices()
    reference.sort_indices()
    np.testing.assert_array_equal(ours.indptr, reference.indptr)
    np.testing.assert_array_equal(ours.indices, reference.indices)
    np.testing.assert_array_equal(ours.data, reference.data)
