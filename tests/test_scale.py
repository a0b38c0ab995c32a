"""Speed and scale without underthesea: the k-nearest-neighbour graph of long documents, its
blocked computation, and every fast path checked against the computation it replaces."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from _texts import make_texts
from hypothesis import given
from hypothesis import strategies as st

import summarize.rank as rank
import summarize.segment as segment
from summarize import summarize
from summarize.select import Budget, select
from summarize.vectorize import split_query, tfidf


def random_vectors(n: int, vocabulary: int, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    terms = [
        [f"t{j}" for j in rng.integers(0, vocabulary, size=rng.integers(0, 8))] for _ in range(n)
    ]
    return tfidf(terms)


def test_short_documents_get_the_exact_graph():
    vectors = random_vectors(rank.MAX_NEIGHBORS + 1, 40, seed=0)
    exact = rank.similarity_graph(vectors, max_neighbors=None)
    default = rank.similarity_graph(vectors)
    assert (default != exact).nnz == 0
    np.testing.assert_array_equal(default.data, exact.data)  # same values, same order


@pytest.mark.parametrize("k", [1, 3, 10])
def test_long_documents_keep_each_sentences_nearest_neighbours(k):
    vectors = random_vectors(60, 25, seed=k)
    exact = rank.similarity_graph(vectors, max_neighbors=None).toarray()
    graph = rank.similarity_graph(vectors, max_neighbors=k)
    dense = graph.toarray()
    np.testing.assert_allclose(dense, dense.T)  # symmetric
    assert not dense.diagonal().any()  # no self-loops
    kept = dense > 0
    np.testing.assert_allclose(dense[kept], exact[kept], rtol=1e-12)  # true similarities
    for row in range(exact.shape[0]):
        positive = np.sort(exact[row][exact[row] > 0])[::-1]
        if len(positive) == 0:
            continue
        kth = positive[min(k, len(positive)) - 1]
        assert kept[row][exact[row] > kth].all()  # every neighbour closer than the k-th
        assert kept[row].sum() >= min(k, len(positive))  # and k of them at least
    assert graph.nnz <= 2 * (k + 1) * exact.shape[0]  # O(n k), ties or not


def test_blocks_do_not_change_the_graph(monkeypatch):
    vectors = random_vectors(80, 30, seed=5)
    whole = rank.similarity_graph(vectors, max_neighbors=5)
    monkeypatch.setattr(rank, "BLOCK_ENTRIES", 80 * 3)  # three rows per block
    blocked = rank.similarity_graph(vectors, max_neighbors=5)
    assert (whole != blocked).nnz == 0


def test_threshold_applies_to_the_neighbour_graph():
    vectors = random_vectors(50, 10, seed=6)
    graph = rank.similarity_graph(vectors, max_neighbors=4, threshold=0.3)
    assert graph.nnz and graph.data.min() > 0.3


def reference_select(scores, similarity, eligible, lengths, budget, diversity, max_similarity):
    """The selector as first written: a Python loop over each chosen row (the oracle).
    A words budget takes the rank-order prefix that fits (the first pick always)."""
    candidates = [i for i, ok in enumerate(eligible) if ok]
    if not candidates:
        return ()
    sim = sp.csr_matrix(similarity)
    score = np.asarray(scores, dtype=np.float64)[candidates]
    top = score.max()
    relevance = score / top if top > 0 else np.zeros_like(score)
    redundancy = np.zeros(len(candidates))
    position = {c: k for k, c in enumerate(candidates)}
    open_ = np.ones(len(candidates), dtype=bool)
    limit = budget.max_sentences(len(candidates))
    words_left = budget.words
    chosen: list[int] = []
    while open_.any() and len(chosen) < limit:
        value = np.where(open_, (1 - diversity) * relevance - diversity * redundancy, -np.inf)
        k = int(np.argmax(value))
        best = candidates[k]
        if words_left is not None and chosen and lengths[best] > words_left:
            break
        chosen.append(best)
        open_[k] = False
        if words_left is not None:
            words_left -= lengths[best]
        row = sim.getrow(best)
        for j, s in zip(row.indices, row.data, strict=False):
            if j in position:
                redundancy[position[j]] = max(redundancy[position[j]], s)
                if s > max_similarity:
                    open_[position[j]] = False
    return tuple(sorted(chosen))


@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from([{"sentences": 3}, {"ratio": 0.5}, {"words": 30}]),
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.05, max_value=1.0),
)
def test_vectorised_selector_equals_the_loop(n, seed, budget, diversity, max_similarity):
    rng = np.random.default_rng(seed)
    vectors = random_vectors(n, 12, seed)
    similarity = rank.similarity_graph(vectors)
    scores = rng.random(n)
    eligible = list(rng.random(n) < 0.8)
    lengths = list(rng.integers(1, 25, size=n))
    plan = Budget.from_options(**budget)
    ours = select(scores, similarity, eligible, lengths, plan, diversity=diversity,
                  max_similarity=max_similarity)
    oracle = reference_select(scores, similarity, eligible, lengths, plan, diversity,
                              max_similarity)
    assert ours == oracle


def test_a_long_document_uses_the_neighbour_graph_and_still_summarizes(monkeypatch):
    calls = []
    real = rank.similarity_graph

    def spy(vectors, **kwargs):
        graph = real(vectors, **kwargs)
        calls.append((vectors.shape[0], graph.nnz))
        return graph

    monkeypatch.setattr(rank, "similarity_graph", spy)
    text = "\n".join(make_texts(200, seed=12))  # about 900 sentences
    summary = summarize(text, tokenizer="syllable", sentences=5)
    assert len(summary.sentences) == 5
    (n, edges), = calls
    assert n > 3 * rank.MAX_NEIGHBORS
    assert edges <= 2 * rank.MAX_NEIGHBORS * n  # sparse: O(n k), not O(n²)


# --- fast paths equal the computations they replace ---------------------------------------------

_TERMS = st.lists(
    st.lists(st.sampled_from(["hội nghị", "kinh tế", "a", "ý", "2024", "xã hội", "đảng", "x y"])),
    min_size=1,
    max_size=12,
)


def same_csr(left: sp.csr_matrix, right: sp.csr_matrix) -> bool:
    return (
        left.shape == right.shape
        and np.array_equal(left.indptr, right.indptr)
        and np.array_equal(left.indices, right.indices)
        and np.array_equal(left.data, right.data)
    )


@given(_TERMS)
def test_unsorted_columns_give_bit_identical_similarities(terms):
    sorted_columns = tfidf(terms)
    first_seen = tfidf(terms, sort_terms=False)
    assert sorted_columns.shape == first_seen.shape
    for left, right in zip(sorted_columns.toarray(), first_seen.toarray(), strict=True):
        assert sorted(left) == sorted(right)  # the same vectors, columns permuted
    assert same_csr(rank.similarity_graph(sorted_columns), rank.similarity_graph(first_seen))


@given(_TERMS)
def test_split_query_equals_slicing_and_a_product(terms):
    vectors = tfidf(terms, sort_terms=False)
    head, similarity = split_query(vectors)
    assert same_csr(head, sp.csr_matrix(vectors[:-1]))
    expected = np.asarray((vectors[:-1] @ vectors[-1].T).todense()).ravel()
    np.testing.assert_array_equal(similarity, expected)


@pytest.mark.parametrize("seed", range(5))
def test_directed_centrality_equals_triangle_sums(seed):
    graph = rank.similarity_graph(random_vectors(30, 15, seed))
    later = np.asarray(sp.triu(graph, k=1).sum(axis=1)).ravel()
    earlier = np.asarray(sp.tril(graph, k=-1).sum(axis=1)).ravel()
    np.testing.assert_array_equal(
        rank.directed_centrality(graph, backward=-0.75), later + -0.75 * earlier
    )


def slow_split_line(line: str) -> list[tuple[int, int]]:
    """segment._split_line without its one-sentence shortcut."""
    boundaries = segment._valid_boundaries(line, segment._proposed_boundaries(line))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*boundaries, len(line)]:
        s, e = segment._strip(line, start, cut)
        if s < e:
            if spans and not segment._WORD_CHAR.search(line, s, e):
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        start = cut
    return spans


@given(
    st.lists(
        st.sampled_from(["Ông", "nói", "TP.", "5.000", "?", "!", ".", "…", "“", "”", '"', ")", " ",
                         "A", "b", "ThS.", "www.x.vn", ":", "( ! ? )"]),
        min_size=1,
        max_size=14,
    )
)
def test_one_sentence_lines_take_the_shortcut_safely(pieces):
    line = " ".join(pieces).strip()
    if line:
        assert segment._split_line(line) == slow_split_line(line)


# --- the pipeline's array paths (vectorize.Rows) equal the reference computations --------------


def same_rows(left, right) -> bool:  # type: ignore[no-untyped-def]
    return (
        left.n_columns == right.n_columns
        and np.array_equal(left.indptr, right.indptr)
        and np.array_equal(left.indices, right.indices)
        and np.array_equal(left.data, right.data)  # bit for bit, in stored order
    )


@given(_TERMS, st.sampled_from([0.0, 0.05, 0.3, -1.0]))
def test_the_numpy_graph_equals_scipys_product_in_stored_order(terms, threshold):
    from summarize.vectorize import Rows, tfidf_rows

    vectors = tfidf_rows(terms)
    expected = rank.similarity_graph(vectors.to_csr(), threshold=threshold, max_neighbors=None)
    reference = Rows(expected.data, expected.indices, expected.indptr, expected.shape[1])
    assert same_rows(rank._exact_rows(vectors, threshold), reference)


_SYLLABLES = st.sampled_from(["hội", "nghị", "của", "và", "Kinh", "tế", "2024", "là", "x", "Đảng"])


@given(st.lists(st.lists(_SYLLABLES, max_size=9), min_size=1, max_size=10))
def test_syllable_term_ids_equal_the_term_strings(sentences):
    import summarize.tokenize as tokenize
    from summarize.vectorize import tfidf_rows, weigh

    texts = [" ".join(words) for words in sentences]
    per_sentence = [tokenize._SYLLABLE.findall(text.lower()) for text in texts]
    by_ids = weigh(*tokenize.syllable_term_ids(per_sentence))
    by_strings = tfidf_rows([tokenize.syllable_terms(text) for text in texts])
    assert same_rows(by_ids, by_strings)


@given(
    st.lists(
        st.sampled_from(["TTO - Sáng nay", "Hội nghị", "İstanbul", "ΣΟΦΙΑ", "ς", "5.000", ".",
                         "\n", "\n", "Ảnh: X", "ĐẢNG", "nói", "!", "?"]),
        max_size=16,
    )
)
def test_noise_hands_on_each_sentences_syllables(pieces):
    from summarize.noise import detect_noise, syllable_count, syllables_of
    from summarize.segment import segment as split

    text = " ".join(pieces)
    seg = split(text)
    noise = detect_noise(text, seg)
    assert len(noise.syllables) == len(noise.lengths) == len(noise.sentences)
    for span, words, length in zip(noise.sentences, noise.syllables, noise.lengths, strict=True):
        sentence = text[span.start : span.end]
        assert words == syllables_of(sentence.lower())
        assert length == syllable_count(sentence)
