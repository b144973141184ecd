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
that would make something dense first estimates its size with `helpers.memory` and is refused
above the course's memory budget (1 GB unless changed), before anything is allocated.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from . import memory, validation
from .errors import CourseError

MAX_WINDOW = 20


def dense_ppmi_bytes(rows: int, columns: int) -> int:
    """What `ppmi` of a dense rows × columns count matrix allocates: the joint shares, the PMI,
    its temporary logarithm and the result (float64 each), and the mask of non-zero cells."""
    return memory.estimate(*[((rows, columns), np.float64)] * 4, ((rows, columns), np.bool_))


def check_dense_ppmi(rows: int, columns: int) -> int:
    """The bytes `dense_ppmi_bytes` estimates, or a `MemoryBudgetError` above the course budget."""
    return memory.check_memory(
        dense_ppmi_bytes(rows, columns),
        f"a dense PPMI of a {int(rows):,} × {int(columns):,} count matrix",
        "keep the counts sparse (a SciPy sparse matrix, as cooccurrence_counts returns), or use "
        "a smaller vocabulary (a higher min_count)")


def svd_bytes(rows: int, columns: int, dim: int, dense_input: bool) -> int:
    """What `truncated_svd` allocates: a float32 copy of a dense input, the random start, its
    product and U (rows × (dim + 10) float32 each), and U twice as float64 (kept, and signed)."""
    q = min(dim + 10, min(rows, columns))
    arrays = [((rows, q), np.float32)] * 3 + [((rows, dim), np.float64)] * 2
    if dense_input:
        arrays.append(((rows, columns), np.float32))
    return memory.estimate(*arrays)


# --------------------------------------------------------------------------- counting
def _check_window(window) -> int:
    return validation.whole_number(window, "window", 1, MAX_WINDOW, between=True)


def cooccurrence_counts(encoded: Sequence[Sequence[int]], vocab_size: int, window: int = 5,
                        weighting: str = "flat") -> sp.csr_matrix:
    """A sparse V × V matrix: entry (i, j) counts word j within `window` words of word i.

    `encoded` is the corpus as lists of word IDs (words outside the vocabulary already dropped,
    e.g. by `helpers.sgns.encode`); windows do not cross sentence ends. The matrix is symmetric.
    `weighting="flat"` counts every neighbour as 1; `"harmonic"` counts a word d places away as
    1/d (near words weigh more, like Word2Vec's shrinking window and GloVe's weighting).
    """
    window = _check_window(window)
    vocab_size = validation.whole_number(vocab_size, "vocab_size", low=2)
    weighting = validation.choice(weighting, "weighting", ("flat", "harmonic"))
    if isinstance(encoded, (str, bytes)):
        raise CourseError("encoded must be the corpus as lists of word IDs "
                          "(helpers.sgns.encode), not a string")
    lengths = np.array([len(s) for s in encoded], dtype=np.int64)
    if lengths.sum() < 2:
        raise CourseError("the corpus has fewer than 2 known words, so nothing co-occurs: "
                          "give more text or a lower min_count")
    ids = np.fromiter((w for s in encoded for w in s), dtype=np.int64, count=int(lengths.sum()))
    if ids.min() < 0 or ids.max() >= vocab_size:
        raise CourseError(f"encoded: word IDs must be between 0 and vocab_size − 1 = {vocab_size - 1}, "
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
    alpha = validation.number(alpha, "alpha", 0.0, 1.0, low_open=True,
                              why=" (it smooths the context counts; Word2Vec uses 0.75)")
    shape = validation.shape_of(counts)
    if not sp.issparse(counts) and shape is not None and len(shape) == 2:
        check_dense_ppmi(*shape)     # before converting anything
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

    dim = validation.whole_number(dim, "dim", low=1)
    niter = validation.whole_number(niter, "niter", 0, 20, between=True)
    seed = validation.seed(seed)
    shape = matrix.shape if sp.issparse(matrix) else np.shape(matrix)
    if len(shape) != 2:
        raise CourseError(f"matrix must be 2-D (rows × columns), got shape {tuple(shape)}")
    if dim >= min(shape):
        raise CourseError(f"dim must be smaller than the matrix's smaller side "
                          f"({min(shape)}), got {dim}")
    memory.check_memory(svd_bytes(shape[0], shape[1], dim, not sp.issparse(matrix)),
                        f"a truncated SVD of a {int(shape[0]):,} × {int(shape[1]):,} matrix "
                        f"with dim={dim}",
                        "give the matrix fewer rows (a smaller vocabulary), or a smaller dim")
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
    power = validation.number(power, "power", 0.0, 1.0,
                              why=" (it weights the singular values, S^power)")
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
