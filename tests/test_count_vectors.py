"""Counting word vectors: co-occurrence counts, PPMI, truncated SVD, and the memory guard."""
import numpy as np
import pytest
import scipy.sparse as sp

from helpers import count_vectors as cv
from helpers.errors import CourseError


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


def test_memory_guard_refuses_before_allocating():
    assert cv.dense_bytes((1000, 1000)) == 8_000_000
    assert cv.dense_bytes((10, 10), np.float32) == 400
    with pytest.raises(CourseError, match="723 MiB"):
        cv.check_dense_size((9_733, 9_733), what="the PPMI matrix")
    assert cv.check_dense_size((100, 100)) == 80_000
    # an empty sparse matrix with 3 million rows: the SVD's dense working matrix would be
    # 3,000,000 × 29 float32 (332 MiB), refused before anything is allocated
    tall = sp.csr_matrix((3_000_000, 20))
    with pytest.raises(CourseError, match="332 MiB"):
        cv.truncated_svd(tall, dim=19)


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
