"""Word vectors by counting: a co-occurrence matrix, PPMI, and a truncated SVD.

The "count" family of word vectors, before Word2Vec (and, as Levy, Goldberg & Dagan showed in
2015, just as good when its knobs are set alike):

1. `cooccurrence_counts(encoded, vocab_size, window)`: how often word j appears within `window`
   words of word i, as a sparse V × V matrix (optionally weighted 1/distance, as GloVe does).
2. `ppmi(counts, alpha)`: positive pointwise mutual information,
   max(0, log P(i, j) / (P(i) P(j))): how much more often two words meet than chance predicts.
   `alpha` < 1 smooths the context distribution (P(j) ∝ count^alpha), the same 0.75 as
   Word2Vec's negative-sampling distribution.
3. `truncated_svd(matrix, dim)` → (U, S), and `weight_singular_values(U, S, power)`:
   U · S^power, dense vectors of `dim` numbers per word (`svd_vectors` does both).

Compute only (NumPy / SciPy sparse): no plotting here. The V × V matrices stay sparse; any step
that would make something dense first estimates its size and refuses above `MAX_DENSE_BYTES`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from .errors import CourseError

MAX_DENSE_BYTES = 200 * 2**20   # 200 MiB: the most any dense array here may take
MAX_WINDOW = 20


def dense_bytes(shape: Sequence[int], dtype=np.float64) -> int:
    """How many bytes a dense array of `shape` and `dtype` needs."""
    return int(np.prod([int(n) for n in shape], dtype=np.int64)) * np.dtype(dtype).itemsize


def check_dense_size(shape: Sequence[int], dtype=np.float64, what: str = "this array",
                     limit: int = MAX_DENSE_BYTES) -> int:
    """The bytes of a dense array of `shape`, or a `CourseError` if it is above `limit`."""
    size = dense_bytes(shape, dtype)
    if size > limit:
        raise CourseError(
            f"{what} would be a dense {' × '.join(f'{n:,}' for n in shape)} array of "
            f"{size / 2**20:,.0f} MiB, more than the {limit / 2**20:,.0f} MiB allowed: keep it "
            "sparse, or use a smaller vocabulary (a higher min_count)")
    return size


# --------------------------------------------------------------------------- counting
def _check_window(window) -> int:
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool):
        raise CourseError(f"window must be a whole number of words, got {window!r}")
    if not 1 <= window <= MAX_WINDOW:
        raise CourseError(f"window must be between 1 and {MAX_WINDOW} words, got {window}")
    return int(window)


def cooccurrence_counts(encoded: Sequence[Sequence[int]], vocab_size: int, window: int = 5,
                        weighting: str = "flat") -> sp.csr_matrix:
    """A sparse V × V matrix: entry (i, j) counts word j within `window` words of word i.

    `encoded` is the corpus as lists of word IDs (words outside the vocabulary already dropped,
    e.g. by `helpers.sgns.encode`); windows do not cross sentence ends. The matrix is symmetric.
    `weighting="flat"` counts every neighbour as 1; `"harmonic"` counts a word d places away as
    1/d (near words weigh more, like Word2Vec's shrinking window and GloVe's weighting).
    """
    window = _check_window(window)
    if not isinstance(vocab_size, (int, np.integer)) or isinstance(vocab_size, bool) \
            or vocab_size < 2:
        raise CourseError(f"vocab_size must be a whole number ≥ 2, got {vocab_size!r}")
    if weighting not in ("flat", "harmonic"):
        raise CourseError(f"weighting is 'flat' or 'harmonic', got {weighting!r}")
    if isinstance(encoded, (str, bytes)):
        raise CourseError("give the corpus as lists of word IDs (helpers.sgns.encode), "
                          "not a string")
    lengths = np.array([len(s) for s in encoded], dtype=np.int64)
    if lengths.sum() < 2:
        raise CourseError("the corpus has fewer than 2 known words, so nothing co-occurs: "
                          "give more text or a lower min_count")
    ids = np.fromiter((w for s in encoded for w in s), dtype=np.int64, count=int(lengths.sum()))
    if ids.min() < 0 or ids.max() >= vocab_size:
        raise CourseError(f"word IDs must be between 0 and vocab_size − 1 = {vocab_size - 1}, "
                          f"got {int(ids.min())}…{int(ids.max())}")
    sentence_of = np.repeat(np.arange(len(lengths)), lengths)
    total = sp.csr_matrix((vocab_size, vocab_size))
    # one distance at a time, so only one distance's pairs are ever in memory (all ten at once
    # took about 500 MB on the bundled corpus)
    for d in range(1, window + 1):
        same = sentence_of[:-d] == sentence_of[d:]
        left, right = ids[:-d][same], ids[d:][same]
        weight = 1.0 if weighting == "flat" else 1.0 / d
        rows = np.concatenate([left, right]).astype(np.int32)
        cols = np.concatenate([right, left]).astype(np.int32)
        data = np.full(len(rows), weight)
        # coo → csr sums the duplicate (i, j) entries: that is the counting
        total = total + sp.coo_matrix((data, (rows, cols)), shape=(vocab_size, vocab_size)).tocsr()
    return total.tocsr()


# --------------------------------------------------------------------------- PPMI
def _as_counts(counts):
    if sp.issparse(counts):
        matrix = sp.csr_matrix(counts, dtype=np.float64)
        values = matrix.data
    else:
        matrix = np.asarray(counts, dtype=np.float64)
        values = matrix
    if matrix.ndim != 2:
        raise CourseError(f"counts must be a 2-D matrix (words × contexts), got shape "
                          f"{matrix.shape}")
    if values.size and (not np.all(np.isfinite(values)) or values.min() < 0):
        raise CourseError("counts must be finite and ≥ 0 (they are co-occurrence counts)")
    if matrix.sum() <= 0:
        raise CourseError("the count matrix is all zeros: nothing co-occurs, so there is no "
                          "PPMI to compute")
    return matrix


def ppmi(counts, alpha: float = 1.0):
    """Positive PMI of a count matrix: max(0, log(P(i, j) / (P(i) · P_alpha(j)))).

    P(i, j) = count(i, j) / total; P(i) = row sum / total; P_alpha(j) = column sum^alpha,
    normalised to sum to 1 (alpha = 1: the plain column share; 0.75: rare contexts weigh a
    little more, which removes PMI's bias towards rare words). Zero counts give 0, never −∞.
    Sparse in → sparse out (same non-zero pattern or fewer); dense in → dense out.
    """
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.floating)) \
            or not 0 < alpha <= 1:
        raise CourseError(f"alpha smooths the context counts and must be in (0, 1], "
                          f"got {alpha!r}")
    matrix = _as_counts(counts)
    total = matrix.sum()
    row = np.asarray(matrix.sum(axis=1)).ravel() / total
    col = np.asarray(matrix.sum(axis=0)).ravel() ** alpha
    col = col / col.sum()
    if sp.issparse(matrix):
        coo = matrix.tocoo()
        keep = coo.data > 0
        i, j = coo.row[keep], coo.col[keep]
        values = np.log(coo.data[keep] / total) - np.log(row[i]) - np.log(col[j])
        positive = values > 0
        return sp.csr_matrix((values[positive], (i[positive], j[positive])),
                             shape=matrix.shape)
    check_dense_size(matrix.shape, what="the PPMI matrix")
    out = np.zeros_like(matrix)
    nz = matrix > 0
    joint = matrix / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(joint) - np.log(row)[:, None] - np.log(col)[None, :]
    out[nz] = np.maximum(pmi[nz], 0.0)
    return out


# --------------------------------------------------------------------------- SVD
def _to_torch(matrix):
    """A float32 torch tensor (sparse CSR for a SciPy sparse matrix) of a 2-D matrix."""
    import warnings

    import torch

    if sp.issparse(matrix):
        csr = sp.csr_matrix(matrix, dtype=np.float32)
        with warnings.catch_warnings():  # "sparse CSR support is in beta": it works for matmul
            warnings.simplefilter("ignore", UserWarning)
            return torch.sparse_csr_tensor(torch.from_numpy(csr.indptr.astype(np.int64)),
                                           torch.from_numpy(csr.indices.astype(np.int64)),
                                           torch.from_numpy(csr.data), size=csr.shape)
    return torch.from_numpy(np.ascontiguousarray(matrix, dtype=np.float32))


def truncated_svd(matrix, dim: int = 100, niter: int = 2, seed: int = 0):
    """The top `dim` singular values S and left singular vectors U of a (sparse) matrix.

    Uses `torch.svd_lowrank` (randomized SVD, Halko, Martinsson & Tropp 2011: multiply by a
    random matrix, `niter` power iterations, then an exact SVD of a small matrix) on a sparse
    tensor, seeded and on one thread, so a run gives the same vectors every time. Each column
    of U gets the sign that makes its largest entry positive (an SVD's signs are arbitrary).
    Returns NumPy arrays: U of shape (rows, dim), S of shape (dim,), largest first.
    """
    import torch

    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool) or dim < 1:
        raise CourseError(f"dim is the number of dimensions to keep, a whole number ≥ 1; "
                          f"got {dim!r}")
    if not isinstance(niter, (int, np.integer)) or isinstance(niter, bool) or \
            not 0 <= niter <= 20:
        raise CourseError(f"niter is the number of power iterations, 0 to 20; got {niter!r}")
    shape = matrix.shape if sp.issparse(matrix) else np.shape(matrix)
    if len(shape) != 2:
        raise CourseError(f"expected a 2-D matrix, got shape {tuple(shape)}")
    if dim >= min(shape):
        raise CourseError(f"dim must be smaller than the matrix's smaller side "
                          f"({min(shape)}), got {dim}")
    if not sp.issparse(matrix):
        check_dense_size(shape, np.float32, what="the matrix to decompose")
    # the random start (rows × (dim + 10)) and U are the dense parts: estimate before making them
    check_dense_size((max(shape), dim + 10), np.float32, what="the SVD's working matrix")
    tensor = _to_torch(matrix)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)   # one thread: same numbers every run, and fast enough here
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            u, s, _ = torch.svd_lowrank(tensor, q=min(dim + 10, min(shape)), niter=int(niter))
    finally:
        torch.set_num_threads(threads)
    u, s = u[:, :dim].double().numpy(), s[:dim].double().numpy()
    biggest = np.abs(u).argmax(axis=0)
    u = u * np.sign(u[biggest, np.arange(u.shape[1])])
    return u, s


def weight_singular_values(u, s, power: float = 0.5) -> np.ndarray:
    """Word vectors U · S^power: 1 is the classic U·S; 0.5 and 0 often do better on similarity."""
    if isinstance(power, bool) or not isinstance(power, (int, float, np.floating)) \
            or not 0 <= power <= 1:
        raise CourseError(f"power weights the singular values (S^power), between 0 and 1; "
                          f"got {power!r}")
    u, s = np.asarray(u, dtype=float), np.asarray(s, dtype=float)
    if u.ndim != 2 or s.shape != (u.shape[1],):
        raise CourseError(f"U must be rows × k and S must hold k values, got shapes {u.shape} "
                          f"and {s.shape}")
    return u * s ** power


def svd_vectors(matrix, dim: int = 100, power: float = 0.5, seed: int = 0,
                niter: int = 2) -> np.ndarray:
    """Dense word vectors from a truncated SVD: U · S^power, shape (rows, dim)."""
    weight_singular_values(np.zeros((1, 1)), np.ones(1), power)   # check power before the work
    u, s = truncated_svd(matrix, dim, niter, seed)
    return weight_singular_values(u, s, power)


# --------------------------------------------------------------------------- the whole recipe
@dataclass
class CountVectors:
    """What `count_vectors` returns: the words, their dense vectors and the matrices behind."""
    words: list[str]
    vectors: np.ndarray             # V × dim
    counts: sp.csr_matrix           # V × V co-occurrence counts
    ppmi: sp.csr_matrix             # V × V PPMI
    u: np.ndarray                   # V × dim left singular vectors
    s: np.ndarray                   # dim singular values, largest first
    settings: dict

    def weighted(self, power: float) -> np.ndarray:
        """The same SVD with another weighting U · S^power (no new decomposition needed)."""
        return weight_singular_values(self.u, self.s, power)

    @property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}


def count_vectors(sentences, min_count: int = 5, window: int = 5, dim: int = 100,
                  alpha: float = 0.75, power: float = 0.5, weighting: str = "flat",
                  seed: int = 0) -> CountVectors:
    """Counts → PPMI → SVD on a tokenized corpus, with Word2Vec's vocabulary rule (min_count)."""
    from .sgns import build_vocabulary, encode

    vocab = build_vocabulary(sentences, min_count)
    counts = cooccurrence_counts(encode(sentences, vocab), len(vocab), window, weighting)
    weighted = ppmi(counts, alpha)
    u, s = truncated_svd(weighted, dim, seed=seed)
    return CountVectors(list(vocab.words), weight_singular_values(u, s, power), counts, weighted,
                        u, s,
                        dict(min_count=min_count, window=window, dim=dim, alpha=alpha,
                             power=power, weighting=weighting, seed=seed))
