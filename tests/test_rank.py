"""rank: the cosine graph and our PageRank, checked against networkx.pagerank (the oracle)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from summarize.rank import directed_centrality, pagerank, similarity_graph, with_priors

ORACLE_TOL = 1e-12  # both sides converge far past the 1e-6 we compare at


def oracle(graph: sp.spmatrix, *, damping: float = 0.85, personalization=None) -> np.ndarray:
    """``networkx.pagerank`` on the same weighted directed graph, as an array by node."""
    n = graph.shape[0]
    digraph = nx.from_scipy_sparse_array(sp.csr_array(graph), create_using=nx.DiGraph)
    digraph.add_nodes_from(range(n))
    personal = None if personalization is None else dict(enumerate(personalization))
    result = nx.pagerank(
        digraph,
        alpha=damping,
        personalization=personal,
        tol=ORACLE_TOL,
        max_iter=10_000,
        weight="weight",
    )
    return np.array([result[i] for i in range(n)])


def ours(graph: sp.spmatrix, **kwargs) -> np.ndarray:
    return pagerank(graph, tol=ORACLE_TOL, max_iter=10_000, **kwargs)


def random_graph(
    rng: np.random.Generator, n: int, density: float, *, symmetric: bool
) -> sp.csr_matrix:
    matrix = sp.random(n, n, density=density, random_state=rng, format="csr")
    matrix.setdiag(0.0)
    matrix.eliminate_zeros()
    if symmetric:
        matrix = sp.csr_matrix(matrix + matrix.T)
    return matrix


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("symmetric", [True, False], ids=["symmetric", "directed"])
def test_agrees_with_networkx_on_random_sparse_graphs(seed, symmetric):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    graph = random_graph(rng, n, density=float(rng.uniform(0.05, 0.4)), symmetric=symmetric)
    damping = float(rng.uniform(0.5, 0.95))
    np.testing.assert_allclose(
        ours(graph, damping=damping), oracle(graph, damping=damping), atol=1e-6
    )


def test_agrees_with_networkx_with_dangling_nodes():
    # 0 → 1 → 2, 3 → 0, node 2 and node 4 have no out-edges, node 4 no edges at all.
    rows, cols, weights = [0, 1, 3], [1, 2, 0], [0.5, 2.0, 1.0]
    graph = sp.csr_matrix((weights, (rows, cols)), shape=(5, 5))
    result = ours(graph)
    np.testing.assert_allclose(result, oracle(graph), atol=1e-6)
    assert result.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_networkx_with_personalization(seed):
    rng = np.random.default_rng(100 + seed)
    n = 15
    graph = random_graph(rng, n, density=0.15, symmetric=bool(seed % 2)).tolil()
    graph[0, :] = 0.0  # a dangling node: its mass goes by the personalization vector
    graph = sp.csr_matrix(graph)
    graph.eliminate_zeros()
    personalization = rng.uniform(0.0, 1.0, n)
    personalization[3] = 0.0
    np.testing.assert_allclose(
        ours(graph, personalization=personalization),
        oracle(graph, personalization=personalization),
        atol=1e-6,
    )


def test_default_tolerance_is_already_close_to_the_oracle():
    graph = random_graph(np.random.default_rng(7), 30, 0.2, symmetric=True)
    np.testing.assert_allclose(pagerank(graph), oracle(graph), atol=1e-5)


def test_edgeless_graph_is_uniform():
    np.testing.assert_allclose(pagerank(sp.csr_matrix((4, 4))), np.full(4, 0.25))


def test_edgeless_graph_with_personalization_is_the_personalization():
    result = pagerank(sp.csr_matrix((3, 3)), personalization=np.array([1.0, 3.0, 0.0]))
    np.testing.assert_allclose(result, [0.25, 0.75, 0.0])


def test_zero_personalization_falls_back_to_uniform():
    result = pagerank(sp.csr_matrix((2, 2)), personalization=np.zeros(2))
    np.testing.assert_allclose(result, [0.5, 0.5])


def test_one_node_and_no_node():
    np.testing.assert_array_equal(pagerank(sp.csr_matrix((1, 1))), [1.0])
    assert pagerank(sp.csr_matrix((0, 0))).shape == (0,)


def test_max_iter_cap_returns_a_distribution_without_raising():
    graph = random_graph(np.random.default_rng(3), 25, 0.2, symmetric=False)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        oracle_digraph = nx.from_scipy_sparse_array(sp.csr_array(graph), create_using=nx.DiGraph)
        nx.pagerank(oracle_digraph, max_iter=1, tol=1e-15)
    result = pagerank(graph, max_iter=1, tol=1e-15)
    assert result.shape == (25,)
    assert result.sum() == pytest.approx(1.0)
    assert np.all(result >= 0)
    converged = pagerank(graph, max_iter=1000, tol=1e-15)
    assert not np.allclose(result, converged, atol=1e-9)  # it really stopped early


def test_symmetric_star_ranks_the_centre_first():
    centre_edges = [(0, k) for k in range(1, 6)]
    rows = [a for a, b in centre_edges] + [b for a, b in centre_edges]
    cols = [b for a, b in centre_edges] + [a for a, b in centre_edges]
    graph = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(6, 6))
    result = pagerank(graph)
    assert int(np.argmax(result)) == 0
    np.testing.assert_allclose(result[1:], result[1])


def test_similarity_graph_is_cosine_without_self_loops():
    vectors = sp.csr_matrix(
        np.array([[1.0, 0.0], [np.sqrt(0.5), np.sqrt(0.5)], [0.0, 1.0], [0.0, 0.0]])
    )
    graph = similarity_graph(vectors)
    dense = graph.toarray()
    np.testing.assert_allclose(dense, dense.T)
    assert np.all(np.diag(dense) == 0)
    assert dense[0, 1] == pytest.approx(np.sqrt(0.5))
    assert dense[0, 2] == 0.0
    assert not dense[3].any()
    assert graph.nnz == 4  # 0–1 and 1–2, both directions; zeros not stored


def test_similarity_threshold_drops_weak_edges():
    vectors = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    graph = similarity_graph(vectors, threshold=0.7)
    dense = graph.toarray()
    assert dense[0, 1] == 0.0  # 0.6 <= 0.7
    assert dense[1, 2] == pytest.approx(0.8)
    assert graph.nnz == 2


def test_similarity_graph_of_zero_columns():
    graph = similarity_graph(sp.csr_matrix((3, 0)))
    assert graph.shape == (3, 3)
    assert graph.nnz == 0
    np.testing.assert_allclose(pagerank(graph), np.full(3, 1 / 3))


def dense_cosine(vectors: np.ndarray) -> np.ndarray:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def random_unit_rows(rng: np.random.Generator, n: int, dim: int) -> sp.csr_matrix:
    matrix = sp.random(n, dim, density=0.3, random_state=rng, format="csr")
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)


def test_short_documents_get_the_exact_graph():
    vectors = random_unit_rows(np.random.default_rng(11), 30, 12)
    exact = dense_cosine(vectors.toarray())
    np.testing.assert_allclose(similarity_graph(vectors, max_neighbors=29).toarray(), exact)
    np.testing.assert_allclose(similarity_graph(vectors, max_neighbors=None).toarray(), exact)


@pytest.mark.parametrize("block_entries", [4_000_000, 37])
def test_long_documents_get_a_symmetric_nearest_neighbour_graph(monkeypatch, block_entries):
    import summarize.rank as rank_module

    monkeypatch.setattr(rank_module, "BLOCK_ENTRIES", block_entries)  # many small blocks
    k = 4
    vectors = random_unit_rows(np.random.default_rng(12), 40, 10)
    exact = dense_cosine(vectors.toarray())
    graph = similarity_graph(vectors, max_neighbors=k).toarray()
    np.testing.assert_allclose(graph, graph.T)
    assert 0 < np.count_nonzero(graph) < np.count_nonzero(exact)  # pruned, not emptied
    for i in range(40):
        kth = np.sort(exact[i])[-k] if (exact[i] > 0).sum() >= k else 0.0
        kept_by_i = (exact[i] >= kth) & (exact[i] > 0)
        # Every edge i keeps is present; every present edge is kept by i or by its other end.
        np.testing.assert_allclose(graph[i][kept_by_i], exact[i][kept_by_i])
        for j in np.flatnonzero(graph[i]):
            kth_j = np.sort(exact[j])[-k] if (exact[j] > 0).sum() >= k else 0.0
            assert exact[i, j] >= kth - 1e-12 or exact[j, i] >= kth_j - 1e-12
            assert graph[i, j] == pytest.approx(exact[i, j])


def test_directed_centrality_is_pacsums_forward_minus_backward_degree():
    rng = np.random.default_rng(5)
    graph = random_graph(rng, 12, 0.4, symmetric=True)
    dense = graph.toarray()
    for backward in (-0.75, 0.0, 0.5):
        expected = [dense[i, i + 1 :].sum() + backward * dense[i, :i].sum() for i in range(12)]
        np.testing.assert_allclose(
            directed_centrality(graph, backward=backward), expected, atol=1e-12
        )


def test_directed_centrality_of_a_chain_favours_the_lead():
    graph = sp.csr_matrix(np.array([[0, 1.0, 1.0], [1.0, 0, 0], [1.0, 0, 0]]))
    result = directed_centrality(graph, backward=-0.75)
    np.testing.assert_allclose(result, [2.0, -0.75, -0.75])


def test_with_priors_formula_and_range():
    centrality = np.array([2.0, -1.0, 0.5, 0.0])
    lengths = np.array([10.0, 3.0, 25.0, 8.0])
    result = with_priors(centrality, lengths, position_weight=0.5, length_weight=-0.3)
    raw = centrality / 2.0 + 0.5 / np.arange(1, 5) - 0.3 * np.log1p(lengths)
    np.testing.assert_allclose(result, (raw - raw.min()) / (raw.max() - raw.min()))
    assert result.min() == 0.0 and result.max() == 1.0


def test_with_priors_edge_cases():
    assert with_priors(np.zeros(0), np.zeros(0), position_weight=0.5, length_weight=-0.3).shape == (
        0,
    )
    flat = with_priors(np.zeros(3), np.full(3, 5.0), position_weight=0.0, length_weight=0.0)
    np.testing.assert_array_equal(flat, [1.0, 1.0, 1.0])
    lead = with_priors(np.zeros(3), np.full(3, 5.0), position_weight=0.5, length_weight=0.0)
    assert list(lead) == sorted(lead, reverse=True) and lead[0] == 1.0
