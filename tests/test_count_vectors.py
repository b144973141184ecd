"""Counting word vectors: co-occurrence counts, PPMI, truncated SVD, and the memory guard."""
import re

import numpy as np
import pytest
import scipy.sparse as sp

from helpers import count_vectors as cv
from helpers.errors import CourseError, MemoryBudgetError


def loop_counts(encoded, size, window, harmonic=False):
    counts = np.zeros((size, size))
    for sentence in encoded:
        for i, word in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i:
                    counts[word, sentence[j]] += 1.0 / abs(i - j) if harmonic else 1.0
    return counts


def reference_ppmi(counts, alpha=1.0):
    counts = np.asarray(counts, dtype=float)
    total = counts.sum()
    p_row = counts.sum(1) / total
    col = counts.sum(0) ** alpha
    p_col = col / col.sum()
    out = np.zeros_like(counts)
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            if counts[i, j] > 0:
                out[i, j] = max(0.0, np.log(counts[i, j] / total / (p_row[i] * p_col[j])))
    return out


@pytest.mark.parametrize("window", [1, 2, 5])
@pytest.mark.parametrize("weighting", ["flat", "harmonic"])
def test_counts_match_plain_loops(window, weighting):
    rng = np.random.default_rng(window)
    encoded = [list(rng.integers(0, 7, size=n)) for n in (1, 4, 9, 3)]
    got = cv.cooccurrence_counts(encoded, 7, window, weighting)
    expected = loop_counts(encoded, 7, window, weighting == "harmonic")
    assert sp.issparse(got)
    np.testing.assert_allclose(got.toarray(), expected)
    np.testing.assert_allclose(got.toarray(), got.toarray().T)


def test_windows_do_not_cross_sentences():
    got = cv.cooccurrence_counts([[0, 1], [2, 3]], 4, window=3).toarray()
    assert got[1, 2] == 0 and got[0, 1] == 1 and got[2, 3] == 1


def test_count_input_is_checked():
    with pytest.raises(CourseError, match="window"):
        cv.cooccurrence_counts([[0, 1]], 2, window=0)
    with pytest.raises(CourseError, match="between 0 and vocab_size"):
        cv.cooccurrence_counts([[0, 5]], 3, window=1)
    with pytest.raises(CourseError, match="fewer than 2"):
        cv.cooccurrence_counts([[0]], 3, window=1)
    with pytest.raises(CourseError, match="weighting"):
        cv.cooccurrence_counts([[0, 1]], 2, window=1, weighting="gaussian")


@pytest.mark.parametrize("alpha", [1.0, 0.75])
def test_ppmi_dense_and_sparse_match_the_formula(alpha):
    rng = np.random.default_rng(1)
    counts = rng.poisson(1.0, size=(6, 5)).astype(float)
    counts[0, 0] += 2
    expected = reference_ppmi(counts, alpha)
    np.testing.assert_allclose(cv.ppmi(counts, alpha), expected, atol=1e-12)
    sparse = cv.ppmi(sp.csr_matrix(counts), alpha)
    assert sp.issparse(sparse)
    np.testing.assert_allclose(sparse.toarray(), expected, atol=1e-12)
    assert (sparse.data > 0).all()          # only positive cells are stored


def test_ppmi_smoothing_lowers_rare_context_pmi():
    counts = np.array([[10.0, 1.0], [1.0, 0.0]])
    plain, smoothed = cv.ppmi(counts, 1.0), cv.ppmi(counts, 0.5)
    # alpha < 1 gives the rare context more probability, so its PMI shrinks
    assert smoothed[0, 1] < plain[0, 1] or plain[0, 1] == 0
    assert smoothed[1, 1] == 0 and plain[1, 1] == 0


def test_ppmi_bad_input():
    with pytest.raises(CourseError, match="all zeros"):
        cv.ppmi(np.zeros((3, 3)))
    with pytest.raises(CourseError, match="≥ 0"):
        cv.ppmi(np.array([[1.0, -1.0], [0.0, 2.0]]))
    with pytest.raises(CourseError, match="alpha"):
        cv.ppmi(np.ones((2, 2)), alpha=0)
    with pytest.raises(CourseError, match="2-D"):
        cv.ppmi(np.ones(4))


def test_memory_guard_refuses_before_allocating(monkeypatch):
    from helpers import memory

    monkeypatch.delenv(memory.ENV_VARIABLE, raising=False)
    memory.set_memory_budget(None)
    # a dense PPMI: four float64 V × V matrices and a boolean mask, 33 bytes a cell
    assert cv.dense_ppmi_bytes(1000, 1000) == 33_000_000
    assert cv.check_dense_ppmi(100, 100) == 330_000
    with pytest.raises(MemoryBudgetError, match="9,733 × 9,733.*3.13 GB"):
        cv.check_dense_ppmi(9_733, 9_733)
    with pytest.raises(MemoryBudgetError, match="memory budget"):
        cv.ppmi(np.ones((6_000, 6_000), dtype=np.float32))   # 144 MB given, 1.19 GB needed
    # an empty sparse matrix with 5 million rows: the SVD's dense working arrays (3 × 5M × 20
    # float32 and 2 × 5M × 19 float64) would take 2.72 GB, refused before anything is allocated
    tall = sp.csr_matrix((5_000_000, 20))
    assert cv.svd_bytes(5_000_000, 20, 19, dense_input=False) == 3 * 5_000_000 * 20 * 4 \
        + 2 * 5_000_000 * 19 * 8
    with pytest.raises(MemoryBudgetError, match="5,000,000 × 20 matrix with dim=19"):
        cv.truncated_svd(tall, dim=19)
    # the budget is the course's one budget: raising it lets the estimate pass
    try:
        memory.set_memory_budget("4 GB")
        assert cv.check_dense_ppmi(9_733, 9_733) == 33 * 9_733 ** 2
    finally:
        memory.set_memory_budget(None)


def test_truncated_svd_matches_numpy_on_a_low_rank_matrix():
    rng = np.random.default_rng(0)
    low_rank = rng.normal(size=(60, 4)) @ np.diag([9.0, 5.0, 3.0, 1.0]) @ rng.normal(size=(4, 50))
    u, s = cv.truncated_svd(sp.csr_matrix(low_rank), dim=4, niter=4, seed=0)
    expected = np.linalg.svd(low_rank, compute_uv=False)[:4]
    np.testing.assert_allclose(s, expected, rtol=1e-3)
    assert u.shape == (60, 4)
    np.testing.assert_allclose(u.T @ u, np.eye(4), atol=1e-4)     # orthonormal columns
    biggest = np.abs(u).argmax(axis=0)
    assert (u[biggest, range(4)] > 0).all()                      # sign convention
    again_u, again_s = cv.truncated_svd(sp.csr_matrix(low_rank), dim=4, niter=4, seed=0)
    assert np.array_equal(u, again_u) and np.array_equal(s, again_s)


def test_weighting_and_svd_errors():
    u, s = np.eye(3)[:, :2], np.array([4.0, 1.0])
    np.testing.assert_allclose(cv.weight_singular_values(u, s, 0.5)[:2, :2], np.diag([2.0, 1.0]))
    np.testing.assert_allclose(cv.weight_singular_values(u, s, 0), u)
    with pytest.raises(CourseError, match="power"):
        cv.weight_singular_values(u, s, 2)
    with pytest.raises(CourseError, match="smaller than"):
        cv.truncated_svd(np.ones((5, 5)), dim=5)
    with pytest.raises(CourseError, match="dim"):
        cv.truncated_svd(np.ones((5, 5)), dim=0)
    with pytest.raises(CourseError, match="power"):
        cv.svd_vectors(np.ones((5, 5)), dim=2, power=-1)


def test_count_vectors_find_the_toy_groups():
    from helpers.data import load_toy_corpus
    from helpers.sgns import build_vocabulary, group_separation

    toy = load_toy_corpus()
    result = cv.count_vectors(toy, min_count=1, window=2, dim=10)
    assert result.vectors.shape == (len(result.words), 10)
    assert result.counts.nnz > 0 and result.ppmi.nnz <= result.counts.nnz
    separation = group_separation(build_vocabulary(toy, 1), result.vectors)
    assert separation > 0.3, separation
    np.testing.assert_allclose(result.weighted(0.5), result.vectors)


# --------------------------------------------------------------------------- bad input
_EYE = sp.identity(6, format="csr")


@pytest.mark.parametrize("call, argument", [
    (lambda: cv.cooccurrence_counts([[0, 1]], 3, window=0), "window"),
    (lambda: cv.cooccurrence_counts([[0, 1]], 3, window=2.0), "window"),
    (lambda: cv.cooccurrence_counts([[0, 1]], True), "vocab_size"),
    (lambda: cv.cooccurrence_counts([[0, 1]], 3, weighting="gaussian"), "weighting"),
    (lambda: cv.cooccurrence_counts("0 1", 3), "encoded"),
    (lambda: cv.ppmi(np.ones((2, 2)), alpha="0.75"), "alpha"),
    (lambda: cv.ppmi(np.ones((2, 2)), alpha=1.5), "alpha"),
    (lambda: cv.truncated_svd(_EYE, dim=0), "dim"),
    (lambda: cv.truncated_svd(_EYE, dim=2, niter=21), "niter"),
    (lambda: cv.truncated_svd(_EYE, dim=2, seed=-1), "seed"),
    (lambda: cv.truncated_svd(np.ones(4), dim=2), "matrix"),
    (lambda: cv.weight_singular_values(np.ones((3, 2)), np.ones(2), power=1.5), "power"),
    (lambda: cv.svd_vectors(_EYE, dim=2, power=None), "power"),
])
def test_bad_input_is_refused_naming_the_argument(call, argument):
    with pytest.raises(CourseError) as error:
        call()
    assert re.search(rf"\b{argument}\b", str(error.value)), str(error.value)


def test_numpy_whole_numbers_are_accepted():
    counts = cv.cooccurrence_counts([[0, 1, 2]], np.int64(3), window=np.int32(1))
    assert counts.shape == (3, 3) and counts.sum() == 4
